package gpkg

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kepu/kepu/data"
)

// Scenario is a stored what-if scenario: its body and summary are kept as
// JSON so the planning code owns their shape. The summary is the small part
// a listing shows; the body is everything else.
type Scenario struct {
	ID      string          `json:"id"`
	Name    string          `json:"name,omitempty"`
	Updated string          `json:"updated"`
	Body    json.RawMessage `json:"body,omitempty"`
	Summary json.RawMessage `json:"summary,omitempty"`
}

// PutScenario creates or replaces a scenario, auditing the change.
func (s *Store) PutScenario(ctx context.Context, who string, sc Scenario) error {
	if !json.Valid(sc.Body) {
		return fmt.Errorf("gpkg: scenario %s: body is not JSON", sc.ID)
	}
	var summary any // NULL when there is none
	if len(sc.Summary) > 0 {
		if !json.Valid(sc.Summary) {
			return fmt.Errorf("gpkg: scenario %s: summary is not JSON", sc.ID)
		}
		summary = string(sc.Summary)
	}
	sc.Updated = time.Now().UTC().Format(time.RFC3339)
	return s.write(ctx, func(tx *sql.Tx) error {
		before, err := scenarioByID(ctx, tx, sc.ID)
		var was any
		action := data.ActionUpdate
		switch {
		case errors.Is(err, ErrNotFound):
			action = data.ActionCreate
		case err != nil:
			return err
		default:
			was = before
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO scenarios (id, name, updated, body, summary) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET name = excluded.name, updated = excluded.updated, body = excluded.body,
			summary = excluded.summary`,
			sc.ID, sc.Name, sc.Updated, string(sc.Body), summary); err != nil {
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
	var summary sql.NullString
	err := q.QueryRowContext(ctx, "SELECT id, coalesce(name, ''), updated, body, summary FROM scenarios WHERE id = ?", id).
		Scan(&sc.ID, &sc.Name, &sc.Updated, &body, &summary)
	if errors.Is(err, sql.ErrNoRows) {
		return sc, fmt.Errorf("scenario %q: %w", id, ErrNotFound)
	}
	sc.Body = json.RawMessage(body)
	if summary.Valid {
		sc.Summary = json.RawMessage(summary.String)
	}
	return sc, err
}

// Scenarios lists every scenario without its body, newest first.
func (s *Store) Scenarios(ctx context.Context) ([]Scenario, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, coalesce(name, ''), updated, summary FROM scenarios ORDER BY fid DESC")
	if err != nil {
		return nil, fmt.Errorf("gpkg: scenarios: %w", err)
	}
	defer rows.Close()
	out := []Scenario{}
	for rows.Next() {
		var sc Scenario
		var summary sql.NullString
		if err := rows.Scan(&sc.ID, &sc.Name, &sc.Updated, &summary); err != nil {
			return nil, fmt.Errorf("gpkg: scenarios: %w", err)
		}
		if summary.Valid {
			sc.Summary = json.RawMessage(summary.String)
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// The three methods below keep scenarios for the web server, whose
// interface (web.ScenarioStore) speaks JSON documents only.

// SaveScenario stores a scenario's summary and body under id.
func (s *Store) SaveScenario(ctx context.Context, who, id, name string, summary, body json.RawMessage) error {
	return s.PutScenario(ctx, who, Scenario{ID: id, Name: name, Summary: summary, Body: body})
}

// ScenarioBody is the body stored under id; the error wraps ErrNotFound
// when there is none.
func (s *Store) ScenarioBody(ctx context.Context, id string) (json.RawMessage, error) {
	sc, err := s.Scenario(ctx, id)
	return sc.Body, err
}

// ScenarioSummaries are the summaries of every scenario that has one,
// newest first.
func (s *Store) ScenarioSummaries(ctx context.Context) ([]json.RawMessage, error) {
	all, err := s.Scenarios(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]json.RawMessage, 0, len(all))
	for _, sc := range all {
		if len(sc.Summary) > 0 {
			out = append(out, sc.Summary)
		}
	}
	return out, nil
}
