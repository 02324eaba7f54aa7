package gpkg

import (
	"context"
	"database/sql"

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
		var add []coverage.Facility
		var err error
		m, add, err = data.Merge(fs,
			func(id string) (coverage.Facility, error) { return facilityByID(ctx, tx, id) },
			func(before, f coverage.Facility) error { return replaceFacility(ctx, tx, who, before, f) })
		if err != nil {
			return err
		}
		return insertFacilities(ctx, tx, who, data.ActionImport, add)
	})
	return m, err
}
