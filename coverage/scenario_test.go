package coverage_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/geo"
)

func TestEvaluateScenarioNewVenueClosesGap(t *testing.T) {
	planner(t)
	w := sampleWorld(t)
	rs := coverage.Defaults()
	base := coverage.Evaluate(w, rs)
	// 赛罕区 (150105) has no venue of 1000 m²; put one at its seat.
	u, _ := coverage.NewModel(w).Unit("150105")
	if ur, _ := base.Unit("150105"); ur.Rules[coverage.RuleVenue1000].Pass {
		t.Fatal("fixture: 150105 already passes venue_1000")
	}
	sc := coverage.Scenario{Name: "赛罕区科技馆", Add: []coverage.Facility{{ID: "NEW1", Name: "赛罕区科技馆",
		Category: coverage.CategoryVenue, FloorArea: 3000, Point: u.Seat}}}
	res, err := coverage.EvaluateScenario(w, rs, sc)
	if err != nil {
		t.Fatal(err)
	}
	if ur, _ := res.Result.Unit("150105"); !ur.Rules[coverage.RuleVenue1000].Pass {
		t.Errorf("got 150105 venue_1000 failing after the scenario, want passing")
	}
	var flipped, closed bool
	for _, f := range res.Changes.Units {
		flipped = flipped || (f.Code == "150105" && f.Rule == coverage.RuleVenue1000 && !f.Before && f.After)
	}
	for _, g := range res.Changes.GapsClosed {
		closed = closed || (g.Code == "150105" && g.Rule == coverage.RuleVenue1000)
	}
	if !flipped || !closed || len(res.Changes.GapsOpened) != 0 {
		t.Errorf("got flipped %v closed %v opened %d, want true true 0", flipped, closed, len(res.Changes.GapsOpened))
	}
	// Independent count: seats newly within 50 km of a compliant venue.
	want := 0
	for _, s := range coverage.NewModel(w).SeatDemand() {
		near := false
		for _, f := range w.Facilities {
			if f.Category == coverage.CategoryVenue && f.Open() && f.FloorArea >= 1000 && geo.Distance(f.Point, s.Point) <= 50_000 {
				near = true
			}
		}
		if !near && geo.Distance(u.Seat, s.Point) <= 50_000 {
			want += int(s.Weight)
		}
	}
	if got := res.Changes.Reach.VenueNewly; got != want {
		t.Errorf("venue newly within: got %d, want %d", got, want)
	}
	if vr, _ := base.Rule(coverage.RuleVenue1000); res.Changes.Rules[0].PassingAfter != vr.Passing+1 {
		t.Errorf("got %+v, want passing %d+1", res.Changes.Rules[0], vr.Passing)
	}
}

func TestEvaluateScenarioRemovingCaravans(t *testing.T) {
	planner(t)
	w := sampleWorld(t)
	rs := coverage.Defaults()
	var ids []string
	for _, f := range w.Facilities {
		if f.Category == coverage.CategoryCaravan {
			ids = append(ids, f.ID)
		}
	}
	res, err := coverage.EvaluateScenario(w, rs, coverage.Scenario{Name: "no caravans", Remove: ids})
	if err != nil {
		t.Fatal(err)
	}
	// Oracle: the same world built by hand, without caravans (visits stay).
	hand := *w
	hand.Facilities = nil
	for _, f := range w.Facilities {
		if f.Category != coverage.CategoryCaravan {
			hand.Facilities = append(hand.Facilities, f)
		}
	}
	before, after := coverage.Evaluate(w, rs), coverage.Evaluate(&hand, rs)
	want := 0
	for _, au := range after.Units {
		bu, _ := before.Unit(au.Code)
		if au.Level == coverage.LevelCounty && bu.Rules[coverage.RuleCaravanReach].Pass && !au.Rules[coverage.RuleCaravanReach].Pass {
			want += au.Population
		}
	}
	// And literally, on the sample: 20,620,973 residents lose their caravan;
	// 12 counties still pass by a caravan visit.
	if got := res.Changes.Reach.CaravanLost; got != want || want != 20_620_973 {
		t.Errorf("caravan no longer within: got %d, want %d (> 0)", got, want)
	}
	if got, _ := res.Result.Rule(coverage.RuleCaravanReach); got.Passing != 12 || got.Passing != func() int { r, _ := after.Rule(coverage.RuleCaravanReach); return r.Passing }() {
		t.Errorf("caravan_reach passing: got %d, want the hand-built world's", got.Passing)
	}
}

func TestEvaluateScenarioRefusesBadIDs(t *testing.T) {
	planner(t)
	w := sampleWorld(t)
	existing := w.Facilities[0].ID
	for _, tc := range []struct {
		name string
		sc   coverage.Scenario
		want []string
	}{
		{"unknown remove", coverage.Scenario{Name: "x", Remove: []string{"NOPE"}}, []string{`"NOPE": no facility`}},
		{"duplicate add", coverage.Scenario{Name: "x", Add: []coverage.Facility{{ID: "A", Category: "venue"}, {ID: "A", Category: "venue"}}},
			[]string{"duplicate within add"}},
		{"add clashes with registry", coverage.Scenario{Name: "x", Add: []coverage.Facility{{ID: existing, Category: "venue"}}},
			[]string{"already in the registry"}},
		{"both at once", coverage.Scenario{Name: "x", Remove: []string{"NOPE"}, Add: []coverage.Facility{{ID: "A", Category: "venue"}, {ID: "A", Category: "venue"}}},
			[]string{"NOPE", "duplicate"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := coverage.EvaluateScenario(w, coverage.Defaults(), tc.sc)
			var se *coverage.ScenarioError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *ScenarioError", err)
			}
			if len(se.Problems) != len(tc.want) {
				t.Errorf("got problems %q, want %d", se.Problems, len(tc.want))
			}
			for i, want := range tc.want {
				if i < len(se.Problems) && !strings.Contains(se.Problems[i], want) {
					t.Errorf("problem %d: got %q, want it to mention %q", i, se.Problems[i], want)
				}
			}
		})
	}
	// Replacing: remove and add the same id is allowed.
	sc := coverage.Scenario{Name: "enlarge", Remove: []string{existing}, Add: []coverage.Facility{w.Facilities[0]}}
	if _, err := coverage.EvaluateScenario(w, coverage.Defaults(), sc); err != nil {
		t.Errorf("replace: got %v, want no error", err)
	}
}

func TestReadScenario(t *testing.T) {
	for _, tc := range []struct {
		name, in   string
		wantAdd    int
		wantRemove []string
		wantErr    string // a substring of some problem; "" for none
	}{
		{"valid", `{"name":"s","add":{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[111.7,40.8]},"properties":{"id":"N1","category":"venue","floor_area_m2":1500}}]},"remove":["VE1"]}`,
			1, []string{"VE1"}, ""},
		{"duplicate add ids", `{"name":"s","add":{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[111.7,40.8]},"properties":{"id":"N1","category":"venue"}},{"type":"Feature","geometry":{"type":"Point","coordinates":[111.7,40.8]},"properties":{"id":"N1","category":"venue"}}]}}`,
			1, nil, "duplicate"},
		{"bad coordinates", `{"name":"s","add":{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[511.7,40.8]},"properties":{"id":"N1","category":"venue"}}]}}`,
			0, nil, "N1"},
		{"unknown member", `{"name":"s","drop":[]}`, 0, nil, "drop"},
		{"no name", `{"remove":["X"]}`, 0, []string{"X"}, "name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, ps, err := data.ReadScenario("s.json", strings.NewReader(tc.in), data.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, p := range ps {
				all = append(all, p.String())
			}
			if got := strings.Join(all, "\n"); (tc.wantErr == "") != (got == "") || !strings.Contains(got, tc.wantErr) {
				t.Errorf("got problems %q, want one mentioning %q", got, tc.wantErr)
			}
			if len(sc.Add) != tc.wantAdd || strings.Join(sc.Remove, ",") != strings.Join(tc.wantRemove, ",") {
				t.Errorf("got %d added, remove %v; want %d, %v", len(sc.Add), sc.Remove, tc.wantAdd, tc.wantRemove)
			}
		})
	}
}
