package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/kepu/kepu/data"
)

// DeleteScenario removes the scenario stored under id, auditing the
// change; the error wraps ErrNotFound when there is none. Whether who may
// delete it is the caller's decision (web checks the scenario's author).
func (s *Store) DeleteScenario(ctx context.Context, who, id string) error {
	return s.write(ctx, func(tx pgx.Tx) error {
		before, err := scenarioByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM scenarios WHERE id = $1", id); err != nil {
			return fmt.Errorf("pgstore: scenario %s: %w", id, err)
		}
		return audit(ctx, tx, who, auditRow{data.ActionDelete, "scenario", id, before, nil})
	})
}
