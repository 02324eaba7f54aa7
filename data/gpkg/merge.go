package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// Merged says what a merge did, by id, in the order of the input.
type Merged = data.Merged

// MergeFacilities updates the registry by id in one transaction: a
// facility it lacks is added, one that differs is changed, one that is the
// same is left alone, and every facility not in fs is kept.
func (s *Store) MergeFacilities(ctx context.Context, who string, fs []coverage.Facility) (Merged, error) {
	var m Merged
	err := s.write(ctx, func(tx *sql.Tx) error {
		m = Merged{}
		var add []coverage.Facility
		for _, f := range fs {
			before, err := facilityByID(ctx, tx, f.ID)
			switch {
			case errors.Is(err, ErrNotFound):
				add = append(add, f)
				m.Added = append(m.Added, f.ID)
				continue
			case err != nil:
				return err
			}
			same, err := data.SameFacility(before, f)
			if err != nil {
				return err
			}
			if same {
				m.Unchanged = append(m.Unchanged, f.ID)
				continue
			}
			vals, err := facilityValues(f)
			if err != nil {
				return fmt.Errorf("gpkg: facility %s: %w", f.ID, err)
			}
			args := append(append([]any{vals[0]}, vals[2:]...), f.ID)
			if _, err := tx.ExecContext(ctx, facilityTable.updateSQL(), args...); err != nil {
				return fmt.Errorf("gpkg: facility %s: %w", f.ID, err)
			}
			if err := audit(ctx, tx, who, ActionUpdate, "facility", f.ID, data.FacilityFeature(before), data.FacilityFeature(f)); err != nil {
				return err
			}
			m.Changed = append(m.Changed, f.ID)
		}
		return insertFacilities(ctx, tx, who, ActionImport, add)
	})
	return m, err
}
