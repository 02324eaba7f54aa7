package coverage_test

import (
	"math"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

// square is a 1°×1° county polygon with its south-west corner at (lon, lat).
func square(lon, lat float64) orb.Polygon {
	return orb.Polygon{{{lon, lat}, {lon + 1, lat}, {lon + 1, lat + 1}, {lon, lat + 1}, {lon, lat}}}
}

// priorityWorld has three counties in a row: A with a 2000 m² venue, a
// base and a caravan; B (big, no venue) and C (small, former national
// poverty and border, no venue). B and C fail venue_1000 and
// base_distribution; the caravan (reach 100 km) reaches A's seat only.
func priorityWorld() *coverage.World {
	county := func(code string, lon float64, pop, rural int, pov string, border bool) coverage.Unit {
		return coverage.Unit{Code: code, Name: code, Level: coverage.LevelCounty, Parent: "159900", Geometry: square(lon, 40),
			Seat: orb.Point{lon + 0.5, 40.5}, HasSeat: true, Population: pop, PopulationRural: rural, FormerPoverty: pov, Border: border}
	}
	return &coverage.World{
		Units: []coverage.Unit{
			county("159901", 110, 300_000, 100_000, "", false),
			county("159902", 111, 400_000, 200_000, "", false),
			county("159903", 112, 50_000, 40_000, "national", true),
			{Code: "159900", Name: "L", Level: coverage.LevelLeague, Geometry: orb.Polygon{{{110, 40}, {113, 40}, {113, 41}, {110, 41}, {110, 40}}},
				Population: 750_000, PopulationUrban: 300_000},
		},
		Facilities: []coverage.Facility{
			{ID: "V1", Category: coverage.CategoryVenue, Status: "open", FloorArea: 2000, Point: orb.Point{110.5, 40.5}},
			{ID: "B1", Category: coverage.CategoryBase, Status: "open", Level: "county", Point: orb.Point{110.5, 40.5}},
			{ID: "C1", Category: coverage.CategoryCaravan, Status: "open", Point: orb.Point{110.5, 40.5}},
		},
	}
}

func TestPriorityArithmetic(t *testing.T) {
	res := coverage.Evaluate(priorityWorld(), coverage.Defaults())
	// Kilometres from A's seat (110.5, 40.5) to B's and C's (an independent
	// Vincenty computation on WGS84).
	km := func(lon float64) float64 { return map[float64]float64{111.5: 84.7673097, 112.5: 169.5318964}[lon] }
	// Default weights: population 1 per 100,000, rural 0.5 per 100,000,
	// distance 1 per 100 km, former poverty 1 (national), border 0.5.
	for _, tc := range []struct {
		rule, code string
		want       float64
	}{
		{coverage.RuleVenue1000, "159902", 4 + 0.5*2 + km(111.5)/100},
		{coverage.RuleVenue1000, "159903", 0.5 + 0.5*0.4 + km(112.5)/100 + 1 + 0.5},
		{coverage.RuleBaseDistribution, "159902", 4 + 0.5*2 + km(111.5)/100},
		{coverage.RuleCaravanReach, "159903", 0.5 + 0.5*0.4 + km(112.5)/100 + 1 + 0.5},
	} {
		t.Run(tc.rule+" "+tc.code, func(t *testing.T) {
			var got *coverage.Gap
			for _, g := range res.Gaps(coverage.GapFilter{Rule: tc.rule}) {
				if g.Code == tc.code {
					got = &g
				}
			}
			if got == nil {
				t.Fatalf("no %s gap for %s", tc.rule, tc.code)
			}
			if math.Abs(got.Priority-tc.want) > 0.0006 {
				t.Errorf("priority: got %v, want %.4f (parts %+v)", got.Priority, tc.want, got.Parts)
			}
			sum := 0.0
			for _, p := range got.Parts {
				sum += p.Score
				if want := p.Weight * p.Measure; p.Name == "population" || p.Name == "rural" {
					if math.Abs(p.Score-want/100_000) > 1e-4 {
						t.Errorf("part %s: got score %v, want weight × measure / 100,000 = %v", p.Name, p.Score, want/100_000)
					}
				}
			}
			if math.Abs(sum-got.Priority) > 0.001 {
				t.Errorf("parts sum to %v, priority %v", sum, got.Priority)
			}
		})
	}
}

func TestPriorityWeightsFromRulesFileReorder(t *testing.T) {
	order := func(rules string) []string {
		rs, err := coverage.ParseRules([]byte(rules))
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, g := range coverage.Evaluate(priorityWorld(), rs).Gaps(coverage.GapFilter{Rule: coverage.RuleVenue1000}) {
			codes = append(codes, g.Code)
		}
		return codes
	}
	for _, tc := range []struct {
		name, rules string
		want        string
	}{
		{"defaults: the big county first", "", "159902"},
		{"border weighs 10", "priority:\n  border: 10\n", "159903"},
		{"JSON: poverty weighs 5", `{"priority": {"former_poverty": 5}}`, "159903"},
		{"population weighs 0, distance 1: the farther county first", `{"priority": {"population": 0, "rural": 0, "former_poverty": 0, "border": 0}}`, "159903"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := order(tc.rules); len(got) != 2 || got[0] != tc.want {
				t.Errorf("got order %v, want %s first", got, tc.want)
			}
		})
	}
}
