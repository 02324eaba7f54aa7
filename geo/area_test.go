package geo_test

import (
	"math"
	"testing"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

func box(w, s, e, n float64) orb.Ring {
	return orb.Ring{{w, s}, {e, s}, {e, n}, {w, n}, {w, s}}
}

// TestAreaParts: holes subtract, the members of a MultiPolygon add up, a
// ring may come unclosed, and the perimeter is the outer rings' length,
// here against an independent Vincenty computation of each edge: the 1°
// box at 110–111° E, 40–41° N is 391616.656 m round, the half-degree box
// at 112–112.5° E, 40–40.5° N 196120.140 m.
func TestAreaParts(t *testing.T) {
	outer, hole, small := box(110, 40, 111, 41), box(110.25, 40.25, 110.75, 40.75), box(112, 40, 112.5, 40.5)
	aOuter, pOuter := geo.RingArea(outer)
	aHole, _ := geo.RingArea(hole)
	aSmall, pSmall := geo.RingArea(small)
	if math.Abs(pOuter-391616.656) > 0.01 || math.Abs(pSmall-196120.140) > 0.01 {
		t.Errorf("perimeters: got %.3f and %.3f, want 391616.656 and 196120.140", pOuter, pSmall)
	}
	// Area over perimeter²: a 1° box here is about 9.4e9 m².
	if aOuter < 9.3e9 || aOuter > 9.5e9 || aHole > aOuter/3.9 || aHole < aOuter/4.1 {
		t.Errorf("areas: outer %.0f, hole %.0f; want about 9.4e9 and a quarter of it", aOuter, aHole)
	}
	if got, want := geo.Area(orb.Polygon{outer, hole}), aOuter-aHole; math.Abs(got-want) > 1e-3 {
		t.Errorf("Area with a hole: got %.3f, want %.3f", got, want)
	}
	if got, want := geo.Area(orb.MultiPolygon{{outer, hole}, {small}}), aOuter-aHole+aSmall; math.Abs(got-want) > 1e-3 {
		t.Errorf("Area of a MultiPolygon: got %.3f, want %.3f", got, want)
	}
	if got := geo.Perimeter(orb.Polygon{outer, hole}); got != pOuter {
		t.Errorf("Perimeter with a hole: got %v, want the outer ring's %v", got, pOuter)
	}
	if got := geo.Perimeter(orb.MultiPolygon{{outer, hole}, {small}}); math.Abs(got-587736.796) > 0.01 {
		t.Errorf("Perimeter of a MultiPolygon: got %.3f, want 587736.796", got)
	}
	open := orb.Ring{{110, 40}, {111, 40}, {111, 41}}
	closed := append(append(orb.Ring{}, open...), open[0])
	ao, po := geo.RingArea(open)
	ac, pc := geo.RingArea(closed)
	if ao != ac || po != pc || ao <= 0 {
		t.Errorf("an unclosed triangle: %v %v; closed: %v %v; want equal and positive", ao, po, ac, pc)
	}
	if cw := (orb.Ring{{110, 40}, {110, 41}, {111, 41}, {111, 40}, {110, 40}}); func() bool { a, _ := geo.RingArea(cw); return a != aOuter }() {
		t.Errorf("a clockwise ring's area differs from the counter-clockwise one")
	}
	for name, g := range map[string]orb.Geometry{"point": orb.Point{1, 2}, "line": orb.LineString{{0, 0}, {1, 1}}, "empty polygon": orb.Polygon{}} {
		if a, p := geo.Area(g), geo.Perimeter(g); a != 0 || p != 0 {
			t.Errorf("%s: area %v perimeter %v, want 0 0", name, a, p)
		}
	}
	if a, p := geo.RingArea(orb.Ring{{110, 40}, {111, 40}}); a != 0 || p != 0 {
		t.Errorf("a two-point ring: %v %v, want 0 0", a, p)
	}
}

// TestCircleSegments: n below 8 is raised to 8; the ring is closed and
// starts due north of the centre.
func TestCircleSegments(t *testing.T) {
	c := orb.Point{111.5, 40.5}
	for _, tc := range []struct{ n, points int }{{0, 9}, {7, 9}, {8, 9}, {12, 13}} {
		ring := geo.Circle(c, 10_000, tc.n)[0]
		if len(ring) != tc.points || ring[0] != ring[len(ring)-1] {
			t.Errorf("Circle(n=%d): %d points (closed %v), want %d", tc.n, len(ring), ring[0] == ring[len(ring)-1], tc.points)
		}
		if math.Abs(ring[0][0]-c[0]) > 1e-9 || ring[0][1] <= c[1] {
			t.Errorf("Circle(n=%d) starts at %v, want due north of %v", tc.n, ring[0], c)
		}
		// The second point is west of north (counter-clockwise).
		if ring[1][0] >= c[0] {
			t.Errorf("Circle(n=%d): second point %v is not west of the centre", tc.n, ring[1])
		}
	}
}
