package coverage_test

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// The tests in this file pin each rule of DESIGN.md at its boundaries on
// timeWorld (three 1°×1° counties in a row at 40–41° N: A 159901 on
// 110–111° E, B 159902 on 111–112°, C 159903 on 112–113°, seats at the
// centres, all in league 159900). Every expectation is a literal worked out
// by hand; distances between seats are from an independent Vincenty
// implementation on WGS84: A–B and B–C 84.7673 km, A–C 169.5319 km.

const (
	seatA, seatB, seatC = "159901", "159902", "159903"
	kmAB                = 84.767
	kmAC                = 169.532
)

var (
	ptA = orb.Point{110.5, 40.5}
	ptB = orb.Point{111.5, 40.5}
	ptC = orb.Point{112.5, 40.5}
)

func tVenue(id, status string, m2 float64, p orb.Point) coverage.Facility {
	return coverage.Facility{ID: id, Category: coverage.CategoryVenue, Status: status, FloorArea: m2, Point: p}
}

func tMuseum(id, status string, m2 float64, p orb.Point) coverage.Facility {
	f := tVenue(id, status, m2, p)
	f.Comprehensive = true
	return f
}

func tCaravan(id string, reach float64, p orb.Point) coverage.Facility {
	return coverage.Facility{ID: id, Category: coverage.CategoryCaravan, Status: "open", ReachKm: reach, Point: p}
}

func tBase(id, level string, themes ...string) coverage.Facility {
	return coverage.Facility{ID: id, Category: coverage.CategoryBase, Status: "open", Level: level, Themes: themes, Point: ptA}
}

func unitRule(t *testing.T, res *coverage.Result, code, rule string) coverage.UnitRule {
	t.Helper()
	u, ok := res.Unit(code)
	if !ok {
		t.Fatalf("no unit %s", code)
	}
	r, ok := u.Rules[rule]
	if !ok {
		t.Fatalf("unit %s has no %s result", code, rule)
	}
	return r
}

// gapRow is a gap without its wording (Detail) and parts, for comparison.
type gapRow struct {
	Rule, Code, Component     string
	Priority                  float64
	Actual, Target, Shortfall float64
	Pipeline                  string
}

func rows(gs []coverage.Gap) []gapRow {
	out := []gapRow{}
	for _, g := range gs {
		out = append(out, gapRow{g.Rule, g.Code, g.Component, g.Priority, g.Actual, g.Target, g.Shortfall, strings.Join(g.Pipeline, ",")})
	}
	return out
}

func gapFor(t *testing.T, res *coverage.Result, rule, code string) *gapRow {
	t.Helper()
	for _, g := range rows(res.Gaps(coverage.GapFilter{Rule: rule})) {
		if g.Code == code {
			return &g
		}
	}
	return nil
}

func TestVenue1000Boundaries(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fs        []coverage.Facility
		pass      bool
		largest   float64
		by, pipe  string
		shortfall float64
	}{
		{"open, exactly 1000 m²", []coverage.Facility{tVenue("V", "open", 1000, ptA)}, true, 1000, "V", "", 0},
		{"open, 999.9 m²", []coverage.Facility{tVenue("V", "open", 999.9, ptA)}, false, 999.9, "", "", 0.1},
		{"open 999.9 and 1000: only the compliant one satisfies", []coverage.Facility{tVenue("S", "open", 999.9, ptA), tVenue("V", "open", 1000, ptA)}, true, 1000, "V", "", 0},
		{"under construction, 5000 m²: the pipeline", []coverage.Facility{tVenue("V", "under_construction", 5000, ptA)}, false, 0, "", "V", 1000},
		{"planned, 1000 m²: the pipeline", []coverage.Facility{tVenue("V", "planned", 1000, ptA)}, false, 0, "", "V", 1000},
		{"planned, 999.9 m²: too small to close the gap", []coverage.Facility{tVenue("V", "planned", 999.9, ptA)}, false, 0, "", "", 1000},
		{"closed without a date", []coverage.Facility{tVenue("V", "closed", 5000, ptA)}, false, 0, "", "", 1000},
		{"another category with a floor area", []coverage.Facility{{ID: "M", Category: "museum", Status: "open", FloorArea: 5000, Point: ptA}}, false, 0, "", "", 1000},
		{"a base with a floor area", []coverage.Facility{{ID: "B", Category: coverage.CategoryBase, Status: "open", FloorArea: 5000, Point: ptA}}, false, 0, "", "", 1000},
		{"a compliant venue in the next county", []coverage.Facility{tVenue("V", "open", 5000, ptB)}, false, 0, "", "", 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := coverage.Evaluate(timeWorld(tc.fs, nil), coverage.Defaults())
			r := unitRule(t, res, seatA, coverage.RuleVenue1000)
			if r.Pass != tc.pass || strings.Join(r.By, ",") != tc.by || strings.Join(r.Pipeline, ",") != tc.pipe || r.Actual != tc.largest || r.Target != 1000 {
				t.Errorf("got pass %v by %v pipeline %v actual %v target %v; want %v %q %q %v 1000",
					r.Pass, r.By, r.Pipeline, r.Actual, r.Target, tc.pass, tc.by, tc.pipe, tc.largest)
			}
			if u, _ := res.Unit(seatA); u.LargestVenueM2 != tc.largest {
				t.Errorf("largest_venue_m2: got %v, want %v", u.LargestVenueM2, tc.largest)
			}
			g := gapFor(t, res, coverage.RuleVenue1000, seatA)
			switch {
			case tc.pass && g != nil:
				t.Errorf("a passing county has a gap: %+v", *g)
			case !tc.pass && g == nil:
				t.Errorf("a failing county has no gap")
			case !tc.pass && (g.Actual != tc.largest || g.Target != 1000 || g.Shortfall != tc.shortfall || g.Pipeline != tc.pipe):
				t.Errorf("gap: got %+v, want actual %v target 1000 shortfall %v pipeline %q", *g, tc.largest, tc.shortfall, tc.pipe)
			}
		})
	}
}

func TestLeagueMuseumTarget(t *testing.T) {
	lm := coverage.Defaults().LeagueMuseum
	for _, tc := range []struct {
		urban int
		want  float64
	}{
		{0, 4000},
		{499_999, 4000},     // 80 × 49.9999 = 3999.99, lifted to the floor
		{500_000, 4000},     // 80 × 50, exactly the floor
		{500_001, 4000.008}, // 80 per 10,000 below one million
		{900_000, 7200},     // 80 × 90
		{999_999, 7999.992}, // still below one million
		{1_000_000, 7500},   // 75 from one million on
		{2_000_000, 15000},  // 75 × 200
		{1_000_001, 7500.0075},
	} {
		if got := lm.Target(tc.urban); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Target(%d): got %v, want %v", tc.urban, got, tc.want)
		}
	}
}

// leagueWorld is timeWorld with the league's urban population set.
func leagueWorld(urban int, fs []coverage.Facility) *coverage.World {
	w := timeWorld(fs, nil)
	for i := range w.Units {
		if w.Units[i].Level == coverage.LevelLeague {
			w.Units[i].PopulationUrban = urban
		}
	}
	// A second league with one county east of C, to hold venues that are
	// not the first league's.
	w.Units = append(w.Units,
		coverage.Unit{Code: "159801", Name: "D", Level: coverage.LevelCounty, Kind: "banner", Parent: "159800",
			Geometry: square(113, 40), Seat: orb.Point{113.5, 40.5}, HasSeat: true, Population: 100_000},
		coverage.Unit{Code: "159800", Name: "M", Level: coverage.LevelLeague, Population: 100_000, PopulationUrban: 10_000})
	return w
}

func TestLeagueMuseumBoundaries(t *testing.T) {
	ptD := orb.Point{113.5, 40.5}
	for _, tc := range []struct {
		name           string
		urban          int
		fs             []coverage.Facility
		pass           bool
		actual, target float64
		by, pipe       string
	}{
		{"one million urban: 75 m² per 10,000, exactly 7500", 1_000_000, []coverage.Facility{tMuseum("V", "open", 7500, ptB)}, true, 7500, 7500, "V", ""},
		{"one million urban: 7499.9 m²", 1_000_000, []coverage.Facility{tMuseum("V", "open", 7499.9, ptB)}, false, 7499.9, 7500, "", ""},
		{"900,000 urban: 80 m² per 10,000, exactly 7200", 900_000, []coverage.Facility{tMuseum("V", "open", 7200, ptC)}, true, 7200, 7200, "V", ""},
		{"900,000 urban: 7199 m²", 900_000, []coverage.Facility{tMuseum("V", "open", 7199, ptC)}, false, 7199, 7200, "", ""},
		{"small league: never under 4000, exactly 4000", 100_000, []coverage.Facility{tMuseum("V", "open", 4000, ptA)}, true, 4000, 4000, "V", ""},
		{"small league: 3999 m²", 100_000, []coverage.Facility{tMuseum("V", "open", 3999, ptA)}, false, 3999, 4000, "", ""},
		{"a large venue that is not comprehensive", 100_000, []coverage.Facility{tVenue("V", "open", 20000, ptA)}, false, 0, 4000, "", ""},
		{"a comprehensive base does not count", 100_000, []coverage.Facility{{ID: "B", Category: coverage.CategoryBase, Status: "open", FloorArea: 9000, Comprehensive: true, Point: ptA}}, false, 0, 4000, "", ""},
		{"the largest of two is the actual; only the compliant satisfies", 100_000,
			[]coverage.Facility{tMuseum("S", "open", 3000, ptA), tMuseum("L", "open", 4500, ptB), tMuseum("M", "open", 4200, ptC)}, true, 4500, 4000, "L,M", ""},
		{"under construction: the pipeline", 100_000, []coverage.Facility{tMuseum("V", "under_construction", 5000, ptA)}, false, 0, 4000, "", "V"},
		{"planned but too small: no pipeline", 100_000, []coverage.Facility{tMuseum("V", "planned", 3999, ptA)}, false, 0, 4000, "", ""},
		{"planned at exactly the target: the pipeline", 100_000, []coverage.Facility{tMuseum("V", "planned", 4000, ptA)}, false, 0, 4000, "", "V"},
		{"closed without a date", 100_000, []coverage.Facility{tMuseum("V", "closed", 9000, ptA)}, false, 0, 4000, "", ""},
		{"in another league's county", 100_000, []coverage.Facility{tMuseum("V", "open", 9000, ptD)}, false, 0, 4000, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := coverage.Evaluate(leagueWorld(tc.urban, tc.fs), coverage.Defaults())
			r := unitRule(t, res, "159900", coverage.RuleLeagueMuseum)
			if r.Pass != tc.pass || r.Actual != tc.actual || r.Target != tc.target || strings.Join(r.By, ",") != tc.by || strings.Join(r.Pipeline, ",") != tc.pipe {
				t.Errorf("got pass %v actual %v target %v by %v pipeline %v; want %v %v %v %q %q",
					r.Pass, r.Actual, r.Target, r.By, r.Pipeline, tc.pass, tc.actual, tc.target, tc.by, tc.pipe)
			}
			g := gapFor(t, res, coverage.RuleLeagueMuseum, "159900")
			if tc.pass != (g == nil) {
				t.Fatalf("pass %v but gap %v", tc.pass, g)
			}
			// The league's gap priority is its urban residents per 100,000.
			if g != nil && (g.Shortfall != math.Round((tc.target-tc.actual)*1000)/1000 || g.Priority != float64(tc.urban)/100_000) {
				t.Errorf("gap: got %+v, want shortfall %v priority %v", *g, tc.target-tc.actual, float64(tc.urban)/100_000)
			}
		})
	}
}

func TestCaravanReachBoundaries(t *testing.T) {
	inA := orb.Point{110.05, 40.05} // in A, far from every seat
	for _, tc := range []struct {
		name string
		fs   []coverage.Facility
		es   []coverage.Event
		// for each seat A, B, C: the facilities or events that reach it ("" none)
		by [3]string
		// C's actual (km to the nearest open caravan) and target (its reach)
		actualC, targetC float64
	}{
		{"default reach 100 km: A and B", []coverage.Facility{tCaravan("K", 0, ptA)}, nil, [3]string{"K", "K", ""}, kmAC, 100},
		{"own reach 80 km: A only", []coverage.Facility{tCaravan("K", 80, ptA)}, nil, [3]string{"K", "", ""}, kmAC, 80},
		{"own reach 85 km: A and B", []coverage.Facility{tCaravan("K", 85, ptA)}, nil, [3]string{"K", "K", ""}, kmAC, 85},
		{"own reach 170 km: all three", []coverage.Facility{tCaravan("K", 170, ptA)}, nil, [3]string{"K", "K", "K"}, kmAC, 170},
		{"in the county, beyond its reach of its seat", []coverage.Facility{tCaravan("K", 1, inA)}, nil, [3]string{"K", "", ""}, 0, 0},
		{"not open", []coverage.Facility{{ID: "K", Category: coverage.CategoryCaravan, Status: "planned", Point: ptA}}, nil, [3]string{"", "", ""}, 0, 100},
		{"a venue is no caravan", []coverage.Facility{tVenue("V", "open", 5000, ptA)}, nil, [3]string{"", "", ""}, 0, 100},
		{"caravan_visit on the period's first day", nil, []coverage.Event{{ID: "E", Kind: coverage.EventCaravanVisit, Date: "2021-01-01", Point: ptC}}, [3]string{"", "", "E"}, 0, 100},
		{"caravan_visit on the period's last day", nil, []coverage.Event{{ID: "E", Kind: coverage.EventCaravanVisit, Date: "2025-12-31", Point: ptC}}, [3]string{"", "", "E"}, 0, 100},
		{"caravan_visit the day before the period", nil, []coverage.Event{{ID: "E", Kind: coverage.EventCaravanVisit, Date: "2020-12-31", Point: ptC}}, [3]string{"", "", ""}, 0, 100},
		{"caravan_visit the day after the period", nil, []coverage.Event{{ID: "E", Kind: coverage.EventCaravanVisit, Date: "2026-01-01", Point: ptC}}, [3]string{"", "", ""}, 0, 100},
		{"a mobile museum stop is no caravan visit", nil, []coverage.Event{{ID: "E", Kind: coverage.EventMobileMuseum, Date: "2023-01-01", Point: ptC}}, [3]string{"", "", ""}, 0, 100},
		{"visits and caravans together, sorted", []coverage.Facility{tCaravan("K", 0, ptC)}, []coverage.Event{{ID: "E", Kind: coverage.EventCaravanVisit, Date: "2023-01-01", Point: ptC}}, [3]string{"", "K", "E,K"}, 0, 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := coverage.Evaluate(timeWorld(tc.fs, tc.es), coverage.Defaults())
			for i, code := range []string{seatA, seatB, seatC} {
				r := unitRule(t, res, code, coverage.RuleCaravanReach)
				if got := strings.Join(r.By, ","); got != tc.by[i] || r.Pass != (tc.by[i] != "") {
					t.Errorf("%s: got pass %v by %q, want by %q", code, r.Pass, got, tc.by[i])
				}
			}
			if tc.by[2] != "" {
				return
			}
			r := unitRule(t, res, seatC, coverage.RuleCaravanReach)
			if tc.actualC == 0 && tc.targetC == 0 { // the in-county caravan: its distance to C's seat
				return
			}
			if math.Abs(r.Actual-tc.actualC) > 0.0015 || r.Target != tc.targetC {
				t.Errorf("C: got actual %v target %v, want %v %v", r.Actual, r.Target, tc.actualC, tc.targetC)
			}
			g := gapFor(t, res, coverage.RuleCaravanReach, seatC)
			if want := math.Max(0, tc.actualC-tc.targetC); g == nil || math.Abs(g.Shortfall-want) > 0.0015 {
				t.Errorf("C's gap: got %+v, want shortfall %.3f (beyond the reach)", g, want)
			}
		})
	}
}

// TestCaravanReachExactly puts C's seat at exactly the caravan's reach: the
// reach is inclusive.
func TestCaravanReachExactly(t *testing.T) {
	p, d := exactDistance(t, ptC, orb.Point{111.9, 40.5})
	for _, tc := range []struct {
		name  string
		reach float64
		want  bool
	}{
		{"reach equal to the distance", d / 1000, true},
		{"reach a hair shorter", math.Nextafter(d/1000, 0), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := coverage.Evaluate(timeWorld([]coverage.Facility{tCaravan("K", tc.reach, p)}, nil), coverage.Defaults())
			if got := unitRule(t, res, seatC, coverage.RuleCaravanReach).Pass; got != tc.want {
				t.Errorf("C reached: got %v, want %v (distance %v m, reach %v km)", got, tc.want, d, tc.reach)
			}
		})
	}
	// With the default reach: a caravan exactly 100 km from the seat counts.
	q := hundredKmFrom(t, ptC)
	for _, tc := range []struct {
		name string
		p    orb.Point
		want bool
	}{
		{"at most 100 km", q, true},
		{"one step beyond 100 km", orb.Point{math.Nextafter(q[0], 0), q[1]}, false},
	} {
		res := coverage.Evaluate(timeWorld([]coverage.Facility{tCaravan("K", 0, tc.p)}, nil), coverage.Defaults())
		if got := unitRule(t, res, seatC, coverage.RuleCaravanReach).Pass; got != tc.want {
			t.Errorf("default reach, caravan %s from C's seat: got pass %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestMobileMuseumRotationBoundaries(t *testing.T) {
	stop := func(id, league, date string) coverage.Event {
		lon := map[string]float64{"159100": 110.5, "159200": 111.5, "159300": 112.5, "159400": 113.5, "159500": 114.5, "159600": 115.5}[league]
		return coverage.Event{ID: id, Kind: coverage.EventMobileMuseum, Date: date, Point: orb.Point{lon, 40.5}}
	}
	five := []coverage.Event{stop("M1", "159100", "2021-01-01"), stop("M2", "159200", "2022-01-01"), stop("M3", "159300", "2023-01-01"),
		stop("M4", "159400", "2024-01-01"), stop("M5", "159500", "2025-12-31")}
	for _, tc := range []struct {
		name   string
		es     []coverage.Event
		n      int
		codes  string
		next   string
		gapRow *gapRow
	}{
		{"five leagues, the last on the period's last day", five, 5, "159100,159200,159300,159400,159500", "159600", nil},
		{"the fifth the day after the period", append(append([]coverage.Event{}, five[:4]...), stop("M5", "159500", "2026-01-01")), 4,
			"159100,159200,159300,159400", "159500,159600",
			&gapRow{Rule: coverage.RuleMobileMuseum, Code: "150000", Actual: 4, Target: 5, Shortfall: 1}},
		{"the fifth the day before the period", append(append([]coverage.Event{}, five[:4]...), stop("M5", "159500", "2020-12-31")), 4,
			"159100,159200,159300,159400", "159500,159600",
			&gapRow{Rule: coverage.RuleMobileMuseum, Code: "150000", Actual: 4, Target: 5, Shortfall: 1}},
		{"four leagues, visited again and again", append(append([]coverage.Event{}, five[:4]...),
			stop("R1", "159100", "2022-05-05"), stop("R2", "159100", "2023-05-05"), stop("R3", "159200", "2024-05-05"), stop("R4", "159400", "2025-05-05")), 4,
			"159100,159200,159300,159400", "159500,159600",
			&gapRow{Rule: coverage.RuleMobileMuseum, Code: "150000", Actual: 4, Target: 5, Shortfall: 1}},
		{"caravan visits do not count", []coverage.Event{{ID: "C1", Kind: coverage.EventCaravanVisit, Date: "2022-01-01", Point: orb.Point{110.5, 40.5}}}, 0,
			"", "159200,159100,159300,159400,159500,159600",
			&gapRow{Rule: coverage.RuleMobileMuseum, Code: "150000", Actual: 0, Target: 5, Shortfall: 5}},
		{"a stop outside every county counts for nothing", append(append([]coverage.Event{}, five[:4]...),
			coverage.Event{ID: "X", Kind: coverage.EventMobileMuseum, Date: "2023-01-01", Point: orb.Point{130, 40.5}}), 4,
			"159100,159200,159300,159400", "159500,159600",
			&gapRow{Rule: coverage.RuleMobileMuseum, Code: "150000", Actual: 4, Target: 5, Shortfall: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := coverage.Evaluate(sixLeagues(tc.es), coverage.Defaults())
			reg := res.Region
			var next []string
			for _, p := range reg.MobileMuseumNext {
				next = append(next, p.Code)
			}
			if reg.MobileMuseumLeagues != tc.n || strings.Join(reg.MobileMuseumCodes, ",") != tc.codes || strings.Join(next, ",") != tc.next {
				t.Errorf("got %d leagues %v next %v, want %d %q %q", reg.MobileMuseumLeagues, reg.MobileMuseumCodes, next, tc.n, tc.codes, tc.next)
			}
			rr, _ := res.Rule(coverage.RuleMobileMuseum)
			if rr.Pass != (tc.gapRow == nil) || rr.Passing != map[bool]int{true: 1}[rr.Pass] || rr.Total != 1 {
				t.Errorf("rule: got %+v, want pass %v", *rr, tc.gapRow == nil)
			}
			gs := res.Gaps(coverage.GapFilter{Rule: coverage.RuleMobileMuseum})
			want := []gapRow{}
			if tc.gapRow != nil {
				want = append(want, *tc.gapRow)
			}
			if got := rows(gs); !reflect.DeepEqual(got, want) {
				t.Errorf("gaps: got %+v, want %+v", got, want)
			}
			// The gap names as many next leagues as are missing.
			if len(gs) == 1 {
				var got []string
				for _, p := range gs[0].Next {
					got = append(got, p.Code)
				}
				if want := strings.Split(tc.next, ",")[:5-tc.n]; !reflect.DeepEqual(got, want) {
					t.Errorf("gap next: got %v, want %v", got, want)
				}
			}
		})
	}
}

// sixLeagues is six leagues of one county each, in a row from 110° E; the
// second has the most rural residents, the others tie (so the next stops
// keep code order among them).
func sixLeagues(es []coverage.Event) *coverage.World {
	w := &coverage.World{Events: es}
	for i := 0; i < 6; i++ {
		l := string(rune('1'+i)) + "00"
		lon := 110 + float64(i)
		rural := 50_000
		if i == 1 {
			rural = 90_000
		}
		w.Units = append(w.Units,
			coverage.Unit{Code: "159" + l[:1] + "01", Name: "c" + l, Level: coverage.LevelCounty, Kind: "banner", Parent: "159" + l,
				Geometry: square(lon, 40), Seat: orb.Point{lon + 0.5, 40.5}, HasSeat: true, Population: 100_000, PopulationRural: rural},
			coverage.Unit{Code: "159" + l, Name: "l" + l, Level: coverage.LevelLeague, Population: 100_000, PopulationRural: rural})
	}
	return w
}

func TestBaseTotalsBoundaries(t *testing.T) {
	many := func(n int, f func(i int) coverage.Facility) []coverage.Facility {
		out := make([]coverage.Facility, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	id := func(p string, i int) string { return p + strings.Repeat("0", 4-len(itoa(i))) + itoa(i) }
	nat := func(n int) []coverage.Facility {
		return many(n, func(i int) coverage.Facility { return tBase(id("N", i), "national") })
	}
	reg := func(n int) []coverage.Facility {
		return many(n, func(i int) coverage.Facility { return tBase(id("R", i), "regional") })
	}
	themed := func(n int, themes ...string) []coverage.Facility {
		return many(n, func(i int) coverage.Facility { return tBase(id("T"+strings.Join(themes, ""), i), "county", themes...) })
	}
	join := func(parts ...[]coverage.Facility) []coverage.Facility {
		var out []coverage.Facility
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	closed := tBase("XC", "national", "culture")
	closed.Status = "closed"
	outside := tBase("XO", "national", "culture")
	outside.Point = orb.Point{130, 40.5}
	pipeline := tBase("XP", "national", "culture")
	pipeline.Status = "under_construction"
	gap := func(component string, actual, target float64) gapRow {
		return gapRow{Rule: coverage.RuleBaseTotals, Code: "150000", Component: component, Actual: actual, Target: target, Shortfall: target - actual}
	}
	for _, tc := range []struct {
		name                   string
		fs                     []coverage.Facility
		national, regional, th int
		gaps                   []gapRow
	}{
		{"each target exactly", join(nat(50), reg(500), themed(100, "culture")), 50, 500, 100, []gapRow{}},
		{"national one short", join(nat(49), reg(500), themed(100, "culture")), 49, 500, 100, []gapRow{gap("national", 49, 50)}},
		{"regional one short", join(nat(50), reg(499), themed(100, "culture")), 50, 499, 100, []gapRow{gap("regional", 499, 500)}},
		{"themed one short", join(nat(50), reg(500), themed(99, "culture")), 50, 500, 99, []gapRow{gap("themed", 99, 100)}},
		{"themed by either theme", join(nat(50), reg(500), themed(60, "culture"), themed(40, "tourism")), 50, 500, 100, []gapRow{}},
		{"a base with both themes counts once", join(nat(50), reg(500), themed(98, "culture"), themed(1, "culture", "tourism"), themed(1, "ecology")), 50, 500, 99,
			[]gapRow{gap("themed", 99, 100)}},
		{"a themed national base counts for both", join(many(50, func(i int) coverage.Facility { return tBase(id("N", i), "national", "tourism") }), reg(500), themed(50, "culture")),
			50, 500, 100, []gapRow{}},
		{"closed, outside the region and under construction count for nothing", join(nat(49), reg(500), themed(99, "culture"), []coverage.Facility{closed, outside, pipeline}),
			49, 500, 99, []gapRow{gap("national", 49, 50), gap("themed", 99, 100)}},
		{"all three short, listed national, regional, themed", nil, 0, 0, 0,
			[]gapRow{gap("national", 0, 50), gap("regional", 0, 500), gap("themed", 0, 100)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := coverage.Evaluate(timeWorld(tc.fs, nil), coverage.Defaults())
			bt := res.Region.BaseTotals
			if bt.National != tc.national || bt.Regional != tc.regional || bt.Themed != tc.th {
				t.Errorf("totals: got %+v, want national %d regional %d themed %d", bt, tc.national, tc.regional, tc.th)
			}
			rr, _ := res.Rule(coverage.RuleBaseTotals)
			if rr.Pass != (len(tc.gaps) == 0) {
				t.Errorf("rule pass: got %v, want %v", rr.Pass, len(tc.gaps) == 0)
			}
			if got := rows(res.Gaps(coverage.GapFilter{Rule: coverage.RuleBaseTotals})); !reflect.DeepEqual(got, tc.gaps) {
				t.Errorf("gaps: got %+v, want %+v", got, tc.gaps)
			}
		})
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for ; i > 0; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}

// TestBaseDistributionFigures: A (a district, 100,000 people) has a
// national and a regional base, B (a banner, 200,000) a county base themed
// culture, C (a county, 50,000) none. Bases per 100,000: 2, 0.5, 0. Gini of
// {0, 0.5, 2} = Σ|xi−xj| / (2 n² mean) = 8 / (2 · 9 · 5/6) = 0.5333. Bases
// outside districts: 1 of 3 = 0.3333; residents outside districts:
// 250,000 of 350,000 = 0.7143.
func TestBaseDistributionFigures(t *testing.T) {
	bB := tBase("BB", "county", "culture")
	bB.Point = ptB
	w := timeWorld([]coverage.Facility{tBase("BA1", "national"), tBase("BA2", "regional"), bB}, nil)
	for i := range w.Units {
		switch w.Units[i].Code {
		case seatA:
			w.Units[i].Kind, w.Units[i].Population = "district", 100_000
		case seatB:
			w.Units[i].Population = 200_000
		case seatC:
			w.Units[i].Kind, w.Units[i].Population = "county", 50_000
		}
	}
	res := coverage.Evaluate(w, coverage.Defaults())
	d := res.Region.Distribution
	want := coverage.Distribution{Per100k: map[string]float64{seatA: 2, seatB: 0.5, seatC: 0}, Gini: 0.5333,
		NonUrbanBaseShare: 0.3333, NonUrbanPopulationShare: 0.7143, CountiesWithoutBase: 1}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("distribution: got %+v, want %+v", d, want)
	}
	for _, tc := range []struct {
		code   string
		pass   bool
		actual float64
		by     string
	}{{seatA, true, 2, "BA1,BA2"}, {seatB, true, 1, "BB"}, {seatC, false, 0, ""}} {
		r := unitRule(t, res, tc.code, coverage.RuleBaseDistribution)
		if r.Pass != tc.pass || r.Actual != tc.actual || r.Target != 1 || strings.Join(r.By, ",") != tc.by {
			t.Errorf("%s: got %+v, want pass %v actual %v target 1 by %q", tc.code, r, tc.pass, tc.actual, tc.by)
		}
	}
	rr, _ := res.Rule(coverage.RuleBaseDistribution)
	if rr.Pass || rr.Passing != 2 || rr.Total != 3 || strings.Join(rr.Failing, ",") != seatC {
		t.Errorf("rule: got %+v, want 2 of 3 passing, failing %s", *rr, seatC)
	}
	a, _ := res.Unit(seatA)
	l, _ := res.Unit("159900")
	if want := (coverage.BaseCounts{National: 1, Regional: 1, Total: 2}); a.Bases != want {
		t.Errorf("A's bases: got %+v, want %+v", a.Bases, want)
	}
	if want := (coverage.BaseCounts{National: 1, Regional: 1, County: 1, Total: 3, Themed: 1}); l.Bases != want {
		t.Errorf("league's bases: got %+v, want %+v", l.Bases, want)
	}
	if res.Region.Population != 350_000 || l.Facilities != 3 || a.Facilities != 2 {
		t.Errorf("got region population %d, league facilities %d, A's %d; want 350000 3 2", res.Region.Population, l.Facilities, a.Facilities)
	}
}

// TestGiniByHand pins the coefficient on values worked out by hand.
func TestGiniByHand(t *testing.T) {
	for _, tc := range []struct {
		v    []float64
		want float64
	}{
		{nil, 0},
		{[]float64{0, 0, 0}, 0},
		{[]float64{3, 3, 3, 3}, 0},
		{[]float64{0, 0, 0, 4}, 0.75},    // (n−1)/n when one holds all
		{[]float64{2, 0.5, 0}, 8.0 / 15}, // as in TestBaseDistributionFigures, unsorted
		{[]float64{1, 2, 3, 4}, 0.25},    // Σ|xi−xj| = 20, 2 n² mean = 80
	} {
		if got := coverage.Gini(tc.v); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Gini(%v): got %v, want %v", tc.v, got, tc.want)
		}
	}
}

// TestLocationAtBoundaries: boundary points count as inside; where two
// counties cover a point, the lower code wins, whatever the units' order.
func TestLocationAtBoundaries(t *testing.T) {
	for _, tc := range []struct {
		name    string
		p       orb.Point
		county  string
		overlap bool
	}{
		{"interior", orb.Point{110.5, 40.5}, seatA, false},
		{"on the region's west edge", orb.Point{110, 40.5}, seatA, false},
		{"on the south-west corner", orb.Point{110, 40}, seatA, false},
		{"on the shared edge of A and B", orb.Point{111, 40.5}, seatA, true},
		{"on the shared corner of B and C", orb.Point{112, 41}, seatB, true},
		{"on the region's east edge", orb.Point{113, 40.25}, seatC, false},
		{"half a nanodegree west of the region: on the edge", orb.Point{110 - 0.5e-9, 40.5}, seatA, false},
		{"two nanodegrees west of the region", orb.Point{110 - 2e-9, 40.5}, "", false},
		{"two nanodegrees north of the region", orb.Point{110.5, 41 + 2e-9}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := timeWorld([]coverage.Facility{tVenue("V", "open", 1000, tc.p)}, nil)
			// Reverse the units so that the winner is not the first given.
			for i, j := 0, len(w.Units)-1; i < j; i, j = i+1, j-1 {
				w.Units[i], w.Units[j] = w.Units[j], w.Units[i]
			}
			m := coverage.NewModel(w)
			if got := m.FacilityCounty[0]; got != tc.county {
				t.Fatalf("located in %q, want %q", got, tc.county)
			}
			res := m.Evaluate(coverage.Defaults())
			for _, code := range []string{seatA, seatB, seatC} {
				if got := unitRule(t, res, code, coverage.RuleVenue1000).Pass; got != (code == tc.county) {
					t.Errorf("%s venue_1000: got %v, want %v", code, got, code == tc.county)
				}
			}
			var codes []string
			for _, d := range res.Diagnostics {
				codes = append(codes, d.Code+":"+d.Located)
			}
			want := []string{}
			switch {
			case tc.county == "":
				want = append(want, "outside_region:")
			case tc.overlap:
				want = append(want, "overlapping_counties:"+tc.county)
			}
			if strings.Join(codes, " ") != strings.Join(want, " ") {
				t.Errorf("diagnostics: got %v, want %v", codes, want)
			}
		})
	}
}

// TestDeclaredCountyDisagrees: location wins over a declared county.
func TestDeclaredCountyDisagrees(t *testing.T) {
	f := tVenue("V", "open", 1000, ptB)
	f.County = seatA
	res := coverage.Evaluate(timeWorld([]coverage.Facility{f}, nil), coverage.Defaults())
	if unitRule(t, res, seatA, coverage.RuleVenue1000).Pass || !unitRule(t, res, seatB, coverage.RuleVenue1000).Pass {
		t.Errorf("the venue counted for its declared county, not its location")
	}
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Code != "county_mismatch" || res.Diagnostics[0].Declared != seatA || res.Diagnostics[0].Located != seatB ||
		res.Diagnostics[0].Facility != "V" {
		t.Errorf("diagnostics: got %+v, want one county_mismatch declared %s located %s", res.Diagnostics, seatA, seatB)
	}
}

// TestNearestVenueTie: two compliant venues equally far from B's seat (at
// ±0.75° of longitude); the one given first in the registry is named.
func TestNearestVenueTie(t *testing.T) {
	west, east := tVenue("W", "open", 1000, orb.Point{110.75, 40.5}), tVenue("E", "open", 1000, orb.Point{112.25, 40.5})
	for _, tc := range []struct {
		name string
		fs   []coverage.Facility
		want string
	}{
		{"west first", []coverage.Facility{west, east}, "W"},
		{"east first", []coverage.Facility{east, west}, "E"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := coverage.Evaluate(timeWorld(tc.fs, nil), coverage.Defaults())
			b, _ := res.Unit(seatB)
			if b.NearestVenue == nil || b.NearestVenue.ID != tc.want || math.Abs(b.NearestVenue.DistanceKm-63.575) > 0.001 {
				t.Errorf("nearest venue: got %+v, want %s at 63.575 km", b.NearestVenue, tc.want)
			}
		})
	}
}

// TestGapOrderWithEqualPriority: nothing anywhere, so every county gap has
// the same priority (1 per 100,000 residents + the no-facility distance
// of 1000 km at 1 per 100 km = 11); ties go by code, then by rule id. The
// region's gaps (priority 0) come before the league's (priority 0, with no
// urban residents) by code; base_totals' three parts keep their order.
func TestGapOrderWithEqualPriority(t *testing.T) {
	w := timeWorld(nil, nil)
	for i := range w.Units {
		w.Units[i].Population, w.Units[i].PopulationUrban = 100_000, 0
	}
	res := coverage.Evaluate(w, coverage.Defaults())
	var got []string
	for _, g := range res.Gaps(coverage.GapFilter{}) {
		got = append(got, g.Code+" "+g.Rule+" "+g.Component+" "+ftoa(g.Priority))
	}
	want := []string{
		"159901 base_distribution  11", "159901 caravan_reach  11", "159901 venue_1000  11",
		"159902 base_distribution  11", "159902 caravan_reach  11", "159902 venue_1000  11",
		"159903 base_distribution  11", "159903 caravan_reach  11", "159903 venue_1000  11",
		"150000 base_totals national 0", "150000 base_totals regional 0", "150000 base_totals themed 0",
		"150000 mobile_museum_rotation  0",
		"159900 league_museum  0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("gap order:\ngot  %q\nwant %q", got, want)
	}
	for _, g := range res.Gaps(coverage.GapFilter{Rule: coverage.RuleVenue1000}) {
		var dist *coverage.Part
		for i := range g.Parts {
			if g.Parts[i].Name == "distance" {
				dist = &g.Parts[i]
			}
		}
		if dist == nil || dist.Measure != 1000 || dist.Weight != 1 || dist.Score != 10 || dist.Unit != "km" {
			t.Errorf("%s distance part: got %+v, want 1000 km, weight 1, score 10", g.Code, dist)
		}
	}
	if u, _ := res.Unit(seatB); u.Priority != 11 || u.NearestVenue != nil {
		t.Errorf("B: priority %v nearest %+v, want 11 and none", u.Priority, u.NearestVenue)
	}
}

// TestGapFilter: by rule, by league (its counties' gaps and its own).
func TestGapFilter(t *testing.T) {
	w := leagueWorld(0, nil)
	res := coverage.Evaluate(w, coverage.Defaults())
	count := func(f coverage.GapFilter) int { return len(res.Gaps(f)) }
	for _, tc := range []struct {
		f    coverage.GapFilter
		want int
	}{
		{coverage.GapFilter{}, 4*3 + 2 + 4 + 0}, // 4 counties × 3 rules, 2 leagues, 4 region rows
		{coverage.GapFilter{Rule: coverage.RuleVenue1000}, 4},
		{coverage.GapFilter{League: "159900"}, 3*3 + 1},
		{coverage.GapFilter{League: "159800"}, 3 + 1},
		{coverage.GapFilter{League: "159800", Rule: coverage.RuleLeagueMuseum}, 1},
		{coverage.GapFilter{League: "159700"}, 0},
	} {
		if got := count(tc.f); got != tc.want {
			t.Errorf("Gaps(%+v): got %d rows, want %d", tc.f, got, tc.want)
		}
	}
}

func ftoa(v float64) string {
	if v == math.Trunc(v) {
		return itoa(int(v))
	}
	return "frac"
}

// exactDistance nudges start eastward until the caravan's reach in km,
// d/1000, is exactly the distance d to seat once multiplied back, and a
// reach one step shorter falls short of it: the inputs of an exactly-at-
// the-bound case. geo.Distance only builds the input; the expectation is
// the literal "inclusive".
func exactDistance(t *testing.T, seat, start orb.Point) (orb.Point, float64) {
	t.Helper()
	p := start
	for i := 0; i < 1000; i++ {
		d := geo.Distance(seat, p)
		if r := d / 1000; r*1000 == d && math.Nextafter(r, 0)*1000 < d {
			return p, d
		}
		p[0] = math.Nextafter(p[0], 180)
	}
	t.Fatal("no point found at an exactly representable distance")
	return p, 0
}

// hundredKmFrom is the westernmost point on seat's parallel at most 100 km
// from it (one step further west is beyond 100 km).
func hundredKmFrom(t *testing.T, seat orb.Point) orb.Point {
	t.Helper()
	lo, hi := seat[0]-1.5, seat[0] // 1.5° of longitude is over 100 km here
	for i := 0; i < 200 && math.Nextafter(lo, 180) < hi; i++ {
		mid := (lo + hi) / 2
		if geo.Distance(seat, orb.Point{mid, seat[1]}) <= 100_000 {
			hi = mid
		} else {
			lo = mid
		}
	}
	if geo.Distance(seat, orb.Point{hi, seat[1]}) > 100_000 || geo.Distance(seat, orb.Point{lo, seat[1]}) <= 100_000 {
		t.Fatal("bisection did not bracket 100 km")
	}
	return orb.Point{hi, seat[1]}
}

// TestCountyWithoutSeat: reach needs a seat; without one a county passes
// caravan_reach only by a caravan or a visit inside it, names no nearest
// venue, and its gaps carry the no-facility distance of 1000 km.
func TestCountyWithoutSeat(t *testing.T) {
	w := timeWorld([]coverage.Facility{tCaravan("K", 1000, ptA), tVenue("V", "open", 1000, ptA)}, nil)
	for i := range w.Units {
		if w.Units[i].Code == seatC {
			w.Units[i].HasSeat = false
		}
	}
	res := coverage.Evaluate(w, coverage.Defaults())
	r := unitRule(t, res, seatC, coverage.RuleCaravanReach)
	if r.Pass || r.Actual != 0 || r.Target != 100 {
		t.Errorf("C caravan_reach: got %+v, want failing with actual 0, target 100", r)
	}
	if !unitRule(t, res, seatB, coverage.RuleCaravanReach).Pass {
		t.Errorf("B (with a seat, 85 km away) is not reached by a 1000 km caravan")
	}
	c, _ := res.Unit(seatC)
	if c.NearestVenue != nil || c.SeatLon != 0 || c.SeatLat != 0 {
		t.Errorf("C: nearest %+v seat %v %v, want none", c.NearestVenue, c.SeatLon, c.SeatLat)
	}
	b, _ := res.Unit(seatB)
	if b.SeatLon != 111.5 || b.SeatLat != 40.5 || b.NearestVenue == nil || b.NearestVenue.ID != "V" || b.NearestVenue.Code != seatA {
		t.Errorf("B: seat %v %v nearest %+v, want 111.5 40.5 and V in %s", b.SeatLon, b.SeatLat, b.NearestVenue, seatA)
	}
	for _, g := range res.Gaps(coverage.GapFilter{}) {
		if g.Code != seatC {
			continue
		}
		var km float64 = -1
		for _, p := range g.Parts {
			if p.Name == "distance" {
				km = p.Measure
			}
		}
		if km != 1000 {
			t.Errorf("C's %s gap: distance %v, want 1000 (no seat to measure from)", g.Rule, km)
		}
	}
}

// TestCountyInTwoParts: a point on the edge where two parts of one
// county's MultiPolygon meet lies in that county alone (regression: the
// index listed the county twice and the model reported it as overlapping
// itself).
func TestCountyInTwoParts(t *testing.T) {
	w := timeWorld([]coverage.Facility{tVenue("V", "open", 1000, orb.Point{110.5, 40.25})}, nil)
	for i := range w.Units {
		if w.Units[i].Code == seatA {
			w.Units[i].Geometry = orb.MultiPolygon{
				{{{110, 40}, {110.5, 40}, {110.5, 41}, {110, 41}, {110, 40}}},
				{{{110.5, 40}, {111, 40}, {111, 41}, {110.5, 41}, {110.5, 40}}},
			}
		}
	}
	res := coverage.Evaluate(w, coverage.Defaults())
	if !unitRule(t, res, seatA, coverage.RuleVenue1000).Pass || len(res.Diagnostics) != 0 {
		t.Errorf("A venue_1000 %v, diagnostics %+v; want passing and none", unitRule(t, res, seatA, coverage.RuleVenue1000).Pass, res.Diagnostics)
	}
}

// TestDistributionWithNothing: no residents and no bases give zeros, not
// NaN (0/0) or infinity, in every figure.
func TestDistributionWithNothing(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pop   int
		bases []coverage.Facility
		per   float64
	}{
		{"no bases", 100_000, nil, 0},
		{"no residents, no bases", 0, nil, 0},
		{"no residents, one base", 0, []coverage.Facility{tBase("B", "county")}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := timeWorld(tc.bases, nil)
			for i := range w.Units {
				w.Units[i].Population = tc.pop
			}
			d := coverage.Evaluate(w, coverage.Defaults()).Region.Distribution
			if d.Per100k[seatA] != tc.per || d.Gini != 0 || d.NonUrbanBaseShare != map[bool]float64{true: 1}[len(tc.bases) > 0] || d.NonUrbanPopulationShare != map[bool]float64{true: 1}[tc.pop > 0] {
				t.Errorf("got %+v", d)
			}
		})
	}
}

// TestOpensAfter: a record counts from its opening day on; before it, an
// open (or later closed) record is the pipeline; a closed one without a
// date never is.
func TestOpensAfter(t *testing.T) {
	for _, tc := range []struct {
		status, opened, closed, day string
		want                        bool
	}{
		{"open", "2023-06-30", "", "2023-06-29", true},
		{"open", "2023-06-30", "", "2023-06-30", false},
		{"open", "2023", "", "2023-12-30", true},
		{"open", "2023", "", "2023-12-31", false},
		{"open", "", "", "2000-01-01", false},
		{"closed", "2024", "2025", "2023-12-31", true},
		{"closed", "2024", "", "2023-12-31", false},
		{"planned", "2024", "", "2023-12-31", false},
		{"under_construction", "2024", "", "2023-12-31", false},
	} {
		f := coverage.Facility{Status: tc.status, Opened: coverage.When(tc.opened), Closed: coverage.When(tc.closed)}
		if got := f.OpensAfter(tc.day); got != tc.want {
			t.Errorf("%s opened %q closed %q, OpensAfter(%s): got %v, want %v", tc.status, tc.opened, tc.closed, tc.day, got, tc.want)
		}
	}
}

// TestBaseLevels: a county's bases by level, a base of no known level
// counted as other; the league adds its counties up.
func TestBaseLevels(t *testing.T) {
	bB := tBase("BB", "league")
	bB.Point = ptB
	w := timeWorld([]coverage.Facility{tBase("B1", "national"), tBase("B2", "regional"), tBase("B3", "county"), tBase("B4", ""), tBase("B5", "other", "tourism"), bB}, nil)
	res := coverage.Evaluate(w, coverage.Defaults())
	a, _ := res.Unit(seatA)
	l, _ := res.Unit("159900")
	if want := (coverage.BaseCounts{National: 1, Regional: 1, County: 1, Other: 2, Total: 5, Themed: 1}); a.Bases != want {
		t.Errorf("A: got %+v, want %+v", a.Bases, want)
	}
	if want := (coverage.BaseCounts{National: 1, Regional: 1, League: 1, County: 1, Other: 2, Total: 6, Themed: 1}); l.Bases != want {
		t.Errorf("league: got %+v, want %+v", l.Bases, want)
	}
	if bt := res.Region.BaseTotals; bt.Total != 6 || bt.National != 1 || bt.Regional != 1 || bt.Themed != 1 {
		t.Errorf("region: got %+v", bt)
	}
}

// TestBaseSpreadByHand pins the sums behind base_distribution on three
// counties: a district of 100,000 with 2 bases (passing), a banner of
// 200,000 with 1 (passing) and a county of no population with none
// (failing): rates 2, 0.5 and 0; 3 bases, 1 of them non-urban; 300,000
// people, 200,000 non-urban; one county without.
func TestBaseSpreadByHand(t *testing.T) {
	ur := func(total int, pass bool) *coverage.UnitResult {
		return &coverage.UnitResult{Bases: coverage.BaseCounts{Total: total},
			Rules: map[string]coverage.UnitRule{coverage.RuleBaseDistribution: {Pass: pass}}}
	}
	var sp coverage.BaseSpread
	got := []float64{
		sp.Add(&coverage.Unit{Kind: "district", Population: 100_000}, ur(2, true)),
		sp.Add(&coverage.Unit{Kind: "banner", Population: 200_000}, ur(1, true)),
		sp.Add(&coverage.Unit{Kind: "county", Population: 0}, ur(0, false)),
	}
	want := coverage.BaseSpread{Rates: []float64{2, 0.5, 0}, Bases: 3, NonUrbanBases: 1, People: 300_000, NonUrbanPeople: 200_000, Without: 1}
	if !reflect.DeepEqual(sp, want) || !reflect.DeepEqual(got, want.Rates) {
		t.Errorf("BaseSpread: got %+v (rates returned %v), want %+v", sp, got, want)
	}
}
