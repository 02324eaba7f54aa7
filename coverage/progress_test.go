package coverage_test

import (
	"reflect"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

// seriesWorld is timeWorld with a registry whose opened and closed years
// run from 2015 to 2026:
//
//	A: venue 1500 m² opened 2015, closed 2023; venue 1000 m² opened 2024;
//	   national base opened 2021
//	B: venue 1200 m² opened 2022-06-30; regional base without dates
//	C: venue 2000 m² opening 2026; venue 800 m² opened 2019; a closed venue
//	   without a closing date; a base under construction; a caravan visit on 2024-05-01
func seriesWorld() *coverage.World {
	a, b, c := orb.Point{110.5, 40.5}, orb.Point{111.5, 40.5}, orb.Point{112.5, 40.5}
	venue := func(id string, m2 float64, status, opened, closed string, p orb.Point) coverage.Facility {
		return coverage.Facility{ID: id, Category: coverage.CategoryVenue, Status: status, FloorArea: m2,
			Opened: coverage.When(opened), Closed: coverage.When(closed), Point: p}
	}
	return timeWorld([]coverage.Facility{
		venue("VA1", 1500, "open", "2015", "2023", a),
		venue("VA2", 1000, "open", "2024", "", a),
		{ID: "BA", Category: coverage.CategoryBase, Status: "open", Level: "national", Opened: "2021", Point: a},
		venue("VB", 1200, "open", "2022-06-30", "", b),
		{ID: "BB", Category: coverage.CategoryBase, Status: "open", Level: "regional", Point: b},
		venue("VC1", 2000, "open", "2026", "", c),
		venue("VC2", 800, "open", "2019", "", c),
		venue("VC3", 3000, "closed", "2016", "", c),
		{ID: "BC", Category: coverage.CategoryBase, Status: "under_construction", Level: "county", Point: c},
	}, []coverage.Event{{ID: "E1", Kind: coverage.EventCaravanVisit, Date: "2024-05-01", Point: c}})
}

func TestProgressSeries(t *testing.T) {
	p := coverage.ProgressOf(coverage.NewModel(seriesWorld()), coverage.Defaults())
	var days []string
	for _, y := range p.Years {
		days = append(days, y.AsOf)
	}
	wantDays := []string{"2020-12-31", "2021-12-31", "2022-12-31", "2023-12-31", "2024-12-31", "2025-12-31"}
	if !reflect.DeepEqual(days, wantDays) {
		t.Fatalf("days: got %v, want %v", days, wantDays)
	}
	passing := func(id string) []int {
		var out []int
		for _, y := range p.Years {
			for _, r := range y.Rules {
				if r.ID == id {
					out = append(out, r.Passing)
				}
			}
		}
		return out
	}
	for _, tc := range []struct {
		rule string
		want []int
	}{
		{coverage.RuleVenue1000, []int{1, 1, 2, 1, 2, 2}},
		{coverage.RuleBaseDistribution, []int{1, 2, 2, 2, 2, 2}},
		{coverage.RuleCaravanReach, []int{0, 0, 0, 0, 1, 1}},
		{coverage.RuleLeagueMuseum, []int{0, 0, 0, 0, 0, 0}},
	} {
		if got := passing(tc.rule); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s passing by year: got %v, want %v", tc.rule, got, tc.want)
		}
	}
	// Bases per 100,000: 2020 A 0, B 0.5, C 0 → Gini 2/3; from 2021 A 1, B 0.5, C 0 → 4/9.
	wantGini := []float64{0.6667, 0.4444, 0.4444, 0.4444, 0.4444, 0.4444}
	wantNational := []int{0, 1, 1, 1, 1, 1}
	for k, y := range p.Years {
		if y.Region.Gini != wantGini[k] || y.Region.BaseTotals.National != wantNational[k] {
			t.Errorf("%s: gini %v national %d, want %v %d", y.AsOf, y.Region.Gini, y.Region.BaseTotals.National, wantGini[k], wantNational[k])
		}
	}
	y := func(v int) *int { return &v }
	want := map[string]struct {
		first map[string]*int
		fell  map[string]int
	}{
		"159901": {map[string]*int{"venue_1000": y(2020), "caravan_reach": nil, "base_distribution": y(2021)}, map[string]int{"venue_1000": 2023}},
		"159902": {map[string]*int{"venue_1000": y(2022), "caravan_reach": nil, "base_distribution": y(2020)}, map[string]int{}},
		"159903": {map[string]*int{"venue_1000": nil, "caravan_reach": y(2024), "base_distribution": nil}, map[string]int{}},
		"159900": {map[string]*int{"league_museum": nil}, map[string]int{}},
	}
	if len(p.Units) != len(want) {
		t.Fatalf("units: got %d, want %d", len(p.Units), len(want))
	}
	for _, u := range p.Units {
		w := want[u.Code]
		if !reflect.DeepEqual(u.FirstPass, w.first) || !reflect.DeepEqual(u.FellBack, w.fell) {
			t.Errorf("%s: first_pass %v fell_back %v, want %v %v", u.Code, deref(u.FirstPass), u.FellBack, deref(w.first), w.fell)
		}
	}
	a := p.Units[0]
	if got := a.ByYear["venue_1000"]; !reflect.DeepEqual(got, []bool{true, true, true, false, true, true}) {
		t.Errorf("A venue_1000 by year: got %v", got)
	}
	// At the period's end the projection is what was observed.
	for _, pr := range p.Projection {
		if pr.ID == coverage.RuleVenue1000 && (pr.PassingAtEnd != 2 || pr.OnTrack || !pr.Observed) {
			t.Errorf("final projection: got %+v, want 2 passing, off track, observed", pr)
		}
	}
}

// TestProgressMidTerm: as of 2023-12-31 the series stops there and the
// trend is projected: venue_1000 passing 1, 1, 2, 1 at the ends of
// 2020–2023 (x = 2021..2024) fits y = 1.25 + 0.1 (x − 2022.5), which reads
// 1.6 at the end of 2025 (x = 2026): 2 of 3, not on track.
func TestProgressMidTerm(t *testing.T) {
	rs := coverage.Defaults()
	rs.AsOf = "2023-12-31"
	p := coverage.ProgressOf(coverage.NewModel(seriesWorld()), rs)
	if n := len(p.Years); n != 4 || p.Years[n-1].AsOf != "2023-12-31" {
		t.Fatalf("years: got %d ending %s, want 4 ending 2023-12-31", n, p.Years[n-1].AsOf)
	}
	got := map[string]coverage.Projection{}
	for _, pr := range p.Projection {
		got[pr.ID] = pr
	}
	if pr := got[coverage.RuleVenue1000]; pr.PassingAtEnd != 2 || pr.Total != 3 || pr.OnTrack || pr.Observed || pr.PerYear != 0.1 {
		t.Errorf("venue_1000: got %+v, want 2/3 off track, 0.1 per year", pr)
	}
	// base_distribution 1, 2, 2, 2: slope 0.3, mean 1.75 → 1.75 + 0.3×3.5 = 2.8 → 3 of 3.
	if pr := got[coverage.RuleBaseDistribution]; pr.PassingAtEnd != 3 || !pr.OnTrack {
		t.Errorf("base_distribution: got %+v, want 3/3 on track", pr)
	}
}

// TestProgressDays: a mid-year as-of day ends the series; a period ending
// mid-year ends it there.
func TestProgressDays(t *testing.T) {
	for _, tc := range []struct {
		from, to, asOf string
		want           []string
	}{
		{"2021-01-01", "2025-12-31", "2022-06-30", []string{"2020-12-31", "2021-12-31", "2022-06-30"}},
		{"2021-01-01", "2023-06-30", "", []string{"2020-12-31", "2021-12-31", "2022-12-31", "2023-06-30"}},
		{"2021-01-01", "2025-12-31", "2019-05-01", []string{"2019-05-01"}},
		{"2021-01-01", "2021-12-31", "2026-03-01", []string{"2020-12-31", "2021-12-31", "2026-03-01"}},
	} {
		rs := coverage.Defaults()
		rs.Period, rs.AsOf = coverage.Period{From: tc.from, To: tc.to}, tc.asOf
		if got := rs.Days(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s/%s as of %q: got %v, want %v", tc.from, tc.to, tc.asOf, got, tc.want)
		}
	}
}

func deref(m map[string]*int) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if v == nil {
			out[k] = nil
		} else {
			out[k] = *v
		}
	}
	return out
}
