package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/tidwall/geodesic"
)

// Distance is the geodesic distance in metres between two lon/lat points on
// the WGS84 ellipsoid. It returns NaN when either point is not finite.
func Distance(a, b orb.Point) float64 {
	if !Valid(a) || !Valid(b) {
		return math.NaN()
	}
	var s float64
	geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0], &s, nil, nil)
	return s
}

// DistanceAzimuth is Distance plus the initial azimuth at a, in degrees
// clockwise from north in [-180, 180].
func DistanceAzimuth(a, b orb.Point) (metres, azimuth float64) {
	if !Valid(a) || !Valid(b) {
		return math.NaN(), math.NaN()
	}
	geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0], &metres, &azimuth, nil)
	return metres, azimuth
}

// Destination is the point reached by travelling metres along the geodesic
// that leaves p with the given azimuth (degrees clockwise from north).
func Destination(p orb.Point, azimuth, metres float64) orb.Point {
	var lat, lon float64
	geodesic.WGS84.Direct(p[1], p[0], azimuth, metres, &lat, &lon, nil)
	return orb.Point{lon, lat}
}

// Valid reports whether p is a finite lon/lat pair within [-180,180]×[-90,90].
func Valid(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) &&
		p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

// RingArea is the unsigned geodesic area in square metres enclosed by a ring
// (closed or not) and its geodesic perimeter in metres.
func RingArea(r orb.Ring) (area, perimeter float64) {
	if len(r) < 3 {
		return 0, 0
	}
	poly := geodesic.WGS84.PolygonInit(false)
	n := len(r)
	if r[0] == r[n-1] {
		n--
	}
	for _, p := range r[:n] {
		poly.AddPoint(p[1], p[0])
	}
	poly.Compute(false, true, &area, &perimeter)
	return math.Abs(area), perimeter
}

// Area is the geodesic area in square metres of a Polygon or MultiPolygon:
// each outer ring counts positive and each further ring (a hole) negative.
// Other geometry types have no area.
func Area(g orb.Geometry) float64 {
	switch g := g.(type) {
	case orb.Polygon:
		var total float64
		for i, r := range g {
			a, _ := RingArea(r)
			if i == 0 {
				total += a
			} else {
				total -= a
			}
		}
		return total
	case orb.MultiPolygon:
		var total float64
		for _, p := range g {
			total += Area(p)
		}
		return total
	}
	return 0
}

// Perimeter is the geodesic length in metres of a Polygon's or MultiPolygon's
// outer rings.
func Perimeter(g orb.Geometry) float64 {
	switch g := g.(type) {
	case orb.Polygon:
		if len(g) == 0 {
			return 0
		}
		_, p := RingArea(g[0])
		return p
	case orb.MultiPolygon:
		var total float64
		for _, p := range g {
			total += Perimeter(p)
		}
		return total
	}
	return 0
}

// Circle is the geodesic circle of radius metres around centre as a closed,
// counter-clockwise ring of n segments (n below 8 is raised to 8).
func Circle(centre orb.Point, metres float64, n int) orb.Polygon {
	if n < 8 {
		n = 8
	}
	ring := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		// counter-clockwise in lon/lat means decreasing azimuth.
		az := 360 - float64(i)*360/float64(n)
		ring = append(ring, Destination(centre, az, metres))
	}
	ring = append(ring, ring[0])
	return orb.Polygon{ring}
}
