package tiles

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/maptile/tilecover"
)

// source evaluates w under the default rules.
func source(w *coverage.World) Source {
	m := coverage.NewModel(w)
	rs := coverage.Defaults()
	return Source{World: m.World, Model: m, Result: m.Evaluate(rs), Rules: rs}
}

// embedded is the embedded Inner Mongolia world.
func embedded(t testing.TB) *coverage.World {
	t.Helper()
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatalf("data.Load: %v", err)
	}
	return w
}

func TestRenderIsRepeatableAndLeavesTheLayerAlone(t *testing.T) {
	l, _ := Build(source(embedded(t)), nil).Layer(Counties)
	before := make([]orb.Geometry, len(l.features))
	for i, f := range l.features {
		before[i] = orb.Clone(f.geom)
	}
	for _, tile := range []maptile.Tile{maptile.New(0, 0, 0), maptile.New(25, 11, 5), maptile.New(206, 96, 8)} {
		first, err := Render(l, tile)
		if err != nil {
			t.Fatal(err)
		}
		second, err := Render(l, tile)
		if err != nil {
			t.Fatal(err)
		}
		if len(first) == 0 || !bytes.Equal(first, second) {
			t.Errorf("tile %v: got %d then %d bytes (equal %v), want identical non-empty tiles", tile, len(first), len(second), bytes.Equal(first, second))
		}
	}
	for i, f := range l.features {
		if !orb.Equal(f.geom, before[i]) {
			t.Fatalf("feature %v: geometry changed by rendering", f.props["code"])
		}
	}
}

// TestBuildReusesUnitWork checks that the layers of an edited registry
// built on the previous set share the leagues layer and the counties'
// shapes, and equal, feature by feature, layers built from scratch.
func TestBuildReusesUnitWork(t *testing.T) {
	w := embedded(t)
	prevSrc := source(w)
	prev := Build(prevSrc, nil)
	prev.layers[Counties].at(3) // build the zoom-3 shapes once
	edited := append(append([]coverage.Facility(nil), w.Facilities[1:]...), coverage.Facility{ID: "VE-REUSE", Name: "x",
		Category: coverage.CategoryVenue, Status: coverage.StatusOpen, FloorArea: 5000, Point: orb.Point{111.7, 40.8}})
	m := prevSrc.Model.WithRegistry(edited, w.Events)
	nextSrc := Source{World: m.World, Model: m, Result: m.Evaluate(prevSrc.Rules), Rules: prevSrc.Rules}
	next := Build(nextSrc, prev)
	for what, ok := range map[string]bool{
		"the leagues layer is shared":             next.layers[Leagues] == prev.layers[Leagues],
		"the county shapes are shared":            next.layers[Counties].shapes == prev.layers[Counties].shapes,
		"the counties layer's attributes are new": next.layers[Counties] != prev.layers[Counties],
	} {
		if !ok {
			t.Errorf("after an edit: got false, want true: %s", what)
		}
	}
	fresh := Build(source(m.World), nil)
	for _, name := range Names() {
		got, want := next.layers[name], fresh.layers[name]
		if len(got.features) != len(want.features) || got.bound != want.bound {
			t.Fatalf("%s: got %d features in %v, want %d in %v", name, len(got.features), got.bound, len(want.features), want.bound)
		}
		for i := range got.features {
			g, w := got.features[i], want.features[i]
			gp, wp := got.featureProps(&g), want.featureProps(&w)
			if g.id != w.id || g.bound != w.bound || g.sum != w.sum || !reflect.DeepEqual(gp, wp) || !reflect.DeepEqual(g.geom, w.geom) {
				t.Errorf("%s feature %d (%v): differs from a fresh build", name, i, wp["id"])
			}
		}
		for _, z := range []maptile.Zoom{3, 6} {
			if !reflect.DeepEqual(got.at(z), want.at(z)) {
				t.Errorf("%s at zoom %d: differs from a fresh build", name, z)
			}
		}
	}
}

func TestCacheSharesOneRender(t *testing.T) {
	c := &Cache{Store: NewLRU(1 << 20)}
	const n = 16
	var missed atomic.Int64
	allMissed := make(chan struct{})
	c.Missed = func() {
		if missed.Add(1) == n {
			close(allMissed)
		}
	}
	var renders atomic.Int64
	render := func() (*Entry, error) {
		renders.Add(1)
		<-allMissed // every caller has missed the cache before this render ends
		return NewEntry(1, []byte("tile"))
	}
	k := Key{Version: 1, Layer: "counties", Z: 1}
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Get(k, render); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got := renders.Load(); got != 1 {
		t.Errorf("renders: got %d for %d concurrent misses, want 1", got, n)
	}
}

func TestLRUStoreStaysBounded(t *testing.T) {
	e, _ := NewEntry(1, bytes.Repeat([]byte{7}, 1000))
	s := NewLRU(10 * e.size())
	for i := range 100 {
		s.Add(Key{X: uint32(i)}, e)
		if i == 50 {
			s.Get(Key{X: 45}) // recently used: survives the next evictions
		}
	}
	if s.bytes > s.maxBytes || len(s.items) != 10 {
		t.Errorf("got %d bytes in %d tiles, want at most %d in 10", s.bytes, len(s.items), s.maxBytes)
	}
	if _, ok := s.Get(Key{X: 99}); !ok {
		t.Errorf("the newest tile: got evicted, want kept")
	}
	if _, ok := s.Get(Key{X: 0}); ok {
		t.Errorf("the oldest tile: got kept, want evicted")
	}
	s.Purge()
	if _, ok := s.Get(Key{X: 99}); ok || s.bytes != 0 {
		t.Errorf("after Purge: got a tile and %d bytes, want none", s.bytes)
	}
}

// BenchmarkTileRender measures rendering uncached counties tiles, zoom by
// zoom, over up to 64 tiles spread over those that meet a county; it reports the p50
// and p99 time per tile. TestRenderIsRepeatableAndLeavesTheLayerAlone and
// web's TestTileGeometryFollowsTheSpec pin the output.
func BenchmarkTileRender(b *testing.B) {
	src := source(embedded(b))
	l, _ := Build(src, nil).Layer(Counties)
	for z := maptile.Zoom(3); z <= 10; z++ {
		tiles := countyTiles(b, src, z, 64)
		l.at(z) // the one-time pre-simplification is not part of a tile's time
		b.Run(fmt.Sprintf("z%d", z), func(b *testing.B) {
			b.ReportAllocs()
			var times []time.Duration
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if _, err := Render(l, tiles[i%len(tiles)]); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			pct := func(p float64) float64 { return float64(times[int(p*float64(len(times)-1))].Microseconds()) }
			b.ReportMetric(pct(0.50), "p50-µs")
			b.ReportMetric(pct(0.99), "p99-µs")
		})
	}
}

// countyTiles lists up to limit tiles at zoom z that meet some county,
// spread evenly over all of them.
func countyTiles(b *testing.B, src Source, z maptile.Zoom, limit int) []maptile.Tile {
	set := maptile.Set{}
	for _, i := range src.Model.Leagues {
		g := src.World.Units[i].Geometry
		if g == nil {
			continue
		}
		cover, err := tilecover.Geometry(g, z)
		if err != nil {
			b.Fatal(err)
		}
		for t := range cover {
			set[t] = true
		}
	}
	var all []maptile.Tile
	for t := range set {
		all = append(all, t)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Quadkey() < all[j].Quadkey() })
	if len(all) <= limit {
		return all
	}
	out := make([]maptile.Tile, 0, limit)
	for i := 0; i < limit; i++ {
		out = append(out, all[i*len(all)/limit])
	}
	return out
}
