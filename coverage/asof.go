package coverage

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// When is a declared opened or closed value: a year ("2023") or a day
// ("2023-06-30"); "" when the record gives none. A year stands for its last
// day as an opening (a venue opened in 2023 counts from 2023-12-31) and for
// its first day as a closing.
type When string

// ParseWhen reads a year (YYYY, 1900–2100) or a calendar date (YYYY-MM-DD).
func ParseWhen(s string) (When, error) {
	switch len(s) {
	case 0:
		return "", nil
	case 4:
		y, err := strconv.Atoi(s)
		if err != nil || y < 1900 || y > 2100 || s[0] == '+' || s[0] == '-' {
			return "", fmt.Errorf("%q is not a year (1900–2100) or a YYYY-MM-DD date", s)
		}
		return When(s), nil
	case 10:
		t, err := time.Parse("2006-01-02", s)
		if err != nil || t.Year() < 1900 || t.Year() > 2100 {
			return "", fmt.Errorf("%q is not a year (1900–2100) or a YYYY-MM-DD date", s)
		}
		return When(s), nil
	}
	return "", fmt.Errorf("%q is not a year (1900–2100) or a YYYY-MM-DD date", s)
}

// IsYear reports whether the value is a bare year.
func (w When) IsYear() bool { return len(w) == 4 }

// Year is the value's year (0 when absent).
func (w When) Year() int {
	if len(w) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(string(w[:4]))
	return y
}

// LastDay is the day an opening counts from: the date, or a year's 31 December.
func (w When) LastDay() string {
	if w.IsYear() {
		return string(w) + "-12-31"
	}
	return string(w)
}

// FirstDay is the day a closing takes effect: the date, or a year's 1 January.
func (w When) FirstDay() string {
	if w.IsYear() {
		return string(w) + "-01-01"
	}
	return string(w)
}

// MarshalJSON writes a year as a number, as registries give it, and a date as a string.
func (w When) MarshalJSON() ([]byte, error) {
	if w.IsYear() {
		return []byte(w), nil
	}
	return json.Marshal(string(w))
}

// Value is the value as a GeoJSON property: a year as a number, a date as a string.
func (w When) Value() any {
	if w.IsYear() {
		return json.Number(w)
	}
	return string(w)
}

// CountsAsOf reports whether the facility counts toward the rules on day d
// (YYYY-MM-DD): its status is open or closed, it opened on or before d (when
// a date is given), and it closed after d (when one is given). A closed
// facility without a closing date never counts; under_construction and
// planned never do (they are the pipeline).
func (f *Facility) CountsAsOf(d string) bool {
	switch f.Status {
	case StatusOpen:
	case StatusClosed:
		if f.Closed == "" {
			return false
		}
	default:
		return false
	}
	if f.Opened != "" && f.Opened.LastDay() > d {
		return false
	}
	return f.Closed == "" || f.Closed.FirstDay() > d
}

// OpensAfter reports whether the facility is open (or closed later) but
// declared to open after day d: on d it was still to come, so an evaluation
// as of d lists it with the pipeline.
func (f *Facility) OpensAfter(d string) bool {
	if f.Status != StatusOpen && (f.Status != StatusClosed || f.Closed == "") {
		return false
	}
	return f.Opened != "" && f.Opened.LastDay() > d
}

// AsOfDate is the day the rules are evaluated on: AsOf when set, else the period's end.
func (rs Ruleset) AsOfDate() string {
	if rs.AsOf != "" {
		return rs.AsOf
	}
	return rs.Period.To
}

// EventWindow is the days whose events count: from the period's start to the as-of day.
func (rs Ruleset) EventWindow() Period { return Period{From: rs.Period.From, To: rs.AsOfDate()} }
