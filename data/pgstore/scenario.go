package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/kepu/kepu/data"
)

// scenarioAudit is how a scenario appears in the audit table.
type scenarioAudit struct {
	ID      string          `json:"id"`
	Name    string          `json:"name,omitempty"`
	Updated string          `json:"updated"`
	Body    json.RawMessage `json:"body,omitempty"`
	Summary json.RawMessage `json:"summary,omitempty"`
}

// SaveScenario stores a scenario's summary and body under id, creating or
// replacing it, and audits the change. Body and summary are kept as
// written (json, not jsonb), so a GET answers the very bytes posted.
func (s *Store) SaveScenario(ctx context.Context, who, id, name string, summary, body json.RawMessage) error {
	if !json.Valid(body) {
		return fmt.Errorf("pgstore: scenario %s: body is not JSON", id)
	}
	var sum *string
	if len(summary) > 0 {
		if !json.Valid(summary) {
			return fmt.Errorf("pgstore: scenario %s: summary is not JSON", id)
		}
		v := string(summary)
		sum = &v
	}
	sc := scenarioAudit{ID: id, Name: name, Updated: time.Now().UTC().Format(time.RFC3339), Body: body, Summary: summary}
	return s.write(ctx, func(tx pgx.Tx) error {
		var was any
		action := data.ActionCreate
		before, err := scenarioByID(ctx, tx, id)
		switch {
		case err == nil:
			was, action = before, data.ActionUpdate
		case !errors.Is(err, ErrNotFound):
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO scenarios (id, name, updated, body, summary) VALUES ($1, nullif($2, ''), $3, $4::json, $5::json)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated = excluded.updated, body = excluded.body, summary = excluded.summary`,
			id, name, sc.Updated, string(body), sum); err != nil {
			return fmt.Errorf("pgstore: scenario %s: %w", id, err)
		}
		return audit(ctx, tx, who, auditRow{action, "scenario", id, was, sc})
	})
}

func scenarioByID(ctx context.Context, q querier, id string) (scenarioAudit, error) {
	var sc scenarioAudit
	var body string
	var summary *string
	err := q.QueryRow(ctx, "SELECT id, coalesce(name, ''), updated, body::text, summary::text FROM scenarios WHERE id = $1", id).
		Scan(&sc.ID, &sc.Name, &sc.Updated, &body, &summary)
	if errors.Is(err, pgx.ErrNoRows) {
		return sc, fmt.Errorf("scenario %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return sc, fmt.Errorf("pgstore: scenario %s: %w", id, err)
	}
	sc.Body = json.RawMessage(body)
	if summary != nil {
		sc.Summary = json.RawMessage(*summary)
	}
	return sc, nil
}

// ScenarioBody is the body stored under id; the error wraps ErrNotFound
// when there is none.
func (s *Store) ScenarioBody(ctx context.Context, id string) (json.RawMessage, error) {
	sc, err := scenarioByID(ctx, s.pool, id)
	return sc.Body, err
}

// ScenarioSummaries are the summaries of every scenario that has one,
// newest first.
func (s *Store) ScenarioSummaries(ctx context.Context) ([]json.RawMessage, error) {
	rows, err := s.pool.Query(ctx, "SELECT summary::text FROM scenarios WHERE summary IS NOT NULL ORDER BY fid DESC")
	if err != nil {
		return nil, fmt.Errorf("pgstore: scenarios: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("pgstore: scenarios: %w", err)
	}
	out := make([]json.RawMessage, len(list))
	for i, s := range list {
		out[i] = json.RawMessage(s)
	}
	return out, nil
}
