package gpkg

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// RecordedAt is the registry as the store recorded it at the end of day
// (YYYY-MM-DD, UTC) or at the instant (RFC 3339): the audit table replayed
// from its first row to the last one at or before then. Each record is the
// audit's "after" of its last change, or gone when that change deleted it,
// and is read back through the same validation as any input file.
func (s *Store) RecordedAt(ctx context.Context, at string) ([]coverage.Facility, []coverage.Event, error) {
	bound, err := auditBound(at)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT fid, kind, record_id, after FROM audit
		WHERE kind IN ('facility', 'event') AND at <= ? ORDER BY fid`, bound)
	if err != nil {
		return nil, nil, fmt.Errorf("gpkg: audit: %w", err)
	}
	defer rows.Close()
	live := map[string]map[string]replayed{"facility": {}, "event": {}}
	for rows.Next() {
		var (
			fid       int64
			kind, id  string
			afterJSON sql.NullString
		)
		if err := rows.Scan(&fid, &kind, &id, &afterJSON); err != nil {
			return nil, nil, fmt.Errorf("gpkg: audit: %w", err)
		}
		if !afterJSON.Valid {
			delete(live[kind], id)
			continue
		}
		r, ok := live[kind][id]
		if !ok {
			r.seq = fid
		}
		r.feature = afterJSON.String
		live[kind][id] = r
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("gpkg: audit: %w", err)
	}
	name := fmt.Sprintf("%s audit to %s", s.path, at)
	fs, ps, err := data.ReadFacilities(name, collection(live["facility"]), data.Options{})
	if err != nil || data.HasErrors(ps) {
		return nil, nil, replayError(err, ps)
	}
	es, ps, err := data.ReadEvents(name, collection(live["event"]), data.Options{})
	if err != nil || data.HasErrors(ps) {
		return nil, nil, replayError(err, ps)
	}
	return fs, es, nil
}

// replayed is a record alive in the replay: its feature and the audit row
// that created it, which orders the registry.
type replayed struct {
	seq     int64
	feature string
}

// collection is the live records as a GeoJSON FeatureCollection, in the
// order they were created.
func collection(m map[string]replayed) *bytes.Reader {
	rs := make([]replayed, 0, len(m))
	for _, r := range m {
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

func replayError(err error, ps []data.Problem) error {
	if err != nil {
		return fmt.Errorf("gpkg: audit: %w", err)
	}
	return fmt.Errorf("gpkg: audit: %w", &data.InvalidError{Problems: ps})
}

// auditBound is the largest audit timestamp (as stored: UTC, milliseconds,
// "Z") that is at or before at.
func auditBound(at string) (string, error) {
	if d, err := time.Parse("2006-01-02", at); err == nil {
		return d.Format("2006-01-02") + "T23:59:59.999Z", nil
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return "", fmt.Errorf("--recorded-at %q: want a YYYY-MM-DD date or an RFC 3339 time", at)
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z"), nil
}
