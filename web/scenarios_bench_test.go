package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// BenchmarkScenarioPost measures POST /api/scenarios on the embedded world
// (one venue added), the handler alone, without the rate limit.
// TestScenarioRoutes pins what it answers.
func BenchmarkScenarioPost(b *testing.B) {
	s := newServer(b, loadWorld(b), nil)
	st := newMemScenarios(10)
	const body = `{"name":"new venue","add":{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[111.70,40.80]},"properties":{"id":"NEWVE1","category":"venue","floor_area_m2":3000}}]}}`
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/api/scenarios", strings.NewReader(body))
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
		rec := httptest.NewRecorder()
		if err := s.postScenario(s.echo.NewContext(req, rec), st); err != nil || rec.Code != http.StatusCreated {
			b.Fatalf("got %d %v", rec.Code, err)
		}
	}
}
