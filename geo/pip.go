package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// boundaryEps is how close, in degrees, a point must be to an edge to count
// as on the boundary (about a tenth of a millimetre).
const boundaryEps = 1e-9

// ringIndex answers point-in-ring queries in close to constant time by
// bucketing the ring's edges into horizontal bands: a ray cast along +x from
// a point only meets edges in the point's band.
type ringIndex struct {
	pts         []orb.Point // closed: pts[0] == pts[len-1]
	minY, bandH float64
	bands       [][]int32 // edge i runs from pts[i] to pts[i+1]
	bound       orb.Bound
}

func newRingIndex(r orb.Ring) *ringIndex {
	pts := []orb.Point(r)
	if len(pts) > 0 && pts[0] != pts[len(pts)-1] {
		pts = append(append([]orb.Point(nil), pts...), pts[0])
	}
	ri := &ringIndex{pts: pts, bound: orb.Ring(pts).Bound()}
	edges := len(pts) - 1
	if edges < 1 {
		return ri
	}
	n := edges/2 + 1
	ri.minY = ri.bound.Min[1]
	height := ri.bound.Max[1] - ri.bound.Min[1]
	if height <= 0 {
		n = 1
		height = 1
	}
	ri.bandH = height / float64(n)
	ri.bands = make([][]int32, n)
	for i := 0; i < edges; i++ {
		a, b := pts[i], pts[i+1]
		lo, hi := ri.band(math.Min(a[1], b[1])), ri.band(math.Max(a[1], b[1]))
		for k := lo; k <= hi; k++ {
			ri.bands[k] = append(ri.bands[k], int32(i))
		}
	}
	return ri
}

func (ri *ringIndex) band(y float64) int {
	k := int((y - ri.minY) / ri.bandH)
	if k < 0 {
		return 0
	}
	if k >= len(ri.bands) {
		return len(ri.bands) - 1
	}
	return k
}

// locate reports whether p is strictly inside the ring, or on its boundary.
func (ri *ringIndex) locate(p orb.Point) (inside, boundary bool) {
	if len(ri.bands) == 0 || !expanded(ri.bound).Contains(p) {
		return false, false
	}
	x, y := p[0], p[1]
	// Edges within boundaryEps of p may sit in a neighbouring band.
	lo, hi := ri.band(y-boundaryEps), ri.band(y+boundaryEps)
	for k := lo; k <= hi; k++ {
		for _, i := range ri.bands[k] {
			if onSegment(p, ri.pts[i], ri.pts[i+1]) {
				return false, true
			}
		}
	}
	for _, i := range ri.bands[ri.band(y)] {
		a, b := ri.pts[i], ri.pts[i+1]
		if (a[1] > y) != (b[1] > y) {
			xi := a[0] + (y-a[1])*(b[0]-a[0])/(b[1]-a[1])
			if x < xi {
				inside = !inside
			}
		}
	}
	return inside, false
}

func expanded(b orb.Bound) orb.Bound {
	return orb.Bound{
		Min: orb.Point{b.Min[0] - boundaryEps, b.Min[1] - boundaryEps},
		Max: orb.Point{b.Max[0] + boundaryEps, b.Max[1] + boundaryEps},
	}
}

// onSegment reports whether p lies within boundaryEps of segment ab.
func onSegment(p, a, b orb.Point) bool {
	if p[0] < math.Min(a[0], b[0])-boundaryEps || p[0] > math.Max(a[0], b[0])+boundaryEps ||
		p[1] < math.Min(a[1], b[1])-boundaryEps || p[1] > math.Max(a[1], b[1])+boundaryEps {
		return false
	}
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		ex, ey := p[0]-a[0], p[1]-a[1]
		return ex*ex+ey*ey <= boundaryEps*boundaryEps
	}
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / l2
	t = math.Max(0, math.Min(1, t))
	ex, ey := p[0]-(a[0]+t*dx), p[1]-(a[1]+t*dy)
	return ex*ex+ey*ey <= boundaryEps*boundaryEps
}

// polygonIndex is one polygon: its outer ring and holes, each indexed.
type polygonIndex struct {
	outer *ringIndex
	holes []*ringIndex
}

func newPolygonIndex(p orb.Polygon) polygonIndex {
	pi := polygonIndex{outer: newRingIndex(p[0])}
	for _, h := range p[1:] {
		pi.holes = append(pi.holes, newRingIndex(h))
	}
	return pi
}

// covers reports whether p is inside the polygon or on any of its rings.
func (pi polygonIndex) covers(p orb.Point) bool {
	in, on := pi.outer.locate(p)
	if on {
		return true
	}
	if !in {
		return false
	}
	for _, h := range pi.holes {
		hin, hon := h.locate(p)
		if hon {
			return true
		}
		if hin {
			return false
		}
	}
	return true
}

// Covers reports whether the Polygon or MultiPolygon g covers p, boundary
// included. Holes are excluded, their edges included. It answers false for a
// non-finite point, an empty geometry and any other geometry type.
func Covers(g orb.Geometry, p orb.Point) bool {
	for _, pi := range polygonsOf(g) {
		if pi.covers(p) {
			return true
		}
	}
	return false
}

// polygonsOf indexes the non-empty polygons of g.
func polygonsOf(g orb.Geometry) []polygonIndex {
	var out []polygonIndex
	switch g := g.(type) {
	case orb.Polygon:
		if len(g) > 0 && len(g[0]) > 0 {
			out = append(out, newPolygonIndex(g))
		}
	case orb.MultiPolygon:
		for _, p := range g {
			out = append(out, polygonsOf(p)...)
		}
	}
	return out
}
