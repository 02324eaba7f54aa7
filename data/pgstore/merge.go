package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// Merged says what a merge did, by id, in the order of the input.
type Merged = data.Merged

// MergeFacilities updates the registry by id in one transaction, as the
// GeoPackage store does: a facility it lacks is added, one that differs is
// changed, one that is the same is left alone, and every facility not in fs
// is kept.
func (s *Store) MergeFacilities(ctx context.Context, who string, fs []coverage.Facility) (Merged, error) {
	var m Merged
	err := s.write(ctx, func(tx pgx.Tx) error {
		m = Merged{}
		var add []coverage.Facility
		for _, f := range fs {
			before, err := one(ctx, tx, "facilities", "facility", f.ID, readFacilities)
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
			r, err := facilityRow(f)
			if err != nil {
				return fmt.Errorf("pgstore: facility %s: %w", f.ID, err)
			}
			if err := updateRow(ctx, tx, "facilities", r); err != nil {
				return fmt.Errorf("pgstore: facility %s: %w", f.ID, err)
			}
			if err := audit(ctx, tx, who, auditRow{ActionUpdate, "facility", f.ID, data.FacilityFeature(before), data.FacilityFeature(f)}); err != nil {
				return err
			}
			m.Changed = append(m.Changed, f.ID)
		}
		return insertFacilities(ctx, tx, who, ActionImport, add)
	})
	return m, err
}
