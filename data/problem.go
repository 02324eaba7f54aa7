// Package data reads and writes kepu's world: GeoJSON and CSV decoding with
// validation of every record, the world loader (whose defaults are
// data/embedded's dataset), the registry stores' shared parts and the writers.
package data

import (
	"fmt"
	"strings"

	"github.com/kepu/kepu/coverage"
)

// Problem is one thing wrong with one record of an input file.
type Problem struct {
	File    string `json:"file"`
	Feature int    `json:"feature,omitempty"` // 1-based; 0 for the file as a whole
	// Row is the spreadsheet row (CSV or workbook) as a person sees it, the
	// header being row 1; Feature is 0 then.
	Row     int    `json:"row,omitempty"`
	ID      string `json:"id,omitempty"`
	Field   string `json:"field,omitempty"`
	Reason  string `json:"reason"`
	Warning bool   `json:"warning,omitempty"` // warnings never stop a run
	// Record is the kind of record: "facility", "unit" or "event".
	Record string `json:"record,omitempty"`
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	switch {
	case p.Row > 0:
		fmt.Fprintf(&b, ": row %d", p.Row)
	case p.Feature > 0:
		fmt.Fprintf(&b, ": feature %d", p.Feature)
	}
	if p.ID != "" {
		fmt.Fprintf(&b, " (%s)", p.ID)
	}
	if p.Field != "" {
		fmt.Fprintf(&b, ": %s", p.Field)
	}
	fmt.Fprintf(&b, ": %s", p.Reason)
	if p.Warning {
		b.WriteString(" [warning]")
	}
	return b.String()
}

// Diagnostic turns the problem into a result diagnostic.
func (p Problem) Diagnostic(code string) coverage.Diagnostic {
	sev := "error"
	if p.Warning {
		sev = "warning"
	}
	d := coverage.Diagnostic{Code: code, Severity: sev, File: p.File, Feature: p.Feature, Row: p.Row, Field: p.Field, Message: p.Reason}
	switch p.Record {
	case "unit":
		d.Unit = p.ID
	case "event":
		d.Event = p.ID
	default:
		d.Facility = p.ID
	}
	return d
}

// InvalidError is returned when input has errors and the caller did not ask
// to skip invalid records. It lists every error, not only the first.
type InvalidError struct {
	Problems []Problem
	// Summary, when set, is the whole message (the problems are listed
	// apart, as the API does); else the message lists every error.
	Summary string
}

// ErrorCode is coverage.EINVALID.
func (e *InvalidError) ErrorCode() string { return coverage.EINVALID }

func (e *InvalidError) Error() string {
	if e.Summary != "" {
		return e.Summary
	}
	var b strings.Builder
	n := 0
	for _, p := range e.Problems {
		if !p.Warning {
			n++
		}
	}
	fmt.Fprintf(&b, "invalid input: %d problem(s)", n)
	for _, p := range e.Problems {
		if !p.Warning {
			b.WriteString("\n  ")
			b.WriteString(p.String())
		}
	}
	return b.String()
}

// problems collects the problems of one file.
type problems struct {
	file   string
	record string
	// rows numbers records as spreadsheet rows rather than features.
	rows bool
	list []Problem
}

func (ps *problems) add(n int, id, field, format string, args ...any) {
	ps.list = append(ps.list, ps.problem(n, id, field, fmt.Sprintf(format, args...)))
}

func (ps *problems) warn(n int, id, field, format string, args ...any) {
	p := ps.problem(n, id, field, fmt.Sprintf(format, args...))
	p.Warning = true
	ps.list = append(ps.list, p)
}

func (ps *problems) problem(n int, id, field, reason string) Problem {
	p := Problem{File: ps.file, Record: ps.record, ID: id, Field: field, Reason: reason}
	if ps.rows {
		p.Row = n
	} else {
		p.Feature = n
	}
	return p
}

// where names record n of the file: "f.csv row 3", "f.geojson feature 3".
func (ps *problems) where(n int) string {
	if ps.rows {
		return fmt.Sprintf("%s row %d", ps.file, n)
	}
	return fmt.Sprintf("%s feature %d", ps.file, n)
}

// errorsFor reports whether feature n has any error (not warning) since mark.
func (ps *problems) errorsSince(mark int) bool {
	for _, p := range ps.list[mark:] {
		if !p.Warning {
			return true
		}
	}
	return false
}
