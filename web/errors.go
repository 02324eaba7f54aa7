package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"syscall"

	"github.com/labstack/echo/v4"
)

// kind is an application error's class; handleError maps it to a status.
type kind int

const (
	kindInvalid     kind = iota + 1 // bad parameters: 400
	kindNotFound                    // unknown unit, layer or route: 404
	kindUnavailable                 // busy or the store cannot write now: 503, with Retry-After
	kindFull                        // the store's disk is full: 507
)

// statusOf is each kind's HTTP status.
var statusOf = map[kind]int{kindInvalid: http.StatusBadRequest, kindNotFound: http.StatusNotFound,
	kindUnavailable: http.StatusServiceUnavailable, kindFull: http.StatusInsufficientStorage}

// apiError is an error with a message meant for the client.
type apiError struct {
	kind       kind
	msg        string
	retryAfter int // seconds, for kindUnavailable
}

func (e *apiError) Error() string { return e.msg }

func invalidf(format string, args ...any) error {
	return &apiError{kind: kindInvalid, msg: fmt.Sprintf(format, args...)}
}

func notFoundf(format string, args ...any) error {
	return &apiError{kind: kindNotFound, msg: fmt.Sprintf(format, args...)}
}

// storageError names a failed write whose cause is the disk, or is nil.
func storageError(err error) *apiError {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return &apiError{kind: kindFull, msg: "the registry's disk is full: the change was not saved; free space on the server and send it again"}
	case errors.Is(err, syscall.EROFS):
		return &apiError{kind: kindUnavailable, retryAfter: 60,
			msg: "the registry is read-only just now: the change was not saved; send it again once the database is writable"}
	}
	return nil
}

// errorBody is every error response: {"error": "..."}.
type errorBody struct {
	Error string `json:"error"`
}

// handleError is the one place errors become responses: application errors
// get their status, Echo's own (unknown route, wrong method, body too
// large) keep theirs, anything else is a 500 that is logged here, once.
func (s *Server) handleError(err error, c echo.Context) {
	status, msg := http.StatusInternalServerError, "internal error"
	var ae *apiError
	var he *echo.HTTPError
	if e := storageError(err); e != nil {
		s.log.Printf("error: %s %s: %v", c.Request().Method, c.Request().URL.Path, err)
		err = e
	}
	switch {
	case errors.As(err, &ae):
		status, msg = statusOf[ae.kind], ae.msg
		if ae.retryAfter > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(ae.retryAfter))
		}
	case errors.As(err, &he):
		status, msg = he.Code, http.StatusText(he.Code)
		if m, ok := he.Message.(string); ok && m != "" {
			msg = m
		}
		if status == http.StatusNotFound {
			msg = fmt.Sprintf("no such route: %s %s", c.Request().Method, c.Request().URL.Path)
		}
		if status >= http.StatusInternalServerError {
			s.log.Printf("error: %s %s: %v", c.Request().Method, c.Request().URL.Path, err)
		}
	default:
		s.log.Printf("error: %s %s: %v", c.Request().Method, c.Request().URL.Path, err)
	}
	if c.Response().Committed {
		return
	}
	if c.Request().Method == http.MethodHead {
		err = c.NoContent(status)
	} else {
		err = c.JSON(status, errorBody{Error: msg})
	}
	if err != nil {
		s.log.Printf("error: writing the error response: %v", err)
	}
}
