package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// Merged says what a merge did, by id, in the order of the input.
type Merged = data.Merged

// MergeFacilities merges fs into the registry by id (data.Merge) in one
// PostgreSQL transaction, auditing each change as the GeoPackage store does.
func (s *Store) MergeFacilities(ctx context.Context, who string, fs []coverage.Facility) (Merged, error) {
	var m Merged
	err := s.write(ctx, func(tx pgx.Tx) error {
		var add []coverage.Facility
		var err error
		m, add, err = data.Merge(fs,
			func(id string) (coverage.Facility, error) {
				return one(ctx, tx, "facilities", "facility", id, readFacilities)
			},
			func(before, f coverage.Facility) error { return replaceFacility(ctx, tx, who, before, f) })
		if err != nil {
			return err
		}
		return insertFacilities(ctx, tx, who, data.ActionImport, add)
	})
	return m, err
}
