package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/web/tiles"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// crowdedWorld is the embedded units with n facilities in a 0.2° square
// around 呼和浩特 (three categories in turn), and one far away in 阿拉善.
func crowdedWorld(t testing.TB, n int) *coverage.World {
	w := loadWorld(t)
	w2 := *w
	w2.Facilities = nil
	cats := []string{coverage.CategoryVenue, coverage.CategoryCaravan, coverage.CategoryBase}
	for i := range n {
		w2.Facilities = append(w2.Facilities, coverage.Facility{ID: fmt.Sprintf("C%05d", i), Name: "x",
			Category: cats[i%3], Status: coverage.StatusOpen, FloorArea: 100, ReachKm: 50, Level: "county",
			Point: orb.Point{111.6 + float64(i%100)*0.002, 40.7 + float64(i/100%100)*0.002}})
	}
	w2.Facilities = append(w2.Facilities, coverage.Facility{ID: "FAR", Name: "far", Category: coverage.CategoryVenue,
		Status: coverage.StatusOpen, FloorArea: 2000, Point: orb.Point{101.5, 39.5}})
	return &w2
}

// TestCrowdedTilesAreThinned: 9,000 facilities in one small square make a
// z5 tile of one feature per cell and category whose counts add up to
// 9,000; at z12 the same square is spread over tiles of under 3,000
// features each, drawn one by one with no count; reach circles likewise.
func TestCrowdedTilesAreThinned(t *testing.T) {
	s := newServer(t, crowdedWorld(t, 9000), nil)
	tile := func(path string) (int, map[string]int, int, int) {
		rec := get(t, s, path)
		wantStatus(t, rec, http.StatusOK)
		layer := decodeTile(t, rec.Body.Bytes(), false, map[bool]string{true: "reach", false: "facilities"}[path[7:12] == "reach"])
		byCat, total, counted := map[string]int{}, 0, 0
		for _, f := range layer.Features {
			cat, _ := f.Properties["category"].(string)
			byCat[cat]++
			if c, ok := f.Properties["count"]; ok {
				total += int(asFloat(c))
				counted++
			} else {
				total++
			}
		}
		return len(layer.Features), byCat, total, counted
	}
	x, y := lonLatTile(111.7, 40.8, 5) // the z5 tile that holds the whole square
	n, byCat, total, counted := tile(fmt.Sprintf("/tiles/facilities/5/%d/%d.mvt", x, y))
	if total != 9001 || counted != n || n > 3*40*40 {
		t.Errorf("z5: %d features (%d with a count) standing for %d facilities; want at most %d features, all counted, for 9001", n, counted, total, 3*40*40)
	}
	if byCat["venue"] == 0 || byCat["caravan"] == 0 || byCat["base"] == 0 {
		t.Errorf("z5: features by category %v; want every category kept apart", byCat)
	}
	// At z12 the square spans a few tiles; the one at the square's corner
	// is under the limit and drawn in full.
	x, y = lonLatTile(111.6, 40.7+0.002*89, 12)
	n, _, total, counted = tile(fmt.Sprintf("/tiles/facilities/12/%d/%d.mvt", x, y))
	if counted != 0 || n != total || n == 0 || n > tiles.MaxPoints {
		t.Errorf("z12: %d features, %d with a count; want a full tile of at most %d, none counted", n, counted, tiles.MaxPoints)
	}
	x, y = lonLatTile(111.7, 40.8, 5)
	n, _, total, counted = tile(fmt.Sprintf("/tiles/reach/5/%d/%d.mvt", x, y))
	if total != 3000 || counted != n || n >= 3000 {
		t.Errorf("reach z5: %d circles (%d counted) for %d caravans; want fewer, all counted, for 3000", n, counted, total)
	}
}

// lonLatTile is the tile at zoom z holding a point.
func lonLatTile(lon, lat float64, z int) (int, int) {
	tl := maptile.At(orb.Point{lon, lat}, maptile.Zoom(z))
	return int(tl.X), int(tl.Y)
}

// asFloat is a decoded tile attribute as a number.
func asFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	case uint64:
		return float64(x)
	}
	return -1
}

// TestRenameRedrawsItsTile: an edit that changes only a facility's name
// (nothing the rules see) still drops the cached tile that shows it.
func TestRenameRedrawsItsTile(t *testing.T) {
	s, _ := editServer(t, Token{Name: "t", Value: testToken})
	wantStatus(t, send(t, s, http.MethodPost, "/api/facilities", testToken, venueJSON("RENAME1", 111.70, 40.80, 500)), http.StatusCreated)
	x, y := lonLatTile(111.70, 40.80, 10)
	path := fmt.Sprintf("/tiles/facilities/10/%d/%d.mvt", x, y)
	names := func() map[string]string {
		rec := get(t, s, path)
		wantStatus(t, rec, http.StatusOK)
		out := map[string]string{}
		for _, f := range decodeTile(t, rec.Body.Bytes(), false, "facilities").Features {
			id, _ := f.Properties["id"].(string)
			out[id], _ = f.Properties["name"].(string)
		}
		return out
	}
	if got := names()["RENAME1"]; got != "测试馆" {
		t.Fatalf("before the edit: RENAME1 is named %q, want 测试馆", got)
	}
	renamed := strings.Replace(venueJSON("RENAME1", 111.70, 40.80, 500), "测试馆", "新名字", 1)
	wantStatus(t, send(t, s, http.MethodPut, "/api/facilities/RENAME1", testToken, renamed), http.StatusOK)
	if got := names()["RENAME1"]; got != "新名字" {
		t.Errorf("after renaming: the tile names RENAME1 %q, want 新名字", got)
	}
}
