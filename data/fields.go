package data

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// fields reads typed properties of one record, reporting each bad one.
type fields struct {
	ps    *problems
	n     int
	id    string
	props map[string]any
	// labels names a field by the header it was read from (spreadsheets).
	labels map[string]string
}

func (f fields) fail(field, format string, args ...any) {
	f.ps.add(f.n, f.id, f.label(field), format, args...)
}

func (f fields) warn(field, format string, args ...any) {
	f.ps.warn(f.n, f.id, f.label(field), format, args...)
}

// label is the field as the input names it: the spreadsheet header as
// written, else the field name.
func (f fields) label(field string) string {
	if l, ok := f.labels[field]; ok {
		return l
	}
	return field
}

func (f fields) has(key string) bool {
	v, ok := f.props[key]
	return ok && v != nil
}

// str reads a string; numbers are taken as their text (ids and codes are
// often written as numbers). required makes absence an error.
func (f fields) str(key string, required bool) string {
	v, ok := f.props[key]
	if !ok || v == nil {
		if required {
			f.fail(key, "missing")
		}
		return ""
	}
	switch x := v.(type) {
	case string:
		s := strings.TrimSpace(x)
		if s == "" && required {
			f.fail(key, "empty")
		}
		return s
	case json.Number:
		return string(x)
	}
	f.fail(key, "must be a string, got %s", describe(v))
	return ""
}

// num reads a finite number; a numeric string is accepted (CSV input).
func (f fields) num(key string) (float64, bool) {
	v, ok := f.props[key]
	if !ok || v == nil {
		return 0, false
	}
	var x float64
	switch t := v.(type) {
	case json.Number:
		p, err := strconv.ParseFloat(string(t), 64)
		if err != nil {
			f.fail(key, "%s is out of range", t)
			return 0, false
		}
		x = p
	case string:
		p, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		if err != nil || strings.TrimSpace(t) == "" {
			f.fail(key, "%q is not a number", t)
			return 0, false
		}
		x = p
	default:
		f.fail(key, "must be a number, got %s", describe(v))
		return 0, false
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		f.fail(key, "%v is not a finite number", x)
		return 0, false
	}
	return x, true
}

// nonNegative reads a number that must be zero or more.
func (f fields) nonNegative(key string) float64 {
	x, ok := f.num(key)
	if ok && x < 0 {
		f.fail(key, "%v must not be negative", x)
		return 0
	}
	return x
}

// integer reads a whole number.
func (f fields) integer(key string) (int, bool) {
	x, ok := f.num(key)
	if !ok {
		return 0, false
	}
	if x != math.Trunc(x) || math.Abs(x) > 1e15 {
		f.fail(key, "%v is not a whole number", x)
		return 0, false
	}
	return int(x), true
}

// boolean reads true/false; CSV text true/false/1/0/yes/no is accepted.
func (f fields) boolean(key string) bool {
	v, ok := f.props[key]
	if !ok || v == nil {
		return false
	}
	switch x := v.(type) {
	case bool:
		return x
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "1", "yes", "y", "是":
			return true
		case "false", "0", "no", "n", "否", "":
			return false
		}
	case json.Number:
		switch string(x) {
		case "1":
			return true
		case "0":
			return false
		}
	}
	f.fail(key, "must be true or false, got %s", describe(v))
	return false
}

// words reads a list of words; a string is split on commas, semicolons,
// '|' or '、' (full-width ones too).
func (f fields) words(key string) []string {
	v, ok := f.props[key]
	if !ok || v == nil {
		return nil
	}
	var out []string
	switch x := v.(type) {
	case []any:
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				f.fail(key, "item %d must be a word, got %s", i+1, describe(e))
				continue
			}
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	case string:
		for _, s := range strings.FieldsFunc(x, func(r rune) bool {
			return r == ',' || r == ';' || r == '|' || r == '、' || r == '，' || r == '；'
		}) {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	default:
		f.fail(key, "must be a list of words, got %s", describe(v))
	}
	return out
}

// oneOf checks a string against the allowed values.
func (f fields) oneOf(key, value string, allowed ...string) bool {
	for _, a := range allowed {
		if value == a {
			return true
		}
	}
	f.fail(key, "unknown value %q (allowed: %s)", value, strings.Join(allowed, ", "))
	return false
}

// oneOfWords checks a value against the allowed ones, naming their Chinese
// words too when refusing it.
func (f fields) oneOfWords(key, value string, allowed []string, zh map[string]string) bool {
	for _, a := range allowed {
		if value == a {
			return true
		}
	}
	f.fail(key, "unknown value %q (allowed: %s)", value, allowedWith(allowed, zh))
	return false
}

// code reads a 6-digit administrative code.
func (f fields) code(key string, required bool) string {
	s := f.str(key, required)
	if s != "" && !isCode(s) {
		f.fail(key, "%q is not a 6-digit administrative code", s)
		return ""
	}
	return s
}

func isCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// date reads a YYYY-MM-DD date.
func (f fields) date(key string) string {
	s := f.str(key, true)
	if s == "" {
		return ""
	}
	// A date-time (2024-06-01T09:30:00+08:00) counts by its calendar date.
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') && validDate(s[:10]) {
		f.warn(key, "%q: the time of day is ignored; the date %s counts", s, s[:10])
		return s[:10]
	}
	if !validDate(s) {
		f.fail(key, "%q is not a YYYY-MM-DD date", s)
		return ""
	}
	return s
}

func validDate(s string) bool {
	var y, m, d int
	if len(s) != 10 {
		return false
	}
	if _, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); err != nil {
		return false
	}
	days := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days[1] = 29
	}
	return m >= 1 && m <= 12 && d >= 1 && d <= days[m-1]
}
