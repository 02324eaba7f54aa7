package gpkg_test

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/gpkg"
	"github.com/paulmach/orb"
)

func open(t testing.TB) (*gpkg.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kepu.gpkg")
	s, err := gpkg.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func seeded(t testing.TB) (*gpkg.Store, string) {
	t.Helper()
	s, path := open(t)
	did, err := data.SeedSample(context.Background(), s)
	if err != nil || !did {
		t.Fatalf("SeedSample: got %v, %v; want true, nil", did, err)
	}
	return s, path
}

// featureJSON is the record as the GeoJSON a user gets back.
func featureJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSeedRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, path := seeded(t)
	want, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	// Reopen: what was committed is what a new process sees.
	s.Close()
	s, err = gpkg.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Facilities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want.Facilities) {
		t.Fatalf("facilities: got %d, want %d", len(got), len(want.Facilities))
	}
	for i := range got {
		g, w := got[i], want.Facilities[i]
		if g.Point != w.Point {
			t.Errorf("%s: point got %v, want %v (bit for bit)", w.ID, g.Point, w.Point)
		}
		if gj, wj := featureJSON(t, data.FacilityFeature(g)), featureJSON(t, data.FacilityFeature(w)); gj != wj {
			t.Errorf("%s:\n got %s\nwant %s", w.ID, gj, wj)
		}
		g.Props, w.Props = nil, nil
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: typed fields got %+v, want %+v", w.ID, g, w)
		}
	}
	events, err := s.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != len(want.Events) {
		t.Fatalf("events: got %d, want %d", len(events), len(want.Events))
	}
	for i := range events {
		if gj, wj := featureJSON(t, data.EventFeature(events[i])), featureJSON(t, data.EventFeature(want.Events[i])); gj != wj {
			t.Errorf("event:\n got %s\nwant %s", gj, wj)
		}
	}
	// The evaluation on the store's world is the evaluation on the sample.
	w, err := data.StoreWorld(ctx, s, data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	if !w.Sample {
		t.Errorf("World().Sample: got false, want true for a store seeded from the sample")
	}
	gotRes, wantRes := coverage.Evaluate(w, coverage.Defaults()), coverage.Evaluate(want, coverage.Defaults())
	if g, w := featureJSON(t, gotRes.Rules), featureJSON(t, wantRes.Rules); g != w {
		t.Errorf("rules on the store's world:\n got %s\nwant %s", g, w)
	}
	if did, err := data.SeedSample(ctx, s); did || err != nil {
		t.Errorf("second SeedSample: got %v, %v; want false, nil", did, err)
	}
}

// TestGeoPackageHeader checks the file against the GeoPackage standard's
// requirements directly, without the store's own reader.
func TestGeoPackageHeader(t *testing.T) {
	_, path := seeded(t)
	db := rawDB(t, path)
	var appID, version int64
	if err := db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if appID != 0x47504B47 || version < 10200 {
		t.Errorf("application_id, user_version: got %#x, %d; want 0x47504b47, >= 10200", appID, version)
	}
	for _, srs := range []int{-1, 0, 4326} {
		var n int
		db.QueryRow("SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id = ?", srs).Scan(&n)
		if n != 1 {
			t.Errorf("gpkg_spatial_ref_sys srs_id %d: got %d rows, want 1", srs, n)
		}
	}
	var journal string
	db.QueryRow("PRAGMA journal_mode").Scan(&journal)
	if journal != "wal" {
		t.Errorf("journal_mode: got %q, want wal", journal)
	}
	tests := []struct{ table, dataType, geomType string }{
		{"facilities", "features", "POINT"},
		{"events", "features", "POINT"},
		{"scenarios", "attributes", ""},
		{"audit", "attributes", ""},
	}
	for _, tt := range tests {
		var dt string
		if err := db.QueryRow("SELECT data_type FROM gpkg_contents WHERE table_name = ?", tt.table).Scan(&dt); err != nil || dt != tt.dataType {
			t.Errorf("gpkg_contents %s: got %q (%v), want %q", tt.table, dt, err, tt.dataType)
		}
		if tt.geomType == "" {
			continue
		}
		var gt string
		var srs int
		db.QueryRow("SELECT geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ? AND column_name = 'geom'", tt.table).Scan(&gt, &srs)
		if gt != tt.geomType || srs != 4326 {
			t.Errorf("gpkg_geometry_columns %s: got %s/%d, want %s/4326", tt.table, gt, srs, tt.geomType)
		}
	}
	// Decode one geometry blob by hand: GP header then WKB point.
	var blob []byte
	var lon, lat float64
	var id string
	if err := db.QueryRow("SELECT id, geom FROM facilities ORDER BY fid LIMIT 1").Scan(&id, &blob); err != nil {
		t.Fatal(err)
	}
	if string(blob[:2]) != "GP" || blob[2] != 0 || binary.LittleEndian.Uint32(blob[4:8]) != 4326 {
		t.Fatalf("geometry header: got % x, want 'GP', version 0, srs 4326", blob[:8])
	}
	wkb := blob[8:]
	if wkb[0] != 1 || binary.LittleEndian.Uint32(wkb[1:5]) != 1 || len(wkb) != 21 {
		t.Fatalf("WKB: got % x, want a little-endian Point", wkb)
	}
	lon = math.Float64frombits(binary.LittleEndian.Uint64(wkb[5:13]))
	lat = math.Float64frombits(binary.LittleEndian.Uint64(wkb[13:21]))
	w, _ := data.Load(data.Sources{})
	if want := w.Facilities[0]; want.ID != id || (orb.Point{lon, lat}) != want.Point {
		t.Errorf("first facility: got %s %v, want %s %v", id, orb.Point{lon, lat}, want.ID, want.Point)
	}
}

func testFacility(id string, lon, lat float64) coverage.Facility {
	return coverage.Facility{ID: id, Name: "测试科技馆 " + id, Category: coverage.CategoryVenue,
		Status: coverage.StatusOpen, FloorArea: 1500, Point: orb.Point{lon, lat},
		Props: map[string]any{"note": "pass-through", "floor_area_m2": 1500.0}}
}

func TestEdits(t *testing.T) {
	ctx := context.Background()
	s, _ := seeded(t)
	before, _ := s.Count(ctx)
	existingID := func() string { fs, _ := s.Facilities(ctx); return fs[0].ID }()

	tests := []struct {
		name      string
		do        func() error
		wantErr   error
		wantDelta int // facilities added
		wantAudit int
	}{
		{"create two", func() error {
			return s.CreateFacilities(ctx, "alice", []coverage.Facility{testFacility("T1", 111.7, 40.8), testFacility("T2", 112, 41)})
		}, nil, 2, 2},
		{"create with one existing id writes nothing", func() error {
			return s.CreateFacilities(ctx, "alice", []coverage.Facility{testFacility("T3", 111.7, 40.8), testFacility(existingID, 112, 41)})
		}, gpkg.ErrConflict, 0, 0},
		{"update", func() error {
			f := testFacility("T1", 111.8, 40.9)
			f.FloorArea = 900
			f.Props["floor_area_m2"] = 900.0
			_, err := s.UpdateFacility(ctx, "bob", f)
			return err
		}, nil, 0, 1},
		{"update missing", func() error {
			_, err := s.UpdateFacility(ctx, "bob", testFacility("NOPE", 111, 40))
			return err
		}, gpkg.ErrNotFound, 0, 0},
		{"delete", func() error { _, err := s.DeleteFacility(ctx, "", "T2"); return err }, nil, -1, 1},
		{"delete missing", func() error { _, err := s.DeleteFacility(ctx, "", "T2"); return err }, gpkg.ErrNotFound, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c0, _ := s.Count(ctx)
			err := tt.do()
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == gpkg.ErrNotFound && !errors.Is(err, fs.ErrNotExist)) ||
				(tt.wantErr == gpkg.ErrConflict && !errors.Is(err, fs.ErrExist)) {
				t.Fatalf("error: got %v, want %v", err, tt.wantErr)
			}
			c1, _ := s.Count(ctx)
			if got := c1.Facilities - c0.Facilities; got != tt.wantDelta {
				t.Errorf("facilities added: got %d, want %d", got, tt.wantDelta)
			}
			if got := c1.Audit - c0.Audit; got != tt.wantAudit {
				t.Errorf("audit rows added: got %d, want %d", got, tt.wantAudit)
			}
		})
	}
	var ce *gpkg.ConflictError
	err := s.CreateFacilities(ctx, "x", []coverage.Facility{testFacility(existingID, 1, 1), testFacility("T1", 1, 1)})
	if !errors.As(err, &ce) || !reflect.DeepEqual(ce.IDs, []string{existingID, "T1"}) {
		t.Errorf("conflict ids: got %v, want [%s T1]", err, existingID)
	}
	got, err := s.Facility(ctx, "T1")
	if err != nil || got.FloorArea != 900 || got.Point != (orb.Point{111.8, 40.9}) || got.Props["note"] != "pass-through" {
		t.Errorf("T1 after update: got %+v, %v", got, err)
	}
	after, _ := s.Count(ctx)
	if after.Facilities != before.Facilities+1 {
		t.Errorf("facilities: got %d, want %d", after.Facilities, before.Facilities+1)
	}
	// The audit keeps who, what and the record before and after.
	db := rawDB(t, s.Path())
	var who, action, b, a string
	if err := db.QueryRow("SELECT who, action, before, after FROM audit WHERE record_id = 'T1' AND action = 'update'").Scan(&who, &action, &b, &a); err != nil {
		t.Fatal(err)
	}
	if who != "bob" || !json.Valid([]byte(b)) || !json.Valid([]byte(a)) {
		t.Errorf("audit: got who %q before %s after %s", who, b, a)
	}
	var gotWho string
	db.QueryRow("SELECT who FROM audit WHERE record_id = 'T2' AND action = 'delete'").Scan(&gotWho)
	if gotWho != "token" {
		t.Errorf("audit who for an anonymous token: got %q, want token", gotWho)
	}
}

func TestEventsAndScenarios(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	e := coverage.Event{ID: "E1", Kind: coverage.EventCaravanVisit, Date: "2023-05-01", Name: "visit", Point: orb.Point{111, 41}}
	if err := s.CreateEvents(ctx, "a", []coverage.Event{e}); err != nil {
		t.Fatal(err)
	}
	e.Date = "2024-06-30"
	if _, err := s.UpdateEvent(ctx, "a", e); err != nil {
		t.Fatal(err)
	}
	got, err := s.Event(ctx, "E1")
	if err != nil || got.Date != "2024-06-30" || got.Point != e.Point {
		t.Errorf("event after update: got %+v, %v", got, err)
	}
	if _, err := s.DeleteEvent(ctx, "a", "E1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Event(ctx, "E1"); !errors.Is(err, gpkg.ErrNotFound) {
		t.Errorf("deleted event: got %v, want not found", err)
	}
	sc := gpkg.Scenario{ID: "s1", Name: "two venues", Body: json.RawMessage(`{"add":[]}`)}
	if err := s.PutScenario(ctx, "a", sc); err != nil {
		t.Fatal(err)
	}
	back, err := s.Scenario(ctx, "s1")
	if err != nil || string(back.Body) != `{"add":[]}` || back.Name != "two venues" {
		t.Errorf("scenario: got %+v, %v", back, err)
	}
}

// TestConcurrentReadersWriters runs writers and readers at once (run it
// with -race); every reader sees a consistent registry.
func TestConcurrentReadersWriters(t *testing.T) {
	ctx := context.Background()
	s, _ := seeded(t)
	base, _ := s.Count(ctx)
	const writers, perWriter = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perWriter; i++ {
				id := fmt.Sprintf("C%d-%d", w, i)
				if err := s.CreateFacilities(ctx, "w", []coverage.Facility{testFacility(id, 111+float64(i)/100, 41)}); err != nil {
					errs <- err
					return
				}
				if i%3 == 0 {
					if _, err := s.DeleteFacility(ctx, "w", id); err != nil {
						errs <- err
						return
					}
				}
			}
		}(w)
	}
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				fs, err := s.Facilities(ctx)
				if err != nil {
					errs <- err
					return
				}
				if len(fs) < base.Facilities {
					errs <- fmt.Errorf("reader saw %d facilities, fewer than the %d seeded", len(fs), base.Facilities)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got, _ := s.Count(ctx)
	want := base.Facilities + writers*(perWriter-(perWriter+2)/3)
	if got.Facilities != want {
		t.Errorf("facilities after the writers: got %d, want %d", got.Facilities, want)
	}
}

// TestScenarioSummaries stores scenarios with and without a summary, lists
// them newest first after reopening the file, and reads one back whole.
func TestScenarioSummaries(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	puts := []gpkg.Scenario{
		{ID: "s1", Name: "first", Body: json.RawMessage(`{"n":1}`), Summary: json.RawMessage(`{"id":"s1"}`)},
		{ID: "s2", Name: "bare", Body: json.RawMessage(`{"n":2}`)},
		{ID: "s3", Name: "third", Body: json.RawMessage(`{"n":3}`), Summary: json.RawMessage(`{"id":"s3"}`)},
	}
	for _, sc := range puts {
		if err := s.SaveScenario(ctx, "a", sc.ID, sc.Name, sc.Summary, sc.Body); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveScenario(ctx, "a", "bad", "x", json.RawMessage(`{`), json.RawMessage(`{}`)); err == nil {
		t.Errorf("a summary that is not JSON: got no error")
	}
	s.Close()
	s, err := gpkg.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.Scenarios(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sc := range list {
		got = append(got, sc.ID+":"+sc.Name+":"+string(sc.Summary)+":"+string(sc.Body))
	}
	want := []string{`s3:third:{"id":"s3"}:`, "s2:bare::", `s1:first:{"id":"s1"}:`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Scenarios after reopening: got %q, want %q", got, want)
	}
	sums, err := s.ScenarioSummaries(ctx)
	if err != nil || len(sums) != 2 || string(sums[0]) != `{"id":"s3"}` || string(sums[1]) != `{"id":"s1"}` {
		t.Errorf("ScenarioSummaries: got %q, %v; want s3's then s1's", sums, err)
	}
	body, err := s.ScenarioBody(ctx, "s2")
	if err != nil || string(body) != `{"n":2}` {
		t.Errorf("ScenarioBody(s2): got %s, %v", body, err)
	}
	if _, err := s.ScenarioBody(ctx, "nope"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ScenarioBody(nope): got %v, want an error matching fs.ErrNotExist", err)
	}
}

// TestScenarioSummaryColumnIsAdded opens a file whose scenarios table
// predates the summary column: opening adds it and the old rows stay.
func TestScenarioSummaryColumnIsAdded(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	if err := s.PutScenario(ctx, "a", gpkg.Scenario{ID: "old", Name: "old", Body: json.RawMessage(`{}`)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("ALTER TABLE scenarios DROP COLUMN summary"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err = gpkg.Open(ctx, path)
	if err != nil {
		t.Fatalf("opening a file without scenarios.summary: %v", err)
	}
	defer s.Close()
	if err := s.SaveScenario(ctx, "a", "new", "new", json.RawMessage(`{"id":"new"}`), json.RawMessage(`{}`)); err != nil {
		t.Fatalf("SaveScenario on the migrated file: %v", err)
	}
	list, err := s.Scenarios(ctx)
	if err != nil || len(list) != 2 || list[0].ID != "new" || string(list[0].Summary) != `{"id":"new"}` || list[1].ID != "old" {
		t.Errorf("Scenarios after migration: got %+v, %v", list, err)
	}
}
