package geo_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// TestValidBounds: longitude −180…180 and latitude −90…90, edges included.
func TestValidBounds(t *testing.T) {
	for _, tc := range []struct {
		p    orb.Point
		want bool
	}{
		{orb.Point{0, 0}, true},
		{orb.Point{180, 90}, true},
		{orb.Point{-180, -90}, true},
		{orb.Point{math.Nextafter(180, 200), 0}, false},
		{orb.Point{math.Nextafter(-180, -200), 0}, false},
		{orb.Point{0, math.Nextafter(90, 100)}, false},
		{orb.Point{0, math.Nextafter(-90, -100)}, false},
		{orb.Point{111, 90.5}, false},
		{orb.Point{math.NaN(), 0}, false},
		{orb.Point{0, math.NaN()}, false},
		{orb.Point{math.Inf(1), 0}, false},
		{orb.Point{0, math.Inf(-1)}, false},
	} {
		if got := geo.Valid(tc.p); got != tc.want {
			t.Errorf("Valid(%v): got %v, want %v", tc.p, got, tc.want)
		}
	}
	if d := geo.Distance(orb.Point{111, 90.5}, orb.Point{111, 40}); !math.IsNaN(d) {
		t.Errorf("Distance from latitude 90.5: got %v, want NaN", d)
	}
	if d, az := geo.DistanceAzimuth(orb.Point{111, 40}, orb.Point{111, -91}); !math.IsNaN(d) || !math.IsNaN(az) {
		t.Errorf("DistanceAzimuth to latitude -91: got %v %v, want NaN NaN", d, az)
	}
}

// TestDistanceAzimuthLiteral: due east along 40.5° N, one degree is
// 84767.3097 m (independent Vincenty), leaving at an azimuth just under 90°;
// due north the azimuth is 0.
func TestDistanceAzimuthLiteral(t *testing.T) {
	d, az := geo.DistanceAzimuth(orb.Point{110.5, 40.5}, orb.Point{111.5, 40.5})
	if math.Abs(d-84767.3097) > 0.001 || az < 89.6 || az > 89.7 {
		t.Errorf("east: got %v m at %v°, want 84767.3097 m at 89.6–89.7°", d, az)
	}
	d, az = geo.DistanceAzimuth(orb.Point{110.5, 40.5}, orb.Point{110.5, 41.5})
	if math.Abs(d-111053.9121) > 0.001 || math.Abs(az) > 1e-9 {
		t.Errorf("north: got %v m at %v°, want 111053.9121 m at 0°", d, az)
	}
	p := geo.Destination(orb.Point{110.5, 40.5}, 0, 111053.9121)
	if math.Abs(p[0]-110.5) > 1e-9 || math.Abs(p[1]-41.5) > 1e-8 {
		t.Errorf("Destination north: got %v, want [110.5 41.5]", p)
	}
}

// TestWithinInclusive: a point at exactly the radius is within it; one a
// hair further is not. Nearest breaks ties by the lower number.
func TestWithinInclusive(t *testing.T) {
	c := orb.Point{111.5, 40.5}
	q := orb.Point{112.25, 40.5}
	d := geo.Distance(c, q)
	ps := geo.NewPoints([]orb.Point{q, {110.75, 40.5}, {math.NaN(), 40}, {111.5, 95}})
	var got []int
	ps.Within(c, d, func(i int, _ float64) bool { got = append(got, i); return true })
	if len(got) != 2 {
		t.Errorf("Within(exact distance %v): got %v, want points 0 and 1 (both at that distance)", d, got)
	}
	got = nil
	ps.Within(c, math.Nextafter(d, 0), func(i int, _ float64) bool { got = append(got, i); return true })
	if len(got) != 0 {
		t.Errorf("Within(a hair under): got %v, want none", got)
	}
	var near []int
	ps.Near(c, d, func(i int) bool { near = append(near, i); return true })
	if len(near) != 2 {
		t.Errorf("Near(exact distance): got %v, want 2 points", near)
	}
	if k, dist := ps.Nearest(c, nil); k != 0 || dist != d {
		t.Errorf("Nearest of a tie: got %d at %v, want 0 at %v", k, dist, d)
	}
	swapped := geo.NewPoints([]orb.Point{{110.75, 40.5}, q})
	if k, _ := swapped.Nearest(c, nil); k != 0 {
		t.Errorf("Nearest of a tie, swapped: got %d, want 0", k)
	}
	if k, _ := ps.Nearest(c, func(i int) bool { return i != 0 }); k != 1 {
		t.Errorf("Nearest keeping only point 1: got %d, want 1", k)
	}
	if k, dist := ps.Nearest(orb.Point{math.NaN(), 0}, nil); k != -1 || !math.IsInf(dist, 1) {
		t.Errorf("Nearest of NaN: got %d %v, want -1 +Inf", k, dist)
	}
	if k, _ := geo.NewPoints(nil).Nearest(c, nil); k != -1 {
		t.Errorf("Nearest in an empty set: got %d, want -1", k)
	}
	if ps.Len() != 4 || ps.Point(3) != (orb.Point{111.5, 95}) {
		t.Errorf("Len %d Point(3) %v, want 4 and the invalid point kept", ps.Len(), ps.Point(3))
	}
	// A far point is still found (the search widens up to the whole earth).
	far := geo.NewPoints([]orb.Point{{-60, -30}})
	if k, dist := far.Nearest(c, nil); k != 0 || dist < 1.5e7 {
		t.Errorf("Nearest across the earth: got %d at %v, want 0 beyond 15,000 km", k, dist)
	}
	// Within with a negative or NaN radius answers nothing.
	for _, r := range []float64{-1, math.NaN()} {
		n := 0
		ps.Within(c, r, func(int, float64) bool { n++; return true })
		ps.Near(c, r, func(int) bool { n++; return true })
		if n != 0 {
			t.Errorf("radius %v: got %d answers, want none", r, n)
		}
	}
}

// TestIndexFirstOfMany: of several areas covering a point, First is the
// lowest number whatever order the tree visits them in; All lists them all
// in order; a MultiPolygon whose two parts both cover the point is one area.
func TestIndexFirstOfMany(t *testing.T) {
	sq := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}
	big := orb.Polygon{{{-1, -1}, {2, -1}, {2, 2}, {-1, 2}, {-1, -1}}}
	twoParts := orb.MultiPolygon{{{{0, 0}, {0.5, 0}, {0.5, 1}, {0, 1}, {0, 0}}}, {{{0.5, 0}, {1, 0}, {1, 1}, {0.5, 1}, {0.5, 0}}}}
	for _, tc := range []struct {
		name  string
		areas []orb.Geometry
		first int
		all   string
	}{
		{"three equal squares", []orb.Geometry{sq, sq, sq}, 0, "0 1 2"},
		{"a big one first", []orb.Geometry{big, sq, sq}, 0, "0 1 2"},
		{"a big one last", []orb.Geometry{sq, sq, big}, 0, "0 1 2"},
		{"an empty area and a point are never found", []orb.Geometry{orb.Polygon{}, orb.Point{0.5, 0.5}, big, sq}, 2, "2 3"},
		{"two parts of one area on their shared edge: found once", []orb.Geometry{orb.Polygon{}, twoParts}, 1, "1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := geo.NewIndex(tc.areas)
			p := orb.Point{0.5, 0.5}
			var all []string
			for _, a := range ix.All(p) {
				all = append(all, fmt.Sprint(a))
			}
			if got := ix.First(p); got != tc.first || strings.Join(all, " ") != tc.all || ix.Len() != len(tc.areas) {
				t.Errorf("First %d All %v Len %d, want %d %q %d", got, all, ix.Len(), tc.first, tc.all, len(tc.areas))
			}
		})
	}
}

// TestCoversRingShapes: an unclosed ring is closed before it is used (the
// closing edge bounds a notch here), an empty hole is ignored, and a ring
// of one repeated point covers that point as its boundary and nothing else.
func TestCoversRingShapes(t *testing.T) {
	notched := orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {2, 2}}} // unclosed: (2,2)→(0,0) closes it
	for _, tc := range []struct {
		name string
		g    orb.Geometry
		p    orb.Point
		want bool
	}{
		{"left of the closing edge, in the notch", notched, orb.Point{0.5, 1.5}, false},
		{"right of the closing edge", notched, orb.Point{2.5, 1.5}, true},
		{"on the closing edge", notched, orb.Point{1, 1}, true},
		{"closed the same way", orb.Polygon{append(append(orb.Ring{}, notched[0]...), orb.Point{0, 0})}, orb.Point{0.5, 1.5}, false},
		{"an empty hole", orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, {}}, orb.Point{2, 2}, true},
		{"a ring of one point, at it", orb.Polygon{{{1, 1}, {1, 1}}}, orb.Point{1, 1}, true},
		{"a ring of one point, beside it", orb.Polygon{{{1, 1}, {1, 1}}}, orb.Point{1, 1.001}, false},
		// The ray from (1, 2) passes through the notch's tip (2, 2): the
		// half-open crossing rule counts it once.
		{"level with a vertex, inside", orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {2, 2}, {0, 4}, {0, 0}}}, orb.Point{1, 2}, true},
		{"level with a vertex, inside, reversed", orb.Polygon{{{0, 0}, {0, 4}, {2, 2}, {4, 4}, {4, 0}, {0, 0}}}, orb.Point{1, 2}, true},
		{"a flat ring, on it", orb.Polygon{{{0, 1}, {3, 1}, {0, 1}}}, orb.Point{2, 1}, true},
		{"a flat ring, off it", orb.Polygon{{{0, 1}, {3, 1}, {0, 1}}}, orb.Point{2, 1.5}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := geo.Covers(tc.g, tc.p); got != tc.want {
				t.Errorf("Covers(%v): got %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

// TestGCJ02InverseOfInfinity: the inverse stops after its 30 steps even
// when it cannot converge.
func TestGCJ02InverseOfInfinity(t *testing.T) {
	got := geo.GCJ02ToWGS84(orb.Point{math.Inf(1), 40})
	if !math.IsNaN(got[0]) && !math.IsInf(got[0], 0) {
		t.Errorf("GCJ02ToWGS84(+Inf): got %v, want a non-finite longitude", got)
	}
}
