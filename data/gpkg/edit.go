package gpkg

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// ConflictError lists the ids that already exist; it matches ErrConflict.
type ConflictError = data.ConflictError

// write runs fn in one write transaction and commits it durably. A full or
// read-only disk is reported as ErrFull or ErrReadOnly.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return classify(s.writeTx(ctx, fn))
}

func (s *Store) writeTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("gpkg: begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("gpkg: commit: %w", err)
	}
	return nil
}

// audit records one change; before and after are GeoJSON features or nil.
func audit(ctx context.Context, tx *sql.Tx, who, action, kind, id string, before, after any) error {
	enc := func(v any) (any, error) {
		if v == nil {
			return nil, nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	b, err := enc(before)
	if err != nil {
		return err
	}
	a, err := enc(after)
	if err != nil {
		return err
	}
	if who == "" {
		who = "token"
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO audit (at, who, action, kind, record_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
		time.Now().UTC().Format("2006-01-02T15:04:05.000Z"), who, action, kind, id, b, a)
	return err
}

// existing returns which of ids are already in table t.
func existing(ctx context.Context, tx *sql.Tx, t table, ids []string) ([]string, error) {
	var out []string
	for _, id := range ids {
		var one int
		err := tx.QueryRowContext(ctx, "SELECT 1 FROM "+t.name+" WHERE id = ?", id).Scan(&one)
		if err == nil {
			out = append(out, id)
		} else if err != sql.ErrNoRows {
			return nil, err
		}
	}
	return out, nil
}

// CreateFacilities adds facilities in one transaction; when any id already
// exists nothing is written and the error is a *ConflictError naming them all.
func (s *Store) CreateFacilities(ctx context.Context, who string, fs []coverage.Facility) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		return insertFacilities(ctx, tx, who, data.ActionCreate, fs)
	})
}

func insertFacilities(ctx context.Context, tx *sql.Tx, who, action string, fs []coverage.Facility) error {
	ids := make([]string, len(fs))
	for i, f := range fs {
		ids[i] = f.ID
	}
	dup, err := existing(ctx, tx, facilityTable, ids)
	if err != nil {
		return fmt.Errorf("gpkg: %w", err)
	}
	if len(dup) > 0 {
		return &ConflictError{Kind: "facility", IDs: dup}
	}
	stmt, err := tx.PrepareContext(ctx, facilityTable.insertSQL())
	if err != nil {
		return fmt.Errorf("gpkg: %w", err)
	}
	defer stmt.Close()
	for _, f := range fs {
		vals, err := facilityValues(f)
		if err != nil {
			return fmt.Errorf("gpkg: facility %s: %w", f.ID, err)
		}
		if _, err := stmt.ExecContext(ctx, vals...); err != nil {
			return fmt.Errorf("gpkg: facility %s: %w", f.ID, err)
		}
		if err := audit(ctx, tx, who, action, "facility", f.ID, nil, data.FacilityFeature(f)); err != nil {
			return fmt.Errorf("gpkg: audit: %w", err)
		}
	}
	return nil
}

// UpdateFacility replaces the facility with f's id and returns it as it was.
func (s *Store) UpdateFacility(ctx context.Context, who string, f coverage.Facility) (coverage.Facility, error) {
	var before coverage.Facility
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if before, err = facilityByID(ctx, tx, f.ID); err != nil {
			return err
		}
		return replaceFacility(ctx, tx, who, before, f)
	})
	return before, err
}

// replaceFacility writes f over before, the stored record with its id,
// and audits the change.
func replaceFacility(ctx context.Context, tx *sql.Tx, who string, before, f coverage.Facility) error {
	vals, err := facilityValues(f)
	return replaceRow(ctx, tx, who, facilityTable, "facility", f.ID, vals, err, data.FacilityFeature(before), data.FacilityFeature(f))
}

// replaceRow writes vals (built with error err; geom, id, then t's other
// columns) over the row with id in t, and audits the change of kind from
// before to after.
func replaceRow(ctx context.Context, tx *sql.Tx, who string, t table, kind, id string, vals []any, err error, before, after any) error {
	if err == nil {
		// Columns after geom and id, then the id for the WHERE clause.
		args := append(append([]any{vals[0]}, vals[2:]...), id)
		_, err = tx.ExecContext(ctx, t.updateSQL(), args...)
	}
	if err != nil {
		return fmt.Errorf("gpkg: %s %s: %w", kind, id, err)
	}
	return audit(ctx, tx, who, data.ActionUpdate, kind, id, before, after)
}

// DeleteFacility removes a facility and returns it as it was.
func (s *Store) DeleteFacility(ctx context.Context, who, id string) (coverage.Facility, error) {
	var before coverage.Facility
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if before, err = facilityByID(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM facilities WHERE id = ?", id); err != nil {
			return fmt.Errorf("gpkg: facility %s: %w", id, err)
		}
		return audit(ctx, tx, who, data.ActionDelete, "facility", id, data.FacilityFeature(before), nil)
	})
	return before, err
}

// CreateEvents adds events in one transaction, as CreateFacilities.
func (s *Store) CreateEvents(ctx context.Context, who string, es []coverage.Event) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		return insertEvents(ctx, tx, who, data.ActionCreate, es)
	})
}

func insertEvents(ctx context.Context, tx *sql.Tx, who, action string, es []coverage.Event) error {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	dup, err := existing(ctx, tx, eventTable, ids)
	if err != nil {
		return fmt.Errorf("gpkg: %w", err)
	}
	if len(dup) > 0 {
		return &ConflictError{Kind: "event", IDs: dup}
	}
	stmt, err := tx.PrepareContext(ctx, eventTable.insertSQL())
	if err != nil {
		return fmt.Errorf("gpkg: %w", err)
	}
	defer stmt.Close()
	for _, e := range es {
		vals, err := eventValues(e)
		if err != nil {
			return fmt.Errorf("gpkg: event %s: %w", e.ID, err)
		}
		if _, err := stmt.ExecContext(ctx, vals...); err != nil {
			return fmt.Errorf("gpkg: event %s: %w", e.ID, err)
		}
		if err := audit(ctx, tx, who, action, "event", e.ID, nil, data.EventFeature(e)); err != nil {
			return fmt.Errorf("gpkg: audit: %w", err)
		}
	}
	return nil
}

// UpdateEvent replaces the event with e's id and returns it as it was.
func (s *Store) UpdateEvent(ctx context.Context, who string, e coverage.Event) (coverage.Event, error) {
	var before coverage.Event
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if before, err = eventByID(ctx, tx, e.ID); err != nil {
			return err
		}
		vals, err := eventValues(e)
		return replaceRow(ctx, tx, who, eventTable, "event", e.ID, vals, err, data.EventFeature(before), data.EventFeature(e))
	})
	return before, err
}

// DeleteEvent removes an event and returns it as it was.
func (s *Store) DeleteEvent(ctx context.Context, who, id string) (coverage.Event, error) {
	var before coverage.Event
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if before, err = eventByID(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM events WHERE id = ?", id); err != nil {
			return fmt.Errorf("gpkg: event %s: %w", id, err)
		}
		return audit(ctx, tx, who, data.ActionDelete, "event", id, data.EventFeature(before), nil)
	})
	return before, err
}

// Import adds facilities and events in one transaction and marks the store
// seeded. With replace, the registry is emptied first (each removal is
// audited); without it, an id already in the store refuses the whole import.
// sample says the records are the synthetic sample.
func (s *Store) Import(ctx context.Context, who string, fs []coverage.Facility, es []coverage.Event, replace, sample bool) error {
	action := data.ImportAction(sample)
	return s.write(ctx, func(tx *sql.Tx) error {
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
		was, err := meta(ctx, tx, "sample")
		if err != nil {
			return err
		}
		isSample := data.StillSample(sample, replace, was)
		_, err = tx.ExecContext(ctx, `INSERT INTO kepu_meta (key, value) VALUES ('seeded', ?), ('sample', ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, action, fmt.Sprint(isSample))
		return err
	})
}

// clear deletes every facility and event, auditing each.
func clear(ctx context.Context, tx *sql.Tx, who string) error {
	fs, err := listFacilities(ctx, tx)
	if err != nil {
		return err
	}
	for _, f := range fs {
		if err := audit(ctx, tx, who, data.ActionDelete, "facility", f.ID, data.FacilityFeature(f), nil); err != nil {
			return err
		}
	}
	es, err := listEvents(ctx, tx)
	if err != nil {
		return err
	}
	for _, e := range es {
		if err := audit(ctx, tx, who, data.ActionDelete, "event", e.ID, data.EventFeature(e), nil); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM facilities"); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "DELETE FROM events")
	return err
}
