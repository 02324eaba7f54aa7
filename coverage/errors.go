package coverage

import (
	"errors"
	"fmt"
	"time"
)

// Error codes: what kind of failure an error is, whoever reports it. Only
// the web server turns them into HTTP statuses (web.ErrorStatusCode).
const (
	EINVALID      = "invalid"      // the input or the request is wrong
	ENOTFOUND     = "not_found"    // no such unit, facility, scenario, ...
	ECONFLICT     = "conflict"     // the id is taken
	EUNAUTHORISED = "unauthorised" // no valid credentials for a write
	EFORBIDDEN    = "forbidden"    // valid credentials, but not this one's to change
	EUNAVAILABLE  = "unavailable"  // busy or read-only just now: try again
	ETOOMANY      = "too_many"     // a rate limit: try again later
	EFULL         = "full"         // the store's disk is full
	EINTERNAL     = "internal"     // anything else: a fault of ours
)

// Error is an application error: a code and a message meant for the
// person who asked (benbjohnson/wtf's Error).
type Error struct {
	Code    string
	Message string
	// RetryAfter, with EUNAVAILABLE and ETOOMANY, says when to ask again.
	RetryAfter time.Duration
}

func (e *Error) Error() string { return e.Message }

// Errorf is an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// coder is an error of another package that states its code; its whole
// text, wrapping included, is meant for the person who asked.
type coder interface {
	error
	ErrorCode() string
}

// ErrorCode is err's code: that of the first *Error or coder in its
// chain, EINTERNAL for any other error, "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	var c coder
	switch {
	case errors.As(err, &e):
		return e.Code
	case errors.As(err, &c):
		return c.ErrorCode()
	}
	return EINTERNAL
}

// ErrorMessage is what the person who asked is told about err: an
// *Error's message, the text of an error that states its code, and
// nothing of an internal error.
func ErrorMessage(err error) string {
	var e *Error
	var c coder
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	case errors.As(err, &c):
		return err.Error()
	}
	return "internal error"
}
