package coverage

import (
	"errors"
	"fmt"
	"testing"
)

// codedErr states its code, as the data package's errors do.
type codedErr struct{}

func (codedErr) Error() string     { return "VE1: already exists" }
func (codedErr) ErrorCode() string { return ECONFLICT }

func TestErrorCodeAndMessage(t *testing.T) {
	for _, tt := range []struct {
		name      string
		err       error
		code, msg string
	}{
		{"nil", nil, "", ""},
		{"an Error", Errorf(ENOTFOUND, "unit %q: no such unit", "15"), ENOTFOUND, `unit "15": no such unit`},
		{"a wrapped Error tells its own message", fmt.Errorf("GET /x: %w", &Error{Code: EINVALID, Message: "bad"}), EINVALID, "bad"},
		{"a coder tells its whole text", fmt.Errorf("import: %w", codedErr{}), ECONFLICT, "import: VE1: already exists"},
		{"anything else is internal", errors.New("disk I/O error at /var/lib/x"), EINTERNAL, "internal error"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.err); got != tt.code {
				t.Errorf("ErrorCode: got %q, want %q", got, tt.code)
			}
			if got := ErrorMessage(tt.err); got != tt.msg {
				t.Errorf("ErrorMessage: got %q, want %q", got, tt.msg)
			}
		})
	}
}
