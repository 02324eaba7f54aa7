package pgstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// write runs fn in one transaction that first takes the registry's version
// row (so writers from every replica take turns, and each sees the others'
// commits), then bumps the version and notifies the replicas; the
// notification is delivered when, and only when, the transaction commits.
func (s *Store) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return classify(fmt.Errorf("pgstore: begin: %w", err))
	}
	defer tx.Rollback(ctx)
	var v int64
	if err := tx.QueryRow(ctx, "UPDATE kepu_meta SET value = (value::bigint + 1)::text WHERE key = 'version' RETURNING value::bigint").Scan(&v); err != nil {
		return classify(fmt.Errorf("pgstore: version: %w", err))
	}
	if err := fn(tx); err != nil {
		return classify(err)
	}
	if _, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", Channel, fmt.Sprint(v)); err != nil {
		return classify(fmt.Errorf("pgstore: notify: %w", err))
	}
	if err := tx.Commit(ctx); err != nil {
		return classify(fmt.Errorf("pgstore: commit: %w", err))
	}
	return nil
}

// auditRow is one change for the audit table.
type auditRow struct {
	action, kind, id string
	before, after    any // GeoJSON features (or scenarios), nil when absent
}

// audit records changes by who, in order.
func audit(ctx context.Context, tx pgx.Tx, who string, changes ...auditRow) error {
	if who == "" {
		who = "token"
	}
	enc := func(v any) (*string, error) {
		if v == nil {
			return nil, nil
		}
		b, err := json.Marshal(v)
		s := string(b)
		return &s, err
	}
	var actions, kinds, ids []string
	var befores, afters []*string
	for _, c := range changes {
		b, err := enc(c.before)
		if err != nil {
			return err
		}
		a, err := enc(c.after)
		if err != nil {
			return err
		}
		actions, kinds, ids = append(actions, c.action), append(kinds, c.kind), append(ids, c.id)
		befores, afters = append(befores, b), append(afters, a)
	}
	_, err := tx.Exec(ctx, `INSERT INTO audit (who, action, kind, record_id, before, after)
		SELECT $1, a, k, i, b::jsonb, f::jsonb FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
		WITH ORDINALITY AS t(a, k, i, b, f, n) ORDER BY n`, who, actions, kinds, ids, befores, afters)
	if err != nil {
		return fmt.Errorf("pgstore: audit: %w", err)
	}
	return nil
}

// CreateFacilities adds facilities in one transaction; when any id already
// exists nothing is written and the error is a *ConflictError naming them all.
func (s *Store) CreateFacilities(ctx context.Context, who string, fs []coverage.Facility) error {
	return s.write(ctx, func(tx pgx.Tx) error { return insertFacilities(ctx, tx, who, data.ActionCreate, fs) })
}

func insertFacilities(ctx context.Context, tx pgx.Tx, who, action string, fs []coverage.Facility) error {
	return insertRecords(ctx, tx, who, action, "facilities", "facility", fs,
		func(f coverage.Facility) string { return f.ID }, facilityRow,
		func(f coverage.Facility) any { return data.FacilityFeature(f) })
}

// CreateEvents adds events in one transaction, refusing any existing id.
func (s *Store) CreateEvents(ctx context.Context, who string, es []coverage.Event) error {
	return s.write(ctx, func(tx pgx.Tx) error { return insertEvents(ctx, tx, who, data.ActionCreate, es) })
}

func insertEvents(ctx context.Context, tx pgx.Tx, who, action string, es []coverage.Event) error {
	return insertRecords(ctx, tx, who, action, "events", "event", es,
		func(e coverage.Event) string { return e.ID }, eventRow,
		func(e coverage.Event) any { return data.EventFeature(e) })
}

// insertRecords adds records to table with an audit row each, refusing the
// lot when any id is taken.
func insertRecords[T any](ctx context.Context, tx pgx.Tx, who, action, table, noun string, recs []T,
	id func(T) string, conv func(T) (row, error), feature func(T) any) error {
	if len(recs) == 0 {
		return nil
	}
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = id(r)
	}
	dup, err := existing(ctx, tx, table, ids)
	if err != nil {
		return fmt.Errorf("pgstore: %w", err)
	}
	if len(dup) > 0 {
		return &ConflictError{Kind: noun, IDs: dup}
	}
	rows, err := rowsOf(recs, conv)
	if err != nil {
		return err
	}
	if err := insertRows(ctx, tx, table, rows); err != nil {
		return fmt.Errorf("pgstore: %s: %w", table, err)
	}
	changes := make([]auditRow, len(recs))
	for i, r := range recs {
		changes[i] = auditRow{action: action, kind: noun, id: ids[i], after: feature(r)}
	}
	return audit(ctx, tx, who, changes...)
}

// UpdateFacility replaces the facility with f's id and returns it as it was.
func (s *Store) UpdateFacility(ctx context.Context, who string, f coverage.Facility) (coverage.Facility, error) {
	var before coverage.Facility
	err := s.write(ctx, func(tx pgx.Tx) error {
		var err error
		if before, err = one(ctx, tx, "facilities", "facility", f.ID, readFacilities); err != nil {
			return err
		}
		return replaceFacility(ctx, tx, who, before, f)
	})
	return before, err
}

// replaceFacility writes f's row over before's and audits the change.
func replaceFacility(ctx context.Context, tx pgx.Tx, who string, before, f coverage.Facility) error {
	r, err := facilityRow(f)
	return replaceRow(ctx, tx, who, "facilities", r, err, auditRow{data.ActionUpdate, "facility", f.ID, data.FacilityFeature(before), data.FacilityFeature(f)})
}

// replaceRow writes r (built with error err) over the row of its id in
// table and audits the change a.
func replaceRow(ctx context.Context, tx pgx.Tx, who, table string, r row, err error, a auditRow) error {
	if err == nil {
		err = updateRow(ctx, tx, table, r)
	}
	if err != nil {
		return fmt.Errorf("pgstore: %s %s: %w", a.kind, a.id, err)
	}
	return audit(ctx, tx, who, a)
}

// DeleteFacility removes a facility and returns it as it was.
func (s *Store) DeleteFacility(ctx context.Context, who, id string) (coverage.Facility, error) {
	var before coverage.Facility
	err := s.write(ctx, func(tx pgx.Tx) error {
		var err error
		if before, err = one(ctx, tx, "facilities", "facility", id, readFacilities); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM facilities WHERE id = $1", id); err != nil {
			return fmt.Errorf("pgstore: facility %s: %w", id, err)
		}
		return audit(ctx, tx, who, auditRow{data.ActionDelete, "facility", id, data.FacilityFeature(before), nil})
	})
	return before, err
}

// UpdateEvent replaces the event with e's id and returns it as it was.
func (s *Store) UpdateEvent(ctx context.Context, who string, e coverage.Event) (coverage.Event, error) {
	var before coverage.Event
	err := s.write(ctx, func(tx pgx.Tx) error {
		var err error
		if before, err = one(ctx, tx, "events", "event", e.ID, readEvents); err != nil {
			return err
		}
		r, err := eventRow(e)
		return replaceRow(ctx, tx, who, "events", r, err, auditRow{data.ActionUpdate, "event", e.ID, data.EventFeature(before), data.EventFeature(e)})
	})
	return before, err
}

// DeleteEvent removes an event and returns it as it was.
func (s *Store) DeleteEvent(ctx context.Context, who, id string) (coverage.Event, error) {
	var before coverage.Event
	err := s.write(ctx, func(tx pgx.Tx) error {
		var err error
		if before, err = one(ctx, tx, "events", "event", id, readEvents); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM events WHERE id = $1", id); err != nil {
			return fmt.Errorf("pgstore: event %s: %w", id, err)
		}
		return audit(ctx, tx, who, auditRow{data.ActionDelete, "event", id, data.EventFeature(before), nil})
	})
	return before, err
}

// Import adds facilities and events in one transaction and marks the store
// seeded. With replace, the registry is emptied first (each removal is
// audited); without it, an id already in the store refuses the whole import.
// sample says the records are the synthetic sample.
func (s *Store) Import(ctx context.Context, who string, fs []coverage.Facility, es []coverage.Event, replace, sample bool) error {
	action := data.ImportAction(sample)
	return s.write(ctx, func(tx pgx.Tx) error {
		if replace {
			if err := clear(ctx, tx, who); err != nil {
				return err
			}
		}
		if err := insertFacilities(ctx, tx, who, action, fs); err != nil {
			return err
		}
		if err := insertEvents(ctx, tx, who, action, es); err != nil {
			return err
		}
		var was string
		err := tx.QueryRow(ctx, "SELECT coalesce((SELECT value FROM kepu_meta WHERE key = 'sample'), '')").Scan(&was)
		if err != nil {
			return err
		}
		isSample := data.StillSample(sample, replace, was)
		_, err = tx.Exec(ctx, `INSERT INTO kepu_meta (key, value) VALUES ('seeded', $1), ('sample', $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, action, fmt.Sprint(isSample))
		return err
	})
}

// clear deletes every facility and event, auditing each.
func clear(ctx context.Context, tx pgx.Tx, who string) error {
	fs, err := readAll(ctx, tx, "facilities", "", readFacilities)
	if err != nil {
		return err
	}
	es, err := readAll(ctx, tx, "events", "", readEvents)
	if err != nil {
		return err
	}
	var changes []auditRow
	for _, f := range fs {
		changes = append(changes, auditRow{data.ActionDelete, "facility", f.ID, data.FacilityFeature(f), nil})
	}
	for _, e := range es {
		changes = append(changes, auditRow{data.ActionDelete, "event", e.ID, data.EventFeature(e), nil})
	}
	if len(changes) > 0 {
		if err := audit(ctx, tx, who, changes...); err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, "DELETE FROM facilities; DELETE FROM events")
	return err
}
