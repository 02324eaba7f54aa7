package data

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
)

// GapColumns are the gap list's CSV columns, in the design's order, followed
// by the priority parts and the pipeline.
var GapColumns = []string{"rule", "code", "name", "level", "parent", "priority", "actual", "target", "shortfall", "detail",
	"population_score", "rural_score", "distance_km", "distance_score", "former_poverty_score", "border_score", "pipeline"}

// WriteJSON writes v as indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// newCSV starts a CSV file for people: a UTF-8 byte-order mark first, so
// that Excel on Chinese Windows reads it as UTF-8 (kepu's readers skip it).
func newCSV(w io.Writer) (*csv.Writer, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	return csv.NewWriter(w), nil
}

// WriteGapsCSV writes the gap list as CSV with a header row (after a
// byte-order mark). A gap's detail is its Detail as said by words.Gaps,
// else its fact said in Chinese.
func WriteGapsCSV(w io.Writer, gaps []coverage.Gap) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	if err := cw.Write(GapColumns); err != nil {
		return err
	}
	for _, g := range gaps {
		parts := map[string]coverage.Part{}
		for _, p := range g.Parts {
			parts[p.Name] = p
		}
		score := func(name string) string {
			if p, ok := parts[name]; ok {
				return fmtNum(p.Score)
			}
			return ""
		}
		dist := ""
		if p, ok := parts["distance"]; ok {
			dist = fmtNum(p.Measure)
		}
		rec := []string{g.Rule, g.Code, g.Name, g.Level, g.Parent, fmtNum(g.Priority), fmtNum(g.Actual),
			fmtNum(g.Target), fmtNum(g.Shortfall), detail(g),
			score("population"), score("rural"), dist, score("distance"), score("former_poverty"), score("border"),
			strings.Join(g.Pipeline, ";")}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CheckColumns are the columns of the check summary as CSV: one row per rule.
var CheckColumns = []string{"rule", "scope", "pass", "passing", "total", "target", "actual", "failing"}

// WriteCheckCSV writes the rule table as CSV (after a byte-order mark),
// its targets and states in the language.
func WriteCheckCSV(w io.Writer, res *coverage.Result, lang words.Lang) error {
	res = words.Result(res, lang)
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	if err := cw.Write(CheckColumns); err != nil {
		return err
	}
	for _, r := range res.Rules {
		rec := []string{r.ID, r.Scope, strconv.FormatBool(r.Pass), strconv.Itoa(r.Passing), strconv.Itoa(r.Total),
			r.Target, r.Actual, strings.Join(r.Failing, ";")}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// detail is the gap's detail as said for the reader, else in Chinese.
func detail(g coverage.Gap) string {
	if g.Detail != "" || g.Fact == nil {
		return g.Detail
	}
	return words.GapDetail(g, words.ZH)
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
