package data

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
)

// square is a one-degree square polygon at lon, lat as GeoJSON.
func square(lon, lat float64) string {
	return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%v,%v],[%v,%v],[%v,%v],[%v,%v],[%v,%v]]]}`,
		lon, lat, lon+1, lat, lon+1, lat+1, lon, lat+1, lon, lat)
}

func unitFeature(props, geom string) string {
	return `{"type":"Feature","properties":{` + props + `},"geometry":` + geom + `}`
}

func writeUnits(t *testing.T, features ...string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "units.geojson")
	if err := os.WriteFile(name, []byte(`{"type":"FeatureCollection","features":[`+strings.Join(features, ",")+`]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func county(code string, lon float64) string {
	return unitFeature(fmt.Sprintf(`"code":"%s","name":"县%s","level":"county","seat_lon":%v,"seat_lat":30.5`, code, code, lon+0.5), square(lon, 30))
}

func TestRegionFromData(t *testing.T) {
	cases := []struct {
		name     string
		features []string
		code     string
		region   string
		en       string
	}{
		{"one province by prefix", []string{county("620102", 100), county("620103", 101)}, "620000", "甘肃省", "Gansu Province"},
		{"Inner Mongolia by prefix", []string{county("150102", 110)}, "150000", "内蒙古自治区", "Inner Mongolia Autonomous Region"},
		{"Macao", []string{county("820001", 113)}, "820000", "澳门特别行政区", "Macao Special Administrative Region"},
		{"two provinces", []string{county("620102", 100), county("640104", 105)}, "000000", "甘肃省、宁夏回族自治区", "Gansu Province, Ningxia Hui Autonomous Region"},
		{"four provinces: the nation", []string{county("110101", 116), county("120101", 117), county("130102", 114), county("140105", 112)}, "000000", "全国", "China"},
		{"a region feature wins", []string{
			unitFeature(`"code":"620000","name":"甘肃省（试点）","level":"region","name_en":"Gansu pilot"`, square(99, 29)),
			county("620102", 100)}, "620000", "甘肃省（试点）", "Gansu pilot"},
		{"region level from the code", []string{
			unitFeature(`"code":"630000","name":"青海"`, square(99, 29)), county("630102", 100)}, "630000", "青海", "Qinghai Province"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, err := Load(Sources{Units: []string{writeUnits(t, c.features...)}})
			if err != nil {
				t.Fatal(err)
			}
			if w.Region.Code != c.code || w.Region.Name != c.region || w.Region.NameEN != c.en {
				t.Errorf("region: got %s %s %q, want %s %s %q", w.Region.Code, w.Region.Name, w.Region.NameEN, c.code, c.region, c.en)
			}
			for _, u := range w.Units {
				if u.Level == coverage.LevelRegion {
					t.Errorf("unit %s: the region feature stays among the units", u.Code)
				}
			}
		})
	}
}

func TestEveryProvinceIsNamed(t *testing.T) {
	prefixes := []string{"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
		"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"}
	names := map[string]bool{}
	for _, p := range prefixes {
		r, ok := ProvinceRegion(p)
		if !ok || r.Code != p+"0000" || r.Name == "" || r.NameEN == "" || names[r.Name] {
			t.Errorf("prefix %s: got %+v, %v; want a distinct named region %s0000", p, r, ok, p)
		}
		names[r.Name] = true
	}
	for _, p := range []string{"00", "16", "99"} {
		if _, ok := ProvinceRegion(p); ok {
			t.Errorf("prefix %s: named a province, want none", p)
		}
	}
}

func TestUnitKindsOfChina(t *testing.T) {
	kinds := []string{"league", "prefecture_city", "prefecture", "autonomous_prefecture", "city", "county_city",
		"banner", "autonomous_banner", "county", "autonomous_county", "district", "forest_district", "special_district",
		"municipality", "municipal_districts", "direct_counties"}
	for _, k := range kinds {
		t.Run(k, func(t *testing.T) {
			f := unitFeature(`"code":"420102","name":"单位","level":"county","kind":"`+k+`","seat_lon":100.5,"seat_lat":30.5`, square(100, 30))
			w, err := Load(Sources{Units: []string{writeUnits(t, f)}})
			if err != nil {
				t.Fatalf("kind %s refused: %v", k, err)
			}
			if w.Units[0].Kind != k || words.KindName(k, "zh") == k {
				t.Errorf("kind %s: got %q, Chinese name %q", k, w.Units[0].Kind, words.KindName(k, "zh"))
			}
		})
	}
	f := unitFeature(`"code":"420102","name":"单位","level":"county","kind":"shire"`, square(100, 30))
	if _, err := Load(Sources{Units: []string{writeUnits(t, f)}}); err == nil || !strings.Contains(err.Error(), `kind: unknown value "shire"`) {
		t.Errorf("kind shire: got %v, want refused", err)
	}
}

func TestRegionSpeech(t *testing.T) {
	gansu, _ := ProvinceRegion("62")
	beijing, _ := ProvinceRegion("11")
	ningxia, _ := ProvinceRegion("64")
	named := gansu
	named.LeagueWord, named.CountyWord, named.LeagueWordEN = "地州", "县市", "prefecture-level unit"
	cases := []struct {
		name   string
		region coverage.Region
		in     string
		want   string
	}{
		{"Inner Mongolia keeps its words", coverage.InnerMongolia, "每个旗县（市、区）、盟市，全区自治区级", "每个旗县（市、区）、盟市，全区自治区级"},
		{"a province", gansu, "每个旗县（市、区）、盟市，全区自治区级", "每个县区、市州，全省省级"},
		{"a municipality", beijing, "12 个旗县、3 个盟市，全区", "12 个区县、3 个区县，全市"},
		{"an autonomous region", ningxia, "6 个旗县，全区自治区级基地", "6 个县区，全区自治区级基地"},
		{"names from the rules file", named, "每个盟市的旗县", "每个地州的县市"},
		{"English", gansu, "3 leagues, 2 counties; League museum; regional bases", "3 prefectures, 2 counties; Prefecture museum; provincial bases"},
		{"English names from the rules file", named, "a league", "a prefecture-level unit"},
		{"an empty region is Inner Mongolia", coverage.Region{}, "盟市", "盟市"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := words.RegionSpeech(c.region).Say(c.in); got != c.want {
				t.Errorf("Say(%q): got %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestRulesNameTheRegion(t *testing.T) {
	rs, err := coverage.ParseRules([]byte("region: {name: 甘肃省科协试点, county_word: 县市区}\nbase_totals: {national: 20}\nvenue_1000: {plan_text: 县（市、区）建成科技馆}\n"))
	if err != nil {
		t.Fatal(err)
	}
	w, err := Load(Sources{Units: []string{writeUnits(t, county("620102", 100))}})
	if err != nil {
		t.Fatal(err)
	}
	res := coverage.Evaluate(w, rs)
	if res.Region.Code != "620000" || res.Region.Name != "甘肃省科协试点" || res.TargetsFrom != "rules" {
		t.Errorf("region: got %s %s targets from %q, want 620000 甘肃省科协试点 from rules", res.Region.Code, res.Region.Name, res.TargetsFrom)
	}
	if r, _ := res.Rule(coverage.RuleVenue1000); r.PlanText != "县（市、区）建成科技馆" {
		t.Errorf("plan text: got %q", r.PlanText)
	}
	var b strings.Builder
	if err := WriteCheckText(&b, res, "zh", 3); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "甘肃省科协试点科普设施覆盖检查  1 个县市区、1 个市州") {
		t.Errorf("title: got %q", strings.SplitN(b.String(), "\n", 2)[0])
	}
	if _, err := coverage.ParseRules([]byte("region: {code: 62}\n")); err == nil {
		t.Errorf("region code 62: accepted, want a 6-digit code")
	}
}
