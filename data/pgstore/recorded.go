package pgstore

import (
	"context"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// RecordedAt replays the audit table up to the end of the day or the
// instant at names, as the GeoPackage store does (data.RecordedAt); audit
// times are timestamptz here, compared as instants.
func (s *Store) RecordedAt(ctx context.Context, at string) ([]coverage.Facility, []coverage.Event, error) {
	return data.RecordedAt(at, "pgstore", s.name, func(bound time.Time) (data.AuditRows, func(), error) {
		rows, err := s.pool.Query(ctx, `SELECT fid, kind, record_id, after::text FROM audit
			WHERE kind IN ('facility', 'event') AND at <= $1 ORDER BY fid`, bound)
		if err != nil {
			return nil, nil, err
		}
		return rows, rows.Close, nil
	})
}
