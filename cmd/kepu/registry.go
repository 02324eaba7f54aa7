package main

import (
	"context"
	"os"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/gpkg"
	"github.com/kepu/kepu/data/pgstore"
	"github.com/kepu/kepu/web"
)

// registry is a persistent store of the registry: a GeoPackage file (one
// server) or a PostgreSQL database (any number of replicas).
type registry interface {
	web.Registry
	web.ScenarioStore
	Seeded(ctx context.Context) (bool, error)
	Sample(ctx context.Context) (bool, error)
	Import(ctx context.Context, who string, fs []coverage.Facility, es []coverage.Event, replace, sample bool) error
	Name() string
	Count(ctx context.Context) (gpkg.Counts, error)
	// MergeFacilities adds, changes or keeps facilities by id, in one transaction.
	MergeFacilities(ctx context.Context, who string, fs []coverage.Facility) (data.Merged, error)
	// RecordedAt replays the audit: the registry as recorded at a day's end or an instant.
	RecordedAt(ctx context.Context, at string) ([]coverage.Facility, []coverage.Event, error)
	// Lock makes this process the store's only writer where the store
	// needs one (a GeoPackage); PostgreSQL replicas share their database.
	Lock() error
	Close() error
}

var (
	_ registry = (*gpkg.Store)(nil)
	_ registry = pgRegistry{}
)

// pgRegistry is the PostgreSQL store as a registry.
type pgRegistry struct{ *pgstore.Store }

func (p pgRegistry) Count(ctx context.Context) (gpkg.Counts, error) {
	c, err := p.Store.Count(ctx)
	return gpkg.Counts(c), err
}

func (pgRegistry) Lock() error { return nil }

// dbOr is the --db value, else $KEPU_DB, else def.
func dbOr(flagValue, def string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := os.Getenv("KEPU_DB"); v != "" {
		return v
	}
	return def
}

// dbDisplay is a --db value fit to print: a URL loses its password.
func dbDisplay(db string) string {
	if pgstore.IsURL(db) {
		return pgstore.Redact(db)
	}
	return db
}

// openRegistry opens the store a --db value names: a postgres:// URL or a
// GeoPackage path.
func openRegistry(ctx context.Context, db string) (registry, error) {
	if pgstore.IsURL(db) {
		st, err := pgstore.Open(ctx, db)
		if err != nil {
			return nil, err
		}
		return pgRegistry{st}, nil
	}
	st, err := gpkg.Open(ctx, db)
	if err != nil {
		return nil, err
	}
	return st, nil
}
