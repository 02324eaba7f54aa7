package coverage_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

// planCounty is a 1°×1° county at lon, lat 40, its seat in the middle.
func planCounty(code, league string, lon float64, pop int) coverage.Unit {
	return coverage.Unit{Code: code, Name: "C" + code[4:], Level: coverage.LevelCounty, Parent: league, Geometry: square(lon, 40),
		Seat: orb.Point{lon + 0.5, 40.5}, HasSeat: true, Population: pop, PopulationRural: pop / 2}
}

func planLeague(code string, lon0, lon1 float64, urban int) coverage.Unit {
	return coverage.Unit{Code: code, Name: "L" + code[2:4], Level: coverage.LevelLeague,
		Geometry: orb.Polygon{{{lon0, 40}, {lon1, 40}, {lon1, 41}, {lon0, 41}, {lon0, 40}}}, PopulationUrban: urban}
}

func venue(id string, lon, m2 float64, comprehensive bool) coverage.Facility {
	return coverage.Facility{ID: id, Name: id, Category: coverage.CategoryVenue, Status: coverage.StatusOpen, FloorArea: m2,
		Comprehensive: comprehensive, Point: orb.Point{lon, 40.5}}
}

func caravan(id string, lon float64) coverage.Facility {
	return coverage.Facility{ID: id, Category: coverage.CategoryCaravan, Status: coverage.StatusOpen, Point: orb.Point{lon, 40.5}}
}

// flatCosts are round figures so expectations can be written by hand:
// a new venue 500 + 0.5/m², expansion 1/m², a caravan 100 + 10 a year.
func flatCosts() coverage.Ruleset {
	rs := coverage.Defaults()
	rs.Costs = coverage.Costs{Unit: "万元", VenueBuildFixed: 500, VenueBuildPerM2: 0.5, VenueExpandPerM2: 1, CaravanVehicle: 100, CaravanYearly: 10}
	return rs
}

func kinds(p *coverage.InvestmentPlan) []string {
	var out []string
	for _, a := range p.Actions {
		out = append(out, a.ID)
	}
	return out
}

// TestPlanExpandingBeatsBuilding: county 01 has a 960 m² venue, county 02
// none; a comprehensive 5000 m² museum and a caravan make the league and
// caravan rules pass. Both counties have 100,000 residents; 01's seat is
// 2° from the compliant museum, 02's 1°, so 01's gap weighs more (1.25 +
// 1.70 against 1.25 + 0.85). Expanding 01's venue by 40 m² costs 40;
// building 1000 m² costs 500 + 500. 39 buys nothing, 40 to 1039 the
// expansion, 1040 both.
func TestPlanExpandingBeatsBuilding(t *testing.T) {
	w := &coverage.World{
		Units: []coverage.Unit{planCounty("159901", "159900", 110, 100_000), planCounty("159902", "159900", 111, 100_000),
			planCounty("159903", "159900", 112, 100_000), planLeague("159900", 110, 113, 200_000)},
		Facilities: []coverage.Facility{venue("V1", 110.5, 960, false), venue("M", 112.5, 5000, true), caravan("K", 111.5)},
	}
	m := coverage.NewModel(w)
	for _, tc := range []struct {
		budget float64
		want   []string
		spent  float64
	}{
		{39, nil, 0},
		{40, []string{"expand_venue:V1"}, 40},
		{1000, []string{"expand_venue:V1"}, 40},
		{1039, []string{"expand_venue:V1"}, 40},
		{1040, []string{"expand_venue:V1", "build_venue:159902"}, 1040},
	} {
		t.Run(fmt.Sprint(tc.budget), func(t *testing.T) {
			p, err := coverage.PlanInvestment(context.Background(), m, flatCosts(), coverage.PlanOptions{Budget: tc.budget})
			if err != nil {
				t.Fatal(err)
			}
			if got := kinds(p); fmt.Sprint(got) != fmt.Sprint(tc.want) || p.Spent != tc.spent || !p.Optimal {
				t.Errorf("budget %v: got %v spent %v optimal %v, want %v spent %v optimal", tc.budget, got, p.Spent, p.Optimal, tc.want, tc.spent)
			}
		})
	}
	// With money for everything, 01 is still expanded, not built anew.
	p, err := coverage.PlanInvestment(context.Background(), m, flatCosts(), coverage.PlanOptions{Budget: 5000})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range p.Actions {
		if a.County == "159901" && (a.Kind != coverage.ActionExpandVenue || a.AddM2 != 40 || a.Cost != 40 || a.FromM2 != 960 || a.ToM2 != 1000) {
			t.Errorf("county 01: got %+v, want expand V1 by 40 m² from 960 to 1000 for 40", a)
		}
	}
}

// TestPlanBudgetChoosesBetweenLeagues: two leagues without a comprehensive
// venue; L1 (300,000 urban: 4,000 m², priority 3) costs 500 + 2,000 =
// 2,500, L2 (900,000 urban: 80 m² per 10,000 = 7,200 m², priority 9)
// costs 500 + 3,600 = 4,100. 4,200 buys one: L2; 6,600 buys both.
func TestPlanBudgetChoosesBetweenLeagues(t *testing.T) {
	w := &coverage.World{
		Units: []coverage.Unit{planCounty("150101", "150100", 110, 100_000), planCounty("150201", "150200", 111, 100_000),
			planLeague("150100", 110, 111, 300_000), planLeague("150200", 111, 112, 900_000)},
		Facilities: []coverage.Facility{venue("V1", 110.5, 1200, false), venue("V2", 111.5, 1200, false), caravan("K", 110.9)},
	}
	m := coverage.NewModel(w)
	for _, tc := range []struct {
		budget float64
		want   string
		value  float64
	}{
		{2499, "[]", 0},
		{2500, "[build_league_museum:150100]", 3},
		{4200, "[build_league_museum:150200]", 9},
		{6599, "[build_league_museum:150200]", 9},
		{6600, "[build_league_museum:150200 build_league_museum:150100]", 12},
	} {
		p, err := coverage.PlanInvestment(context.Background(), m, flatCosts(), coverage.PlanOptions{Budget: tc.budget})
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(kinds(p)); got != tc.want || p.Value != tc.value || !p.Optimal {
			t.Errorf("budget %v: got %s value %v optimal %v, want %s value %v", tc.budget, got, p.Value, p.Optimal, tc.want, tc.value)
		}
	}
}

// applyActions is w with the actions done: expanded venues enlarged, new
// venues and caravans added, as a planner would enter them in the registry.
func applyActions(w *coverage.World, acts []coverage.PlanAction) *coverage.World {
	out := *w
	out.Facilities = append([]coverage.Facility{}, w.Facilities...)
	for i, a := range acts {
		switch a.Kind {
		case coverage.ActionExpandVenue, coverage.ActionExpandMuseum:
			for k := range out.Facilities {
				if out.Facilities[k].ID == a.Facility {
					out.Facilities[k].FloorArea = math.Max(out.Facilities[k].FloorArea, a.ToM2)
				}
			}
		case coverage.ActionCaravan:
			out.Facilities = append(out.Facilities, coverage.Facility{ID: fmt.Sprint("NEWK", i), Category: coverage.CategoryCaravan,
				Status: coverage.StatusOpen, ReachKm: a.ReachKm, Point: orb.Point{a.Lon, a.Lat}})
		default:
			out.Facilities = append(out.Facilities, coverage.Facility{ID: fmt.Sprint("NEWV", i), Category: coverage.CategoryVenue,
				Status: coverage.StatusOpen, FloorArea: a.ToM2, Comprehensive: a.Comprehensive, Point: orb.Point{a.Lon, a.Lat}})
		}
	}
	return &out
}

// closedValue is, by evaluating the world after the actions with the rule
// engine, the priority of the baseline's plan gaps that are gone.
func closedValue(w *coverage.World, rs coverage.Ruleset, base map[string]float64, acts []coverage.PlanAction) float64 {
	after := map[string]bool{}
	for _, g := range coverage.Evaluate(applyActions(w, acts), rs).Gaps(coverage.GapFilter{}) {
		after[g.Rule+"/"+g.Code] = true
	}
	v := 0.0
	for k, p := range base {
		if !after[k] {
			v += p
		}
	}
	return v
}

// randomPlanWorld is 4 or 5 counties in two leagues with random venues
// (some 960 m², some comprehensive), caravans and populations.
func randomPlanWorld(r *rand.Rand) *coverage.World {
	n := 4 + r.IntN(2)
	split := 1 + r.IntN(n-1)
	w := &coverage.World{}
	for i := 0; i < n; i++ {
		league := "150100"
		if i >= split {
			league = "150200"
		}
		w.Units = append(w.Units, planCounty(fmt.Sprintf("%s%02d", league[:4], i+1), league, 110+float64(i), 20_000+r.IntN(400_000)))
		switch r.IntN(5) {
		case 0, 1:
			area := []float64{300, 960, 999, 1500, 4200}[r.IntN(5)]
			w.Facilities = append(w.Facilities, venue(fmt.Sprint("V", i), 110.3+float64(i), area, r.IntN(3) == 0))
		case 2:
			w.Facilities = append(w.Facilities, caravan(fmt.Sprint("K", i), 110.7+float64(i)))
		}
	}
	w.Units = append(w.Units, planLeague("150100", 110, 110+float64(split), 100_000+r.IntN(1_500_000)),
		planLeague("150200", 110+float64(split), 110+float64(n), 100_000+r.IntN(1_500_000)))
	return w
}

// TestPlanMatchesBruteForce checks the plan on random worlds against every
// subset of the candidate actions, each applied to the world and evaluated
// by the rule engine: no subset within the budget closes more priority, and
// none closing as much costs less.
func TestPlanMatchesBruteForce(t *testing.T) {
	planner(t)
	r := rand.New(rand.NewPCG(15, 2026))
	want := 40
	if testing.Short() {
		want = 6
	}
	tried := 0
	for seed := 0; tried < want && seed < 400; seed++ {
		w := randomPlanWorld(r)
		rs := coverage.Defaults()
		rs.Costs = coverage.Costs{Unit: "万元", VenueBuildFixed: float64(r.IntN(800)), VenueBuildPerM2: 0.2 + r.Float64(),
			VenueExpandPerM2: 0.2 + 2*r.Float64(), CaravanVehicle: float64(50 + r.IntN(300)), CaravanYearly: float64(r.IntN(50))}
		m := coverage.NewModel(w)
		opt := coverage.PlanOptions{RadiusKm: 80}
		acts, err := coverage.InvestmentActions(m, rs, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(acts) < 3 || len(acts) > 12 {
			continue
		}
		tried++
		base := map[string]float64{}
		for _, g := range m.Evaluate(rs).Gaps(coverage.GapFilter{}) {
			if g.Rule == coverage.RuleVenue1000 || g.Rule == coverage.RuleCaravanReach || g.Rule == coverage.RuleLeagueMuseum {
				base[g.Rule+"/"+g.Code] = g.Priority
			}
		}
		all := 0.0
		for _, a := range acts {
			all += a.Cost
		}
		for _, frac := range []float64{0.15, 0.4, 0.7} {
			budget := math.Round(all * frac)
			bestV, bestC := 0.0, 0.0
			for mask := 1; mask < 1<<len(acts); mask++ {
				var sub []coverage.PlanAction
				c := 0.0
				for j := range acts {
					if mask&(1<<j) != 0 {
						sub = append(sub, acts[j])
						c += acts[j].Cost
					}
				}
				if c > budget {
					continue
				}
				v := closedValue(w, rs, base, sub)
				if v > bestV+1e-6 || (v > bestV-1e-6 && c < bestC-1e-6) {
					bestV, bestC = v, c
				}
			}
			p, err := coverage.PlanInvestment(context.Background(), m, rs, coverage.PlanOptions{Budget: budget, RadiusKm: 80})
			if err != nil {
				t.Fatal(err)
			}
			got := closedValue(w, rs, base, p.Actions)
			if math.Abs(got-bestV) > 1e-6 || math.Abs(p.Spent-bestC) > 1e-6 || !p.Optimal || math.Abs(p.Value-got) > 1e-3 {
				t.Errorf("seed %d, budget %v, %d actions: got value %v (claimed %v) spent %v optimal %v, want value %v spent %v; plan %v",
					seed, budget, len(acts), got, p.Value, p.Spent, p.Optimal, bestV, bestC, kinds(p))
			}
		}
	}
	if tried < want {
		t.Fatalf("only %d random worlds had 3 to 12 actions, want %d", tried, want)
	}
}

// TestPlanSiteInsideFailingCounty: county 01 (100,000) fails venue_1000;
// its neighbour 02 (500,000, seat 1° east) has a compliant venue. Among
// 01's candidate points the new venue goes to the one with the most people
// within 50 km: the town T1 near the border reaches both seats (600,000);
// the seat and the far town T2 reach 01's own; T3 lies in 02 and is not a
// site for 01. Without candidates, the seat.
func TestPlanSiteInsideFailingCounty(t *testing.T) {
	w := &coverage.World{
		Units: []coverage.Unit{planCounty("159901", "159900", 110, 100_000), planCounty("159902", "159900", 111, 500_000),
			planLeague("159900", 110, 112, 100_000)},
		Facilities: []coverage.Facility{venue("V2", 111.5, 5000, true), caravan("K", 111)},
	}
	m := coverage.NewModel(w)
	towns := []coverage.Site{{Code: "T2", Name: "far", Point: orb.Point{110.1, 40.9}}, {Code: "T1", Name: "border", Point: orb.Point{110.95, 40.5}},
		{Code: "T3", Name: "over", Point: orb.Point{111.2, 40.5}}}
	for _, tc := range []struct {
		name   string
		cands  []coverage.Site
		site   string
		served float64
	}{
		{"towns", towns, "T1", 600_000},
		{"seat only", nil, "159901", 100_000},
		{"far town ties the seat", towns[:1], "159901", 100_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := coverage.PlanInvestment(context.Background(), m, flatCosts(), coverage.PlanOptions{Budget: 1000, Candidates: tc.cands})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Actions) != 1 || p.Actions[0].Kind != coverage.ActionBuildVenue || p.Actions[0].County != "159901" ||
				p.Actions[0].Site != tc.site || p.Actions[0].PopulationServed != tc.served {
				t.Fatalf("got %+v, want one new venue in 159901 at %s serving %v", p.Actions, tc.site, tc.served)
			}
		})
	}
}

// TestPlanPhasedByYear: two counties without venues (build 1,000 each at
// flatCosts; a third has the league's museum) and 1,000 a year for 2026–2027: the needier county's venue is
// built in 2026, the other in 2027. With 600 a year, the money of both
// years pays one venue in 2027.
func TestPlanPhasedByYear(t *testing.T) {
	w := &coverage.World{
		Units: []coverage.Unit{planCounty("159901", "159900", 110, 100_000), planCounty("159902", "159900", 111, 300_000),
			planCounty("159903", "159900", 112, 10_000), planLeague("159900", 110, 113, 100_000)},
		Facilities: []coverage.Facility{venue("M", 112.5, 5000, true), caravan("K", 111.5)},
	}
	rs := flatCosts()
	m := coverage.NewModel(w)
	for _, tc := range []struct {
		yearly []float64
		want   string
		spent  []float64
	}{
		{[]float64{1000}, "[build_venue:159902@2026 build_venue:159901@2027]", []float64{1000, 1000}},
		{[]float64{600}, "[build_venue:159902@2027]", []float64{0, 1000}},
	} {
		p, err := coverage.PlanInvestment(context.Background(), m, rs, coverage.PlanOptions{FromYear: 2026, ToYear: 2027, YearlyBudget: tc.yearly})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range p.Actions {
			got = append(got, fmt.Sprintf("%s@%d", a.ID, a.Year))
		}
		var spent []float64
		for _, y := range p.Phases {
			spent = append(spent, y.Spent)
		}
		if fmt.Sprint(got) != tc.want || fmt.Sprint(spent) != fmt.Sprint(tc.spent) || p.Budget != 2*tc.yearly[0] {
			t.Errorf("yearly %v: got %v spent %v budget %v, want %s spent %v budget %v", tc.yearly, got, spent, p.Budget, tc.want, tc.spent, 2*tc.yearly[0])
		}
	}
}

// TestPlanCaravanRunningCostByYear: a station started in the second of
// three years costs its vehicle and two years' running.
func TestPlanCaravanRunningCostByYear(t *testing.T) {
	w := &coverage.World{
		Units:      []coverage.Unit{planCounty("159901", "159900", 110, 100_000), planLeague("159900", 110, 111, 100_000)},
		Facilities: []coverage.Facility{venue("M", 110.5, 5000, true)},
	}
	m := coverage.NewModel(w)
	// 100 + 3 × 10 = 130 at selection; 60 a year leaves 60 by 2026, 120 by 2027.
	p, err := coverage.PlanInvestment(context.Background(), m, flatCosts(), coverage.PlanOptions{FromYear: 2026, ToYear: 2028, YearlyBudget: []float64{60}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Actions) != 1 || p.Actions[0].Kind != coverage.ActionCaravan || p.Actions[0].Year != 2027 || p.Actions[0].Cost != 120 ||
		fmt.Sprint(p.Phases[0].Spent, p.Phases[1].Spent, p.Phases[2].Spent) != "0 110 10" {
		t.Errorf("got %+v phases %+v; want one station in 2027 costing 120 (110 then 10)", p.Actions, p.Phases)
	}
}

// TestPlanNodeLimitBoundsTheOptimum: stopped after one node, the plan
// says optimal: false and its bound is at least the brute-force optimum.
func TestPlanNodeLimitBoundsTheOptimum(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 30; i++ {
		w := randomPlanWorld(r)
		m := coverage.NewModel(w)
		rs := flatCosts()
		full, err := coverage.PlanInvestment(context.Background(), m, rs, coverage.PlanOptions{Budget: 1500})
		if err != nil {
			t.Fatal(err)
		}
		cut, err := coverage.PlanInvestment(context.Background(), m, rs, coverage.PlanOptions{Budget: 1500, NodeLimit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if !full.Optimal || cut.UpperBound < full.Value-1e-9 || cut.Value > full.Value+1e-9 || (cut.Optimal && cut.Value != full.Value) {
			t.Errorf("world %d: full %v (optimal %v); node limit 1: value %v bound %v optimal %v", i, full.Value, full.Optimal, cut.Value, cut.UpperBound, cut.Optimal)
		}
	}
}

func TestParseRulesCosts(t *testing.T) {
	for _, tc := range []struct {
		name, file  string
		placeholder bool
		expand      float64
		err         string
	}{
		{"none", "", true, 0.8, ""},
		{"some", "costs: {venue_expand_per_m2: 1.5}", true, 1.5, ""},
		{"all", "costs: {venue_build_per_m2: 1, venue_build_fixed: 800, venue_expand_per_m2: 2, caravan_vehicle: 200, caravan_yearly: 20, base_upgrade: 10}", false, 2, ""},
		{"said so", "costs: {placeholder: false}", false, 0.8, ""},
		{"all but kept", "costs: {placeholder: true, venue_build_per_m2: 1, venue_build_fixed: 800, venue_expand_per_m2: 2, caravan_vehicle: 200, caravan_yearly: 20, base_upgrade: 10}", true, 2, ""},
		{"negative", "costs: {caravan_yearly: -1}", true, 0, "costs.caravan_yearly"},
		{"nan", "costs: {venue_build_fixed: .nan}", true, 0, "costs.venue_build_fixed"},
		{"typo", "costs: {venue_expand_m2: 1}", true, 0, "venue_expand_m2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := coverage.ParseRules([]byte(tc.file))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("got %v, want an error naming %s", err, tc.err)
				}
				return
			}
			if err != nil || rs.Costs.Placeholder != tc.placeholder || rs.Costs.VenueExpandPerM2 != tc.expand {
				t.Errorf("got %+v, %v; want placeholder %v, expand %v", rs.Costs, err, tc.placeholder, tc.expand)
			}
		})
	}
}

// TestPlanTiedStationsKeepTheSeat: a town next to the seat reaches the
// same failing county at the same cost; of two equal actions the plan
// keeps the first, the seat.
func TestPlanTiedStationsKeepTheSeat(t *testing.T) {
	w := &coverage.World{
		Units:      []coverage.Unit{planCounty("159901", "159900", 110, 100_000), planLeague("159900", 110, 111, 100_000)},
		Facilities: []coverage.Facility{venue("M", 110.5, 5000, true)},
	}
	town := []coverage.Site{{Code: "T", Name: "town", Point: orb.Point{110.6, 40.6}}}
	p, err := coverage.PlanInvestment(context.Background(), coverage.NewModel(w), flatCosts(), coverage.PlanOptions{Budget: 1000, Candidates: town})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(kinds(p)); got != "[caravan_station:159901]" || p.CandidateActions != 2 {
		t.Errorf("got %s of %d candidates, want [caravan_station:159901] of 2", got, p.CandidateActions)
	}
}
