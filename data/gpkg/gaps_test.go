package gpkg

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// TestWriteGaps writes the sample's gap list and reads it back with SQL:
// one row per gap, in order, at its place, with its parts.
func TestWriteGaps(t *testing.T) {
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	res := coverage.Evaluate(w, coverage.Defaults())
	gaps := res.Gaps(coverage.GapFilter{})
	places := data.GapPlaces(res)
	path := filepath.Join(t.TempDir(), "gaps.gpkg")
	ctx := context.Background()
	if err := WriteGaps(ctx, path, gaps, places); err != nil {
		t.Fatal(err)
	}
	if err := WriteGaps(ctx, path, gaps, places); err == nil {
		t.Errorf("writing over an existing file succeeded, want an error")
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var app, ver int
	db.QueryRow("PRAGMA application_id").Scan(&app)
	db.QueryRow("PRAGMA user_version").Scan(&ver)
	if app != ApplicationID || ver != UserVersion {
		t.Errorf("header %x/%d, want %x/%d", app, ver, ApplicationID, UserVersion)
	}
	rows, err := db.Query("SELECT geom, rule, code, priority, parts FROM gaps ORDER BY fid")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var geom []byte
		var rule, code, parts string
		var priority float64
		if err := rows.Scan(&geom, &rule, &code, &priority, &parts); err != nil {
			t.Fatal(err)
		}
		g := gaps[i]
		p, err := DecodePoint(geom)
		if err != nil || p != places[g.Code] || rule != g.Rule || code != g.Code || priority != g.Priority {
			t.Errorf("row %d = %s %s %v at %v (%v), want %s %s %v at %v", i+1, rule, code, priority, p, err, g.Rule, g.Code, g.Priority, places[g.Code])
		}
		var ps []coverage.Part
		if err := json.Unmarshal([]byte(parts), &ps); err != nil || len(ps) != len(g.Parts) {
			t.Errorf("row %d parts %s, want %d parts", i+1, parts, len(g.Parts))
		}
		i++
	}
	if i != len(gaps) || i == 0 {
		t.Errorf("read %d rows, want %d", i, len(gaps))
	}
	// A gap with no known place is refused rather than dropped.
	bad := []coverage.Gap{{Rule: "venue_1000", Code: "999999"}}
	if err := WriteGaps(ctx, filepath.Join(t.TempDir(), "bad.gpkg"), bad, places); err == nil {
		t.Errorf("a gap without a place was written")
	}
}
