package data

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/kepu/kepu/coverage"
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

// WriteGapsCSV writes the gap list as CSV with a header row.
func WriteGapsCSV(w io.Writer, gaps []coverage.Gap) error {
	cw := csv.NewWriter(w)
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
			fmtNum(g.Target), fmtNum(g.Shortfall), g.Detail,
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

// WriteCheckCSV writes the rule table as CSV.
func WriteCheckCSV(w io.Writer, res *coverage.Result) error {
	cw := csv.NewWriter(w)
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

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
