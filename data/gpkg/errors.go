package gpkg

import (
	"errors"
	"fmt"
	"syscall"

	"github.com/kepu/kepu/data"
	"modernc.org/sqlite"
)

// Errors of the disk under the store. They match syscall.ENOSPC and
// syscall.EROFS, so a caller can answer "disk full" or "read-only" without
// importing this package.
var (
	ErrFull     = data.ErrFull
	ErrReadOnly = data.ErrReadOnly
)

// SQLite's primary result codes for the two (the low byte of an extended code).
const (
	sqliteReadOnly = 8
	sqliteFull     = 13
)

// classify names a write's failure by its cause when the disk is to blame.
func classify(err error) error {
	var se *sqlite.Error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.ENOSPC), errors.As(err, &se) && se.Code()&0xff == sqliteFull:
		return fmt.Errorf("%w (%v)", ErrFull, err)
	case errors.Is(err, syscall.EROFS), errors.As(err, &se) && se.Code()&0xff == sqliteReadOnly:
		return fmt.Errorf("%w (%v)", ErrReadOnly, err)
	}
	return err
}
