package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/gpkg"
	"github.com/kepu/kepu/data/words"
	"github.com/kepu/kepu/web/tiles"
	"github.com/paulmach/orb/maptile"
)

const testToken = "t0ken-for-tests"

// editServer is a server over a fresh GeoPackage seeded with the sample,
// with edits enabled for tokens.
func editServer(t testing.TB, tokens ...Token) (*Server, *gpkg.Store) {
	t.Helper()
	st, w := seededStore(t)
	s := newServer(t, w, nil)
	s.EnableEdits(st, tokens)
	return s, st
}

// seededStore is a fresh GeoPackage seeded with the sample, and its world.
func seededStore(t testing.TB) (*gpkg.Store, *coverage.World) {
	t.Helper()
	ctx := context.Background()
	st, err := gpkg.Open(ctx, filepath.Join(t.TempDir(), "kepu.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := data.SeedSample(ctx, st); err != nil {
		t.Fatal(err)
	}
	w, err := data.StoreWorld(ctx, st, data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	return st, w
}

// send makes a request with an optional bearer token.
func send(t testing.TB, s *Server, method, target, token, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func venueJSON(id string, lon, lat, area float64) string {
	return fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Point","coordinates":[%v,%v]},"properties":{"id":%q,"name":"测试馆","category":"venue","floor_area_m2":%v}}`,
		lon, lat, id, area)
}

func TestEditAuth(t *testing.T) {
	open, _ := editServer(t)
	s, _ := editServer(t, Token{Name: "alice", Value: testToken})
	tests := []struct {
		name   string
		srv    *Server
		token  string
		header string // raw Authorization header, when set
		want   int
	}{
		{"no token configured refuses every write", open, testToken, "", http.StatusUnauthorized},
		{"no token configured, no header", open, "", "", http.StatusUnauthorized},
		{"no header", s, "", "", http.StatusUnauthorized},
		{"wrong token", s, "wrong", "", http.StatusUnauthorized},
		{"token as a prefix", s, testToken[:5], "", http.StatusUnauthorized},
		{"basic scheme", s, "", "Basic " + testToken, http.StatusUnauthorized},
		{"right token", s, testToken, "", http.StatusCreated},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/api/facilities", strings.NewReader(venueJSON(fmt.Sprint("A", i), 111.7, 40.8, 100)))
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			rec := httptest.NewRecorder()
			tt.srv.Handler().ServeHTTP(rec, req)
			wantStatus(t, rec, tt.want)
			var body map[string]any
			decode(t, rec, &body)
			if tt.want >= 400 && body["error"] == "" {
				t.Errorf("error body: got %s, want an error message", rec.Body)
			}
		})
	}
	// Reads stay open.
	wantStatus(t, get(t, s, fmt.Sprintf("/api/facilities/A%d", len(tests)-1)), http.StatusOK) // the one the right token wrote
}

func TestInvalidEditChangesNothing(t *testing.T) {
	s, st := editServer(t, Token{Value: testToken})
	ctx := context.Background()
	before, _ := st.Count(ctx)
	existing := s.snapshot().world.Facilities[0].ID
	tests := []struct {
		name, method, target, body string
		want, wantProblems         int
	}{
		{"one bad feature among good ones", http.MethodPost, "/api/facilities",
			`{"type":"FeatureCollection","features":[` + venueJSON("OK1", 111.7, 40.8, 2000) + `,` +
				`{"type":"Feature","geometry":{"type":"Point","coordinates":[200,40]},"properties":{"id":"BAD1","category":"venue","status":"opn","floor_area_m2":-5}}]}`,
			http.StatusBadRequest, 3},
		{"duplicate id within the body", http.MethodPost, "/api/facilities",
			`{"type":"FeatureCollection","features":[` + venueJSON("D1", 111.7, 40.8, 2000) + `,` + venueJSON("D1", 111.7, 40.8, 2000) + `]}`,
			http.StatusBadRequest, 1},
		{"id already in the store", http.MethodPost, "/api/facilities",
			`{"type":"FeatureCollection","features":[` + venueJSON("NEW9", 111.7, 40.8, 2000) + `,` + venueJSON(existing, 111.7, 40.8, 2000) + `]}`,
			http.StatusConflict, 0},
		{"not JSON", http.MethodPost, "/api/facilities", `{"type":`, http.StatusBadRequest, 1},
		{"put with an invalid record", http.MethodPut, "/api/facilities/" + existing,
			`{"type":"Feature","geometry":null,"properties":{"category":"venue"}}`, http.StatusBadRequest, 1},
		{"put with another id", http.MethodPut, "/api/facilities/" + existing, venueJSON("OTHER", 111, 40, 1), http.StatusBadRequest, 0},
		{"put of a missing id", http.MethodPut, "/api/facilities/NOPE", venueJSON("NOPE", 111, 40, 1), http.StatusNotFound, 0},
		{"delete of a missing id", http.MethodDelete, "/api/facilities/NOPE", "", http.StatusNotFound, 0},
		{"event without a date", http.MethodPost, "/api/events",
			`{"type":"Feature","geometry":{"type":"Point","coordinates":[111,40]},"properties":{"id":"E9","kind":"caravan_visit"}}`, http.StatusBadRequest, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := send(t, s, tt.method, tt.target, testToken, tt.body)
			wantStatus(t, rec, tt.want)
			var body problemsBody
			decode(t, rec, &body)
			if body.Error == "" || len(body.Problems) != tt.wantProblems {
				t.Errorf("body: got %d problems (%s), want %d", len(body.Problems), rec.Body, tt.wantProblems)
			}
			after, _ := st.Count(ctx)
			if after != before {
				t.Errorf("store counts: got %+v, want %+v (unchanged)", after, before)
			}
			if got := s.snapshot().world.Facilities; len(got) != before.Facilities {
				t.Errorf("served facilities: got %d, want %d", len(got), before.Facilities)
			}
		})
	}
}

// TestEditShowsInCheck puts a 1000 m² venue at the seat of a county that
// lacks one: /api/check must agree with evaluating the world plus that venue
// from scratch, and deleting it must bring back the gap.
func TestEditShowsInCheck(t *testing.T) {
	s, _ := editServer(t, Token{Value: testToken})
	base := s.snapshot()
	var county coverage.UnitResult
	for _, u := range base.result.Units {
		if u.Level == coverage.LevelCounty && !u.Rules[coverage.RuleVenue1000].Pass && u.SeatLon != 0 {
			county = u
			break
		}
	}
	if county.Code == "" {
		t.Fatal("no county fails venue_1000 in the sample")
	}
	body := venueJSON("VE-TEST-1", county.SeatLon, county.SeatLat, 1200)
	wantStatus(t, send(t, s, http.MethodPost, "/api/facilities", testToken, body), http.StatusCreated)

	fs, _, _ := data.ReadFacilities("oracle", strings.NewReader(body), data.Options{})
	w := *base.world
	w.Facilities = append(append([]coverage.Facility(nil), base.world.Facilities...), fs...)
	want := words.Result(coverage.Evaluate(&w, coverage.Defaults()), words.ZH)
	var got coverage.Result
	decode(t, get(t, s, "/api/check"), &got)
	wantJSON, _ := json.Marshal(want.Units)
	gotJSON, _ := json.Marshal(got.Units)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("/api/check units after the edit differ from a fresh evaluation")
	}
	if u := unitOf(got, county.Code); u == nil || !u.Rules[coverage.RuleVenue1000].Pass || got.Dataset.Facilities != len(w.Facilities) {
		t.Errorf("%s venue_1000 after adding a 1200 m² venue: got %+v, want pass", county.Code, u)
	}
	wantStatus(t, send(t, s, http.MethodDelete, "/api/facilities/VE-TEST-1", testToken, ""), http.StatusOK)
	decode(t, get(t, s, "/api/check"), &got)
	if u := unitOf(got, county.Code); u == nil || u.Rules[coverage.RuleVenue1000].Pass {
		t.Errorf("%s venue_1000 after deleting the venue: got pass, want the gap back", county.Code)
	}
}

// unitOf finds a unit in a decoded result.
func unitOf(r coverage.Result, code string) *coverage.UnitResult {
	for i := range r.Units {
		if r.Units[i].Code == code {
			return &r.Units[i]
		}
	}
	return nil
}

// TestEditInvalidatesOnlyTouchedTiles warms tiles of every layer, edits,
// and checks that each tile served afterwards is byte for byte the tile a
// fresh server over the edited world renders, while most tiles are not
// rendered again.
func TestEditInvalidatesOnlyTouchedTiles(t *testing.T) {
	s, _ := editServer(t, Token{Value: testToken})
	var paths []string
	for _, layer := range tiles.Names() {
		for z := maptile.Zoom(2); z <= 7; z++ {
			for _, tl := range regionTiles(z, 40) {
				paths = append(paths, fmt.Sprintf("/tiles/%s/%d/%d/%d.mvt", layer, tl.Z, tl.X, tl.Y))
			}
		}
	}
	for _, p := range paths {
		get(t, s, p)
	}
	// Move a caravan far and add a venue: facilities, reach and counties change.
	var caravan coverage.Facility
	for _, f := range s.snapshot().world.Facilities {
		if f.Category == coverage.CategoryCaravan && f.Open() {
			caravan = f
			break
		}
	}
	moved := fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Point","coordinates":[%v,%v]},"properties":{"category":"caravan","name":"moved"}}`,
		caravan.Point[0]+1.5, caravan.Point[1]+0.5)
	wantStatus(t, send(t, s, http.MethodPut, "/api/facilities/"+caravan.ID, testToken, moved), http.StatusOK)
	wantStatus(t, send(t, s, http.MethodPost, "/api/facilities", testToken, venueJSON("VE-TILE", 116.0, 43.9, 5000)), http.StatusCreated)

	fresh := newServer(t, s.snapshot().world, nil)
	rendersBefore := s.tiles.Renders.Load()
	for _, p := range paths {
		got, want := get(t, s, p), get(t, fresh, p)
		if got.Code != want.Code || !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
			t.Errorf("%s after the edit: got %d (%d bytes), want %d (%d bytes) as a fresh server renders",
				p, got.Code, got.Body.Len(), want.Code, want.Body.Len())
		}
	}
	rerendered := s.tiles.Renders.Load() - rendersBefore
	if rerendered == 0 || rerendered > int64(len(paths))/2 {
		t.Errorf("tiles rendered again after the edit: got %d of %d, want some but far fewer than all", rerendered, len(paths))
	}
	t.Logf("%d of %d cached tiles rendered again", rerendered, len(paths))
}

// TestConcurrentEditsAndReads runs writers and readers against the
// handlers at once (run with -race).
func TestConcurrentEditsAndReads(t *testing.T) {
	s, st := editServer(t, Token{Value: testToken})
	base := len(s.snapshot().world.Facilities)
	const writers, each = 4, 5
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				id := fmt.Sprintf("CW%d-%d", w, i)
				if rec := send(t, s, http.MethodPost, "/api/facilities", testToken, venueJSON(id, 111+float64(w), 41+float64(i)/10, 1500)); rec.Code != http.StatusCreated {
					t.Errorf("POST %s: got %d %s", id, rec.Code, rec.Body)
				}
				if rec := get(t, s, "/api/facilities/"+id); rec.Code != http.StatusOK {
					t.Errorf("GET %s right after its 201: got %d", id, rec.Code)
				}
			}
		}(w)
	}
	for r := 0; r < 2; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 8; i++ {
				for _, p := range []string{"/api/check", "/tiles/facilities/5/25/11.mvt", "/api/facilities"} {
					if rec := get(t, s, p); rec.Code >= 300 {
						t.Errorf("%s: got %d", p, rec.Code)
					}
				}
			}
		}()
	}
	wg.Wait()
	c, _ := st.Count(context.Background())
	if want := base + writers*each; c.Facilities != want || len(s.snapshot().world.Facilities) != want {
		t.Errorf("facilities: store %d, served %d, want %d", c.Facilities, len(s.snapshot().world.Facilities), want)
	}
}
