package web

import (
	"bytes"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/web/tiles"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/maptile/tilecover"
)

// decodeTile decodes an MVT response (gzipped or not) into its one layer.
func decodeTile(t testing.TB, body []byte, gzipped bool, layer string) *mvt.Layer {
	t.Helper()
	var ls mvt.Layers
	var err error
	if gzipped {
		ls, err = mvt.UnmarshalGzipped(body)
	} else {
		ls, err = mvt.Unmarshal(body)
	}
	if err != nil {
		t.Fatalf("decoding the tile: %v", err)
	}
	if len(ls) != 1 || ls[0].Name != layer {
		t.Fatalf("got %d layers (first %q), want one named %q", len(ls), firstName(ls), layer)
	}
	if ls[0].Version != 2 || ls[0].Extent != tiles.Extent {
		t.Errorf("got version %d extent %d, want 2 and %d", ls[0].Version, ls[0].Extent, tiles.Extent)
	}
	return ls[0]
}

func firstName(ls mvt.Layers) string {
	if len(ls) == 0 {
		return ""
	}
	return ls[0].Name
}

func TestTileCoordinates(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	tests := []struct {
		path string
		want int
	}{
		{"/tiles/counties/0/0/0.mvt", http.StatusOK},
		{"/tiles/counties/22/3400000/1600000.mvt", http.StatusNoContent},
		{"/tiles/counties/-1/0/0.mvt", http.StatusBadRequest},
		{"/tiles/counties/23/0/0.mvt", http.StatusBadRequest},
		{"/tiles/counties/3/8/0.mvt", http.StatusBadRequest},
		{"/tiles/counties/3/0/8.mvt", http.StatusBadRequest},
		{"/tiles/counties/3/-1/0.mvt", http.StatusBadRequest},
		{"/tiles/counties/3/1.5/0.mvt", http.StatusBadRequest},
		{"/tiles/counties/z/0/0.mvt", http.StatusBadRequest},
		{"/tiles/counties/3/0/.mvt", http.StatusBadRequest},
		{"/tiles/roads/0/0/0.mvt", http.StatusNotFound},
		{"/tiles/counties/0/0/0.pbf", http.StatusNotFound},
		{"/tiles/counties/0/0/0/1.mvt", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := get(t, s, tt.path)
			wantStatus(t, rec, tt.want)
			if tt.want >= 400 && !bytes.Contains(rec.Body.Bytes(), []byte(`"error"`)) {
				t.Errorf("got body %q, want a JSON error", rec.Body.String())
			}
		})
	}
}

func TestTileZeroHoldsEveryFeature(t *testing.T) {
	w := loadWorld(t)
	s := newServer(t, w, nil)
	res := coverage.Evaluate(w, coverage.Defaults())
	m := coverage.NewModel(w)
	caravans := 0
	for i, f := range w.Facilities {
		if f.Category == "caravan" && f.Open() && m.FacilityCounty[i] != "" {
			caravans++
		}
	}
	tests := []struct {
		layer string
		want  int
	}{
		{"leagues", 12},
		{"counties", 103},
		{"facilities", len(w.Facilities)},
		{"reach", caravans},
	}
	for _, tt := range tests {
		t.Run(tt.layer, func(t *testing.T) {
			rec := get(t, s, "/tiles/"+tt.layer+"/0/0/0.mvt")
			wantStatus(t, rec, http.StatusOK)
			if ct := rec.Header().Get("Content-Type"); ct != mvtType {
				t.Errorf("Content-Type: got %q, want %q", ct, mvtType)
			}
			l := decodeTile(t, rec.Body.Bytes(), false, tt.layer)
			if len(l.Features) != tt.want {
				t.Errorf("got %d features, want %d", len(l.Features), tt.want)
			}
		})
	}
	l := decodeTile(t, get(t, s, "/tiles/counties/0/0/0.mvt").Body.Bytes(), false, "counties")
	for _, f := range l.Features {
		code, _ := f.Properties["code"].(string)
		want, ok := res.Unit(code)
		if !ok {
			t.Errorf("feature with code %q: want a county code", code)
			continue
		}
		wantProps := map[string]any{
			"name": want.Name, "parent": want.Parent, "population": float64(want.Population),
			"venue_1000": want.Rules["venue_1000"].Pass, "caravan_reach": want.Rules["caravan_reach"].Pass,
			"largest_venue_m2": want.LargestVenueM2, "bases": float64(want.Bases.Total), "priority": want.Priority,
		}
		for k, v := range wantProps {
			if got := number(f.Properties[k]); got != v {
				t.Errorf("%s %s: got %v (%T), want %v", code, k, f.Properties[k], f.Properties[k], v)
			}
		}
	}
}

// number turns decoded MVT integers into float64 so they compare with JSON-ish values.
func number(v any) any {
	switch n := v.(type) {
	case int64:
		return float64(n)
	case uint64:
		return float64(n)
	case float32:
		return float64(n)
	}
	return v
}

func TestFacilityTileAttributes(t *testing.T) {
	w := loadWorld(t, "testdata/facilities-extra.geojson")
	s := newServer(t, w, nil)
	tile := maptile.At(orb.Point{111.69, 40.83}, 9)
	rec := get(t, s, fmt.Sprintf("/tiles/facilities/%d/%d/%d.mvt", tile.Z, tile.X, tile.Y))
	wantStatus(t, rec, http.StatusOK)
	l := decodeTile(t, rec.Body.Bytes(), false, "facilities")
	byID := map[string]map[string]any{}
	for _, f := range l.Features {
		byID[f.Properties["id"].(string)] = f.Properties
	}
	tests := []struct {
		id, key string
		want    any
	}{
		{"VE-T1", "category", "venue"},
		{"VE-T1", "floor_area_m2", 1500.0},
		{"VE-T1", "comprehensive", true},
		{"VE-T1", "located_county", "150102"},
		{"VE-T1", "status", "open"},
		{"CA-T1", "reach_km", 80.0},
		{"PL-T1", "status", "planned"},
	}
	for _, tt := range tests {
		if got := number(byID[tt.id][tt.key]); got != tt.want {
			t.Errorf("%s %s: got %v, want %v", tt.id, tt.key, got, tt.want)
		}
	}
	if _, ok := byID["BA-T1"]; ok {
		t.Errorf("got BA-T1 (Beijing) in a Hohhot tile, want it left out")
	}
}

func TestTileFarOutsideIsEmpty(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	for _, layer := range tiles.Names() {
		t.Run(layer, func(t *testing.T) {
			// z5 tile 0/0 is over the Arctic Ocean off Alaska.
			rec := get(t, s, "/tiles/"+layer+"/5/0/0.mvt")
			wantStatus(t, rec, http.StatusNoContent)
			if rec.Body.Len() != 0 {
				t.Errorf("got %d bytes, want none", rec.Body.Len())
			}
		})
	}
}

// regionTiles covers Inner Mongolia's extent at zoom z, at most limit tiles
// spread evenly over the cover.
func regionTiles(z maptile.Zoom, limit int) []maptile.Tile {
	b := orb.Bound{Min: orb.Point{97.1, 37.3}, Max: orb.Point{126.1, 53.4}}
	set, _ := tilecover.Geometry(b, z)
	var all []maptile.Tile
	for t := range set {
		all = append(all, t)
	}
	sortTiles(all)
	if len(all) <= limit {
		return all
	}
	out := make([]maptile.Tile, 0, limit)
	step := float64(len(all)) / float64(limit)
	for i := 0; i < limit; i++ {
		out = append(out, all[int(float64(i)*step)])
	}
	return out
}

func sortTiles(ts []maptile.Tile) {
	sort.Slice(ts, func(i, j int) bool { return ts[i].Quadkey() < ts[j].Quadkey() })
}

func TestTileGeometryFollowsTheSpec(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	checked := 0
	for _, layer := range []string{"counties", "leagues", "reach"} {
		for z := maptile.Zoom(0); z <= 9; z += 3 {
			for _, tile := range regionTiles(z, 40) {
				rec := get(t, s, fmt.Sprintf("/tiles/%s/%d/%d/%d.mvt", layer, tile.Z, tile.X, tile.Y), "Accept-Encoding", "gzip")
				if rec.Code == http.StatusNoContent {
					continue
				}
				wantStatus(t, rec, http.StatusOK)
				l := decodeTile(t, rec.Body.Bytes(), true, layer)
				for _, f := range l.Features {
					checked++
					checkPolygons(t, fmt.Sprintf("%s %v %v", layer, tile, f.Properties["code"]), f.Geometry)
				}
			}
		}
	}
	if checked < 500 {
		t.Errorf("checked %d features, want a few hundred at least", checked)
	}
}

// checkPolygons asserts MVT 4.3.4.4 on decoded geometry: every polygon
// starts with an exterior ring of positive surveyor's area (clockwise on
// screen, y down), its holes have negative area, and no segment has zero
// length. orb's decoder starts a new polygon at each positive ring, so a
// wrongly wound exterior shows up as a polygon starting with a hole.
func checkPolygons(t *testing.T, where string, g orb.Geometry) {
	t.Helper()
	var polys []orb.Polygon
	switch g := g.(type) {
	case orb.Polygon:
		polys = []orb.Polygon{g}
	case orb.MultiPolygon:
		polys = g
	default:
		t.Errorf("%s: got %T, want polygons", where, g)
		return
	}
	for _, p := range polys {
		for i, r := range p {
			if got := surveyorArea(r); (i == 0) != (got > 0) || got == 0 {
				t.Errorf("%s: ring %d has area %v, want %s", where, i, got, map[bool]string{true: "> 0 (exterior)", false: "< 0 (hole)"}[i == 0])
			}
			for k := 1; k < len(r); k++ {
				if r[k] == r[k-1] {
					t.Errorf("%s: ring %d: zero-length segment at %v", where, i, r[k])
				}
			}
		}
	}
}

// surveyorArea is the MVT spec's formula, written out independently of orb.
func surveyorArea(r orb.Ring) float64 {
	sum := 0.0
	for i := 0; i+1 < len(r); i++ {
		sum += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return sum / 2
}

func TestTileGzipAndETag(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	const path = "/tiles/counties/5/25/11.mvt"
	plain := get(t, s, path)
	wantStatus(t, plain, http.StatusOK)
	zipped := get(t, s, path, "Accept-Encoding", "gzip, deflate")
	wantStatus(t, zipped, http.StatusOK)
	if got := zipped.Header().Get("Content-Encoding"); got != "gzip" {
		t.Errorf("Content-Encoding: got %q, want gzip", got)
	}
	if got := plain.Header().Get("Content-Encoding"); got != "" {
		t.Errorf("Content-Encoding without Accept-Encoding: got %q, want none", got)
	}
	a := decodeTile(t, plain.Body.Bytes(), false, "counties")
	b := decodeTile(t, zipped.Body.Bytes(), true, "counties")
	if len(a.Features) != len(b.Features) || len(a.Features) == 0 {
		t.Errorf("got %d features plain and %d gzipped, want the same, more than 0", len(a.Features), len(b.Features))
	}
	if got, want := zipped.Header().Get("Content-Length"), fmt.Sprint(zipped.Body.Len()); got != want {
		t.Errorf("Content-Length: got %q, want %s", got, want)
	}
	if cc := plain.Header().Get("Cache-Control"); cc != tileCacheCtl {
		t.Errorf("Cache-Control: got %q, want %q", cc, tileCacheCtl)
	}
	etag := plain.Header().Get("ETag")
	if etag == "" || etag == zipped.Header().Get("ETag") {
		t.Fatalf("ETags: got %q plain and %q gzipped, want two different tags", etag, zipped.Header().Get("ETag"))
	}
	tests := []struct {
		name, inm string
		want      int
	}{
		{"same tag", etag, http.StatusNotModified},
		{"weak and listed", `"x", W/` + etag, http.StatusNotModified},
		{"other tag", `"nope"`, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, s, path, "If-None-Match", tt.inm)
			wantStatus(t, rec, tt.want)
			if tt.want == http.StatusNotModified && rec.Body.Len() != 0 {
				t.Errorf("got %d bytes with 304, want none", rec.Body.Len())
			}
		})
	}
	// A new world (even an equal one) is a new data version: new tags.
	s.SetWorld(loadWorld(t))
	if got := get(t, s, path).Header().Get("ETag"); got == etag {
		t.Errorf("after SetWorld: got the old ETag %s, want a new one", got)
	}
}

func TestConcurrentRequestsRenderOnce(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	const n = 32
	bodies := make([][]byte, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := get(t, s, "/tiles/counties/4/12/5.mvt")
			bodies[i] = rec.Body.Bytes()
		}()
	}
	wg.Wait()
	if got := s.tiles.Renders.Load(); got != 1 {
		t.Errorf("renders: got %d, want 1", got)
	}
	for i := range bodies {
		if !bytes.Equal(bodies[i], bodies[0]) || len(bodies[i]) == 0 {
			t.Fatalf("response %d differs from response 0", i)
		}
	}
}
