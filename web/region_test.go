package web

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kepu/kepu/data"
)

// TestAboutNamesTheRegion: for Ningxia's units /api/about names the region,
// its words and the map's first extent, and credits the loaded file.
func TestAboutNamesTheRegion(t *testing.T) {
	w, err := data.Load(data.Sources{Units: []string{filepath.Join("..", "data", "testdata", "china", "ningxia-extract.geojson")}})
	if err != nil {
		t.Fatal(err)
	}
	rec := get(t, newServer(t, w, nil), "/api/about")
	wantStatus(t, rec, http.StatusOK)
	var a aboutDoc
	decode(t, rec, &a)
	if a.Region.Code != "640000" || a.Region.Name != "宁夏回族自治区" || a.Title != "宁夏回族自治区科普设施覆盖检查" {
		t.Errorf("about region: got %s %s %q", a.Region.Code, a.Region.Name, a.Title)
	}
	if a.Words.League != "市州" || a.Words.County != "县区" || a.Words.Native || a.TargetsFrom != "default" {
		t.Errorf("about words: got %+v targets from %q, want 市州/县区 from defaults", a.Words, a.TargetsFrom)
	}
	// The extract spans 石嘴山 (north, to 39.38°N) and 中卫 (south, from 36.12°N): the
	// extremes of the counties' coordinates in the file (computed with Python's json).
	want := []float64{104.287109, 36.12207, 106.972656, 39.381836}
	if len(a.Region.Bounds) != 4 {
		t.Fatalf("bounds: got %v", a.Region.Bounds)
	}
	for i := range want {
		if d := a.Region.Bounds[i] - want[i]; d > 1e-6 || d < -1e-6 {
			t.Errorf("bounds: got %v, want %v", a.Region.Bounds, want)
			break
		}
	}
	if strings.Contains(a.Attribution+a.Credit, "Inner Mongolia") || strings.Contains(a.Attribution+a.Credit, "内蒙古") ||
		!strings.Contains(a.Credit, "ningxia-extract.geojson") || a.Sample {
		t.Errorf("about credit: got %q / %q, want the loaded file and nothing of Inner Mongolia", a.Credit, a.Attribution)
	}
}

// TestLeanFirstLoad: the map's first load takes the check's summary and
// lean units; their figures are the full documents' (literal for Ningxia's
// extract: 2 of 6 counties have a 1000 m² venue, 4 fail).
func TestLeanFirstLoad(t *testing.T) {
	dir := filepath.Join("..", "data", "testdata", "china")
	w, err := data.Load(data.Sources{Units: []string{filepath.Join(dir, "ningxia-extract.geojson")},
		Facilities: []string{filepath.Join(dir, "ningxia-facilities.geojson")}, Events: filepath.Join(dir, "ningxia-events.geojson")})
	if err != nil {
		t.Fatal(err)
	}
	s := newServer(t, w, nil)
	rec := get(t, s, "/api/check?view=summary")
	wantStatus(t, rec, http.StatusOK)
	var sum map[string]any
	decode(t, rec, &sum)
	if _, ok := sum["units"]; ok {
		t.Errorf("summary: has units, want none")
	}
	rules := sum["rules"].([]any)
	venue := rules[0].(map[string]any)
	if venue["id"] != "venue_1000" || venue["passing"] != 2.0 || venue["failing"] != 4.0 {
		t.Errorf("summary venue_1000: got %v, want 2 passing, 4 failing", venue)
	}
	if reg := sum["region"].(map[string]any); reg["code"] != "640000" || reg["targets_from"] != "default" {
		t.Errorf("summary region: got %v", reg)
	}
	rec = get(t, s, "/api/units?level=county&view=lean")
	wantStatus(t, rec, http.StatusOK)
	var units []leanUnit
	decode(t, rec, &units)
	pass := map[string]bool{}
	for _, u := range units {
		pass[u.Code] = u.Rules["venue_1000"].Pass
	}
	if len(units) != 6 || !pass["640202"] || !pass["640521"] || pass["640205"] || len(units[0].BBox) != 4 {
		t.Errorf("lean units: got %d, venue_1000 %v, bbox %v", len(units), pass, units[0].BBox)
	}
	rec = get(t, s, "/api/gaps?format=json&view=lean")
	wantStatus(t, rec, http.StatusOK)
	var gaps []struct {
		Rule, Code string
		Parts      []struct{ Score float64 }
	}
	decode(t, rec, &gaps)
	if len(gaps) != len(w2gaps(t, s)) {
		t.Errorf("lean gaps: got %d rows, want as many as the full list", len(gaps))
	}
	for _, g := range gaps {
		for _, p := range g.Parts {
			if p.Score == 0 {
				t.Errorf("lean gap %s %s: a zero-score part", g.Rule, g.Code)
			}
		}
	}
	wantStatus(t, get(t, s, "/api/units?view=skinny"), http.StatusBadRequest)
	wantStatus(t, get(t, s, "/api/check?view=lean"), http.StatusBadRequest)
}

func w2gaps(t *testing.T, s *Server) []map[string]any {
	var all []map[string]any
	decode(t, get(t, s, "/api/gaps?format=json"), &all)
	return all
}
