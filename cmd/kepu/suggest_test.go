package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// TestSuggestVenuesFromFiles runs `kepu suggest venues` on demand and
// candidate files and checks its answer against a brute-force optimum over
// every pair of candidates, with the sample's compliant venues as baseline.
func TestSuggestVenuesFromFiles(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(11, 12))
	var demand []orb.Point
	var weights []float64
	var dcsv strings.Builder
	dcsv.WriteString("lon,lat,weight\n")
	for i := 0; i < 60; i++ {
		p := round6(orb.Point{109 + rng.Float64()*4, 40 + rng.Float64()*2})
		w := float64(1 + rng.IntN(1000))
		demand, weights = append(demand, p), append(weights, w)
		fmt.Fprintf(&dcsv, "%.6f,%.6f,%.0f\n", p[0], p[1], w)
	}
	var cands []orb.Point
	var ccsv strings.Builder
	ccsv.WriteString("id,name,lon,lat\n")
	for i := 0; i < 9; i++ {
		p := round6(orb.Point{109 + rng.Float64()*4, 40 + rng.Float64()*2})
		cands = append(cands, p)
		fmt.Fprintf(&ccsv, "C%d,site %d,%.6f,%.6f\n", i, i, p[0], p[1])
	}
	dpath, cpath := filepath.Join(dir, "demand.csv"), filepath.Join(dir, "cands.csv")
	os.WriteFile(dpath, []byte(dcsv.String()), 0o644)
	os.WriteFile(cpath, []byte(ccsv.String()), 0o644)

	// Baseline: demand within 50 km of an open venue of at least 1000 m².
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	covered := make([]bool, len(demand))
	for _, f := range w.Facilities {
		if f.Category == "venue" && f.Status == "open" && f.FloorArea >= 1000 {
			for i, p := range demand {
				covered[i] = covered[i] || geo.Distance(f.Point, p) <= 50_000
			}
		}
	}
	// Brute-force every pair.
	gain := func(picks ...int) float64 {
		g := 0.0
		for i, p := range demand {
			if covered[i] {
				continue
			}
			for _, c := range picks {
				if geo.Distance(cands[c], p) <= 50_000 {
					g += weights[i]
					break
				}
			}
		}
		return g
	}
	best := 0.0
	for a := range cands {
		for b := a + 1; b < len(cands); b++ {
			best = max(best, gain(a, b))
		}
	}
	if best == 0 {
		t.Fatal("the instance is degenerate: no pair covers anything new")
	}
	code, out, errs := runKepu("suggest", "venues", "--k", "2", "--radius-km", "50", "--demand", dpath, "--candidates", cpath, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Sites []struct {
			Code string  `json:"code"`
			Gain float64 `json:"gain"`
		} `json:"sites"`
		Newly   float64 `json:"newly_covered_population"`
		Optimal bool    `json:"optimal"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Newly != best || !got.Optimal {
		t.Errorf("newly covered %v (optimal %v), brute force %v", got.Newly, got.Optimal, best)
	}
	sum := 0.0
	for _, s := range got.Sites {
		if !strings.HasPrefix(s.Code, "C") {
			t.Errorf("site %q is not one of the candidates", s.Code)
		}
		sum += s.Gain
	}
	if sum != got.Newly {
		t.Errorf("gains add up to %v, newly covered %v", sum, got.Newly)
	}
}

// round6 rounds to the 6 decimals the files hold, so the test and kepu
// measure the same points.
func round6(p orb.Point) orb.Point {
	return orb.Point{math.Round(p[0]*1e6) / 1e6, math.Round(p[1]*1e6) / 1e6}
}

// TestSuggestCaravansFromCandidates checks that stations come only from the
// candidate file and that an unreachable county is reported as such.
func TestSuggestCaravansFromCandidates(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cands.geojson")
	// One candidate at 阿尔山市's seat: it closes 152202 but not 150425.
	os.WriteFile(path, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"A1","name":"阿尔山站"},"geometry":{"type":"Point","coordinates":[119.943575,47.17744]}}]}`), 0o644)
	code, out, errs := runKepu("suggest", "caravans", "--candidates", path, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Stations []struct {
			Code   string   `json:"code"`
			Closes []string `json:"closes"`
		} `json:"stations"`
		Uncoverable []string `json:"uncoverable"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Stations) != 1 || got.Stations[0].Code != "A1" || strings.Join(got.Stations[0].Closes, ",") != "152202" {
		t.Errorf("stations %+v, want A1 closing 152202", got.Stations)
	}
	if strings.Join(got.Uncoverable, ",") != "150425" {
		t.Errorf("uncoverable %v, want [150425]", got.Uncoverable)
	}
}

// TestSuggestStopsAtTheTimeLimit: a cold start (no caravans at all) under a
// limit that has passed before the search begins still answers, with a
// plan that closes every county and a lower bound no larger than it.
func TestSuggestStopsAtTheTimeLimit(t *testing.T) {
	dir := t.TempDir()
	none := filepath.Join(dir, "venue.csv")
	os.WriteFile(none, []byte("id,category,lon,lat,floor_area_m2\nV1,venue,111.67,40.82,1200\n"), 0o644)
	code, out, errs := runKepu("suggest", "caravans", "--facilities", none, "--time-limit", "1ns", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Stations    []struct{ Closes []string }
		NewStations int      `json:"new_stations"`
		LowerBound  int      `json:"lower_bound"`
		Failing     []string `json:"failing"`
		Uncoverable []string `json:"uncoverable"`
		TimeLimited bool     `json:"time_limited"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if !got.TimeLimited || !strings.Contains(errs, "已到时限 1ns") {
		t.Errorf("time_limited %v, stderr %q: want the limit reported", got.TimeLimited, errs)
	}
	if len(got.Failing) != 103 || got.LowerBound < 1 || got.LowerBound > got.NewStations {
		t.Errorf("failing %d, bound %d, stations %d: want 103 failing and 1 ≤ bound ≤ stations", len(got.Failing), got.LowerBound, got.NewStations)
	}
	closed := map[string]bool{}
	for _, s := range got.Stations {
		for _, c := range s.Closes {
			closed[c] = true
		}
	}
	for _, c := range got.Uncoverable {
		closed[c] = true
	}
	for _, c := range got.Failing {
		if !closed[c] {
			t.Errorf("county %s: failing and closed by no station", c)
		}
	}
	if code, _, errs := runKepu("suggest", "venues", "--time-limit", "-1s"); code != 2 || !strings.Contains(errs, "--time-limit") {
		t.Errorf("negative limit: exit %d %q, want 2 naming --time-limit", code, errs)
	}
}
