package web

import (
	"bytes"
	"sync"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/labstack/echo/v4"
)

// asOfResults keeps a snapshot's evaluations on other days than the
// default (?as_of=), and its progress document, computed on first use.
type asOfResults struct {
	mu       sync.Mutex
	byDay    map[string]*coverage.Result
	progress *coverage.Progress
}

// maxAsOfResults bounds how many days one snapshot keeps.
const maxAsOfResults = 64

// rules is the server's ruleset with the request's ?as_of= applied.
func (s *Server) rules(c echo.Context) (coverage.Ruleset, error) {
	rs := s.cfg.Rules
	if d := c.QueryParam("as_of"); d != "" {
		if _, err := time.Parse("2006-01-02", d); err != nil {
			return rs, invalidf("as_of %q: want a YYYY-MM-DD date", d)
		}
		rs.AsOf = d
	}
	return rs, nil
}

// resultAt is the snapshot's result on the request's ?as_of= day (the
// period's end when absent).
func (s *Server) resultAt(c echo.Context, snap *snapshot) (*coverage.Result, error) {
	rs, err := s.rules(c)
	if err != nil {
		return nil, err
	}
	day := rs.AsOfDate()
	if day == snap.result.AsOf {
		return snap.result, nil
	}
	a := &snap.asOf
	a.mu.Lock()
	defer a.mu.Unlock()
	if r, ok := a.byDay[day]; ok {
		return r, nil
	}
	r := snap.model.Evaluate(rs)
	if a.byDay == nil || len(a.byDay) >= maxAsOfResults {
		a.byDay = map[string]*coverage.Result{}
	}
	a.byDay[day] = r
	return r, nil
}

// progressOf is the snapshot's progress document, computed once.
func (s *Server) progressOf(snap *snapshot) *coverage.Progress {
	a := &snap.asOf
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.progress == nil {
		a.progress = coverage.ProgressOf(snap.model, s.cfg.Rules)
	}
	return a.progress
}

// progress serves GET /api/progress?as_of=&format=json|csv: the document
// of `kepu progress --format json`.
func (s *Server) progress(c echo.Context) error {
	snap := s.snapshot()
	rs, err := s.rules(c)
	if err != nil {
		return err
	}
	format := c.QueryParam("format")
	if format != "" && format != "json" && format != "csv" {
		return invalidf("format %q: use json or csv", format)
	}
	key := "progress\x00" + format + "\x00" + rs.AsOfDate()
	progressAt := func() *coverage.Progress {
		p := s.progressOf(snap)
		if rs.AsOfDate() != p.AsOf {
			p = coverage.ProgressOf(snap.model, rs)
		}
		return p
	}
	if format == "csv" {
		return s.serveDoc(c, snap, key, "text/csv; charset=utf-8", func(b *bytes.Buffer) error {
			return data.WriteProgressCSV(b, progressAt())
		})
	}
	return s.serveJSON(c, snap, key, func() any { return progressAt() })
}
