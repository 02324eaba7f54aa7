package data

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"github.com/kepu/kepu/coverage"
)

// TestStoreErrorCodes: the stores' errors carry their codes; a full or
// read-only store tells the requester only its sentinel's words, and each
// still matches the fs or syscall error it stands for.
func TestStoreErrorCodes(t *testing.T) {
	for _, tt := range []struct {
		name      string
		err       error
		like      error
		code, msg string
	}{
		{"not found", fmt.Errorf("facility %q: %w", "VE9", ErrNotFound), fs.ErrNotExist, coverage.ENOTFOUND, `facility "VE9": not found`},
		{"conflict", &ConflictError{Kind: "event", IDs: []string{"EV1"}}, fs.ErrExist, coverage.ECONFLICT, "event id already exists: EV1"},
		{"full", fmt.Errorf("gpkg: commit: %w (%v)", ErrFull, "sqlite: database or disk is full"), syscall.ENOSPC, coverage.EFULL,
			"the registry's disk is full: the change was not saved; free space on the server and send it again"},
		{"read-only", fmt.Errorf("%w (%v)", ErrReadOnly, "read-only transaction"), syscall.EROFS, coverage.EUNAVAILABLE,
			"the registry is read-only just now: the change was not saved; send it again once the database is writable"},
		{"invalid", &InvalidError{Problems: []Problem{{File: "f.csv", Row: 3, Field: "lon", Reason: "not a number"}}}, nil, coverage.EINVALID,
			"invalid input: 1 problem(s)\n  " + (Problem{File: "f.csv", Row: 3, Field: "lon", Reason: "not a number"}).String()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := coverage.ErrorCode(tt.err); got != tt.code {
				t.Errorf("code: got %q, want %q", got, tt.code)
			}
			if got := coverage.ErrorMessage(tt.err); got != tt.msg {
				t.Errorf("message: got %q, want %q", got, tt.msg)
			}
			if tt.like != nil && !errors.Is(tt.err, tt.like) {
				t.Errorf("errors.Is(%v, %v): got false, want true", tt.err, tt.like)
			}
		})
	}
	var ce *coverage.Error
	if !errors.As(fmt.Errorf("x: %w", ErrReadOnly), &ce) || ce.RetryAfter.Seconds() != 60 {
		t.Errorf("read-only: got %+v, want Retry-After 60 s", ce)
	}
}
