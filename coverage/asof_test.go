package coverage_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

// TestCountsAsOfBoundaries pins the counting rule of the design at each
// boundary, with literal expectations.
func TestCountsAsOfBoundaries(t *testing.T) {
	for _, tc := range []struct {
		name, status, opened, closed, day string
		want                              bool
	}{
		{"open without dates", "open", "", "", "1999-01-01", true},
		{"opened year, day before its last day", "open", "2023", "", "2023-12-30", false},
		{"opened year, its last day", "open", "2023", "", "2023-12-31", true},
		{"opened date, day before", "open", "2023-06-30", "", "2023-06-29", false},
		{"opened on the day", "open", "2023-06-30", "", "2023-06-30", true},
		{"closed date, day before", "open", "", "2023-06-30", "2023-06-29", true},
		{"closed on the day", "open", "", "2023-06-30", "2023-06-30", false},
		{"closed year, day before its first day", "open", "", "2023", "2022-12-31", true},
		{"closed year, its first day", "open", "", "2023", "2023-01-01", false},
		{"status closed without a date", "closed", "", "", "1999-01-01", false},
		{"status closed without a date, opened long ago", "closed", "2001", "", "2025-12-31", false},
		{"status closed with a date, before it", "closed", "", "2024", "2023-12-31", true},
		{"status closed with a date, on it", "closed", "", "2024", "2024-01-01", false},
		{"status closed, before it opened", "closed", "2021", "2023", "2020-12-31", false},
		{"status closed, between", "closed", "2021", "2023", "2022-12-31", true},
		{"under construction, opened long ago", "under_construction", "2001", "", "2025-12-31", false},
		{"planned", "planned", "", "", "2025-12-31", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := coverage.Facility{ID: "V", Status: tc.status, Opened: coverage.When(tc.opened), Closed: coverage.When(tc.closed)}
			if got := f.CountsAsOf(tc.day); got != tc.want {
				t.Errorf("CountsAsOf(%s): got %v, want %v", tc.day, got, tc.want)
			}
			// The same through an evaluation: a one-county world with a 1000 m² venue.
			f.Category, f.FloorArea, f.Point = coverage.CategoryVenue, 1000, orb.Point{110.5, 40.5}
			w := timeWorld([]coverage.Facility{f}, nil)
			rs := coverage.Defaults()
			rs.AsOf = tc.day
			rs.Period.From = "1990-01-01"
			res := coverage.Evaluate(w, rs)
			ur, _ := res.Unit("159901")
			if got := ur.Rules[coverage.RuleVenue1000].Pass; got != tc.want {
				t.Errorf("venue_1000 as of %s: got %v, want %v", tc.day, got, tc.want)
			}
			if res.AsOf != tc.day || res.AsOfBasis != "declared" {
				t.Errorf("as_of: got %q %q, want %q declared", res.AsOf, res.AsOfBasis, tc.day)
			}
		})
	}
}

func TestParseWhen(t *testing.T) {
	for _, tc := range []struct {
		in          string
		ok          bool
		first, last string
		json        string
	}{
		{"2023", true, "2023-01-01", "2023-12-31", "2023"},
		{"2023-06-30", true, "2023-06-30", "2023-06-30", `"2023-06-30"`},
		{"2024-02-29", true, "2024-02-29", "2024-02-29", `"2024-02-29"`},
		{"2023-02-29", false, "", "", ""},
		{"1900-02-29", false, "", "", ""},                                // 1900 is no leap year (divisible by 100)
		{"2000-02-29", true, "2000-02-29", "2000-02-29", `"2000-02-29"`}, // 2000 is (divisible by 400)
		{"1900", true, "1900-01-01", "1900-12-31", "1900"},
		{"2100", true, "2100-01-01", "2100-12-31", "2100"},
		{"1899-12-31", false, "", "", ""},
		{"2101-01-01", false, "", "", ""},
		{"1900-01-01", true, "1900-01-01", "1900-01-01", `"1900-01-01"`},
		{"2100-12-31", true, "2100-12-31", "2100-12-31", `"2100-12-31"`},
		{"-999", false, "", "", ""},
		{"20a3", false, "", "", ""},
		{"1899", false, "", "", ""},
		{"2101", false, "", "", ""},
		{"+202", false, "", "", ""},
		{"23", false, "", "", ""},
		{"2023-6-30", false, "", "", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			w, err := coverage.ParseWhen(tc.in)
			if (err == nil) != tc.ok {
				t.Fatalf("ParseWhen(%q): got error %v, want ok %v", tc.in, err, tc.ok)
			}
			if !tc.ok {
				return
			}
			if w.FirstDay() != tc.first || w.LastDay() != tc.last {
				t.Errorf("got first %s last %s, want %s %s", w.FirstDay(), w.LastDay(), tc.first, tc.last)
			}
			if b, _ := json.Marshal(w); string(b) != tc.json {
				t.Errorf("JSON: got %s, want %s", b, tc.json)
			}
		})
	}
}

// timeWorld is three 1°×1° counties in a row in one league: A (159901,
// 100,000 people), B (159902, 200,000) and C (159903, 100,000).
func timeWorld(fs []coverage.Facility, es []coverage.Event) *coverage.World {
	county := func(code string, lon float64, pop int) coverage.Unit {
		return coverage.Unit{Code: code, Name: code, Level: coverage.LevelCounty, Kind: "banner", Parent: "159900",
			Geometry: square(lon, 40), Seat: orb.Point{lon + 0.5, 40.5}, HasSeat: true, Population: pop}
	}
	return &coverage.World{
		Units: []coverage.Unit{
			county("159901", 110, 100_000), county("159902", 111, 200_000), county("159903", 112, 100_000),
			{Code: "159900", Name: "L", Level: coverage.LevelLeague, Geometry: orb.Polygon{{{110, 40}, {113, 40}, {113, 41}, {110, 41}, {110, 40}}},
				Population: 400_000, PopulationUrban: 100_000},
		},
		Facilities: fs, Events: es,
	}
}

// TestEventsCountToAsOf: events count from the period's start to the as-of day.
func TestEventsCountToAsOf(t *testing.T) {
	es := []coverage.Event{
		{ID: "E0", Kind: coverage.EventCaravanVisit, Date: "2020-12-31", Point: orb.Point{110.5, 40.5}}, // before the period
		{ID: "E1", Kind: coverage.EventCaravanVisit, Date: "2023-06-30", Point: orb.Point{111.5, 40.5}},
		{ID: "M1", Kind: coverage.EventMobileMuseum, Date: "2022-03-01", Point: orb.Point{112.5, 40.5}},
	}
	for _, tc := range []struct {
		day          string
		a, b         bool
		mobileLeague int
	}{
		{"2020-12-31", false, false, 0},
		{"2022-02-28", false, false, 0},
		{"2022-03-01", false, false, 1},
		{"2023-06-29", false, false, 1},
		{"2023-06-30", false, true, 1},
		{"2025-12-31", false, true, 1},
	} {
		t.Run(tc.day, func(t *testing.T) {
			rs := coverage.Defaults()
			rs.AsOf = tc.day
			res := coverage.Evaluate(timeWorld(nil, es), rs)
			a, _ := res.Unit("159901")
			b, _ := res.Unit("159902")
			if got := a.Rules[coverage.RuleCaravanReach].Pass; got != tc.a {
				t.Errorf("A caravan_reach: got %v, want %v", got, tc.a)
			}
			if got := b.Rules[coverage.RuleCaravanReach].Pass; got != tc.b {
				t.Errorf("B caravan_reach: got %v, want %v", got, tc.b)
			}
			if got := res.Region.MobileMuseumLeagues; got != tc.mobileLeague {
				t.Errorf("mobile museum leagues: got %d, want %d", got, tc.mobileLeague)
			}
		})
	}
}

// TestOpensAfterIsPipeline: as of a day before its opening a venue is not
// counted but listed as the pipeline of the gap it will close.
func TestOpensAfterIsPipeline(t *testing.T) {
	fs := []coverage.Facility{
		{ID: "V24", Category: coverage.CategoryVenue, Status: "open", FloorArea: 1200, Opened: "2024", Point: orb.Point{110.5, 40.5}},
		{ID: "VX", Category: coverage.CategoryVenue, Status: "closed", FloorArea: 1200, Opened: "2024", Point: orb.Point{111.5, 40.5}}, // closed, no date
	}
	for _, tc := range []struct {
		day      string
		pass     bool
		pipeline string
	}{
		{"2023-12-31", false, "V24"},
		{"2024-12-31", true, ""},
	} {
		rs := coverage.Defaults()
		rs.AsOf = tc.day
		res := coverage.Evaluate(timeWorld(fs, nil), rs)
		a, _ := res.Unit("159901")
		b, _ := res.Unit("159902")
		r := a.Rules[coverage.RuleVenue1000]
		if r.Pass != tc.pass || strings.Join(r.Pipeline, ",") != tc.pipeline || len(b.Rules[coverage.RuleVenue1000].Pipeline) != 0 {
			t.Errorf("as of %s: A pass %v pipeline %v, B pipeline %v; want %v %q and none", tc.day, r.Pass, r.Pipeline,
				b.Rules[coverage.RuleVenue1000].Pipeline, tc.pass, tc.pipeline)
		}
	}
}

// TestWhenParts: a value's year, and how it serializes as a property.
func TestWhenParts(t *testing.T) {
	for _, tc := range []struct {
		w       coverage.When
		year    int
		isYear  bool
		value   any
		first   string
		lastDay string
	}{
		{"2023", 2023, true, json.Number("2023"), "2023-01-01", "2023-12-31"},
		{"2023-06-30", 2023, false, "2023-06-30", "2023-06-30", "2023-06-30"},
		{"", 0, false, "", "", ""},
		{"202", 0, false, "202", "202", "202"},
	} {
		if tc.w.Year() != tc.year || tc.w.IsYear() != tc.isYear || tc.w.Value() != tc.value || tc.w.FirstDay() != tc.first || tc.w.LastDay() != tc.lastDay {
			t.Errorf("When(%q): got year %d isYear %v value %#v first %q last %q, want %d %v %#v %q %q", string(tc.w),
				tc.w.Year(), tc.w.IsYear(), tc.w.Value(), tc.w.FirstDay(), tc.w.LastDay(), tc.year, tc.isYear, tc.value, tc.first, tc.lastDay)
		}
	}
}
