package web

import (
	"bytes"
	"context"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/report"
	"github.com/kepu/kepu/data/words"
	"github.com/xuri/excelize/v2"
)

// openWorkbook checks a workbook response's headers and opens its body.
func openWorkbook(t *testing.T, s *Server, target string) *excelize.File {
	t.Helper()
	rec := get(t, s, target)
	wantStatus(t, rec, http.StatusOK)
	if got := rec.Header().Get("Content-Type"); got != mimeXLSX {
		t.Errorf("%s Content-Type: got %q, want %q", target, got, mimeXLSX)
	}
	_, params, err := mime.ParseMediaType(rec.Header().Get("Content-Disposition"))
	if err != nil {
		t.Fatalf("%s Content-Disposition %q: %v", target, rec.Header().Get("Content-Disposition"), err)
	}
	if got := params["filename"]; !regexp.MustCompile(`^kepu-report-\d{8}\.xlsx$`).MatchString(got) {
		t.Errorf("%s filename: got %q, want kepu-report-YYYYMMDD.xlsx", target, got)
	} else if day, err := time.Parse("20060102", got[12:20]); err != nil || time.Since(day) > 48*time.Hour || time.Until(day) > 24*time.Hour {
		t.Errorf("%s filename %q: want today's date", target, got)
	}
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatalf("%s: opening %d bytes with excelize: %v", target, rec.Body.Len(), err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rowsOf reads a sheet, failing the test when it is missing.
func rowsOf(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	return rows
}

// TestReportWorkbook downloads the workbook in both languages and reads it
// back: the report's sheets, a row per county, the suggestions sheet.
func TestReportWorkbook(t *testing.T) {
	w := loadWorld(t)
	s := newServer(t, w, nil)
	counties := len(s.snapshot().model.Counties)
	for _, tc := range []struct {
		target, lang string
		head         string // the county sheet's first header
	}{
		{"/api/report.xlsx", "zh", "代码"},
		{"/api/report.xlsx?lang=zh", "zh", "代码"},
		{"/api/report.xlsx?lang=en", "en", "Code"},
	} {
		t.Run(tc.target, func(t *testing.T) {
			f := openWorkbook(t, s, tc.target)
			var want []string
			for _, k := range report.SheetKeys {
				want = append(want, report.SheetName(k, "zh"))
				if tc.lang == "en" {
					want[len(want)-1] = report.SheetName(k, "en")
				}
			}
			if got := f.GetSheetList(); !slices.Equal(got, want) {
				t.Errorf("sheets: got %v, want %v", got, want)
			}
			rows := rowsOf(t, f, want[2])
			if got, want := len(rows), counties+1; got != want {
				t.Errorf("%s: got %d rows, want %d (a header and one per county)", f.GetSheetList()[2], got, want)
			}
			if counties != 103 {
				t.Errorf("sample counties: got %d, want 103", counties)
			}
			if rows[0][0] != tc.head {
				t.Errorf("county sheet header: got %q, want %q", rows[0][0], tc.head)
			}
			if rows := rowsOf(t, f, want[len(want)-1]); len(rows) < 4 {
				t.Errorf("%s: %d rows, want two tables", want[len(want)-1], len(rows))
			}
		})
	}
	t.Run("unknown language", func(t *testing.T) {
		wantStatus(t, get(t, s, "/api/report.xlsx?lang=fr"), http.StatusBadRequest)
	})
}

// TestReportWorkbookIsTheReports checks the download holds the same sheets
// and cells as the report.xlsx `kepu report` writes for the same world.
func TestReportWorkbookIsTheReports(t *testing.T) {
	w := loadWorld(t)
	s := newServer(t, w, nil)
	dir := t.TempDir()
	m := coverage.NewModel(w)
	if err := report.Write(context.Background(), m, m.Evaluate(coverage.Defaults()), report.Options{Dir: dir, MapWidth: 300}); err != nil {
		t.Fatal(err)
	}
	want, err := excelize.OpenFile(dir + "/" + report.WorkbookFile)
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	got := openWorkbook(t, s, "/api/report.xlsx")
	// The download says when it was generated; this report does not.
	undated := func(rows [][]string) [][]string {
		return slices.DeleteFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "生成时间" })
	}
	for _, sheet := range want.GetSheetList() {
		g, w := undated(rowsOf(t, got, sheet)), rowsOf(t, want, sheet)
		if !slices.EqualFunc(g, w, slices.Equal) {
			t.Errorf("sheet %s: the download differs from report.xlsx (%d rows, want %d)", sheet, len(g), len(w))
		}
	}
}

// TestReportWorkbookShowsEdits adds a venue through the edit API and
// downloads the workbook again: one more facility, the county passing.
func TestReportWorkbookShowsEdits(t *testing.T) {
	s, _ := editServer(t, Token{Value: testToken})
	var county coverage.UnitResult
	for _, u := range s.snapshot().result.Units {
		if u.Level == coverage.LevelCounty && !u.Rules[coverage.RuleVenue1000].Pass && u.SeatLon != 0 {
			county = u
			break
		}
	}
	facilities, counties := report.SheetName("facilities", "zh"), report.SheetName("county_table", "zh")
	venueOf := func(f *excelize.File) string {
		rows := rowsOf(t, f, counties)
		col := slices.Index(rows[0], words.RuleName(coverage.RuleVenue1000, "zh")) // headers name the rules
		for _, r := range rows[1:] {
			if r[0] == county.Code && col >= 0 && col < len(r) {
				return r[col]
			}
		}
		t.Fatalf("%s: no row for %s or no venue_1000 column in %v", counties, county.Code, rows[0])
		return ""
	}
	before := openWorkbook(t, s, "/api/report.xlsx")
	n := len(rowsOf(t, before, facilities))
	if got := venueOf(before); got == "达标" {
		t.Fatalf("%s before the edit: got %q, want a gap", county.Code, got)
	}
	body := venueJSON("VE-TEST-XLSX", county.SeatLon, county.SeatLat, 1200)
	wantStatus(t, send(t, s, http.MethodPost, "/api/facilities", testToken, body), http.StatusCreated)
	after := openWorkbook(t, s, "/api/report.xlsx")
	if got := len(rowsOf(t, after, facilities)); got != n+1 {
		t.Errorf("%s after adding a venue: got %d rows, want %d", facilities, got, n+1)
	}
	if got := venueOf(after); got != "达标" {
		t.Errorf("%s venue_1000 after adding a 1200 m² venue at its seat: got %q, want 达标", county.Code, got)
	}
}
