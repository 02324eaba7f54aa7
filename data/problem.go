// Package data reads and writes kepu's world: GeoJSON and CSV decoding with
// validation of every record, and the embedded Inner Mongolia dataset.
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
	if p.Feature > 0 {
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
	d := coverage.Diagnostic{Code: code, Severity: sev, File: p.File, Feature: p.Feature, Field: p.Field, Message: p.Reason}
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
}

func (e *InvalidError) Error() string {
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
	list   []Problem
}

func (ps *problems) add(feature int, id, field, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: ps.file, Record: ps.record, Feature: feature, ID: id, Field: field, Reason: fmt.Sprintf(format, args...)})
}

func (ps *problems) warn(feature int, id, field, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: ps.file, Record: ps.record, Feature: feature, ID: id, Field: field, Reason: fmt.Sprintf(format, args...), Warning: true})
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
