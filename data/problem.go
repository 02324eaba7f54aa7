// Package data reads and writes kepu's world: GeoJSON and CSV decoding with
// validation of every record, the world loader (whose defaults are
// data/embedded's dataset), the registry stores' shared parts and the writers.
package data

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
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
	// reason is Reason as a message the wording can say in Chinese.
	reason *words.Message
}

func (p Problem) String() string { return p.Say(words.EN) }

// Say names the file, the row or feature, the id and the field (as
// written in the input) and says what is wrong, in the language.
func (p Problem) Say(lang words.Lang) string {
	var b strings.Builder
	switch {
	case p.Row > 0:
		b.WriteString(words.Sayf(lang, "%s: row %d", p.File, p.Row))
	case p.Feature > 0:
		b.WriteString(words.Sayf(lang, "%s: feature %d", p.File, p.Feature))
	default:
		b.WriteString(p.File)
	}
	sep := lang.Pick("：", ": ")
	if p.ID != "" {
		fmt.Fprintf(&b, lang.Pick("（%s）", " (%s)"), p.ID)
	}
	if p.Field != "" {
		b.WriteString(sep + p.Field)
	}
	reason := p.Reason
	if p.reason != nil {
		reason = words.SayError(p.reason, lang, nil)
	}
	b.WriteString(sep + reason)
	if p.Warning {
		b.WriteString(words.Say(lang, " [warning]"))
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

func (e *InvalidError) Error() string { return e.Say(words.EN) }

// Say lists the problems in the language (or is the Summary when set).
func (e *InvalidError) Say(lang words.Lang) string {
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
	b.WriteString(words.Sayf(lang, "invalid input: %d problem(s)", n))
	for _, p := range e.Problems {
		if !p.Warning {
			b.WriteString("\n  ")
			b.WriteString(p.Say(lang))
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
	p := ps.problem(n, id, field, fmt.Sprintf(format, args...))
	p.reason = &words.Message{Format: format, Args: args}
	ps.list = append(ps.list, p)
}

func (ps *problems) warn(n int, id, field, format string, args ...any) {
	p := ps.problem(n, id, field, fmt.Sprintf(format, args...))
	p.reason = &words.Message{Format: format, Args: args}
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

// where names record n of the file: "f.csv row 3", "f.geojson feature 3"
// (a message, so that a problem naming it says it in the reader's language).
func (ps *problems) where(n int) error {
	if ps.rows {
		return words.Errorf("%s row %d", ps.file, n)
	}
	return words.Errorf("%s feature %d", ps.file, n)
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

// SayError is err for people in the language: input problems listed with
// file, row and field, messages said in it, a missing file named; other
// errors as they are.
func SayError(err error, lang words.Lang) string {
	var ie *InvalidError
	var pe *fs.PathError
	switch {
	case errors.As(err, &ie) && err == error(ie):
		return ie.Say(lang)
	case errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist):
		return words.Sayf(lang, "no such file: %s", pe.Path)
	}
	return words.SayError(err, lang, func(e error) string { return SayError(e, lang) })
}
