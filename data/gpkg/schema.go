package gpkg

import (
	"context"
	"database/sql"
	"fmt"
)

// ApplicationID is "GPKG" as a big-endian 32-bit integer, and UserVersion
// is GeoPackage 1.3.0 (the newest that GDAL 3.6 reads without a
// warning), the two header values that mark a GeoPackage file.
const (
	ApplicationID = 0x47504B47
	UserVersion   = 10300
)

const wgs84WKT = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]`

// schema creates the GeoPackage core tables, kepu's feature and attribute
// tables and registers them. Every statement is idempotent.
var schema = append(append([]string{}, coreSchema...), registrySchema...)

// coreSchema is what every GeoPackage has: the spatial reference systems
// (with WGS84), the contents and the geometry columns.
var coreSchema = []string{
	`CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
		srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
		organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`,
	`INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES
		('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
		('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
		('WGS 84 geodetic', 4326, 'EPSG', 4326, '` + wgs84WKT + `', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')`,
	`CREATE TABLE IF NOT EXISTS gpkg_contents (
		table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
		description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
		min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
		CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`,
	`CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
		table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
		srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
		CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
		CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
		CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`,
}

// registrySchema is kepu's registry: facilities, events, scenarios, audit.
var registrySchema = []string{
	`CREATE TABLE IF NOT EXISTS facilities (
		fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT NOT NULL, id TEXT NOT NULL UNIQUE,
		name TEXT, category TEXT NOT NULL, status TEXT NOT NULL, floor_area_m2 DOUBLE,
		comprehensive BOOLEAN, reach_km DOUBLE, vehicle_type TEXT, level TEXT, themes TEXT,
		county TEXT, opened TEXT, closed TEXT, properties TEXT)`,
	`CREATE TABLE IF NOT EXISTS events (
		fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT NOT NULL, id TEXT NOT NULL UNIQUE,
		kind TEXT NOT NULL, date TEXT NOT NULL, facility TEXT, name TEXT, properties TEXT)`,
	`CREATE TABLE IF NOT EXISTS scenarios (
		fid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT,
		updated TEXT NOT NULL, body TEXT NOT NULL, summary TEXT)`,
	`CREATE TABLE IF NOT EXISTS audit (
		fid INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT NOT NULL,
		action TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT, before TEXT, after TEXT)`,
	`CREATE TABLE IF NOT EXISTS kepu_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	`INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES
		('facilities', 'features', 'facilities', 'kepu facility registry (venues, caravans, bases)', 4326),
		('events', 'features', 'events', 'kepu events (mobile museum stops, caravan visits)', 4326),
		('scenarios', 'attributes', 'scenarios', 'kepu what-if scenarios (JSON body)', NULL),
		('audit', 'attributes', 'audit', 'kepu edit log: who changed what, before and after (GeoJSON)', NULL)`,
	`INSERT OR IGNORE INTO gpkg_geometry_columns VALUES
		('facilities', 'geom', 'POINT', 4326, 0, 0),
		('events', 'geom', 'POINT', 4326, 0, 0)`,
}

// migrate stamps the GeoPackage header values and creates the schema in one
// transaction.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := create(ctx, tx, schema); err != nil {
		return err
	}
	if err := addColumn(ctx, tx, "scenarios", "summary", "TEXT"); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	// Files from before closed dates: opened stays INTEGER there, which
	// SQLite lets hold a date as text too.
	if err := addColumn(ctx, tx, "facilities", "closed", "TEXT"); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	return tx.Commit()
}

// create stamps the GeoPackage header values and runs the statements.
func create(ctx context.Context, tx *sql.Tx, statements []string) error {
	stmts := append([]string{
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		fmt.Sprintf("PRAGMA user_version = %d", UserVersion),
	}, statements...)
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
	}
	return nil
}

// addColumn adds a column that files made by an earlier kepu lack.
func addColumn(ctx context.Context, tx *sql.Tx, table, column, typ string) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?", table, column).Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", table, column, typ))
	return err
}
