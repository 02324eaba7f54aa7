package gpkg

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// RecordedAt is the registry as the store recorded it at the end of day
// (YYYY-MM-DD, UTC) or at the instant (RFC 3339): the audit table replayed
// from its first row to the last one at or before then (data.Replay).
func (s *Store) RecordedAt(ctx context.Context, at string) ([]coverage.Facility, []coverage.Event, error) {
	bound, err := data.RecordedBound(at)
	if err != nil {
		return nil, nil, err
	}
	// Audit times are stored as UTC text to the millisecond, "Z"-terminated.
	rows, err := s.db.QueryContext(ctx, `SELECT fid, kind, record_id, after FROM audit
		WHERE kind IN ('facility', 'event') AND at <= ? ORDER BY fid`, bound.Format("2006-01-02T15:04:05.000Z"))
	if err != nil {
		return nil, nil, fmt.Errorf("gpkg: audit: %w", err)
	}
	defer rows.Close()
	var r data.Replay
	for rows.Next() {
		var (
			fid      int64
			kind, id string
			after    sql.NullString
		)
		if err := rows.Scan(&fid, &kind, &id, &after); err != nil {
			return nil, nil, fmt.Errorf("gpkg: audit: %w", err)
		}
		var a *string // nil: a deletion
		if after.Valid {
			a = &after.String
		}
		r.Add(fid, kind, id, a)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("gpkg: audit: %w", err)
	}
	fs, es, err := r.Records(fmt.Sprintf("%s audit to %s", s.path, at))
	if err != nil {
		return nil, nil, fmt.Errorf("gpkg: %w", err)
	}
	return fs, es, nil
}
