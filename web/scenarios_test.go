package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func post(t testing.TB, s *Server, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func TestScenarioRoutes(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	good := `{"name":"new venue","add":{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[111.70,40.80]},"properties":{"id":"NEWVE1","category":"venue","floor_area_m2":3000}}]}}`
	rec := post(t, s, "/api/scenarios", good)
	wantStatus(t, rec, http.StatusCreated)
	var doc struct {
		ID      string `json:"id"`
		Changes struct {
			Units []struct{ Code, Rule string } `json:"units"`
		} `json:"changes"`
		Features struct {
			Features []struct {
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		} `json:"features"`
	}
	decode(t, rec, &doc)
	if doc.ID == "" || len(doc.Changes.Units) != 1 || doc.Changes.Units[0].Code != "150105" || len(doc.Features.Features) != 1 {
		t.Fatalf("got %+v, want an id, 150105 flipped and one proposed feature", doc)
	}
	wantStatus(t, get(t, s, "/api/scenarios/"+doc.ID), http.StatusOK)
	wantStatus(t, get(t, s, "/api/scenarios/nope"), http.StatusNotFound)

	bad := `{"name":"bad","remove":["NOPE"],"add":{"type":"FeatureCollection","features":[
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[111,41]},"properties":{"id":"X","category":"venue"}},
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[111,41]},"properties":{"id":"X","category":"venue"}}]}}`
	rec = post(t, s, "/api/scenarios", bad)
	wantStatus(t, rec, http.StatusBadRequest)
	var body struct {
		Problems []struct{ Reason string } `json:"problems"`
	}
	decode(t, rec, &body)
	if len(body.Problems) != 2 || !strings.Contains(body.Problems[0].Reason+body.Problems[1].Reason, "NOPE") {
		t.Errorf("got problems %+v, want the duplicate and the unknown id", body.Problems)
	}
}

func TestSuggestionRoutes(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	for _, tc := range []struct {
		target string
		status int
	}{
		{"/api/suggestions/caravans?reach_km=100", http.StatusOK},
		{"/api/suggestions/venues?k=2&radius_km=50", http.StatusOK},
		{"/api/suggestions/venues?k=0", http.StatusBadRequest},
		{"/api/suggestions/caravans?reach_km=-1", http.StatusBadRequest},
	} {
		t.Run(tc.target, func(t *testing.T) {
			rec := get(t, s, tc.target)
			wantStatus(t, rec, tc.status)
			if tc.status != http.StatusOK {
				return
			}
			var doc struct {
				Optimal  bool `json:"optimal"`
				Features struct {
					Type     string `json:"type"`
					Features []any  `json:"features"`
				} `json:"features"`
			}
			decode(t, rec, &doc)
			if !doc.Optimal || doc.Features.Type != "FeatureCollection" || len(doc.Features.Features) == 0 {
				t.Errorf("got %+v, want an optimal answer with features", doc)
			}
		})
	}
}
