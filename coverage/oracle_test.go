package coverage_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// randomWorld is the embedded units with a random registry and events: data
// no one has seen, to check the engine against a brute-force oracle.
func randomWorld(t testing.TB, seed uint64) *coverage.World {
	w := loadSample(t)
	rng := rand.New(rand.NewPCG(seed, seed*7+1))
	statuses := []string{"open", "open", "open", "under_construction", "planned", "closed"}
	levels := []string{"national", "regional", "regional", "league", "county"}
	themes := [][]string{nil, {"culture"}, {"tourism", "ecology"}, {"agriculture"}}
	var counties []coverage.Unit
	for _, u := range w.Units {
		if u.Level == coverage.LevelCounty {
			counties = append(counties, u)
		}
	}
	w.Facilities = nil
	n := 600
	if mutating {
		n = 250
	}
	for i := 0; i < n; i++ {
		var p orb.Point
		if rng.IntN(3) == 0 { // near a seat, so reach and venue rules are exercised
			c := counties[rng.IntN(len(counties))]
			p = geo.Destination(c.Seat, rng.Float64()*360, rng.Float64()*60_000)
		} else { // anywhere in and around the region, some outside it
			p = orb.Point{96 + rng.Float64()*31, 37 + rng.Float64()*17}
		}
		f := coverage.Facility{ID: fmt.Sprintf("R%04d", i), Status: statuses[rng.IntN(len(statuses))], Point: p,
			County: counties[rng.IntN(len(counties))].Code}
		switch rng.IntN(3) {
		case 0:
			f.Category = "venue"
			f.FloorArea = []float64{0, 500, 999.9, 1000, 2500, 30000}[rng.IntN(6)]
			f.Comprehensive = rng.IntN(4) == 0
		case 1:
			f.Category = "caravan"
			f.ReachKm = []float64{0, 30, 80, 150}[rng.IntN(4)]
		default:
			f.Category = "base"
			f.Level = levels[rng.IntN(len(levels))]
			f.Themes = themes[rng.IntN(len(themes))]
		}
		w.Facilities = append(w.Facilities, f)
	}
	w.Events = nil
	for i := 0; i < 40; i++ {
		c := counties[rng.IntN(len(counties))]
		w.Events = append(w.Events, coverage.Event{ID: fmt.Sprintf("E%03d", i),
			Kind:  []string{"mobile_museum", "caravan_visit", "expert_tour"}[rng.IntN(3)],
			Date:  []string{"2020-12-31", "2021-01-01", "2023-06-01", "2025-12-31", "2026-01-01"}[rng.IntN(5)],
			Point: geo.Destination(c.Seat, rng.Float64()*360, rng.Float64()*5_000)})
	}
	return w
}

// oracle places a point with orb/planar, an independent point-in-polygon:
// the lowest code among the counties that contain it.
func oracle(counties []coverage.Unit, p orb.Point) string {
	best := ""
	for _, c := range counties {
		if !c.Geometry.Bound().Contains(p) {
			continue
		}
		var in bool
		switch g := c.Geometry.(type) {
		case orb.Polygon:
			in = planar.PolygonContains(g, p)
		case orb.MultiPolygon:
			in = planar.MultiPolygonContains(g, p)
		}
		if in && (best == "" || c.Code < best) {
			best = c.Code
		}
	}
	return best
}

// inPlanPeriod is the plan period 2021-01-01 to 2025-12-31, both days
// included, written out for the oracle (which must not call Period.Contains).
func inPlanPeriod(date string) bool {
	y, m, d := 0, 0, 0
	if _, err := fmt.Sscanf(date, "%4d-%2d-%2d", &y, &m, &d); err != nil {
		panic(err)
	}
	return y >= 2021 && y <= 2025
}

func TestRandomRegistriesAgainstBruteForce(t *testing.T) {
	seeds := uint64(3)
	if mutating {
		seeds = 1
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			w := randomWorld(t, seed)
			rs := coverage.Defaults()
			res := coverage.Evaluate(w, rs)
			var counties []coverage.Unit
			for _, u := range w.Units {
				if u.Level == coverage.LevelCounty {
					counties = append(counties, u)
				}
			}
			sort.Slice(counties, func(i, j int) bool { return counties[i].Code < counties[j].Code })
			located := make([]string, len(w.Facilities))
			for i, f := range w.Facilities {
				located[i] = oracle(counties, f.Point)
			}
			eventAt := make([]string, len(w.Events))
			for i, e := range w.Events {
				eventAt[i] = oracle(counties, e.Point)
			}
			nat, reg, themed := 0, 0, 0
			for _, c := range counties {
				largest, compliant, bases := 0.0, false, 0
				reached := false
				for i, f := range w.Facilities {
					if f.Status != "open" {
						continue
					}
					if f.Category == "caravan" {
						reach := f.ReachKm
						if reach == 0 {
							reach = rs.CaravanReach.DefaultReachKm
						}
						d := vincenty(f.Point, c.Seat)
						if math.Abs(d-reach*1000) < 0.01 {
							t.Fatalf("caravan %s is within 1 cm of its reach from %s's seat: the oracle cannot decide", f.ID, c.Code)
						}
						if located[i] != "" && (d <= reach*1000 || located[i] == c.Code) {
							reached = true
						}
					}
					if located[i] != c.Code {
						continue
					}
					switch f.Category {
					case "venue":
						largest = math.Max(largest, f.FloorArea)
						compliant = compliant || f.FloorArea >= 1000
					case "base":
						bases++
						if f.Level == "national" {
							nat++
						}
						if f.Level == "regional" {
							reg++
						}
						if slices.Contains(f.Themes, "culture") || slices.Contains(f.Themes, "tourism") {
							themed++
						}
					}
				}
				for i, e := range w.Events {
					if e.Kind == "caravan_visit" && inPlanPeriod(e.Date) && eventAt[i] == c.Code {
						reached = true
					}
				}
				u, _ := res.Unit(c.Code)
				if u.LargestVenueM2 != largest {
					t.Errorf("%s largest venue = %v, oracle %v", c.Code, u.LargestVenueM2, largest)
				}
				if u.Rules[coverage.RuleVenue1000].Pass != compliant {
					t.Errorf("%s venue_1000 = %v, oracle %v", c.Code, u.Rules[coverage.RuleVenue1000].Pass, compliant)
				}
				if u.Bases.Total != bases || u.Rules[coverage.RuleBaseDistribution].Pass != (bases > 0) {
					t.Errorf("%s bases = %d (pass %v), oracle %d", c.Code, u.Bases.Total, u.Rules[coverage.RuleBaseDistribution].Pass, bases)
				}
				if u.Rules[coverage.RuleCaravanReach].Pass != reached {
					t.Errorf("%s caravan_reach = %v, oracle %v", c.Code, u.Rules[coverage.RuleCaravanReach].Pass, reached)
				}
			}
			bt := res.Region.BaseTotals
			if bt.National != nat || bt.Regional != reg || bt.Themed != themed {
				t.Errorf("base totals = %+v, oracle national %d regional %d themed %d", bt, nat, reg, themed)
			}
			leagues := map[string]bool{}
			for _, e := range w.Events {
				if e.Kind == "mobile_museum" && inPlanPeriod(e.Date) {
					if code := oracle(counties, e.Point); code != "" {
						for _, c := range counties {
							if c.Code == code {
								leagues[c.Parent] = true
							}
						}
					}
				}
			}
			if res.Region.MobileMuseumLeagues != len(leagues) {
				t.Errorf("mobile museum leagues = %d, oracle %d", res.Region.MobileMuseumLeagues, len(leagues))
			}
			outside := 0
			for _, l := range located {
				if l == "" {
					outside++
				}
			}
			got := 0
			for _, d := range res.Diagnostics {
				if d.Code == "outside_region" && d.Facility != "" {
					got++
				}
			}
			if got != outside || outside == 0 {
				t.Errorf("outside_region diagnostics = %d, oracle %d (the random registry must have some)", got, outside)
			}
		})
	}
}

// TestStatusAndPeriod pins the status and period semantics on a tiny world.
func TestStatusAndPeriod(t *testing.T) {
	base := loadSample(t)
	seat := func(code string) orb.Point {
		for _, u := range base.Units {
			if u.Code == code {
				return u.Seat
			}
		}
		t.Fatalf("no unit %s", code)
		return orb.Point{}
	}
	w := &coverage.World{Units: base.Units, Facilities: []coverage.Facility{
		{ID: "V1", Category: "venue", Status: "open", FloorArea: 1000, Point: seat("150102")},
		{ID: "V2", Category: "venue", Status: "under_construction", FloorArea: 5000, Point: seat("150103")},
		{ID: "V3", Category: "venue", Status: "closed", FloorArea: 5000, Point: seat("150104")},
		{ID: "V4", Category: "venue", Status: "open", FloorArea: 999, Point: seat("150105")},
	}, Events: []coverage.Event{
		{ID: "E1", Kind: "caravan_visit", Date: "2020-12-31", Point: seat("150121")},
		{ID: "E2", Kind: "caravan_visit", Date: "2021-01-01", Point: seat("150122")},
	}}
	res := coverage.Evaluate(w, coverage.Defaults())
	cases := []struct {
		code, rule string
		want       bool
	}{
		{"150102", coverage.RuleVenue1000, true},
		{"150103", coverage.RuleVenue1000, false},
		{"150104", coverage.RuleVenue1000, false},
		{"150105", coverage.RuleVenue1000, false},
		{"150121", coverage.RuleCaravanReach, false},
		{"150122", coverage.RuleCaravanReach, true},
	}
	for _, c := range cases {
		u, _ := res.Unit(c.code)
		if got := u.Rules[c.rule].Pass; got != c.want {
			t.Errorf("%s %s = %v, want %v", c.code, c.rule, got, c.want)
		}
	}
	u, _ := res.Unit("150103")
	if p := u.Rules[coverage.RuleVenue1000].Pipeline; len(p) != 1 || p[0] != "V2" {
		t.Errorf("150103 pipeline = %v, want [V2]", p)
	}
	if u, _ := res.Unit("150105"); u.LargestVenueM2 != 999 {
		t.Errorf("150105 largest = %v, want 999", u.LargestVenueM2)
	}
}

// TestEventNamingUnknownFacility checks the info diagnostic and that the
// event still counts.
func TestEventNamingUnknownFacility(t *testing.T) {
	w := loadSample(t)
	w.Events = append(w.Events, coverage.Event{ID: "EVX", Kind: "caravan_visit", Date: "2024-01-01",
		Facility: "NO-SUCH", Point: w.Facilities[0].Point})
	w.Events = append(w.Events, coverage.Event{ID: "EVY", Kind: "caravan_visit", Date: "2024-01-01",
		Facility: w.Facilities[0].ID, Point: w.Facilities[0].Point})
	res := coverage.Evaluate(w, coverage.Defaults())
	var got []string
	for _, d := range res.Diagnostics {
		if d.Code == "unknown_facility" {
			got = append(got, d.Event+":"+d.Declared)
		}
	}
	if len(got) != 1 || got[0] != "EVX:NO-SUCH" {
		t.Errorf("unknown_facility diagnostics = %v, want [EVX:NO-SUCH]", got)
	}
}

// TestMobileMuseumNext checks on the sample that the unvisited leagues are
// listed most rural residents first (2020 census: 通辽市 1,435,679 down to
// 阿拉善盟 47,173), and that the gap names as many as it lacks.
func TestMobileMuseumNext(t *testing.T) {
	res := sampleResult(t)
	reg := res.Region
	if got := strings.Join(reg.MobileMuseumCodes, " "); got != "150100 150200 150300 150400" {
		t.Errorf("visited leagues: got %s, want 150100 150200 150300 150400", got)
	}
	var next []string
	for _, p := range reg.MobileMuseumNext {
		next = append(next, p.Code)
	}
	if got, want := strings.Join(next, " "), "150500 150900 152200 150800 150700 150600 152500 152900"; got != want {
		t.Errorf("next: got %s, want %s", got, want)
	}
	gaps := res.Gaps(coverage.GapFilter{Rule: coverage.RuleMobileMuseum})
	if len(gaps) != 1 || len(gaps[0].Next) != 1 || gaps[0].Next[0].Code != "150500" || gaps[0].Actual != 4 || gaps[0].Target != 5 || gaps[0].Shortfall != 1 {
		t.Errorf("gap = %+v, want 4 of 5 leagues, next 150500", gaps)
	}
}
