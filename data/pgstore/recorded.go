package pgstore

import (
	"context"
	"fmt"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// RecordedAt is the registry as the store recorded it at the end of day
// (YYYY-MM-DD, UTC) or at the instant (RFC 3339): the audit table replayed
// from its first row to the last one at or before then (data.Replay), as
// the GeoPackage store does.
func (s *Store) RecordedAt(ctx context.Context, at string) ([]coverage.Facility, []coverage.Event, error) {
	bound, err := data.RecordedBound(at)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT fid, kind, record_id, after::text FROM audit
		WHERE kind IN ('facility', 'event') AND at <= $1 ORDER BY fid`, bound)
	if err != nil {
		return nil, nil, fmt.Errorf("pgstore: audit: %w", err)
	}
	defer rows.Close()
	var r data.Replay
	for rows.Next() {
		var fid int64
		var kind, id string
		var after *string
		if err := rows.Scan(&fid, &kind, &id, &after); err != nil {
			return nil, nil, fmt.Errorf("pgstore: audit: %w", err)
		}
		r.Add(fid, kind, id, after)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("pgstore: audit: %w", err)
	}
	fs, es, err := r.Records(fmt.Sprintf("%s audit to %s", s.name, at))
	if err != nil {
		return nil, nil, fmt.Errorf("pgstore: %w", err)
	}
	return fs, es, nil
}
