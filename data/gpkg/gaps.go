package gpkg

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

// gapsSchema is the feature table of a gap list: one point per gap at its
// place, with every gap-row column and the priority parts as JSON.
var gapsSchema = []string{
	`CREATE TABLE gaps (
		fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT NOT NULL, rule TEXT NOT NULL,
		code TEXT NOT NULL, name TEXT, level TEXT NOT NULL, parent TEXT, priority DOUBLE,
		actual DOUBLE, target DOUBLE, shortfall DOUBLE, detail TEXT, parts TEXT, pipeline TEXT)`,
	`INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES
		('gaps', 'features', 'gaps', 'kepu gap list: one point per unmet target, at the county seat', 4326)`,
	`INSERT INTO gpkg_geometry_columns VALUES ('gaps', 'geom', 'POINT', 4326, 0, 0)`,
}

// WriteGaps writes the gap list as a new GeoPackage at path, one point per
// gap at places[gap.Code] (a gap whose place is unknown is an error, so no
// row is lost). The file must not exist yet.
func WriteGaps(ctx context.Context, path string, gaps []coverage.Gap, places map[string]orb.Point) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("gpkg: %s exists; the gap list goes into a new file", path)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=synchronous(FULL)")
	if err != nil {
		return fmt.Errorf("gpkg: %s: %w", path, err)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("gpkg: %s: %w", path, err)
	}
	defer tx.Rollback()
	if err := create(ctx, tx, append(append([]string{}, coreSchema...), gapsSchema...)); err != nil {
		return fmt.Errorf("gpkg: %s: %w", path, err)
	}
	var bound orb.Bound
	for i, g := range gaps {
		p, ok := places[g.Code]
		if !ok {
			return fmt.Errorf("gpkg: gap %d (%s %s): no place to put it", i+1, g.Rule, g.Code)
		}
		if i == 0 {
			bound = p.Bound()
		}
		bound = bound.Extend(p)
		if err := insertGap(ctx, tx, g, p); err != nil {
			return fmt.Errorf("gpkg: gap %d (%s %s): %w", i+1, g.Rule, g.Code, err)
		}
	}
	if len(gaps) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = 'gaps'`,
			bound.Min[0], bound.Min[1], bound.Max[0], bound.Max[1]); err != nil {
			return fmt.Errorf("gpkg: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("gpkg: %s: %w", path, err)
	}
	return nil
}

func insertGap(ctx context.Context, tx *sql.Tx, g coverage.Gap, p orb.Point) error {
	geom, err := EncodePoint(p)
	if err != nil {
		return err
	}
	parts, err := json.Marshal(g.Parts)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO gaps (geom, rule, code, name, level, parent, priority, actual, target, shortfall, detail, parts, pipeline)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		geom, g.Rule, g.Code, g.Name, g.Level, nullStr(g.Parent), g.Priority, g.Actual, g.Target, g.Shortfall,
		g.Detail, string(parts), nullStr(strings.Join(g.Pipeline, ";")))
	return err
}
