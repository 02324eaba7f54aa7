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
