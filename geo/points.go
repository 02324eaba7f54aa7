package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// Metres per degree of latitude at its smallest (the equator), and of
// longitude at the equator; used only to bound searches, never to measure.
const (
	minMetresPerDegLat = 110574.0
	maxMetresPerDegLon = 111320.0
)

// Points is a set of lon/lat points, numbered by their position in the slice
// given to NewPoints, that can be searched by geodesic radius and for the
// nearest member. Safe for concurrent readers once built.
type Points struct {
	tree rtree.RTreeG[int32]
	pts  []orb.Point
}

// NewPoints indexes pts; points that are not Valid are kept out of every answer.
func NewPoints(pts []orb.Point) *Points {
	ps := &Points{pts: pts}
	for i, p := range pts {
		if Valid(p) {
			ps.tree.Insert([2]float64(p), [2]float64(p), int32(i))
		}
	}
	return ps
}

// Len is the number of points given, valid or not.
func (ps *Points) Len() int { return len(ps.pts) }

// Point is the i-th point.
func (ps *Points) Point(i int) orb.Point { return ps.pts[i] }

// SearchBound is a lon/lat box sure to hold every point within metres of c.
func SearchBound(c orb.Point, metres float64) orb.Bound {
	dLat := metres/minMetresPerDegLat*1.01 + 1e-9
	maxLat := math.Min(90, math.Abs(c[1])+dLat)
	cos := math.Cos(maxLat * math.Pi / 180)
	dLon := 180.0
	if cos > 1e-6 {
		dLon = math.Min(180, metres/(maxMetresPerDegLon*cos)*1.01+1e-9)
	}
	return orb.Bound{Min: orb.Point{c[0] - dLon, c[1] - dLat}, Max: orb.Point{c[0] + dLon, c[1] + dLat}}
}

// Within calls fn for every point within metres (geodesic, inclusive) of c,
// with its number and distance, until fn returns false. Searches do not wrap
// across the antimeridian.
func (ps *Points) Within(c orb.Point, metres float64, fn func(i int, d float64) bool) {
	if !Valid(c) || math.IsNaN(metres) || metres < 0 {
		return
	}
	b := SearchBound(c, metres)
	ps.tree.Search([2]float64(b.Min), [2]float64(b.Max), func(_, _ [2]float64, i int32) bool {
		d := Distance(c, ps.pts[i])
		if d <= metres {
			return fn(int(i), d)
		}
		return true
	})
}

// Nearest is the point closest to c (geodesic) among those for which keep
// returns true (all when keep is nil), with its distance; -1 when none.
// Ties go to the lower number.
func (ps *Points) Nearest(c orb.Point, keep func(i int) bool) (best int, dist float64) {
	best, dist = -1, math.Inf(1)
	if !Valid(c) {
		return best, dist
	}
	for r := 10_000.0; r < 4.1e7; r *= 4 {
		ps.Within(c, r, func(i int, d float64) bool {
			if (keep == nil || keep(i)) && (d < dist || d == dist && i < best) {
				best, dist = i, d
			}
			return true
		})
		if best >= 0 {
			return best, dist
		}
	}
	return best, dist
}

// Near calls fn for every point within metres (geodesic, inclusive) of c,
// until fn returns false. It answers exactly as Within does, but decides
// most points with a great-circle distance and a margin wider than the
// sphere's worst error against the ellipsoid, computing the geodesic only
// for points close to the circle's edge.
func (ps *Points) Near(c orb.Point, metres float64, fn func(i int) bool) {
	if !Valid(c) || math.IsNaN(metres) || metres < 0 {
		return
	}
	b := SearchBound(c, metres)
	lo, hi := metres*(1-sphereMargin), metres*(1+sphereMargin)
	ps.tree.Search([2]float64(b.Min), [2]float64(b.Max), func(_, _ [2]float64, i int32) bool {
		p := ps.pts[i]
		s := sphericalDistance(c, p)
		switch {
		case s > hi:
			return true
		case s < lo || Distance(c, p) <= metres:
			return fn(int(i))
		}
		return true
	})
}

// sphereMargin bounds the relative difference between a great-circle
// distance on the mean-radius sphere and the WGS84 geodesic (under 0.6 %).
const sphereMargin = 0.008

// sphericalDistance is the haversine distance on the sphere of WGS84's mean radius.
func sphericalDistance(a, b orb.Point) float64 {
	const r = 6371008.8
	const rad = math.Pi / 180
	dLat := (b[1] - a[1]) * rad
	dLon := (b[0] - a[0]) * rad
	s1, s2 := math.Sin(dLat/2), math.Sin(dLon/2)
	h := s1*s1 + math.Cos(a[1]*rad)*math.Cos(b[1]*rad)*s2*s2
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
