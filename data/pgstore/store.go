// Package pgstore is kepu's registry in PostgreSQL with PostGIS: the same
// records, audit and scenarios as the GeoPackage store (data/gpkg), in
// tables QGIS opens (geometry(Point,4326) columns), shared by any number of
// `kepu serve` replicas. Every write is one transaction that bumps the
// registry's version and notifies the replicas (LISTEN/NOTIFY on
// "kepu_registry"); an acknowledged write is committed.
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/kepu/kepu/data"
)

// Errors and audit words: data's, shared with the GeoPackage store.
var (
	ErrNotFound = data.ErrNotFound
	ErrConflict = data.ErrConflict
	ErrFull     = data.ErrFull
	ErrReadOnly = data.ErrReadOnly
)

// ConflictError lists the ids that already exist; it matches ErrConflict.
type ConflictError = data.ConflictError

// Channel is the LISTEN/NOTIFY channel every committed write notifies with
// the registry's new version.
const Channel = "kepu_registry"

// Store is an open PostgreSQL registry, safe for concurrent use.
type Store struct {
	pool *pgxpool.Pool
	name string // the URL without its password, for messages and provenance
}

// IsURL reports whether a --db value names a PostgreSQL database.
func IsURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Open connects to the database at rawURL and brings its schema up to date.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	name := Redact(rawURL)
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %s: %v", name, redactErr(err, rawURL))
	}
	// An acknowledged write is on disk: whatever the server's default, every
	// connection of the store commits synchronously.
	cfg.ConnConfig.RuntimeParams["synchronous_commit"] = "on"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %s: %v", name, redactErr(err, rawURL))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgstore: %s: cannot connect: %v", name, redactErr(err, rawURL))
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgstore: %s: %w", name, err)
	}
	return &Store{pool: pool, name: name}, nil
}

// Redact is a database URL without its password.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "postgres://(unreadable URL)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// redactErr keeps a password in the URL out of an error's text.
func redactErr(err error, rawURL string) string {
	msg := err.Error()
	if u, perr := url.Parse(rawURL); perr == nil {
		if p, has := u.User.Password(); has && p != "" {
			msg = strings.ReplaceAll(msg, p, "xxxxx")
		}
	}
	return msg
}

// Close closes the connections.
func (s *Store) Close() error { s.pool.Close(); return nil }

// A store gives the records of a world and can be seeded; data.StoreWorld
// and data.SeedSample do the loading.
var (
	_ data.RegistryReader = (*Store)(nil)
	_ data.Seeder         = (*Store)(nil)
)

// Name is the database, as a URL without its password.
func (s *Store) Name() string { return s.name }

// Counts is how many records each table holds.
type Counts struct {
	Facilities, Events, Scenarios, Audit int
}

// Count counts the records of each table.
func (s *Store) Count(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM facilities), (SELECT count(*) FROM events),
		(SELECT count(*) FROM scenarios), (SELECT count(*) FROM audit)`).Scan(&c.Facilities, &c.Events, &c.Scenarios, &c.Audit)
	return c, err
}

// Version is the registry's version: the number of committed writes.
func (s *Store) Version(ctx context.Context) (uint64, error) {
	var v int64
	err := s.pool.QueryRow(ctx, "SELECT value::bigint FROM kepu_meta WHERE key = 'version'").Scan(&v)
	return uint64(v), err
}

func (s *Store) meta(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRow(ctx, "SELECT value FROM kepu_meta WHERE key = $1", key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// Seeded reports whether the store was ever filled (seeded or imported).
func (s *Store) Seeded(ctx context.Context) (bool, error) {
	v, err := s.meta(ctx, s.pool, "seeded")
	return v != "", err
}

// Sample reports whether the registry started as the synthetic sample.
func (s *Store) Sample(ctx context.Context) (bool, error) {
	v, err := s.meta(ctx, s.pool, "sample")
	return v == "true", err
}

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// classify names a write's failure by its cause when the disk or the
// server's mode is to blame, and a unique violation as a conflict.
func classify(err error) error {
	var pe *pgconn.PgError
	if err == nil || !errors.As(err, &pe) {
		return err
	}
	switch {
	case pe.Code == "53100": // disk_full
		return fmt.Errorf("%w (%v)", ErrFull, err)
	case pe.Code == "25006": // read_only_sql_transaction: a standby or default_transaction_read_only
		return fmt.Errorf("%w (%v)", ErrReadOnly, err)
	case pe.Code == "23505": // unique_violation: another replica wrote the id first
		return fmt.Errorf("%w (%v)", ErrConflict, err)
	}
	return err
}
