package pgstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// A record is kept as its GeoJSON feature: the point in the geometry
// column, every property (known or passed through) in properties, and the
// few columns a GIS user filters on (name, category, status; kind, date)
// beside them. Reading goes back through data's validating reader, so what
// comes out is what the file readers would make of the same feature.

// row is one record's column values.
type row struct {
	id, a, b, c string // facilities: name, category, status; events: kind, date, name
	lon, lat    *float64
	props       []byte
}

// facilityRow is f as a row.
func facilityRow(f coverage.Facility) (row, error) {
	return featureRow(data.FacilityFeature(f), f.Name, f.Category, f.Status)
}

// eventRow is e as a row.
func eventRow(e coverage.Event) (row, error) {
	return featureRow(data.EventFeature(e), e.Kind, e.Date, e.Name)
}

func featureRow(g *geojson.Feature, a, b, c string) (row, error) {
	r := row{a: a, b: b, c: c}
	r.id, _ = g.Properties["id"].(string)
	if p, ok := g.Geometry.(orb.Point); ok {
		r.lon, r.lat = &p[0], &p[1]
	}
	var err error
	r.props, err = json.Marshal(g.Properties)
	return r, err
}

// rowsOf turns records into rows.
func rowsOf[T any](recs []T, conv func(T) (row, error)) ([]row, error) {
	out := make([]row, len(recs))
	for i, r := range recs {
		var err error
		if out[i], err = conv(r); err != nil {
			return nil, fmt.Errorf("pgstore: record %d: %w", i+1, err)
		}
	}
	return out, nil
}

// insertRows writes rows into table (facilities or events) in chunks, one
// statement per chunk.
func insertRows(ctx context.Context, tx pgx.Tx, table string, rows []row) error {
	cols, vals := "id, name, category, status", "nullif(a, ''), b, c"
	if table == "events" {
		cols, vals = "id, kind, date, name", "a, nullif(b, ''), nullif(c, '')"
	}
	const chunk = 5000
	for start := 0; start < len(rows); start += chunk {
		part := rows[start:min(start+chunk, len(rows))]
		var ids, as, bs, cs, props []string
		var lons, lats []*float64
		for _, r := range part {
			ids, as, bs, cs = append(ids, r.id), append(as, r.a), append(bs, r.b), append(cs, r.c)
			lons, lats, props = append(lons, r.lon), append(lats, r.lat), append(props, string(r.props))
		}
		q := fmt.Sprintf(`INSERT INTO %s (%s, geom, properties)
			SELECT i, %s,
				CASE WHEN x IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(x, y), 4326) END, p::jsonb
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[])
				WITH ORDINALITY AS t(i, a, b, c, x, y, p, n) ORDER BY n`, table, cols, vals)
		if _, err := tx.Exec(ctx, q, ids, as, bs, cs, lons, lats, props); err != nil {
			return err
		}
	}
	return nil
}

// updateRow replaces the record with r's id in table.
func updateRow(ctx context.Context, tx pgx.Tx, table string, r row) error {
	set := "name = nullif($2, ''), category = $3, status = $4"
	if table == "events" {
		set = "kind = $2, date = nullif($3, ''), name = nullif($4, '')"
	}
	_, err := tx.Exec(ctx, fmt.Sprintf(`UPDATE %s SET %s,
		geom = CASE WHEN $5::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($5, $6), 4326) END,
		properties = $7::jsonb WHERE id = $1`, table, set), r.id, r.a, r.b, r.c, r.lon, r.lat, string(r.props))
	return err
}

// collection reads table's rows (all, or those with the given id) as one
// GeoJSON FeatureCollection, in insertion order.
func collection(ctx context.Context, q querier, table, id string) ([]byte, int, error) {
	sql := "SELECT ST_X(geom), ST_Y(geom), properties::text FROM " + table
	args := []any{}
	if id != "" {
		sql += " WHERE id = $1"
		args = append(args, id)
	}
	rows, err := q.Query(ctx, sql+" ORDER BY fid", args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var buf bytes.Buffer
	buf.WriteString(`{"type":"FeatureCollection","features":[`)
	n := 0
	for rows.Next() {
		var x, y *float64
		var props string
		if err := rows.Scan(&x, &y, &props); err != nil {
			return nil, 0, err
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(`{"type":"Feature","geometry":`)
		if x == nil || y == nil {
			buf.WriteString("null")
		} else {
			buf.WriteString(`{"type":"Point","coordinates":[`)
			buf.WriteString(strconv.FormatFloat(*x, 'g', -1, 64))
			buf.WriteByte(',')
			buf.WriteString(strconv.FormatFloat(*y, 'g', -1, 64))
			buf.WriteString("]}")
		}
		buf.WriteString(`,"properties":`)
		buf.WriteString(props)
		buf.WriteByte('}')
		n++
	}
	buf.WriteString("]}")
	return buf.Bytes(), n, rows.Err()
}

// readAll decodes a table's collection with data's reader; the store only
// ever holds records that reader accepted, so any problem is reported as
// a damaged database rather than skipped.
func readAll[T any](ctx context.Context, q querier, table, id string,
	read func(string, *bytes.Reader, data.Options) ([]T, []data.Problem, error)) ([]T, error) {
	b, n, err := collection(ctx, q, table, id)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %s: %w", table, err)
	}
	if n == 0 {
		return []T{}, nil
	}
	recs, ps, err := read("postgres "+table, bytes.NewReader(b), data.Options{})
	if err != nil {
		return nil, fmt.Errorf("pgstore: %s: %w", table, err)
	}
	for _, p := range ps {
		if !p.Warning {
			return nil, fmt.Errorf("pgstore: %s holds a record kepu cannot read back: %s", table, p.String())
		}
	}
	return recs, nil
}

func readFacilities(name string, r *bytes.Reader, opt data.Options) ([]coverage.Facility, []data.Problem, error) {
	return data.ReadFacilities(name, r, opt)
}

func readEvents(name string, r *bytes.Reader, opt data.Options) ([]coverage.Event, []data.Problem, error) {
	return data.ReadEvents(name, r, opt)
}

// Facilities returns every facility, in insertion order.
func (s *Store) Facilities(ctx context.Context) ([]coverage.Facility, error) {
	return readAll(ctx, s.pool, "facilities", "", readFacilities)
}

// Events returns every event, in insertion order.
func (s *Store) Events(ctx context.Context) ([]coverage.Event, error) {
	return readAll(ctx, s.pool, "events", "", readEvents)
}

// one reads the record with id from table, or ErrNotFound.
func one[T any](ctx context.Context, q querier, table, noun, id string,
	read func(string, *bytes.Reader, data.Options) ([]T, []data.Problem, error)) (T, error) {
	var zero T
	recs, err := readAll(ctx, q, table, id, read)
	if err != nil {
		return zero, err
	}
	if len(recs) == 0 {
		return zero, fmt.Errorf("%s %q: %w", noun, id, ErrNotFound)
	}
	return recs[0], nil
}

// Facility returns one facility by id.
func (s *Store) Facility(ctx context.Context, id string) (coverage.Facility, error) {
	return one(ctx, s.pool, "facilities", "facility", id, readFacilities)
}

// Event returns one event by id.
func (s *Store) Event(ctx context.Context, id string) (coverage.Event, error) {
	return one(ctx, s.pool, "events", "event", id, readEvents)
}

// existing returns which of ids are already in table.
func existing(ctx context.Context, tx pgx.Tx, table string, ids []string) ([]string, error) {
	rows, err := tx.Query(ctx, "SELECT id FROM "+table+" WHERE id = ANY($1) ORDER BY id", ids)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	return out, err
}
