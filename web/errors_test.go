package web

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/labstack/echo/v4"
)

// TestOneErrorModel: every kind of error a handler returns is answered by
// handleError with its code's status, {"error": ...} (with the problems of
// invalid input) and Retry-After when it says when; what the client is not
// told is logged, once, and nothing else is.
func TestOneErrorModel(t *testing.T) {
	for _, tt := range []struct {
		name   string
		err    error
		status int
		body   string
		retry  string
		logged bool
	}{
		{"invalid", invalidf("tile 1/2/x: %q is not an integer", "x"), 400, `{"error":"tile 1/2/x: \"x\" is not an integer"}`, "", false},
		{"not found", notFoundf("unknown tile layer %q", "roads"), 404, `{"error":"unknown tile layer \"roads\""}`, "", false},
		{"store not found", fmt.Errorf("facility %q: %w", "VE9", data.ErrNotFound), 404, `{"error":"facility \"VE9\": not found"}`, "", false},
		{"conflict", &data.ConflictError{Kind: "facility", IDs: []string{"VE1", "VE2"}}, 409, `{"error":"facility id already exists: VE1, VE2"}`, "", false},
		{"unauthorised", &coverage.Error{Code: coverage.EUNAUTHORISED, Message: "the bearer token is not valid"}, 401, `{"error":"the bearer token is not valid"}`, "", false},
		{"busy", &coverage.Error{Code: coverage.EUNAVAILABLE, Message: "busy", RetryAfter: 5 * time.Second}, 503, `{"error":"busy"}`, "5", false},
		{"rate limit", tooMany(2*time.Second, "too many"), 429, `{"error":"too many"}`, "2", false},
		{"full disk", fmt.Errorf("gpkg: commit: %w (%v)", data.ErrFull, "database or disk is full"), 507,
			`{"error":"the registry's disk is full: the change was not saved; free space on the server and send it again"}`, "", true},
		{"read-only", fmt.Errorf("pgstore: %w (%v)", data.ErrReadOnly, "cannot execute INSERT in a read-only transaction"), 503,
			`{"error":"the registry is read-only just now: the change was not saved; send it again once the database is writable"}`, "60", true},
		{"invalid records", &data.InvalidError{Summary: "invalid scenario: 1 problem(s)", Problems: []data.Problem{{File: "request", Reason: "name: missing"}}}, 400,
			`{"error":"invalid scenario: 1 problem(s)","problems":[{"file":"request","reason":"name: missing"}]}`, "", false},
		{"internal", errors.New("encoding /api/check: no space in the buffer"), 500, `{"error":"internal error"}`, "", true},
		{"echo's own", echo.ErrMethodNotAllowed, 405, `{"error":"Method Not Allowed"}`, "", false},
		{"echo's 404", echo.ErrNotFound, 404, `{"error":"no such route: GET /x"}`, "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			s := &Server{log: log.New(&logs, "", 0)}
			rec := httptest.NewRecorder()
			c := echo.New().NewContext(httptest.NewRequest(http.MethodGet, "/x", nil), rec)
			s.handleError(tt.err, c)
			if got := strings.TrimSpace(rec.Body.String()); rec.Code != tt.status || got != tt.body {
				t.Errorf("got %d %s, want %d %s", rec.Code, got, tt.status, tt.body)
			}
			if got := rec.Header().Get("Retry-After"); got != tt.retry {
				t.Errorf("Retry-After: got %q, want %q", got, tt.retry)
			}
			if got := strings.Count(logs.String(), "\n"); got != map[bool]int{false: 0, true: 1}[tt.logged] {
				t.Errorf("log: got %d line(s) %q, want logged %v", got, logs.String(), tt.logged)
			}
			if tt.logged && !strings.Contains(logs.String(), tt.err.Error()) {
				t.Errorf("log: got %q, want the whole error %q", logs.String(), tt.err.Error())
			}
		})
	}
}

// TestErrorStatusCode pins the one mapping from codes to statuses.
func TestErrorStatusCode(t *testing.T) {
	for code, want := range map[string]int{
		coverage.EINVALID: 400, coverage.EUNAUTHORISED: 401, coverage.EFORBIDDEN: 403, coverage.ENOTFOUND: 404, coverage.ECONFLICT: 409,
		coverage.ETOOMANY: 429, coverage.EINTERNAL: 500, coverage.EUNAVAILABLE: 503, coverage.EFULL: 507, "no such code": 500,
	} {
		if got := ErrorStatusCode(code); got != want {
			t.Errorf("ErrorStatusCode(%q): got %d, want %d", code, got, want)
		}
	}
}
