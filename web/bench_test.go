package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
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
