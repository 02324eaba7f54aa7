package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/web/tiles"
	"github.com/paulmach/orb/maptile"
)

// tileIDs decodes a tile response and maps each feature's id property to
// its MVT feature id, failing on a facility met twice with two ids.
func tileIDs(t *testing.T, layer string, body []byte, into map[string]uint64) {
	t.Helper()
	if len(body) == 0 {
		return
	}
	for _, f := range decodeTile(t, body, false, layer).Features {
		id, _ := f.Properties["id"].(string)
		var n uint64
		switch v := f.ID.(type) { // orb decodes ids as float64
		case uint64:
			n = v
		case float64:
			n = uint64(v)
		default:
			t.Fatalf("%s feature %q: id %v (%T), want a number", layer, id, f.ID, f.ID)
		}
		if old, seen := into[id]; seen && old != n {
			t.Errorf("%s feature %q: ids %d and %d in two tiles", layer, id, old, n)
		}
		into[id] = n
	}
}

// TestTileIDsSurviveADelete warms facility and reach tiles, deletes an
// early caravan, and checks that every remaining facility keeps its tile
// feature id, whether its tile was carried over or rendered again, and
// that each tile is what a fresh server renders.
func TestTileIDsSurviveADelete(t *testing.T) {
	s, _ := editServer(t, Token{Value: testToken})
	var victim coverage.Facility
	for _, f := range s.snapshot().world.Facilities {
		if f.Category == coverage.CategoryCaravan && f.Open() {
			victim = f // early in the registry: every later position shifts
			break
		}
	}
	var paths []string
	for _, layer := range []string{tiles.Facilities, tiles.Reach} {
		for z := maptile.Zoom(0); z <= 6; z++ {
			for _, tl := range regionTiles(z, 30) {
				paths = append(paths, fmt.Sprintf("/tiles/%s/%d/%d/%d.mvt", layer, tl.Z, tl.X, tl.Y))
			}
		}
	}
	before := map[string]map[string]uint64{tiles.Facilities: {}, tiles.Reach: {}}
	for _, p := range paths {
		layer := strings.Split(p, "/")[2]
		tileIDs(t, layer, get(t, s, p).Body.Bytes(), before[layer])
	}
	if _, ok := before[tiles.Reach][victim.ID]; !ok {
		t.Fatalf("caravan %s is in no warmed reach tile", victim.ID)
	}

	wantStatus(t, send(t, s, http.MethodDelete, "/api/facilities/"+victim.ID, testToken, ""), http.StatusOK)
	fresh := newServer(t, s.snapshot().world, nil)
	after := map[string]map[string]uint64{tiles.Facilities: {}, tiles.Reach: {}}
	for _, p := range paths {
		layer := strings.Split(p, "/")[2]
		got, want := get(t, s, p), get(t, fresh, p)
		if got.Code != want.Code || !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
			t.Errorf("%s after the delete: got %d (%d bytes), want %d (%d bytes) as a fresh server renders",
				p, got.Code, got.Body.Len(), want.Code, want.Body.Len())
		}
		tileIDs(t, layer, got.Body.Bytes(), after[layer])
	}
	for layer, ids := range before {
		delete(ids, victim.ID)
		if len(after[layer]) != len(ids) {
			t.Errorf("%s: got %d facilities after the delete, want %d", layer, len(after[layer]), len(ids))
		}
		changed := 0
		for id, n := range ids {
			if after[layer][id] != n {
				changed++
			}
		}
		if changed > 0 {
			t.Errorf("%s: %d of %d remaining facilities changed tile id after the delete, want 0", layer, changed, len(ids))
		}
	}
	// Ids are distinct across the registry.
	seen := map[uint64]string{}
	for id, n := range after[tiles.Facilities] {
		if other, dup := seen[n]; dup {
			t.Errorf("facilities %s and %s share tile id %d", id, other, n)
		}
		seen[n] = id
	}
}

// TestFacilityTileID pins the id to FNV-1a's published 64-bit test vectors
// (fnv.c from isthe.com: "" → cbf29ce484222325, "a" → af63dc4c8601ec8c,
// "foobar" → 85944171f73967e8), folded to 53 bits.
func TestFacilityTileID(t *testing.T) {
	fold := func(h uint64) uint64 { return (h ^ h>>53) & (1<<53 - 1) }
	for _, tc := range []struct {
		id   string
		hash uint64
	}{{"", 0xcbf29ce484222325}, {"a", 0xaf63dc4c8601ec8c}, {"foobar", 0x85944171f73967e8}} {
		if got, want := tiles.FacilityID(tc.id), fold(tc.hash); got != want || got >= 1<<53 {
			t.Errorf("tiles.FacilityID(%q): got %d, want %d (below 2^53)", tc.id, got, want)
		}
	}
}
