package web

import (
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
)

// TestPostPlan: on the sample, 32 万元 buys one 40 m² expansion of 松山区's
// 960 m² venue (VE2600046) at the placeholder 0.8 per m²; the answer says
// the costs are placeholders and draws the action as a point.
func TestPostPlan(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	for _, body := range []string{`{"budget": 32}`, `{"budget": 32, "years": "2026-2030"}`, `{"budget": 32, "years": [2026, 2030], "yearly_budget": 100}`} {
		rec := post(t, s, "/api/plan", body)
		wantStatus(t, rec, http.StatusOK)
		var doc struct {
			Sample           bool    `json:"sample"`
			CostsPlaceholder bool    `json:"costs_placeholder"`
			Spent            float64 `json:"spent"`
			Optimal          bool    `json:"optimal"`
			Actions          []struct {
				ID   string `json:"id"`
				Year int    `json:"year"`
			} `json:"actions"`
			Features struct {
				Features []struct {
					Geometry struct {
						Type        string    `json:"type"`
						Coordinates []float64 `json:"coordinates"`
					} `json:"geometry"`
					Properties map[string]any `json:"properties"`
				} `json:"features"`
			} `json:"features"`
		}
		decode(t, rec, &doc)
		if !doc.Sample || !doc.CostsPlaceholder || doc.Spent != 32 || !doc.Optimal || len(doc.Actions) != 1 || doc.Actions[0].ID != "expand_venue:VE2600046" {
			t.Errorf("%s: got %+v, want one optimal expansion of VE2600046 for 32 with placeholder costs", body, doc)
		}
		if fs := doc.Features.Features; len(fs) != 1 || fs[0].Geometry.Type != "Point" || fs[0].Properties["id"] != "expand_venue:VE2600046" {
			t.Errorf("%s: features %+v, want one point for the action", body, fs)
		}
		if strings.Contains(body, "yearly") && doc.Actions[0].Year != 2026 {
			t.Errorf("%s: year %d, want 2026", body, doc.Actions[0].Year)
		}
	}
}

func TestPostPlanRefusesBadBodies(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	for _, tc := range []struct{ body, want string }{
		{``, "JSON object"},
		{`[]`, "JSON object"},
		{`{}`, "budget: required"},
		{`{"budget": -1}`, "budget -1"},
		{`{"budget": "NaN"}`, "JSON object"},
		{`{"budget": 1e400}`, "JSON object"},
		{`{"budget": 2e9}`, "budget 2e+09"},
		{`{"budget": 10, "extra": 1}`, "unknown field"},
		{`{"budget": 10} {"budget": 20}`, "nothing after it"},
		{`{"budget": 10, "years": "2030-2026"}`, "years"},
		{`{"budget": 10, "years": "2026-2099"}`, "years"},
		{`{"budget": 10, "years": [2026]}`, "years"},
		{`{"budget": 10, "yearly_budget": [1, 2]}`, "yearly budgets"},
		{`{"budget": 10, "yearly_budget": [1, -2, 3, 4, 5]}`, "yearly_budget[1]"},
		{`{"budget": 10, "yearly_budget": "lots"}`, "yearly_budget"},
		{`{"budget": 10, "radius_km": -5}`, "radius_km"},
		{`{"budget": 10, "reach_km": 9000}`, "reach_km"},
	} {
		rec := post(t, s, "/api/plan", tc.body)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("%s: got %d %s, want 400 naming %q", tc.body, rec.Code, rec.Body.String(), tc.want)
		}
	}
}

// FuzzParsePlanRequest: any body is refused with a 400 error or read into
// options inside the bounds: never a panic, never NaN or a negative amount.
func FuzzParsePlanRequest(f *testing.F) {
	for _, s := range []string{`{"budget": 32}`, `{"budget": 1e9, "years": "2026-2045", "yearly_budget": [1,2]}`,
		`{"yearly_budget": 5, "years": [2026, 2030], "radius_km": 50, "reach_km": 100}`, `{"budget": -0}`, `{"years": "-"}`, `[`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		opt, err := parsePlanRequest(body)
		if err != nil {
			if coverage.ErrorCode(err) != coverage.EINVALID {
				t.Fatalf("%q: error %v is not a 400", body, err)
			}
			return
		}
		ok := func(v float64) bool { return v >= 0 && v <= planMaxBudget && !math.IsNaN(v) }
		if !ok(opt.Budget) || opt.FromYear < 1900 || opt.ToYear > 2200 || opt.ToYear-opt.FromYear >= planMaxYears || opt.FromYear > opt.ToYear {
			t.Fatalf("%q: accepted %+v", body, opt)
		}
		for _, v := range opt.YearlyBudget {
			if !ok(v) {
				t.Fatalf("%q: accepted yearly %v", body, v)
			}
		}
		if opt.RadiusKm < 0 || opt.RadiusKm > 5000 || opt.ReachKm < 0 || opt.ReachKm > 5000 || opt.NodeLimit != planNodeLimit {
			t.Fatalf("%q: accepted %+v", body, opt)
		}
	})
}
