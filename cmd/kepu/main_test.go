package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

func runKepu(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitStatuses(t *testing.T) {
	dir := t.TempDir()
	// A one-county world that meets every target under relaxed region thresholds.
	passing := filepath.Join(dir, "rules.yaml")
	os.WriteFile(passing, []byte("mobile_museum_rotation: {min_leagues: 0}\nbase_totals: {national: 1, regional: 0, themed: 0}\n"), 0o644)
	units := filepath.Join(dir, "units.geojson")
	os.WriteFile(units, []byte(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"159901","name":"甲旗","level":"county","kind":"banner","parent":"159900","seat_lon":111.5,"seat_lat":40.5,"population":100000,"population_urban":50000,"population_rural":50000},
 "geometry":{"type":"Polygon","coordinates":[[[111,40],[112,40],[112,41],[111,41],[111,40]]]}}]}`), 0o644)
	registry := filepath.Join(dir, "registry.csv")
	os.WriteFile(registry, []byte("id,category,lon,lat,floor_area_m2,comprehensive,level\nV,venue,111.5,40.5,5000,true,\nC,caravan,111.4,40.4,,,\nB,base,111.6,40.6,,,national\n"), 0o644)
	bad := filepath.Join(dir, "bad.geojson")
	os.WriteFile(bad, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"X","category":"venue","status":"gone"},"geometry":{"type":"Point","coordinates":[111,40]}}]}`), 0o644)
	cases := []struct {
		name string
		args []string
		want int
		in   string // in stdout or stderr
	}{
		{"sample has gaps", []string{"check"}, 1, "示例数据"},
		{"english", []string{"check", "--lang", "en"}, 1, "sample data"},
		{"check csv", []string{"check", "--format", "csv"}, 1, "\nvenue_1000,county,false,70,103,"},
		{"gaps text", []string{"gaps", "--rule", "caravan_reach"}, 1, "差距 2 项"},
		{"all pass", []string{"check", "--rules", passing, "--units", units, "--facilities", registry}, 0, "达标"},
		{"sample rules relaxed still fail", []string{"check", "--rules", passing}, 1, ""},
		{"bad input", []string{"check", "--facilities", bad}, 2, "第 1 个要素（X）：status：未知的值 \"gone\""},
		{"bad input en", []string{"check", "--facilities", bad, "--lang", "en"}, 2, "feature 1 (X): status: unknown value \"gone\""},
		{"skip invalid", []string{"check", "--facilities", bad, "--skip-invalid", "--format", "json"}, 1, "skipped_invalid"},
		{"unknown flag", []string{"check", "--nope"}, 2, "kepu check：没有这个参数：-nope"},
		{"unknown flag en", []string{"check", "--nope", "--lang=en"}, 2, "kepu check: flag provided but not defined: -nope"},
		{"bad format", []string{"gaps", "--format", "xml"}, 2, "--format"},
		{"unknown rule", []string{"gaps", "--rule", "nope"}, 2, "--rule \"nope\"：没有这个指标"},
		{"unknown rule en", []string{"gaps", "--lang", "en", "--rule", "nope"}, 2, "--rule \"nope\": unknown rule"},
		{"unknown league", []string{"gaps", "--league", "150102"}, 2, "--league \"150102\"：没有这个盟市"},
		{"bad period", []string{"check", "--period", "2025-01-01"}, 2, "应为 起/止"},
		{"bad lang", []string{"check", "--lang", "fr"}, 2, "--lang \"fr\"：请使用 zh 或 en"},
		{"unknown command", []string{"frobnicate"}, 2, "kepu：未知命令 \"frobnicate\""},
		{"help", []string{"--help"}, 0, "逐项核查规划目标并输出概况"},
		{"help en", []string{"--help", "--lang", "en"}, 0, "evaluate every rule and print a summary"},
		{"flag help", []string{"gaps", "-h"}, 0, "只列出该指标（规则编号）的差距"},
		{"missing file", []string{"check", "--units", filepath.Join(dir, "none.geojson")}, 2, "文件不存在：" + filepath.Join(dir, "none.geojson")},
		{"bad crs", []string{"check", "--crs", "epsg:3857"}, 2, "unknown --crs"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runKepu(c.args...)
			if code != c.want {
				t.Errorf("kepu %v exit = %d, want %d; stderr: %s", c.args, code, c.want, errs)
			}
			if !strings.Contains(out+errs, c.in) {
				t.Errorf("kepu %v output lacks %q:\n%s%s", c.args, c.in, out, errs)
			}
		})
	}
}

// TestCheckJSONIsTheResult checks that `kepu check --format json` prints the
// engine's result document unchanged.
func TestCheckJSONIsTheResult(t *testing.T) {
	_, out, _ := runKepu("check", "--format", "json")
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	data.WriteJSON(&want, words.Result(coverage.Evaluate(w, coverage.Defaults()), words.ZH))
	if out != want.String() {
		t.Errorf("check --format json differs from the evaluated result")
	}
	var doc struct {
		Dataset struct{ Counties, Facilities int }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.Dataset.Counties != 103 || doc.Dataset.Facilities != 739 {
		t.Errorf("check json dataset = %+v (err %v)", doc.Dataset, err)
	}
}

func TestGapsFilters(t *testing.T) {
	_, out, _ := runKepu("gaps", "--format", "json", "--league", "150400", "--rule", "venue_1000")
	var rows []coverage.Gap
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("no venue_1000 gaps in 150400; the sample has several")
	}
	for i, r := range rows {
		if r.Rule != "venue_1000" || r.Parent != "150400" {
			t.Errorf("row %+v escapes the filter", r)
		}
		if i > 0 && r.Priority > rows[i-1].Priority {
			t.Errorf("rows not sorted by priority at %d", i)
		}
	}
	_, csv, _ := runKepu("gaps", "--format", "csv")
	header := strings.SplitN(csv, "\n", 2)[0]
	if !strings.HasPrefix(header, "\ufeffrule,code,name,level,parent,priority,actual,target,shortfall,detail") {
		t.Errorf("CSV header = %q", header)
	}
}

// BenchmarkCheckColdStart runs the built binary end to end, as a person would.
func BenchmarkCheckColdStart(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "kepu")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, "check")
		if err := cmd.Run(); err != nil {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				b.Fatalf("kepu check: %v", err)
			}
		}
	}
}
