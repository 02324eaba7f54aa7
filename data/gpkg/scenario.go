package gpkg

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Scenario is a stored what-if scenario: its body is kept as JSON so the
// planning code owns its shape.
type Scenario struct {
	ID      string          `json:"id"`
	Name    string          `json:"name,omitempty"`
	Updated string          `json:"updated"`
	Body    json.RawMessage `json:"body"`
}

// PutScenario creates or replaces a scenario, auditing the change.
func (s *Store) PutScenario(ctx context.Context, who string, sc Scenario) error {
	if !json.Valid(sc.Body) {
		return fmt.Errorf("gpkg: scenario %s: body is not JSON", sc.ID)
	}
	sc.Updated = time.Now().UTC().Format(time.RFC3339)
	return s.write(ctx, func(tx *sql.Tx) error {
		before, err := scenarioByID(ctx, tx, sc.ID)
		var was any
		action := ActionUpdate
		switch {
		case errors.Is(err, ErrNotFound):
			action = ActionCreate
		case err != nil:
			return err
		default:
			was = before
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO scenarios (id, name, updated, body) VALUES (?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET name = excluded.name, updated = excluded.updated, body = excluded.body`,
			sc.ID, sc.Name, sc.Updated, string(sc.Body)); err != nil {
			return fmt.Errorf("gpkg: scenario %s: %w", sc.ID, err)
		}
		return audit(ctx, tx, who, action, "scenario", sc.ID, was, sc)
	})
}

// Scenario returns one scenario by id.
func (s *Store) Scenario(ctx context.Context, id string) (Scenario, error) {
	return scenarioByID(ctx, s.db, id)
}

func scenarioByID(ctx context.Context, q querier, id string) (Scenario, error) {
	var sc Scenario
	var body string
	err := q.QueryRowContext(ctx, "SELECT id, coalesce(name, ''), updated, body FROM scenarios WHERE id = ?", id).
		Scan(&sc.ID, &sc.Name, &sc.Updated, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return sc, fmt.Errorf("scenario %q: %w", id, ErrNotFound)
	}
	sc.Body = json.RawMessage(body)
	return sc, err
}
