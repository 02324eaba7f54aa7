package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// migrations bring a database from version i to i+1; each runs in the
// transaction that records it. Append only: a migration that shipped is
// never edited.
var migrations = []string{
	// 1: the registry, scenarios, audit and metadata.
	`CREATE EXTENSION IF NOT EXISTS postgis;
	CREATE TABLE kepu_meta (key text PRIMARY KEY, value text NOT NULL);
	INSERT INTO kepu_meta (key, value) VALUES ('version', '0');
	CREATE TABLE facilities (
		fid bigserial PRIMARY KEY,
		id text NOT NULL UNIQUE,
		name text,
		category text NOT NULL,
		status text NOT NULL,
		geom geometry(Point, 4326),
		properties jsonb NOT NULL);
	CREATE INDEX facilities_geom_idx ON facilities USING gist (geom);
	CREATE TABLE events (
		fid bigserial PRIMARY KEY,
		id text NOT NULL UNIQUE,
		kind text NOT NULL,
		date text,
		name text,
		geom geometry(Point, 4326),
		properties jsonb NOT NULL);
	CREATE INDEX events_geom_idx ON events USING gist (geom);
	CREATE TABLE scenarios (
		fid bigserial PRIMARY KEY,
		id text NOT NULL UNIQUE,
		name text,
		updated text NOT NULL,
		body json NOT NULL,
		summary json);
	CREATE TABLE audit (
		fid bigserial PRIMARY KEY,
		at timestamptz NOT NULL DEFAULT clock_timestamp(),
		who text NOT NULL,
		action text NOT NULL,
		kind text NOT NULL,
		record_id text,
		before jsonb,
		after jsonb);
	COMMENT ON TABLE facilities IS 'kepu facility registry (venues, caravans, bases)';
	COMMENT ON TABLE audit IS 'kepu edit log: who changed what, before and after (GeoJSON)';`,
}

// schemaLock is the advisory lock key replicas take while migrating, so
// that two starting at once do not both create the tables.
const schemaLock = 0x6b657075 // "kepu"

// migrate applies the migrations the database lacks, one transaction each.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	if _, err := pool.Exec(ctx, "CREATE TABLE IF NOT EXISTS kepu_schema (version int NOT NULL)"); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	for {
		done, err := migrateOne(ctx, pool)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next migration, reporting done when there is none.
func migrateOne(ctx context.Context, pool *pgxpool.Pool) (bool, error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return false, fmt.Errorf("schema: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", schemaLock); err != nil {
		return false, fmt.Errorf("schema: %w", err)
	}
	var v int
	if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM kepu_schema").Scan(&v); err != nil {
		return false, fmt.Errorf("schema: %w", err)
	}
	if v > len(migrations) {
		return false, fmt.Errorf("schema version %d is newer than this kepu knows (%d): upgrade kepu", v, len(migrations))
	}
	if v == len(migrations) {
		return true, nil
	}
	if _, err := tx.Exec(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("schema migration %d: %w", v+1, err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO kepu_schema (version) VALUES ($1)", v+1); err != nil {
		return false, fmt.Errorf("schema: %w", err)
	}
	return false, tx.Commit(ctx)
}
