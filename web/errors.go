package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
)

// kind is an application error's class; handleError maps it to a status.
type kind int

const (
	kindInvalid  kind = iota + 1 // bad parameters: 400
	kindNotFound                 // unknown unit, layer or route: 404
)

// apiError is an error the client caused, with a message meant for it.
type apiError struct {
	kind kind
	msg  string
}

func (e *apiError) Error() string { return e.msg }

func invalidf(format string, args ...any) error {
	return &apiError{kind: kindInvalid, msg: fmt.Sprintf(format, args...)}
}

func notFoundf(format string, args ...any) error {
	return &apiError{kind: kindNotFound, msg: fmt.Sprintf(format, args...)}
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
	switch {
	case errors.As(err, &ae):
		status, msg = http.StatusBadRequest, ae.msg
		if ae.kind == kindNotFound {
			status = http.StatusNotFound
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
