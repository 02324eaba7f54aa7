package pgstore

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// RecordedAt is the registry as the store recorded it at the end of day
// (YYYY-MM-DD, UTC) or at the instant (RFC 3339): the audit table replayed
// from its first row to the last one at or before then, as the GeoPackage
// store does. Each record is the audit's "after" of its last change, or
// gone when that change deleted it, read back through data's validation.
func (s *Store) RecordedAt(ctx context.Context, at string) ([]coverage.Facility, []coverage.Event, error) {
	bound, err := auditBound(at)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT fid, kind, record_id, after::text FROM audit
		WHERE kind IN ('facility', 'event') AND at <= $1 ORDER BY fid`, bound)
	if err != nil {
		return nil, nil, fmt.Errorf("pgstore: audit: %w", err)
	}
	defer rows.Close()
	type live struct {
		seq     int64
		feature string
	}
	alive := map[string]map[string]live{"facility": {}, "event": {}}
	for rows.Next() {
		var fid int64
		var kind, id string
		var after *string
		if err := rows.Scan(&fid, &kind, &id, &after); err != nil {
			return nil, nil, fmt.Errorf("pgstore: audit: %w", err)
		}
		if after == nil {
			delete(alive[kind], id)
			continue
		}
		r, ok := alive[kind][id]
		if !ok {
			r.seq = fid
		}
		r.feature = *after
		alive[kind][id] = r
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("pgstore: audit: %w", err)
	}
	// In the order each record was (last) created.
	build := func(kind string) *bytes.Reader {
		rs := make([]live, 0, len(alive[kind]))
		for _, r := range alive[kind] {
			rs = append(rs, r)
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].seq < rs[j].seq })
		var b bytes.Buffer
		b.WriteString(`{"type":"FeatureCollection","features":[`)
		for i, r := range rs {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(r.feature)
		}
		b.WriteString("]}")
		return bytes.NewReader(b.Bytes())
	}
	name := fmt.Sprintf("%s audit to %s", s.name, at)
	fs, ps, err := data.ReadFacilities(name, build("facility"), data.Options{})
	if err != nil || data.HasErrors(ps) {
		return nil, nil, replayError(err, ps)
	}
	es, ps, err := data.ReadEvents(name, build("event"), data.Options{})
	if err != nil || data.HasErrors(ps) {
		return nil, nil, replayError(err, ps)
	}
	return fs, es, nil
}

func replayError(err error, ps []data.Problem) error {
	if err != nil {
		return fmt.Errorf("pgstore: audit: %w", err)
	}
	return fmt.Errorf("pgstore: audit: %w", &data.InvalidError{Problems: ps})
}

// auditBound is the last instant at is taken to mean: a day's last
// microsecond in UTC, or the time itself.
func auditBound(at string) (time.Time, error) {
	if d, err := time.Parse("2006-01-02", at); err == nil {
		return d.Add(24*time.Hour - time.Microsecond), nil
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return time.Time{}, fmt.Errorf("--recorded-at %q: want a YYYY-MM-DD date or an RFC 3339 time", at)
	}
	return t, nil
}
