package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"testing"
	"time"

	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/maptile/tilecover"
)

// BenchmarkTileCached measures cached tiles served per second by the whole
// handler (routing, logging, ETag, gzip choice) under parallel load.
// TestTileGzipAndETag pins what it serves.
func BenchmarkTileCached(b *testing.B) {
	s := newServer(b, loadWorld(b), nil)
	const path = "/tiles/counties/5/25/11.mvt"
	if rec := get(b, s, path); rec.Code != http.StatusOK {
		b.Fatalf("warm-up: got %d", rec.Code)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		for pb.Next() {
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("got %d", rec.Code)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tiles/s")
}

// BenchmarkTileRender measures rendering uncached counties tiles, zoom by
// zoom, over up to 64 tiles spread over those that meet a county; it reports the p50
// and p99 time per tile. TestRenderIsRepeatableAndLeavesTheLayerAlone and
// TestTileGeometryFollowsTheSpec pin the output.
func BenchmarkTileRender(b *testing.B) {
	s := newServer(b, loadWorld(b), nil)
	snap := s.snapshot()
	l := snap.layers[layerCounties]
	for z := maptile.Zoom(3); z <= 10; z++ {
		tiles := countyTiles(b, snap, z, 64)
		l.at(z) // the one-time pre-simplification is not part of a tile's time
		b.Run(fmt.Sprintf("z%d", z), func(b *testing.B) {
			b.ReportAllocs()
			var times []time.Duration
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if _, err := renderTile(l, tiles[i%len(tiles)]); err != nil {
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
func countyTiles(b *testing.B, snap *snapshot, z maptile.Zoom, limit int) []maptile.Tile {
	set := maptile.Set{}
	for _, i := range snap.model.Leagues {
		g := snap.world.Units[i].Geometry
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
	sortTiles(all)
	if len(all) <= limit {
		return all
	}
	out := make([]maptile.Tile, 0, limit)
	for i := 0; i < limit; i++ {
		out = append(out, all[i*len(all)/limit])
	}
	return out
}
