package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
	"github.com/xuri/excelize/v2"
)

// The other region: 石嘴山市 and 中卫市 of 宁夏回族自治区, built by
// scripts/china-units.mjs, with six synthetic facilities and one event.
var (
	nxUnits      = filepath.Join("..", "..", "data", "testdata", "china", "ningxia-extract.geojson")
	nxFacilities = filepath.Join("..", "..", "data", "testdata", "china", "ningxia-facilities.geojson")
	nxEvents     = filepath.Join("..", "..", "data", "testdata", "china", "ningxia-events.geojson")
)

func nxArgs(cmd string, more ...string) []string {
	return append([]string{cmd, "--units", nxUnits, "--facilities", nxFacilities, "--events", nxEvents}, more...)
}

// nxOracle reads the extract with orb alone: the bounds of every county
// coordinate, and the county whose outline planar-contains each facility.
func nxOracle(t *testing.T) (bounds [4]float64, located map[string]string) {
	t.Helper()
	read := func(name string) *geojson.FeatureCollection {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			t.Fatal(err)
		}
		return fc
	}
	bounds = [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	units, facilities := read(nxUnits), read(nxFacilities)
	located = map[string]string{}
	for _, u := range units.Features {
		if u.Properties["level"] != "county" {
			continue
		}
		var polys orb.MultiPolygon
		switch g := u.Geometry.(type) {
		case orb.Polygon:
			polys = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			polys = g
		}
		for _, p := range polys {
			for _, pt := range p[0] {
				bounds[0], bounds[1] = min(bounds[0], pt[0]), min(bounds[1], pt[1])
				bounds[2], bounds[3] = max(bounds[2], pt[0]), max(bounds[3], pt[1])
			}
		}
		for _, f := range facilities.Features {
			if planar.MultiPolygonContains(polys, f.Point()) {
				located[f.Properties["id"].(string)] = u.Properties["code"].(string)
			}
		}
	}
	return bounds, located
}

func TestAnotherRegion(t *testing.T) {
	bounds, located := nxOracle(t)
	// Each facility sits at a county seat; orb agrees on the county.
	wantLocated := map[string]string{"VE1": "640202", "VE2": "640502", "VE3": "640521", "CA1": "640221", "BA1": "640522", "BA2": "640205"}
	for id, code := range wantLocated {
		if located[id] != code {
			t.Errorf("oracle: %s in %q, want %s", id, located[id], code)
		}
	}

	code, out, errs := runKepu(nxArgs("check", "--format", "json")...)
	if code != 1 {
		t.Fatalf("check: exit %d, want 1 (gaps): %s", code, errs)
	}
	var doc struct {
		Dataset     struct{ Counties, Leagues, Facilities, Events int }
		TargetsFrom string `json:"targets_from"`
		Region      struct {
			Code, Name          string
			Bounds              []float64
			TargetsFrom         string                                   `json:"targets_from"`
			BaseTotals          struct{ National, Regional, Themed int } `json:"base_totals"`
			MobileMuseumLeagues int                                      `json:"mobile_museum_leagues"`
		}
		Rules []struct {
			ID             string
			Pass           bool
			Passing, Total int
			Failing        []string
		}
		Units []struct {
			Code           string
			LargestVenueM2 float64 `json:"largest_venue_m2"`
			Rules          map[string]struct{ Pass bool }
		}
		Diagnostics []struct{ Code, Facility string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Region.Code != "640000" || doc.Region.Name != "宁夏回族自治区" {
		t.Errorf("region: got %s %s, want 640000 宁夏回族自治区", doc.Region.Code, doc.Region.Name)
	}
	if doc.TargetsFrom != "default" || doc.Region.TargetsFrom != "default" {
		t.Errorf("targets_from: got %q / %q, want default", doc.TargetsFrom, doc.Region.TargetsFrom)
	}
	if len(doc.Region.Bounds) != 4 {
		t.Fatalf("region bounds: got %v", doc.Region.Bounds)
	}
	for i, v := range doc.Region.Bounds {
		if math.Abs(v-bounds[i]) > 1e-9 {
			t.Errorf("bounds[%d]: got %v, want %v (orb over the file)", i, v, bounds[i])
		}
	}
	if d := doc.Dataset; d.Counties != 6 || d.Leagues != 2 || d.Facilities != 6 || d.Events != 1 {
		t.Errorf("dataset: got %+v, want 6 counties, 2 leagues, 6 facilities, 1 event", d)
	}
	for _, d := range doc.Diagnostics {
		if d.Code == "outside_region" || d.Code == "county_mismatch" {
			t.Errorf("diagnostic %s for %s: every facility lies in its county", d.Code, d.Facility)
		}
	}
	// Literal expectations: VE1 1500 m² and VE3 9000 m² pass venue_1000; CA1 at
	// 平罗's seat reaches 石嘴山's three seats (all within 45 km) and none of
	// 中卫's (over 150 km); BA1 and BA2 give 海原 and 惠农 a base; 中卫's league
	// museum needs 80 m² per 10,000 of 530,471 urban residents = 4,244 m² < 9,000.
	want := map[string]map[string]bool{
		"640202": {"venue_1000": true, "caravan_reach": true, "base_distribution": false},
		"640205": {"venue_1000": false, "caravan_reach": true, "base_distribution": true},
		"640221": {"venue_1000": false, "caravan_reach": true, "base_distribution": false},
		"640502": {"venue_1000": false, "caravan_reach": false, "base_distribution": false},
		"640521": {"venue_1000": true, "caravan_reach": false, "base_distribution": false},
		"640522": {"venue_1000": false, "caravan_reach": false, "base_distribution": true},
		"640200": {"league_museum": false},
		"640500": {"league_museum": true},
	}
	for _, u := range doc.Units {
		for rule, pass := range want[u.Code] {
			if got := u.Rules[rule].Pass; got != pass {
				t.Errorf("%s %s: got pass %v, want %v", u.Code, rule, got, pass)
			}
		}
		delete(want, u.Code)
	}
	if len(want) > 0 {
		t.Errorf("units missing from the result: %v", want)
	}
	for _, r := range doc.Rules {
		if r.ID == "base_totals" || r.ID == "mobile_museum_rotation" {
			if r.Pass || !slices.Equal(r.Failing, []string{"640000"}) {
				t.Errorf("%s: got pass %v failing %v, want a gap of region 640000", r.ID, r.Pass, r.Failing)
			}
		}
	}
	if bt := doc.Region.BaseTotals; bt.National != 1 || bt.Regional != 1 || bt.Themed != 1 || doc.Region.MobileMuseumLeagues != 1 {
		t.Errorf("region figures: got %+v, %d leagues, want 1/1/1 and 1", bt, doc.Region.MobileMuseumLeagues)
	}

	// Every title and gap row names Ningxia in its words, never Inner Mongolia.
	_, text, _ := runKepu(nxArgs("check")...)
	if !strings.HasPrefix(text, "宁夏回族自治区科普设施覆盖检查  6 个县区、2 个市州") {
		t.Errorf("check text title: got %q", strings.SplitN(text, "\n", 2)[0])
	}
	_, en, _ := runKepu(nxArgs("check", "--lang", "en")...)
	if !strings.HasPrefix(en, "Ningxia Hui Autonomous Region science-facility coverage  6 counties, 2 prefectures") {
		t.Errorf("check text title (en): got %q", strings.SplitN(en, "\n", 2)[0])
	}
	_, gaps, _ := runKepu(nxArgs("gaps", "--format", "csv", "--rule", "base_totals")...)
	if n := strings.Count(gaps, "\nbase_totals,640000,宁夏回族自治区,region,"); n != 3 {
		t.Errorf("region gap rows: got %d rows of 640000 宁夏回族自治区, want 3:\n%s", n, gaps)
	}
	_, kml, _ := runKepu(nxArgs("export", "--what", "gaps", "--format", "kml")...)
	dir := t.TempDir()
	if code, _, errs := runKepu(nxArgs("report", "--out", dir, "--quiet")...); code != 0 {
		t.Fatalf("report: exit %d: %s", code, errs)
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(index), "<title>宁夏回族自治区 科普设施覆盖评估报告") {
		t.Errorf("report title: want 宁夏回族自治区 科普设施覆盖评估报告")
	}
	book := workbookText(t, filepath.Join(dir, "report.xlsx"))
	if !strings.Contains(book, "宁夏回族自治区") {
		t.Errorf("report.xlsx: the region's name is missing")
	}
	for name, s := range map[string]string{"check": text, "check --lang en": en, "gaps": gaps, "kml": kml,
		"index.html": string(index), "report.xlsx": book} {
		if strings.Contains(s, "内蒙古") || strings.Contains(s, "Inner Mongolia") {
			t.Errorf("%s names Inner Mongolia for Ningxia's data", name)
		}
		if name != "check --lang en" && name != "kml" && (strings.Contains(s, "旗县") || strings.Contains(s, "盟市")) {
			t.Errorf("%s uses Inner Mongolia's level words (旗县/盟市) for Ningxia", name)
		}
	}
	if !strings.Contains(kml, "宁夏回族自治区") {
		t.Errorf("kml: the region's name is missing")
	}
}

func workbookText(t *testing.T, name string) string {
	t.Helper()
	f, err := excelize.OpenFile(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

func TestUnitsAloneMeanNoFacilities(t *testing.T) {
	code, out, errs := runKepu("check", "--units", nxUnits, "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out+errs, "内蒙古") || strings.Contains(out+errs, "Inner Mongolia") {
		t.Errorf("--units alone: the output names Inner Mongolia for Ningxia's units")
	}
	if !strings.Contains(errs, "--units without --facilities") {
		t.Errorf("stderr: got %q, want a notice that --units alone loads no facilities", errs)
	}
	var doc struct {
		Dataset struct {
			Facilities, Events int
			Sample             bool
		}
		Diagnostics []struct{ Code string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Dataset.Facilities != 0 || doc.Dataset.Events != 0 || doc.Dataset.Sample {
		t.Errorf("dataset: got %+v, want no facilities, no events, not the sample", doc.Dataset)
	}
	var codes []string
	for _, d := range doc.Diagnostics {
		codes = append(codes, d.Code)
	}
	if !slices.Contains(codes, "no_facilities") || slices.Contains(codes, "outside_region") {
		t.Errorf("diagnostics: got %v, want no_facilities and no outside_region", codes)
	}
}
