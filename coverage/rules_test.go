package coverage_test

import (
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

// TestParseRulesBounds: every threshold may be zero, none negative or NaN;
// dates must be calendar days, the period in order, the region code six
// digits. The error names the field.
func TestParseRulesBounds(t *testing.T) {
	for _, tc := range []struct {
		name, file, err string
	}{
		{"empty is the defaults", "", ""},
		{"a BOM and blank lines", "\xef\xbb\xbf\n\n", ""},
		{"JSON", `{"venue_1000": {"min_floor_area_m2": 0}}`, ""},
		{"period of one day", "period: {from: 2023-01-01, to: 2023-01-01}", ""},
		{"period backwards", "period: {from: 2023-01-02, to: 2023-01-01}", "period: from 2023-01-02 is after to 2023-01-01"},
		{"period from 1900-02-29", "period: {from: 1900-02-29, to: 2023-01-01}", "period.from"},
		{"period to 2000-02-29", "period: {from: 2000-01-01, to: 2000-02-29}", ""},
		{"period to not a date", "period: {from: 2021-01-01, to: soon}", "period.to"},
		{"as_of a day", "as_of: 2023-12-31", ""},
		{"as_of not a day", "as_of: 2023-13-01", "as_of"},
		{"region code", "region: {code: '620000'}", ""},
		{"region code with nines", "region: {code: '659099'}", ""},
		{"region code of five digits", "region: {code: '62000'}", "region.code"},
		{"region code with a letter", "region: {code: '62000a'}", "region.code"},
		{"unknown key", "venue_1000: {min_area: 5}", "min_area"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := coverage.ParseRules([]byte(tc.file))
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("got %v, want %q", err, tc.err)
			}
		})
	}
	for _, field := range []string{
		"venue_1000.min_floor_area_m2", "league_museum.m2_per_10k_urban", "league_museum.m2_per_10k_urban_small",
		"league_museum.minimum_m2", "caravan_reach.default_reach_km", "base_totals.national", "base_totals.regional",
		"base_totals.themed", "mobile_museum_rotation.min_leagues", "base_distribution.min_bases",
		"priority.population", "priority.rural", "priority.distance", "priority.former_poverty", "priority.border",
	} {
		section, key, _ := strings.Cut(field, ".")
		for _, v := range []string{"0", "-1"} {
			_, err := coverage.ParseRules([]byte(section + ": {" + key + ": " + v + "}"))
			if v == "0" && err != nil || v == "-1" && (err == nil || !strings.Contains(err.Error(), field)) {
				t.Errorf("%s = %s: got %v", field, v, err)
			}
		}
		if strings.HasPrefix(field, "base_") || strings.HasPrefix(field, "mobile") {
			continue // integers: YAML has no NaN for them
		}
		if _, err := coverage.ParseRules([]byte(section + ": {" + key + ": .nan}")); err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("%s = NaN: got %v, want refused", field, err)
		}
	}
}

// TestRulesFileChangesThresholds: a rules file's figures reach the rules.
func TestRulesFileChangesThresholds(t *testing.T) {
	rs, err := coverage.ParseRules([]byte(`venue_1000: {min_floor_area_m2: 999.9}
caravan_reach: {default_reach_km: 170}
base_distribution: {min_bases: 2}
mobile_museum_rotation: {min_leagues: 1}
base_totals: {national: 1, regional: 0, themed: 1, themes: [ecology]}
league_museum: {minimum_m2: 100, m2_per_10k_urban_small: 10}
`))
	if err != nil {
		t.Fatal(err)
	}
	fs := []coverage.Facility{tVenue("V", "open", 999.9, ptB), tCaravan("K", 0, ptA), tBase("B1", "national", "ecology"), tBase("B2", "county"),
		tMuseum("M", "open", 100, ptC)}
	es := []coverage.Event{{ID: "E", Kind: coverage.EventMobileMuseum, Date: "2022-01-01", Point: ptA}}
	res := coverage.Evaluate(timeWorld(fs, es), rs)
	for _, tc := range []struct {
		code, rule string
		want       bool
	}{
		{seatB, coverage.RuleVenue1000, true},
		{seatC, coverage.RuleCaravanReach, true}, // 169.5 km ≤ 170
		{seatA, coverage.RuleBaseDistribution, true},
		{seatB, coverage.RuleBaseDistribution, false},
		{"159900", coverage.RuleLeagueMuseum, true}, // 100,000 urban × 10 / 10,000 = 100 m²
	} {
		if got := unitRule(t, res, tc.code, tc.rule).Pass; got != tc.want {
			t.Errorf("%s %s: got %v, want %v", tc.code, tc.rule, got, tc.want)
		}
	}
	for _, id := range []string{coverage.RuleMobileMuseum, coverage.RuleBaseTotals} {
		if rr, _ := res.Rule(id); !rr.Pass {
			t.Errorf("%s: got failing %+v, want passing", id, *rr)
		}
	}
	if res.TargetsFrom != "rules" || res.Region.TargetsFrom != "rules" {
		t.Errorf("targets_from: got %q %q, want rules", res.TargetsFrom, res.Region.TargetsFrom)
	}
	if bt := res.Region.BaseTotals; bt.Themed != 1 || bt.National != 1 || bt.Total != 2 {
		t.Errorf("base totals: got %+v, want themed 1 (ecology), national 1, total 2", bt)
	}
}

// TestTargetsFrom: "plan" for Inner Mongolia under the defaults, "default"
// for another region under them, "rules" once any region-scope target changes.
func TestTargetsFrom(t *testing.T) {
	im, other := coverage.InnerMongolia, coverage.Region{Code: "620000", Name: "甘肃省"}
	d := coverage.Defaults()
	for _, tc := range []struct {
		name   string
		change func(*coverage.Ruleset)
		region coverage.Region
		want   string
	}{
		{"defaults, Inner Mongolia", func(*coverage.Ruleset) {}, im, "plan"},
		{"defaults, another region", func(*coverage.Ruleset) {}, other, "default"},
		{"a venue threshold is not a region target", func(rs *coverage.Ruleset) { rs.Venue1000.MinFloorAreaM2 = 5 }, other, "default"},
		{"national", func(rs *coverage.Ruleset) { rs.BaseTotals.National = 49 }, im, "rules"},
		{"regional", func(rs *coverage.Ruleset) { rs.BaseTotals.Regional = 501 }, other, "rules"},
		{"themed", func(rs *coverage.Ruleset) { rs.BaseTotals.Themed = 0 }, im, "rules"},
		{"mobile museum", func(rs *coverage.Ruleset) { rs.MobileMuseum.MinLeagues = 4 }, other, "rules"},
	} {
		rs := d
		tc.change(&rs)
		if got := rs.TargetsFrom(tc.region); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestPlanTexts: each rule quotes its own sentence of the plan.
func TestPlanTexts(t *testing.T) {
	rs := coverage.Defaults()
	want := map[string]string{
		coverage.RuleVenue1000:        "旗县（市、区）要建成1000平米以上科普场馆",
		coverage.RuleLeagueMuseum:     "盟市要建设与当地人口和经济社会发展相适应的综合性科普场馆",
		coverage.RuleCaravanReach:     "科普大篷车配备实现全区所有旗县（市、区）全覆盖",
		coverage.RuleMobileMuseum:     "中国流动科技馆区域换展盟市数量达到5个以上",
		coverage.RuleBaseTotals:       "全区创建国家级科普教育基地50个以上，自治区级科普教育基地500个以上…支持创建100个\"科普+文化\"\"科普+旅游\"科普教育基地",
		coverage.RuleBaseDistribution: "推动优质科普资源向农村牧区倾斜下沉",
	}
	res := coverage.Evaluate(timeWorld(nil, nil), rs)
	for id, text := range want {
		if rs.PlanText(id) != text || coverage.PlanText(id) != text {
			t.Errorf("%s: got %q / %q, want %q", id, rs.PlanText(id), coverage.PlanText(id), text)
		}
		if rr, ok := res.Rule(id); !ok || rr.PlanText != text {
			t.Errorf("%s in the result: got %+v", id, rr)
		}
	}
	if rs.PlanText("nope") != "" {
		t.Errorf("an unknown rule has plan text %q", rs.PlanText("nope"))
	}
	if got := strings.Join(coverage.RuleIDs, " "); got != "venue_1000 league_museum caravan_reach mobile_museum_rotation base_totals base_distribution" {
		t.Errorf("rule order: got %s", got)
	}
	var order []string
	for _, rr := range res.Rules {
		order = append(order, rr.ID+"/"+rr.Scope)
	}
	if got := strings.Join(order, " "); got != "venue_1000/county league_museum/league caravan_reach/county mobile_museum_rotation/region base_totals/region base_distribution/county" {
		t.Errorf("result rules: got %s", got)
	}
}

// TestEverythingPasses: a world that meets every target passes as a whole,
// with no gaps; under the defaults but one base short, it does not.
func TestEverythingPasses(t *testing.T) {
	rs, err := coverage.ParseRules([]byte("base_totals: {national: 1, regional: 0, themed: 1}\nmobile_museum_rotation: {min_leagues: 1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var fs []coverage.Facility
	for i, p := range []orb.Point{ptA, ptB, ptC} {
		b := tBase("B"+itoa(i), "national", "culture")
		b.Point = p
		fs = append(fs, tVenue("V"+itoa(i), "open", 1000, p), b)
	}
	fs = append(fs, tCaravan("K", 170, ptA), tMuseum("M", "open", 4000, ptB))
	es := []coverage.Event{{ID: "E", Kind: coverage.EventMobileMuseum, Date: "2025-12-31", Point: ptC}}
	res := coverage.Evaluate(timeWorld(fs, es), rs)
	if !res.Pass() || len(res.Gaps(coverage.GapFilter{})) != 0 {
		t.Fatalf("got pass %v with gaps %+v, want every rule passing", res.Pass(), rows(res.Gaps(coverage.GapFilter{})))
	}
	for _, rr := range res.Rules {
		if rr.Passing != rr.Total || len(rr.Failing) != 0 {
			t.Errorf("%s: %d of %d passing, failing %v", rr.ID, rr.Passing, rr.Total, rr.Failing)
		}
	}
	for _, u := range res.Units {
		if u.Priority != 0 {
			t.Errorf("%s: priority %v with no gap", u.Code, u.Priority)
		}
	}
	es[0].Date = "2026-01-01"
	res = coverage.Evaluate(timeWorld(fs, es), rs)
	if rr, _ := res.Rule(coverage.RuleMobileMuseum); res.Pass() || rr.Pass || strings.Join(rr.Failing, ",") != "150000" {
		t.Errorf("with the stop after the period: got pass %v, rule %+v", res.Pass(), rr)
	}
}

// TestLocatedByCounty: a record without coordinates counts in its declared
// county; one declaring a league or an unknown code counts nowhere.
func TestLocatedByCounty(t *testing.T) {
	byCounty := func(id, county string) coverage.Facility {
		f := tVenue(id, "open", 1000, orb.Point{})
		f.County, f.LocatedBy = county, coverage.LocatedByCounty
		return f
	}
	w := timeWorld([]coverage.Facility{byCounty("VB", seatB), byCounty("VL", "159900"), byCounty("VU", "159999")}, nil)
	m := coverage.NewModel(w)
	if got := strings.Join(m.FacilityCounty, ","); got != seatB+",," {
		t.Errorf("placed in %q, want %s and nowhere twice", got, seatB)
	}
	res := m.Evaluate(coverage.Defaults())
	if !unitRule(t, res, seatB, coverage.RuleVenue1000).Pass || unitRule(t, res, seatA, coverage.RuleVenue1000).Pass {
		t.Errorf("VB does not count for B alone")
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.Code+":"+d.Facility+":"+d.Located+":"+d.Declared)
	}
	want := "located_by_county:VB:159902: outside_region:VL::159900 outside_region:VU::159999"
	if strings.Join(got, " ") != want {
		t.Errorf("diagnostics: got %v, want %s", got, want)
	}
	if m.LeagueOf(seatB) != "159900" || m.LeagueOf("159999") != "" || m.Locate(ptC) != seatC || m.Locate(orb.Point{0, 0}) != "" {
		t.Errorf("LeagueOf/Locate: got %q %q %q %q", m.LeagueOf(seatB), m.LeagueOf("159999"), m.Locate(ptC), m.Locate(orb.Point{0, 0}))
	}
	if _, ok := res.Unit("159999"); ok {
		t.Errorf("Unit of an unknown code: found")
	}
	if _, ok := res.Rule("nope"); ok {
		t.Errorf("Rule of an unknown id: found")
	}
}

// TestEventOutsideAndDataset: an event no county covers gives a diagnostic
// and counts for nothing; the dataset counts what was given.
func TestEventOutsideAndDataset(t *testing.T) {
	es := []coverage.Event{{ID: "EX", Kind: coverage.EventCaravanVisit, Date: "2023-01-01", Point: orb.Point{100, 40.5}},
		{ID: "EA", Kind: coverage.EventCaravanVisit, Date: "2023-01-01", Point: ptA}}
	w := timeWorld([]coverage.Facility{tVenue("V", "open", 5, ptA)}, es)
	w.Sample, w.Sources = true, []string{"units.geojson"}
	res := coverage.Evaluate(w, coverage.Defaults())
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Code != "outside_region" || res.Diagnostics[0].Event != "EX" {
		t.Errorf("diagnostics: got %+v, want outside_region for EX", res.Diagnostics)
	}
	want := coverage.Dataset{Counties: 3, Leagues: 1, Facilities: 1, Events: 2, Sample: true,
		Period: coverage.Period{From: "2021-01-01", To: "2025-12-31"}, Sources: []string{"units.geojson"}}
	if d := res.Dataset; d.Counties != want.Counties || d.Leagues != want.Leagues || d.Facilities != want.Facilities || d.Events != want.Events ||
		d.Sample != want.Sample || d.Period != want.Period || strings.Join(d.Sources, ",") != "units.geojson" {
		t.Errorf("dataset: got %+v, want %+v", d, want)
	}
	if strings.Join(unitRule(t, res, seatA, coverage.RuleCaravanReach).By, ",") != "EA" {
		t.Errorf("A's caravan_reach by: got %v, want [EA]", unitRule(t, res, seatA, coverage.RuleCaravanReach).By)
	}
	if res.AsOf != "2025-12-31" || res.AsOfBasis != "declared" || res.RecordedAt != "" {
		t.Errorf("as of: got %q %q %q", res.AsOf, res.AsOfBasis, res.RecordedAt)
	}
	w.RecordedAt = "2024-05-01"
	if res := coverage.Evaluate(w, coverage.Defaults()); res.AsOfBasis != "recorded" || res.RecordedAt != "2024-05-01" {
		t.Errorf("recorded: got %q %q", res.AsOfBasis, res.RecordedAt)
	}
}
