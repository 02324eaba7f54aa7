package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/labstack/echo/v4"
)

// statusOf is each error code's HTTP status.
var statusOf = map[string]int{
	coverage.EINVALID:      http.StatusBadRequest,
	coverage.ENOTFOUND:     http.StatusNotFound,
	coverage.ECONFLICT:     http.StatusConflict,
	coverage.EUNAUTHORISED: http.StatusUnauthorized,
	coverage.EFORBIDDEN:    http.StatusForbidden,
	coverage.EUNAVAILABLE:  http.StatusServiceUnavailable,
	coverage.ETOOMANY:      http.StatusTooManyRequests,
	coverage.EFULL:         http.StatusInsufficientStorage,
	coverage.EINTERNAL:     http.StatusInternalServerError,
}

// ErrorStatusCode is the HTTP status of an error code (coverage.E*):
// 500 for a code it does not know.
func ErrorStatusCode(code string) int {
	if s, ok := statusOf[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

func invalidf(format string, args ...any) error {
	return coverage.Errorf(coverage.EINVALID, format, args...)
}

func notFoundf(format string, args ...any) error {
	return coverage.Errorf(coverage.ENOTFOUND, format, args...)
}

// errorBody is every error response: {"error": "..."}.
type errorBody struct {
	Error string `json:"error"`
}

// problemsBody is the 400 answer to invalid input: the message and every problem.
type problemsBody struct {
	Error    string         `json:"error"`
	Problems []data.Problem `json:"problems"`
}

// handleError is the one place errors become responses, Echo's
// HTTPErrorHandler: an application error (coverage.ErrorCode) gets its
// code's status and message, Echo's own (unknown route, wrong method,
// body too large) keep theirs. What the client is not told (an internal
// error, the cause behind a full or read-only store) is logged here, once.
func (s *Server) handleError(err error, c echo.Context) {
	status, msg := s.describe(err, c)
	if c.Response().Committed {
		return
	}
	var body any = errorBody{Error: msg}
	if inv := (*data.InvalidError)(nil); errors.As(err, &inv) {
		body = problemsBody{Error: msg, Problems: inv.Problems}
	}
	if c.Request().Method == http.MethodHead {
		err = c.NoContent(status)
	} else {
		err = c.JSON(status, body)
	}
	if err != nil {
		s.log.Printf("error: writing the error response: %v", err)
	}
}

// describe is err's status and message, and logs what the message hides.
func (s *Server) describe(err error, c echo.Context) (int, string) {
	var he *echo.HTTPError
	if errors.As(err, &he) && coverage.ErrorCode(err) == coverage.EINTERNAL {
		status, msg := he.Code, http.StatusText(he.Code)
		if m, ok := he.Message.(string); ok && m != "" {
			msg = m
		}
		if status == http.StatusNotFound {
			msg = fmt.Sprintf("no such route: %s %s", c.Request().Method, c.Request().URL.Path)
		}
		if status >= http.StatusInternalServerError {
			s.logError(c, err)
		}
		return status, msg
	}
	code, msg := coverage.ErrorCode(err), coverage.ErrorMessage(err)
	if code == coverage.EINTERNAL || msg != err.Error() {
		s.logError(c, err)
	}
	var ce *coverage.Error
	if errors.As(err, &ce) && ce.RetryAfter > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(ce.RetryAfter.Seconds())))
	}
	return ErrorStatusCode(code), msg
}

func (s *Server) logError(c echo.Context, err error) {
	s.log.Printf("error: %s %s: %v", c.Request().Method, c.Request().URL.Path, err)
}
