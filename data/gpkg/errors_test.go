package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

func venue(id string) coverage.Facility {
	return coverage.Facility{ID: id, Name: "测试馆", Category: coverage.CategoryVenue, Status: coverage.StatusOpen,
		FloorArea: 1200, Point: orb.Point{111.7, 40.8}}
}

// TestFullDiskIsErrFull fills the file to its page limit (SQLite's
// max_page_count, on the store's own single connection): the insert fails
// with ErrFull, which matches ENOSPC, and nothing is written.
func TestFullDiskIsErrFull(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "k.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.db.SetMaxOpenConns(1)
	var pages int
	if err := st.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	var many []coverage.Facility
	for i := range 2000 {
		many = append(many, venue("VE"+strconv.Itoa(i)))
	}
	err = st.CreateFacilities(ctx, "test", many)
	if !errors.Is(err, ErrFull) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("CreateFacilities on a full file: got %v, want ErrFull (ENOSPC)", err)
	}
	if n, _ := st.Count(ctx); n.Facilities != 0 {
		t.Errorf("after the failed import %d facilities are stored, want 0", n.Facilities)
	}
}

// TestReadOnlyIsErrReadOnly writes through a read-only connection.
func TestReadOnlyIsErrReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.gpkg")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	ro := &Store{db: db, path: path}
	defer ro.Close()
	err = ro.CreateFacilities(ctx, "test", []coverage.Facility{venue("VE1")})
	if !errors.Is(err, ErrReadOnly) || !errors.Is(err, syscall.EROFS) {
		t.Fatalf("CreateFacilities on a read-only file: got %v, want ErrReadOnly (EROFS)", err)
	}
}
