package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestAsOfQuery: ?as_of= evaluates the registry on that day. The sample's
// venue_1000 passing counts (53 at the end of 2020, 65 at the end of 2023,
// 70 at the end of 2025) are the counties with a ≥ 1000 m² venue opened by
// then, counted from the sample file by its declared counties (see
// cmd/kepu's sampleVenueOracle).
func TestAsOfQuery(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	for _, tc := range []struct {
		target string
		status int
		asOf   string
		venue  int
	}{
		{"/api/check", 200, "2025-12-31", 70},
		{"/api/check?as_of=2023-12-31", 200, "2023-12-31", 65},
		{"/api/check?as_of=2020-12-31", 200, "2020-12-31", 53},
		{"/api/check?as_of=2023-12-31", 200, "2023-12-31", 65}, // cached
		{"/api/check?as_of=2023-12-32", 400, "", 0},
	} {
		rec := get(t, s, tc.target)
		if rec.Code != tc.status {
			t.Fatalf("%s: status %d, want %d: %s", tc.target, rec.Code, tc.status, rec.Body)
		}
		if tc.status != 200 {
			continue
		}
		var doc struct {
			AsOf  string `json:"as_of"`
			Rules []struct {
				Passing int `json:"passing"`
			} `json:"rules"`
		}
		decode(t, rec, &doc)
		if doc.AsOf != tc.asOf || doc.Rules[0].Passing != tc.venue {
			t.Errorf("%s: got as_of %s venue_1000 %d, want %s %d", tc.target, doc.AsOf, doc.Rules[0].Passing, tc.asOf, tc.venue)
		}
	}
	var gaps []struct {
		Rule string `json:"rule"`
	}
	decode(t, get(t, s, "/api/gaps?rule=venue_1000&as_of=2023-12-31"), &gaps)
	if len(gaps) != 103-65 {
		t.Errorf("venue_1000 gaps as of 2023-12-31: got %d, want %d", len(gaps), 103-65)
	}
}

func TestProgressRoute(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	var doc struct {
		Years []struct {
			AsOf  string `json:"as_of"`
			Rules []struct {
				ID      string `json:"id"`
				Passing int    `json:"passing"`
				Total   int    `json:"total"`
				Pass    bool   `json:"pass"`
			} `json:"rules"`
		} `json:"years"`
		Units      []map[string]any `json:"units"`
		Projection []map[string]any `json:"projection"`
	}
	decode(t, get(t, s, "/api/progress"), &doc)
	var venue []int
	for _, y := range doc.Years {
		venue = append(venue, y.Rules[0].Passing)
	}
	if got := fmt.Sprint(venue); got != "[53 59 62 65 70 70]" {
		t.Errorf("venue_1000 by year: got %s, want [53 59 62 65 70 70]", got)
	}
	if len(doc.Units) != 103+12 || len(doc.Projection) != 6 {
		t.Errorf("got %d units and %d projections, want 115 and 6", len(doc.Units), len(doc.Projection))
	}
	decode(t, get(t, s, "/api/progress?as_of=2023-12-31"), &doc)
	if n := len(doc.Years); n != 4 || doc.Years[n-1].AsOf != "2023-12-31" {
		t.Errorf("as of 2023-12-31: got %d years", n)
	}
	rec := get(t, s, "/api/progress?format=csv")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), "\ufeffas_of,year,rule") {
		t.Errorf("CSV: %d %.40q", rec.Code, rec.Body.String())
	}
	if rec := get(t, s, "/api/progress?format=xml"); rec.Code != http.StatusBadRequest {
		t.Errorf("format=xml: got %d, want 400", rec.Code)
	}
}
