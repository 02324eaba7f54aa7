package gpkg_test

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/gpkg"
)

// TestRecordedAt replays the audit table to a day: a record is its last
// recorded state at or before the day's end, gone once deleted.
func TestRecordedAt(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	v1, v2 := testFacility("V1", 111.6, 40.8), testFacility("V2", 111.7, 40.8)
	if err := s.CreateFacilities(ctx, "a", []coverage.Facility{v1}); err != nil { // audit fid 1
		t.Fatal(err)
	}
	v1.FloorArea, v1.Opened = 900, "2022-03-01"
	if _, err := s.UpdateFacility(ctx, "a", v1); err != nil { // 2
		t.Fatal(err)
	}
	if err := s.CreateFacilities(ctx, "a", []coverage.Facility{v2}); err != nil { // 3
		t.Fatal(err)
	}
	if _, err := s.DeleteFacility(ctx, "a", "V1"); err != nil { // 4
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for fid, at := range map[int]string{1: "2022-01-10T09:00:00.000Z", 2: "2022-03-01T23:59:59.999Z",
		3: "2022-03-02T00:00:00.000Z", 4: "2023-07-01T12:00:00.000Z"} {
		if _, err := db.Exec("UPDATE audit SET at = ? WHERE fid = ?", at, fid); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		at   string
		want string // id:floor area, in creation order
	}{
		{"2022-01-09", ""},
		{"2022-01-10", "V1:1500"},
		{"2022-02-28", "V1:1500"},
		{"2022-03-01", "V1:900"},
		{"2022-03-02", "V1:900 V2:1500"},
		{"2023-07-01T11:59:59Z", "V1:900 V2:1500"},
		{"2023-07-01T12:00:00Z", "V2:1500"},
		{"2023-07-01T20:00:00+08:00", "V2:1500"},
		{"2023-07-01", "V2:1500"},
	} {
		t.Run(tc.at, func(t *testing.T) {
			fs, es, err := s.RecordedAt(ctx, tc.at)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, fmt.Sprintf("%s:%.0f", f.ID, f.FloorArea))
			}
			if strings.Join(got, " ") != tc.want || len(es) != 0 {
				t.Errorf("got %q and %d events, want %q", strings.Join(got, " "), len(es), tc.want)
			}
		})
	}
	fs, _, _ := s.RecordedAt(ctx, "2022-03-01")
	if !reflect.DeepEqual([]string{string(fs[0].Opened), fs[0].Props["note"].(string)}, []string{"2022-03-01", "pass-through"}) {
		t.Errorf("replayed record: opened %q props %v", fs[0].Opened, fs[0].Props)
	}
	if _, _, err := s.RecordedAt(ctx, "last week"); err == nil {
		t.Error("a bad day: got no error")
	}
}

// TestOpenAddsClosedColumn: a file from before closed dates (opened an
// INTEGER column, no closed) gains the column on open and keeps its records.
func TestOpenAddsClosedColumn(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	f := testFacility("V1", 111.6, 40.8)
	f.Opened = "2019"
	if err := s.CreateFacilities(ctx, "a", []coverage.Facility{f}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"ALTER TABLE facilities DROP COLUMN closed", "UPDATE facilities SET opened = CAST(2019 AS INTEGER)"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s2, err := gpkg.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got, err := s2.Facility(ctx, "V1"); err != nil || got.Opened != "2019" {
		t.Errorf("an integer opened: got %q (%v), want 2019", got.Opened, err)
	}
	f.Opened, f.Closed = "2019-03-01", "2024"
	if _, err := s2.UpdateFacility(ctx, "a", f); err != nil {
		t.Fatal(err)
	}
	got, err := s2.Facility(ctx, "V1")
	if err != nil || got.Opened != "2019-03-01" || got.Closed != "2024" {
		t.Errorf("after the migration: got opened %q closed %q (%v), want 2019-03-01 and 2024", got.Opened, got.Closed, err)
	}
}
