// Package gpkg is kepu's persistent registry: one GeoPackage file (SQLite,
// pure Go) holding the facilities and events as feature tables that QGIS and
// GDAL open as they are, the scenarios, and an audit table that keeps every
// edit with its author and the record before and after.
package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Errors the store returns, wrapped with the record they concern. They
// also match fs.ErrNotExist and fs.ErrExist, so that a caller can classify
// them without importing this package.
var (
	ErrNotFound = data.ErrNotFound
	ErrConflict = data.ErrConflict
)

// Store is an open GeoPackage registry. It is safe for concurrent use:
// readers run in parallel (WAL), writers one at a time, and every write is a
// single durable transaction (synchronous=FULL).
type Store struct {
	db   *sql.DB
	path string
	mu   sync.Mutex // serialises write transactions within the process
	lock *os.File   // held by Lock
}

// Open opens the GeoPackage at path, creating it and its tables if needed.
// An existing file must be one kepu made: an empty file, a file that is not
// SQLite, or a GeoPackage without kepu's tables is refused, never filled.
func Open(ctx context.Context, path string) (*Store, error) {
	exists, err := checkExisting(path)
	if err != nil {
		return nil, fmt.Errorf("gpkg: %s: %w", path, err)
	}
	if exists {
		if err := checkKepu(ctx, path); err != nil {
			return nil, fmt.Errorf("gpkg: %s: %w", path, err)
		}
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "busy_timeout(10000)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("gpkg: %s: %w", path, err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("gpkg: %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
}

// checkKepu refuses an existing database that kepu did not make, reading it
// without changing a byte (no journal-mode pragma yet).
func checkKepu(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'kepu_meta'").Scan(&n)
	if err != nil {
		return fmt.Errorf("not a readable GeoPackage: %w", err)
	}
	if n == 0 {
		return errors.New("a GeoPackage or SQLite file that kepu did not make (it has no kepu_meta table); kepu will not write into it")
	}
	return nil
}

// Close closes the file and releases the lock taken by Lock.
func (s *Store) Close() error { return errors.Join(s.db.Close(), s.unlock()) }

// Path is the file the store was opened from.
func (s *Store) Path() string { return s.path }

// A store gives the records of a world and can be seeded; data.StoreWorld
// and data.SeedSample do the loading.
var (
	_ data.RegistryReader = (*Store)(nil)
	_ data.Seeder         = (*Store)(nil)
)

// Name is the store among a world's sources: its file.
func (s *Store) Name() string { return s.path }

// Facilities returns every facility, in insertion order.
func (s *Store) Facilities(ctx context.Context) ([]coverage.Facility, error) {
	return listFacilities(ctx, s.db)
}

// Events returns every event, in insertion order.
func (s *Store) Events(ctx context.Context) ([]coverage.Event, error) {
	return listEvents(ctx, s.db)
}

type lister interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func listFacilities(ctx context.Context, q lister) ([]coverage.Facility, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+facilityTable.selectCols()+" FROM facilities ORDER BY fid")
	if err != nil {
		return nil, fmt.Errorf("gpkg: facilities: %w", err)
	}
	defer rows.Close()
	var out []coverage.Facility
	for rows.Next() {
		f, err := scanFacility(rows)
		if err != nil {
			return nil, fmt.Errorf("gpkg: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func listEvents(ctx context.Context, q lister) ([]coverage.Event, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+eventTable.selectCols()+" FROM events ORDER BY fid")
	if err != nil {
		return nil, fmt.Errorf("gpkg: events: %w", err)
	}
	defer rows.Close()
	var out []coverage.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("gpkg: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Facility returns one facility by id; the error wraps ErrNotFound when
// there is none.
func (s *Store) Facility(ctx context.Context, id string) (coverage.Facility, error) {
	return facilityByID(ctx, s.db, id)
}

// Event returns one event by id.
func (s *Store) Event(ctx context.Context, id string) (coverage.Event, error) {
	return eventByID(ctx, s.db, id)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func facilityByID(ctx context.Context, q querier, id string) (coverage.Facility, error) {
	f, err := scanFacility(q.QueryRowContext(ctx, "SELECT "+facilityTable.selectCols()+" FROM facilities WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("facility %q: %w", id, ErrNotFound)
	}
	return f, err
}

func eventByID(ctx context.Context, q querier, id string) (coverage.Event, error) {
	e, err := scanEvent(q.QueryRowContext(ctx, "SELECT "+eventTable.selectCols()+" FROM events WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("event %q: %w", id, ErrNotFound)
	}
	return e, err
}

// Counts are the number of rows of each table.
type Counts struct {
	Facilities, Events, Scenarios, Audit int
}

// Count counts the rows of every kepu table.
func (s *Store) Count(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM facilities), (SELECT count(*) FROM events),
		(SELECT count(*) FROM scenarios), (SELECT count(*) FROM audit)`).Scan(&c.Facilities, &c.Events, &c.Scenarios, &c.Audit)
	return c, err
}

// meta returns a kepu_meta value ("" when unset).
func meta(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM kepu_meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// Seeded reports whether the store has been filled once (from the sample or
// an import); a seeded store that is empty stays empty.
func (s *Store) Seeded(ctx context.Context) (bool, error) {
	v, err := meta(ctx, s.db, "seeded")
	return v != "", err
}

// Sample reports whether the registry started as the synthetic sample.
func (s *Store) Sample(ctx context.Context) (bool, error) {
	v, err := meta(ctx, s.db, "sample")
	return v == "true", err
}
