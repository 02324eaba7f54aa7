package data

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// checkPolygon checks a polygon's rings as carefully as facilities are
// checked: each ring for zero area, crossing the antimeridian, crossing
// itself (a bow-tie) and touching itself; each hole for lying outside its
// shell. where names the polygon ("polygon", "polygon 2").
func (g geomReader) checkPolygon(p orb.Polygon, where string) {
	for i, r := range p {
		rw := fmt.Sprintf("%s ring %d", where, i+1)
		if crossesAntimeridian(r, rw, g) {
			continue
		}
		if collinear(r) {
			g.fail("%s: zero-area ring: its positions lie on one line", rw)
			continue
		}
		if at, ok := selfCrossing(r); ok {
			g.warn("%s: bow-tie: the ring crosses itself near %v; kept as is (inside and outside there follow the even-odd rule), but split it into rings that do not cross", rw, at)
		}
		g.checkSelfTouch(r, rw)
		if i > 0 && len(p[0]) > 0 {
			if out, ok := outsideRing(p[0], r); ok {
				g.fail("%s: hole outside its shell: %v lies outside ring 1", rw, out)
			}
		}
	}
}

// crossesAntimeridian reports (and names) a ring with an edge longer than
// 180° of longitude: one that crosses ±180°, which kepu's planar index
// would read as going the long way round the globe.
func crossesAntimeridian(r orb.Ring, where string, g geomReader) bool {
	for i := 1; i < len(r); i++ {
		if math.Abs(r[i][0]-r[i-1][0]) > 180 {
			g.fail("%s: crosses the antimeridian: the edge from %v to %v spans more than 180° of longitude; split the ring at ±180°", where, r[i-1], r[i])
			return true
		}
	}
	return false
}

// collinear reports whether every position of the ring lies on one line
// (or on one point): a ring with no area.
func collinear(r orb.Ring) bool {
	a := r[0]
	k := 1
	for k < len(r) && r[k] == a {
		k++
	}
	if k == len(r) {
		return true
	}
	b := r[k]
	for _, p := range r[k+1:] {
		if orient(a, b, p) != 0 {
			return false
		}
	}
	return true
}

// selfCrossing finds two edges of a closed ring that cross properly (not
// at a shared vertex): a bow-tie. A sweep over edges sorted by their
// western end keeps it near n log n for real boundaries.
func selfCrossing(r orb.Ring) (orb.Point, bool) {
	n := len(r) - 1 // edges
	if n < 4 {
		return orb.Point{}, false
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	minX := func(e int) float64 { return min(r[e][0], r[e+1][0]) }
	maxX := func(e int) float64 { return max(r[e][0], r[e+1][0]) }
	sort.Slice(idx, func(a, b int) bool { return minX(idx[a]) < minX(idx[b]) })
	for a, e := range idx {
		for _, f := range idx[a+1:] {
			if minX(f) > maxX(e) {
				break
			}
			if adjacent(e, f, n) || !overlapY(r, e, f) {
				continue
			}
			if properCross(r[e], r[e+1], r[f], r[f+1]) {
				return crossing(r[e], r[e+1], r[f], r[f+1]), true
			}
		}
	}
	return orb.Point{}, false
}

// overlapY reports whether edges e and f of r overlap in latitude: edges
// that do not cannot cross (a cheap test before properCross's four orients).
func overlapY(r orb.Ring, e, f int) bool {
	return min(r[f][1], r[f+1][1]) <= max(r[e][1], r[e+1][1]) &&
		min(r[e][1], r[e+1][1]) <= max(r[f][1], r[f+1][1])
}

func adjacent(e, f, n int) bool {
	d := e - f
	return d == 1 || d == -1 || d == n-1 || d == 1-n
}

// properCross reports whether segments ab and cd cross at a point inside both.
func properCross(a, b, c, d orb.Point) bool {
	o1, o2 := orient(a, b, c), orient(a, b, d)
	o3, o4 := orient(c, d, a), orient(c, d, b)
	return o1*o2 < 0 && o3*o4 < 0
}

// crossing is where segments ab and cd, which cross, meet.
func crossing(a, b, c, d orb.Point) orb.Point {
	den := (b[0]-a[0])*(d[1]-c[1]) - (b[1]-a[1])*(d[0]-c[0])
	t := ((c[0]-a[0])*(d[1]-c[1]) - (c[1]-a[1])*(d[0]-c[0])) / den
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}

func orient(a, b, c orb.Point) float64 {
	v := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// outsideRing is a vertex of hole strictly outside shell, if there is one.
func outsideRing(shell, hole orb.Ring) (orb.Point, bool) {
	for _, p := range hole {
		if in, edge := inRing(shell, p); !in && !edge {
			return p, true
		}
	}
	return orb.Point{}, false
}

// inRing is even-odd containment of p in r, with p on an edge reported apart.
func inRing(r orb.Ring, p orb.Point) (inside, onEdge bool) {
	for i := 1; i < len(r); i++ {
		a, b := r[i-1], r[i]
		// An edge wholly above or below p neither holds p nor crosses the
		// ray from it: most edges stop at these two comparisons.
		if (a[1] > p[1] && b[1] > p[1]) || (a[1] < p[1] && b[1] < p[1]) {
			continue
		}
		if p[0] >= min(a[0], b[0]) && p[0] <= max(a[0], b[0]) && orient(a, b, p) == 0 {
			return false, true
		}
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			inside = !inside
		}
	}
	return inside, false
}
