package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"testing"
	"time"

	"github.com/paulmach/orb/maptile"
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
// zoom, over up to 64 tiles spread across the region; it reports the p50
// and p99 time per tile. TestRenderIsRepeatableAndLeavesTheLayerAlone and
// TestTileGeometryFollowsTheSpec pin the output.
func BenchmarkTileRender(b *testing.B) {
	s := newServer(b, loadWorld(b), nil)
	l := s.snapshot().layers[layerCounties]
	for z := maptile.Zoom(3); z <= 10; z++ {
		tiles := regionTiles(z, 64)
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
