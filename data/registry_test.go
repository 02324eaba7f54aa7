package data_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"
)

// writeWorkbook writes rows to a new .xlsx with excelize, numbers as
// numbers (as Excel keeps them), on a sheet of the given name.
func writeWorkbook(t *testing.T, path, sheet string, rows [][]string) {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	if sheet != "Sheet1" {
		wb.SetSheetName("Sheet1", sheet)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var val any = v
			if x, err := strconv.ParseFloat(v, 64); err == nil && r > 0 {
				val = x
			}
			if v == "" {
				continue
			}
			if err := wb.SetCellValue(sheet, cell, val); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// registryExpect is what the test registry in testdata/registry gives, on
// the embedded units, worked out by hand: which counties pass venue_1000,
// where each record without coordinates is placed, and the base totals.
var registryExpect = struct {
	venuePass  []string
	located    map[string]string
	largest    map[string]float64
	caravan    map[string]bool
	national   int
	regional   int
	themed     int
	seatOfVE3  orb.Point
	facilities int
}{
	venuePass: []string{"150102", "150121", "150421"},
	located: map[string]string{"VE2": "150121", "VE3": "150222", "VE4": "150421", "VE5": "150103",
		"CA1": "150102", "BA1": "150102", "BA2": "150404"},
	largest: map[string]float64{"150102": 1500, "150121": 1200, "150222": 800, "150103": 0, "150421": 2000},
	// CA1 stands at the seat of 新城区 with an 80 km reach: 土默特左旗's seat is
	// about 43 km away, 固阳县's about 136 km.
	caravan:    map[string]bool{"150102": true, "150121": true, "150222": false},
	national:   1,
	regional:   1,
	themed:     2,
	seatOfVE3:  orb.Point{110.060514, 41.034105},
	facilities: 8,
}

func checkRegistry(t *testing.T, file string, opt data.Sources) {
	t.Helper()
	opt.Facilities = []string{file}
	w, err := data.Load(opt)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	want := registryExpect
	if len(w.Facilities) != want.facilities {
		t.Fatalf("%s: %d facilities, want %d", file, len(w.Facilities), want.facilities)
	}
	res := coverage.Evaluate(w, coverage.Defaults())
	var pass []string
	for _, u := range res.Units {
		if u.Level == coverage.LevelCounty && u.Rules[coverage.RuleVenue1000].Pass {
			pass = append(pass, u.Code)
		}
	}
	if strings.Join(pass, ",") != strings.Join(want.venuePass, ",") {
		t.Errorf("%s: venue_1000 passes in %v, want %v", file, pass, want.venuePass)
	}
	for code, m2 := range want.largest {
		if u, _ := res.Unit(code); u == nil || u.LargestVenueM2 != m2 {
			t.Errorf("%s: %s largest venue: got %+v, want %v", file, code, u, m2)
		}
	}
	for code, ok := range want.caravan {
		if u, _ := res.Unit(code); u == nil || u.Rules[coverage.RuleCaravanReach].Pass != ok {
			t.Errorf("%s: %s caravan_reach: want %v", file, code, ok)
		}
	}
	bt := res.Region.BaseTotals
	if bt.National != want.national || bt.Regional != want.regional || bt.Themed != want.themed {
		t.Errorf("%s: base totals %+v, want national %d regional %d themed %d", file, bt, want.national, want.regional, want.themed)
	}
	located := map[string]string{}
	for _, d := range res.Diagnostics {
		if d.Code == "located_by_county" {
			if d.Severity != "info" {
				t.Errorf("%s: located_by_county severity %q, want info", file, d.Severity)
			}
			located[d.Facility] = d.Located
		}
	}
	if len(located) != len(want.located) {
		t.Errorf("%s: located_by_county for %v, want %v", file, located, want.located)
	}
	for id, code := range want.located {
		if located[id] != code {
			t.Errorf("%s: %s located in %q, want %s", file, id, located[id], code)
		}
	}
	for _, f := range w.Facilities {
		_, byCounty := want.located[f.ID]
		if got := f.LocatedBy == coverage.LocatedByCounty; got != byCounty {
			t.Errorf("%s: %s located_by %q", file, f.ID, f.LocatedBy)
		}
		if f.ID == "VE3" && f.Point != want.seatOfVE3 {
			t.Errorf("%s: VE3 drawn at %v, want the seat of 固阳县 %v", file, f.Point, want.seatOfVE3)
		}
		if f.ID == "BA1" && strings.Join(f.Themes, ",") != "culture,tourism" {
			t.Errorf("%s: BA1 themes %v, want culture,tourism", file, f.Themes)
		}
		if f.ID == "VE1" && (f.Props["联系人"] != "王老师" || !f.Comprehensive) {
			t.Errorf("%s: VE1 %+v: want 联系人 kept and comprehensive", file, f)
		}
	}
}

// TestRegistryFormatsAgree reads one registry kept five ways — GeoJSON with
// English keys, a Chinese CSV in UTF-8 and in GB18030 (iconv), a Chinese
// workbook written by excelize and one written by LibreOffice — and checks each against the literal
// expectations above, records placed by county included.
func TestRegistryFormatsAgree(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "registry.xlsx")
	writeWorkbook(t, xlsx, "名录", readCSVFile(t, "testdata/registry/registry-zh.csv"))
	files := []string{"testdata/registry/registry-en.geojson", "testdata/registry/registry-zh.csv",
		"testdata/registry/registry-gb18030.csv", xlsx, "testdata/registry/registry-libreoffice.xlsx"}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { checkRegistry(t, f, data.Sources{}) })
	}
}

// TestWorkbookSheet reads the sheet --sheet names and refuses one the
// workbook lacks, listing those it has.
func TestWorkbookSheet(t *testing.T) {
	dir := t.TempDir()
	wbPath := filepath.Join(dir, "two.xlsx")
	wb := excelize.NewFile()
	wb.SetSheetName("Sheet1", "说明")
	wb.SetCellValue("说明", "A1", "这一页是说明")
	wb.NewSheet("名录")
	for i, v := range []any{"编号", "类别", "经度", "纬度", "VE1", "场馆", 111.6, 40.8} {
		cell, _ := excelize.CoordinatesToCellName(i%4+1, i/4+1)
		wb.SetCellValue("名录", cell, v)
	}
	if err := wb.SaveAs(wbPath); err != nil {
		t.Fatal(err)
	}
	read := func(sheet string) ([]coverage.Facility, []data.Problem) {
		f, _ := os.Open(wbPath)
		defer f.Close()
		fs, ps, err := data.ReadFacilities("two.xlsx", f, data.Options{Sheet: sheet})
		if err != nil {
			t.Fatal(err)
		}
		return fs, ps
	}
	if fs, ps := read("名录"); len(fs) != 1 || fs[0].Category != "venue" || len(ps) != 0 {
		t.Errorf("--sheet 名录: got %+v %v, want VE1 venue", fs, ps)
	}
	_, ps := read("")
	if len(ps) != 1 || !strings.Contains(ps[0].String(), `the header has no "lon" and "lat" (经度, 纬度) columns`) {
		t.Errorf("first sheet (说明): problems %v, want the missing lon/lat header named", ps)
	}
	_, ps = read("Sheet9")
	if want := `two.xlsx: the workbook has no sheet "Sheet9" (it has "说明", "名录")`; len(ps) != 1 || ps[0].String() != want {
		t.Errorf("missing sheet: problems %v, want %s", ps, want)
	}
}

func problemStrings(ps []data.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	sort.Strings(out)
	return out
}
