package geo_test

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

var square = orb.Polygon{
	{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
	{{4, 4}, {6, 4}, {6, 6}, {4, 6}, {4, 4}}, // hole
}

func TestCovers(t *testing.T) {
	far := orb.Polygon{{{20, 20}, {21, 20}, {21, 21}, {20, 20}}}
	cases := []struct {
		name string
		g    orb.Geometry
		p    orb.Point
		want bool
	}{
		{"inside", square, orb.Point{2, 2}, true},
		{"outside", square, orb.Point{11, 2}, false},
		{"in hole", square, orb.Point{5, 5}, false},
		{"on hole edge", square, orb.Point{4, 5}, true},
		{"on outer edge", square, orb.Point{10, 3}, true},
		{"on vertex", square, orb.Point{0, 0}, true},
		{"on top edge", square, orb.Point{7, 10}, true},
		{"just outside top", square, orb.Point{7, 10.000001}, false},
		{"multipolygon second part", orb.MultiPolygon{far, square}, orb.Point{1, 1}, true},
		{"multipolygon miss", orb.MultiPolygon{far, square}, orb.Point{15, 15}, false},
		{"NaN", square, orb.Point{math.NaN(), 5}, false},
		{"NaN y", square, orb.Point{5, math.NaN()}, false},
		{"empty polygon", orb.Polygon{}, orb.Point{0, 0}, false},
		{"polygon with empty ring", orb.Polygon{{}}, orb.Point{0, 0}, false},
		{"empty multipolygon", orb.MultiPolygon{}, orb.Point{0, 0}, false},
		{"point geometry", orb.Point{1, 1}, orb.Point{1, 1}, false},
		{"unclosed ring", orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {0, 2}}}, orb.Point{1, 1}, true},
		{"unclosed ring closing edge", orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {0, 2}}}, orb.Point{0, 1}, true},
		{"clockwise ring", orb.Polygon{{{0, 0}, {0, 2}, {2, 2}, {2, 0}, {0, 0}}}, orb.Point{1, 1}, true},
		{"diagonal edge midpoint", orb.Polygon{{{0, 0}, {3, 0}, {0, 3}, {0, 0}}}, orb.Point{1.5, 1.5}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := geo.Covers(c.g, c.p); got != c.want {
				t.Errorf("Covers(%v) = %v, want %v", c.p, got, c.want)
			}
		})
	}
}

func TestIndexLowerNumberWins(t *testing.T) {
	left := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}
	right := orb.Polygon{{{1, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 0}}}
	ix := geo.NewIndex([]orb.Geometry{right, left})
	// The shared edge x=1 is covered by both; area 0 (right) is the lower number.
	if got := ix.All(orb.Point{1, 0.5}); len(got) != 2 || got[0] != 0 || got[1] != 1 {
		t.Errorf("All on shared edge = %v, want [0 1]", got)
	}
	if got := ix.First(orb.Point{1, 0.5}); got != 0 {
		t.Errorf("First on shared edge = %d, want 0", got)
	}
	if got := ix.First(orb.Point{0.5, 0.5}); got != 1 {
		t.Errorf("First in left = %d, want 1", got)
	}
	if got := ix.First(orb.Point{5, 5}); got != -1 {
		t.Errorf("First outside = %d, want -1", got)
	}
}

func loadCounties(t testing.TB) ([]orb.Geometry, []string) {
	raw, err := os.ReadFile("../data/embedded/counties.geojson")
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		t.Fatal(err)
	}
	var gs []orb.Geometry
	var codes []string
	for _, f := range fc.Features {
		gs = append(gs, f.Geometry)
		codes = append(codes, f.Properties.MustString("code"))
	}
	return gs, codes
}

// TestIndexAgreesWithPlanar compares the index with orb/planar (an
// independent ray-casting implementation) on random points over the real
// county polygons, away from boundaries where the two may legitimately differ.
func TestIndexAgreesWithPlanar(t *testing.T) {
	gs, _ := loadCounties(t)
	ix := geo.NewIndex(gs)
	bounds := make([]orb.Bound, len(gs))
	for k, g := range gs {
		bounds[k] = g.Bound()
	}
	rng := rand.New(rand.NewPCG(1, 2))
	hits, n := 0, 2000
	if mutating {
		n = 300
	}
	for i := 0; i < n; i++ {
		p := orb.Point{97 + rng.Float64()*30, 37 + rng.Float64()*17}
		var want []int
		for k, g := range gs {
			if bounds[k].Contains(p) && planar.MultiPolygonContains(toMulti(g), p) {
				want = append(want, k)
			}
		}
		got := ix.All(p)
		if len(want) == 1 {
			hits++
		}
		if len(got) != len(want) || len(got) > 0 && got[0] != want[0] {
			t.Errorf("point %v: index says %v, planar says %v", p, got, want)
		}
	}
	if hits < n/4 {
		t.Errorf("only %d of %d random points fell in a county; test is not exercising the index", hits, n)
	}
}

func toMulti(g orb.Geometry) orb.MultiPolygon {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}
	case orb.MultiPolygon:
		return g
	}
	return nil
}

func TestSeatsInOwnCounty(t *testing.T) {
	raw, _ := os.ReadFile("../data/embedded/counties.geojson")
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		t.Fatal(err)
	}
	var gs []orb.Geometry
	for _, f := range fc.Features {
		gs = append(gs, f.Geometry)
	}
	ix := geo.NewIndex(gs)
	for i, f := range fc.Features {
		seat := orb.Point{f.Properties.MustFloat64("seat_lon"), f.Properties.MustFloat64("seat_lat")}
		if got := ix.First(seat); got != i {
			t.Errorf("seat of %s located in area %d, want %d", f.Properties.MustString("code"), got, i)
		}
	}
}

func TestPointsWithinAndNearest(t *testing.T) {
	c := orb.Point{111.0, 40.0}
	pts := []orb.Point{
		geo.Destination(c, 0, 5_000),
		geo.Destination(c, 90, 50_000),
		geo.Destination(c, 200, 99_999),
		geo.Destination(c, 45, 100_001),
		{math.NaN(), 40},
	}
	ps := geo.NewPoints(pts)
	var got []int
	ps.Within(c, 100_000, func(i int, d float64) bool { got = append(got, i); return true })
	if len(got) != 3 {
		t.Errorf("Within 100 km found %v, want points 0,1,2", got)
	}
	if i, d := ps.Nearest(c, nil); i != 0 || math.Abs(d-5000) > 1e-6 {
		t.Errorf("Nearest = %d at %.3f, want 0 at 5000", i, d)
	}
	if i, _ := ps.Nearest(c, func(i int) bool { return i == 3 }); i != 3 {
		t.Errorf("Nearest with filter = %d, want 3", i)
	}
	if i, _ := ps.Nearest(c, func(int) bool { return false }); i != -1 {
		t.Errorf("Nearest with nothing kept = %d, want -1", i)
	}
}

// BenchmarkAssign measures assigning random points to the real county
// polygons on one goroutine; points per second is reported.
func BenchmarkAssign(b *testing.B) {
	gs, _ := loadCounties(b)
	ix := geo.NewIndex(gs)
	rng := rand.New(rand.NewPCG(3, 4))
	pts := make([]orb.Point, 1<<16)
	for i := range pts {
		pts[i] = orb.Point{97 + rng.Float64()*30, 37 + rng.Float64()*17}
	}
	b.ReportAllocs()
	b.ResetTimer()
	found := 0
	for i := 0; i < b.N; i++ {
		if ix.First(pts[i&(len(pts)-1)]) >= 0 {
			found++
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "points/s")
	_ = found
}

func BenchmarkDistance(b *testing.B) {
	a, c := orb.Point{111.6, 40.8}, orb.Point{122.0, 49.2}
	for i := 0; i < b.N; i++ {
		geo.Distance(a, c)
	}
}

// TestNearAgreesWithWithin checks the fast membership search against the
// exact one, with many points close to the circle's edge.
func TestNearAgreesWithWithin(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	c := orb.Point{111, 43}
	var pts []orb.Point
	for i := 0; i < 20000; i++ {
		d := 50_000 * (0.98 + rng.Float64()*0.04) // within 2 % of the radius
		if i%4 == 0 {
			d = rng.Float64() * 120_000
		}
		pts = append(pts, geo.Destination(c, rng.Float64()*360, d))
	}
	ps := geo.NewPoints(pts)
	for _, r := range []float64{10_000, 50_000, 100_000} {
		want := map[int]bool{}
		ps.Within(c, r, func(i int, _ float64) bool { want[i] = true; return true })
		got := map[int]bool{}
		ps.Near(c, r, func(i int) bool { got[i] = true; return true })
		if len(got) != len(want) {
			t.Errorf("radius %v: Near found %d, Within %d", r, len(got), len(want))
		}
		for i := range want {
			if !got[i] {
				t.Errorf("radius %v: Near misses point %d", r, i)
				break
			}
		}
	}
}

func benchmarkRadius(b *testing.B, near bool) {
	rng := rand.New(rand.NewPCG(7, 8))
	pts := make([]orb.Point, 100_000)
	for i := range pts {
		pts[i] = orb.Point{97 + rng.Float64()*30, 37 + rng.Float64()*17}
	}
	ps := geo.NewPoints(pts)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		c := pts[i%len(pts)]
		if near {
			ps.Near(c, 50_000, func(int) bool { n++; return true })
		} else {
			ps.Within(c, 50_000, func(int, float64) bool { n++; return true })
		}
	}
}

func BenchmarkWithin50km(b *testing.B) { benchmarkRadius(b, false) }
func BenchmarkNear50km(b *testing.B)   { benchmarkRadius(b, true) }
