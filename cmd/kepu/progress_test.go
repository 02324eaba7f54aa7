package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sampleVenueOracle counts, straight from the sample file and without
// kepu, the counties (by the declared county) with an open venue of at
// least 1000 m² opened by the end of each year 2020–2025.
func sampleVenueOracle(t *testing.T) []int {
	b, err := os.ReadFile("../../data/embedded/facilities-sample.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Category string   `json:"category"`
				Status   string   `json:"status"`
				Area     float64  `json:"floor_area_m2"`
				Opened   *int     `json:"opened"`
				Closed   *float64 `json:"closed"`
				County   string   `json:"county"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	var out []int
	for y := 2020; y <= 2025; y++ {
		counties := map[string]bool{}
		for _, f := range fc.Features {
			p := f.Properties
			if p.Closed != nil {
				t.Fatal("the sample has closed dates now: extend the oracle")
			}
			if p.Category == "venue" && (p.Status == "" || p.Status == "open") && p.Area >= 1000 && (p.Opened == nil || *p.Opened <= y) {
				counties[p.County] = true
			}
		}
		out = append(out, len(counties))
	}
	return out
}

func TestProgressOnTheSample(t *testing.T) {
	want := sampleVenueOracle(t)
	var doc struct {
		Years []struct {
			AsOf  string `json:"as_of"`
			Rules []struct {
				ID      string `json:"id"`
				Passing int    `json:"passing"`
				Total   int    `json:"total"`
			} `json:"rules"`
		} `json:"years"`
		Units []struct {
			Code      string          `json:"code"`
			FirstPass map[string]*int `json:"first_pass"`
		} `json:"units"`
		Projection []struct {
			ID           string `json:"id"`
			PassingAtEnd int    `json:"passing_at_end"`
			OnTrack      bool   `json:"on_track"`
		} `json:"projection"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "progress", "--format", "json")), &doc); err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, y := range doc.Years {
		got = append(got, y.Rules[0].Passing)
	}
	if !reflect.DeepEqual(got, want) || doc.Years[0].AsOf != "2020-12-31" || doc.Years[5].AsOf != "2025-12-31" {
		t.Errorf("venue_1000 by year: got %v, want %v (the sample's declared counties)", got, want)
	}
	// 准格尔旗 (150622) passes through a venue opened in 2024.
	for _, u := range doc.Units {
		if u.Code == "150622" && (u.FirstPass["venue_1000"] == nil || *u.FirstPass["venue_1000"] != 2024) {
			t.Errorf("准格尔旗 first_pass: got %v, want 2024", u.FirstPass["venue_1000"])
		}
	}
	csv := mustRun(t, "progress", "--format", "csv")
	if !strings.HasPrefix(csv, "\ufeffas_of,year,rule,scope,passing,total,pass,") || strings.Count(csv, "\n") != 1+6*6 {
		t.Errorf("CSV: got %d lines starting %.60q", strings.Count(csv, "\n"), csv)
	}
}

// TestCheckAsOf: the mid-term picture leaves out the venues opened in 2024.
func TestCheckAsOf(t *testing.T) {
	want := sampleVenueOracle(t)
	for _, tc := range []struct {
		args    []string
		asOf    string
		passing int
	}{
		{nil, "2025-12-31", want[5]},
		{[]string{"--as-of", "2023-12-31"}, "2023-12-31", want[3]},
		{[]string{"--period", "2021-01-01/2023-12-31"}, "2023-12-31", want[3]},
		{[]string{"--as-of", "2020-12-31"}, "2020-12-31", want[0]},
	} {
		_, out, errs := runKepu(append([]string{"check", "--format", "json"}, tc.args...)...)
		var doc struct {
			AsOf  string `json:"as_of"`
			Basis string `json:"as_of_basis"`
			Rules []struct {
				Passing int `json:"passing"`
			} `json:"rules"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v: %v %s", tc.args, err, errs)
		}
		if doc.AsOf != tc.asOf || doc.Basis != "declared" || doc.Rules[0].Passing != tc.passing {
			t.Errorf("%v: got as_of %s (%s) venue_1000 %d, want %s declared %d", tc.args, doc.AsOf, doc.Basis, doc.Rules[0].Passing, tc.asOf, tc.passing)
		}
	}
	if code, _, errs := runKepu("check", "--as-of", "2023-13-01"); code != exitUsage || !strings.Contains(errs, "as_of") {
		t.Errorf("a bad --as-of: got %d %q", code, errs)
	}
}

// TestCheckRecordedAt: with --db, --recorded-at replays the audit; before
// the import the registry was empty, after it the figures are the file's.
func TestCheckRecordedAt(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.gpkg")
	mustRun(t, "import", "--db", db, "../../data/embedded/facilities-sample.geojson")
	today := time.Now().UTC().Format("2006-01-02")
	for _, tc := range []struct {
		at         string
		facilities int
		asOf       string
	}{
		{"2000-01-01", 0, "2000-01-01"},
		{today, 739, today},
	} {
		_, out, errs := runKepu("check", "--format", "json", "--db", db, "--recorded-at", tc.at)
		var doc struct {
			AsOf       string `json:"as_of"`
			Basis      string `json:"as_of_basis"`
			RecordedAt string `json:"recorded_at"`
			Dataset    struct {
				Facilities int `json:"facilities"`
			} `json:"dataset"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%s: %v %s", tc.at, err, errs)
		}
		if doc.Basis != "recorded" || doc.RecordedAt != tc.at || doc.AsOf != tc.asOf || doc.Dataset.Facilities != tc.facilities {
			t.Errorf("recorded at %s: got %+v, want %d facilities as of %s, recorded", tc.at, doc, tc.facilities, tc.asOf)
		}
	}
	_, out, _ := runKepu("check", "--db", db, "--recorded-at", today)
	if !strings.Contains(out, "按登记库变更记录回放至 "+today) {
		t.Errorf("text output does not say the figures are the recorded registry's:\n%s", out)
	}
	if code, _, errs := runKepu("check", "--recorded-at", today); code != exitUsage || !strings.Contains(errs, "--recorded-at 需要 --db") {
		t.Errorf("--recorded-at without --db: got %d %q", code, errs)
	}
}

// TestReportMidTerm: `kepu report --as-of 2023-12-31` is the mid-term
// review: its progress table stops at 2023 with the sample's counts.
func TestReportMidTerm(t *testing.T) {
	want := sampleVenueOracle(t)
	dir := t.TempDir()
	mustRun(t, "report", "--out", dir, "--quiet", "--as-of", "2023-12-31")
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	row := `<tr data-rule="venue_1000"><td>旗县1000平方米以上科普场馆</td>`
	for _, n := range want[:4] {
		row += `<td class="num">` + strconv.Itoa(n) + ` / 103</td>`
	}
	row += "</tr>"
	for _, s := range []string{"中期自查评估", "截至 2023-12-31", row, "maps/region-progress.png"} {
		if !strings.Contains(page, s) {
			t.Errorf("index.html: no %q", s)
		}
	}
	if strings.Contains(page, `<th class="num">2024</th>`) {
		t.Error("index.html: the mid-term progress table has a 2024 column")
	}
}
