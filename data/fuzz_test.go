package data_test

import (
	"bytes"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/xuri/excelize/v2"
)

// FuzzReadFacilities drives the facility reader with arbitrary bytes: it
// must never panic, and every record it keeps must be valid.
func FuzzReadFacilities(f *testing.F) {
	seeds := []string{
		fc(pt(okProps, `[111.6,40.8]`)),
		fc(pt(`{"id":"A","category":"base","themes":["culture"],"level":"national"}`, `[111,40,5]`)),
		fc(pt(`{"id":"V","category":"venue","status":"closed","opened":"2019年6月1日","closed":2024}`, `[111,40]`)),
		fc(pt(okProps, `[NaN,40]`)),
		fc(`{"type":"Feature","properties":null,"geometry":{"type":"GeometryCollection","geometries":[null]}}`),
		"\ufeff" + fc(),
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1e999}`,
		`{"type":"Feature","properties":{"id":"X","category":"venue"},"geometry":{"type":"Point","coordinates":[1,2]}}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fs, ps, err := data.ReadFacilities("fuzz.geojson", bytes.NewReader(b), data.Options{})
		if err != nil {
			t.Fatalf("reader error on in-memory input: %v", err)
		}
		seen := map[string]bool{}
		for _, fa := range fs {
			if fa.ID == "" || fa.Category == "" || seen[fa.ID] {
				t.Errorf("kept an invalid facility %+v", fa)
			}
			seen[fa.ID] = true
			if _, err := coverage.ParseWhen(string(fa.Opened)); err != nil {
				t.Errorf("kept a facility with a bad opened %q", fa.Opened)
			}
			if _, err := coverage.ParseWhen(string(fa.Closed)); err != nil || (fa.Opened != "" && fa.Closed != "" && fa.Closed.FirstDay() < fa.Opened.FirstDay()) {
				t.Errorf("kept a facility with a bad closed %q (opened %q)", fa.Closed, fa.Opened)
			}
			if fa.Point[0] < -180 || fa.Point[0] > 180 || fa.Point[1] < -90 || fa.Point[1] > 90 || fa.Point[0] != fa.Point[0] {
				t.Errorf("kept a facility with bad coordinates %v", fa.Point)
			}
		}
		for _, p := range ps {
			if p.File != "fuzz.geojson" || p.Reason == "" {
				t.Errorf("problem without file or reason: %+v", p)
			}
		}
	})
}

// FuzzReadFacilitiesCSV does the same for CSV input.
func FuzzReadFacilitiesCSV(f *testing.F) {
	f.Add([]byte("id,category,lon,lat\nA,venue,111,40\n"))
	f.Add([]byte("id,category,lon,lat\nA,venue,NaN,40\nB,\"x\n"))
	f.Add([]byte("\ufeff\"编号\",\"类别\",\"所在旗县\",\"地址\"\nA,科技馆,150102,\nB,基地,,呼和浩特市新城区\n"))
	f.Add([]byte("编号;类别;经度;纬度\nA;场馆;111,6;40,8\n"))
	f.Add([]byte("\xb1\xe0\xba\xc5,\xc0\xe0\xb1\xf0,lon,lat\nA,venue,111,40\n"))
	units := fuzzUnits(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		checkFuzzedFacilities(t, "fuzz.csv", b, units)
	})
}

// FuzzReadFacilitiesXLSX drives the workbook reader with mutated workbooks.
func FuzzReadFacilitiesXLSX(f *testing.F) {
	for _, rows := range [][][]any{
		{{"编号", "类别", "经度", "纬度", "开放日期"}, {"A", "科技馆", 111.6, 40.8, 45107}},
		{{"id", "category", "county"}, {"A", "venue", "150102"}, {"B", "base", "新城区"}},
	} {
		wb := excelize.NewFile()
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				wb.SetCellValue("Sheet1", cell, v)
			}
		}
		var buf bytes.Buffer
		if err := wb.Write(&buf); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	units := fuzzUnits(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		checkFuzzedFacilities(t, "fuzz.xlsx", b, units)
	})
}

func fuzzUnits(f *testing.F) []coverage.Unit {
	w, err := data.Load(data.Sources{})
	if err != nil {
		f.Fatal(err)
	}
	return w.Units
}

// checkFuzzedFacilities reads b and checks that the reader neither fails
// nor keeps an invalid record, and that every problem names its file.
func checkFuzzedFacilities(t *testing.T, name string, b []byte, units []coverage.Unit) {
	fs, ps, err := data.ReadFacilities(name, bytes.NewReader(b), data.Options{Units: units})
	if err != nil {
		t.Fatalf("reader error: %v", err)
	}
	seen := map[string]bool{}
	for _, fa := range fs {
		if fa.ID == "" || fa.Category == "" || seen[fa.ID] || fa.Point[0] != fa.Point[0] || fa.Point[1] != fa.Point[1] {
			t.Errorf("kept an invalid facility %+v", fa)
		}
		if fa.LocatedBy == "county" && fa.County == "" {
			t.Errorf("kept a facility located by no county %+v", fa)
		}
		seen[fa.ID] = true
	}
	for _, p := range ps {
		if p.File != name || p.Reason == "" {
			t.Errorf("problem without file or reason: %+v", p)
		}
	}
}
