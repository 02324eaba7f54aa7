package gpkg

import (
	"context"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// RecordedAt is the registry as the store recorded it at the end of day
// (YYYY-MM-DD, UTC) or at the instant (RFC 3339): the audit table replayed
// from its first row to the last one at or before then (data.RecordedAt).
func (s *Store) RecordedAt(ctx context.Context, at string) ([]coverage.Facility, []coverage.Event, error) {
	return data.RecordedAt(at, "gpkg", s.path, func(bound time.Time) (data.AuditRows, func(), error) {
		// Audit times are stored as UTC text to the millisecond, "Z"-terminated.
		rows, err := s.db.QueryContext(ctx, `SELECT fid, kind, record_id, after FROM audit
			WHERE kind IN ('facility', 'event') AND at <= ? ORDER BY fid`, bound.Format("2006-01-02T15:04:05.000Z"))
		if err != nil {
			return nil, nil, err
		}
		return rows, func() { rows.Close() }, nil
	})
}
