package coverage_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// expected is what PostGIS answers for the sample (../shared/data/inner-mongolia/expected-sample.json).
type expected struct {
	Units map[string]struct {
		LargestVenueM2 float64 `json:"largest_venue_m2"`
		Venue1000      bool    `json:"venue_1000"`
		CaravanReach   bool    `json:"caravan_reach"`
		CaravanFragile bool    `json:"caravan_fragile"`
		BasesNational  int     `json:"bases_national"`
		BasesRegional  int     `json:"bases_regional"`
	} `json:"units"`
	OutsideRegion       []string `json:"outside_region"`
	CountyMismatch      []any    `json:"county_mismatch"`
	MobileMuseumLeagues int      `json:"mobile_museum_leagues"`
	BaseTotals          struct {
		National int `json:"national"`
		Regional int `json:"regional"`
		Themed   int `json:"themed"`
	} `json:"base_totals"`
}

func sampleResult(t testing.TB) *coverage.Result {
	t.Helper()
	return coverage.Evaluate(loadSample(t), coverage.Defaults())
}

// TestSampleAgreesWithPostGIS compares every county and the region with the
// independent PostGIS answers.
func TestSampleAgreesWithPostGIS(t *testing.T) {
	raw, err := os.ReadFile("testdata/expected-sample.json")
	if err != nil {
		t.Fatal(err)
	}
	var want expected
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	res := sampleResult(t)
	if len(want.Units) != 103 {
		t.Fatalf("expected file has %d units, want 103", len(want.Units))
	}
	for code, wu := range want.Units {
		u, ok := res.Unit(code)
		if !ok {
			t.Errorf("county %s missing from the result", code)
			continue
		}
		if u.LargestVenueM2 != wu.LargestVenueM2 {
			t.Errorf("%s largest_venue_m2 = %v, want %v", code, u.LargestVenueM2, wu.LargestVenueM2)
		}
		if got := u.Rules[coverage.RuleVenue1000].Pass; got != wu.Venue1000 {
			t.Errorf("%s venue_1000 = %v, want %v", code, got, wu.Venue1000)
		}
		if got := u.Rules[coverage.RuleCaravanReach].Pass; got != wu.CaravanReach && !wu.CaravanFragile {
			t.Errorf("%s caravan_reach = %v, want %v", code, got, wu.CaravanReach)
		}
		if u.Bases.National != wu.BasesNational || u.Bases.Regional != wu.BasesRegional {
			t.Errorf("%s bases national/regional = %d/%d, want %d/%d", code,
				u.Bases.National, u.Bases.Regional, wu.BasesNational, wu.BasesRegional)
		}
	}
	bt := res.Region.BaseTotals
	if bt.National != want.BaseTotals.National || bt.Regional != want.BaseTotals.Regional || bt.Themed != want.BaseTotals.Themed {
		t.Errorf("base totals = %+v, want %+v", bt, want.BaseTotals)
	}
	if res.Region.MobileMuseumLeagues != want.MobileMuseumLeagues {
		t.Errorf("mobile museum leagues = %d, want %d", res.Region.MobileMuseumLeagues, want.MobileMuseumLeagues)
	}
	var outside, mismatch int
	for _, d := range res.Diagnostics {
		switch d.Code {
		case "outside_region":
			outside++
		case "county_mismatch":
			mismatch++
		}
	}
	if outside != len(want.OutsideRegion) || mismatch != len(want.CountyMismatch) {
		t.Errorf("outside_region/county_mismatch = %d/%d, want %d/%d", outside, mismatch, len(want.OutsideRegion), len(want.CountyMismatch))
	}
}

// TestCheckDocumentShape pins the design's fixed field names in the JSON.
func TestCheckDocumentShape(t *testing.T) {
	b, err := json.Marshal(sampleResult(t))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	ds := doc["dataset"].(map[string]any)
	for k, want := range map[string]any{"counties": 103.0, "leagues": 12.0, "facilities": 739.0, "events": 16.0, "sample": true} {
		if ds[k] != want {
			t.Errorf("dataset.%s = %v, want %v", k, ds[k], want)
		}
	}
	rule := doc["rules"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "scope", "pass", "passing", "total"} {
		if _, ok := rule[k]; !ok {
			t.Errorf("rules[0] lacks %q", k)
		}
	}
	unit := doc["units"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "name", "level", "parent", "population", "largest_venue_m2", "bases", "rules"} {
		if _, ok := unit[k]; !ok {
			t.Errorf("units[0] lacks %q", k)
		}
	}
	bases := unit["bases"].(map[string]any)
	if _, ok := bases["national"]; !ok {
		t.Errorf("units[0].bases lacks national")
	}
	rules := unit["rules"].(map[string]any)
	if _, ok := rules["caravan_reach"].(map[string]any)["by"]; !ok {
		t.Errorf("units[0].rules.caravan_reach lacks by")
	}
	region := doc["region"].(map[string]any)
	for _, k := range []string{"base_totals", "mobile_museum_leagues"} {
		if _, ok := region[k]; !ok {
			t.Errorf("region lacks %q", k)
		}
	}
	if _, ok := doc["diagnostics"].([]any); !ok {
		t.Errorf("diagnostics is %T, want an array", doc["diagnostics"])
	}
}

func BenchmarkEvaluateSample(b *testing.B) {
	w, err := data.Load(data.Sources{})
	if err != nil {
		b.Fatal(err)
	}
	m := coverage.NewModel(w)
	rs := coverage.Defaults()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Evaluate(rs)
	}
}

func BenchmarkNewModelAndEvaluate(b *testing.B) {
	w, err := data.Load(data.Sources{})
	if err != nil {
		b.Fatal(err)
	}
	rs := coverage.Defaults()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		coverage.Evaluate(w, rs)
	}
}
