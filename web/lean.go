package web

import (
	"bytes"
	"encoding/json"

	"github.com/kepu/kepu/coverage"
	"github.com/labstack/echo/v4"
)

// The map's first load is lean: a summary of the check (no per-unit
// results, no diagnostics list) and a short record per unit; a unit's full
// results come with GET /api/units/{code} when it is opened. At national
// scale (2,820 counties) the full documents are megabytes.

// checkSummary is GET /api/check?view=summary.
type checkSummary struct {
	Dataset     coverage.Dataset `json:"dataset"`
	Rules       []ruleSummary    `json:"rules"`
	Region      regionSummary    `json:"region"`
	TargetsFrom string           `json:"targets_from"`
	Diagnostics int              `json:"diagnostics"`
	Ruleset     coverage.Ruleset `json:"ruleset"`
}

// ruleSummary is a rule's result with the count of its failing units in
// place of their list (the outer Failing hides the embedded one in JSON).
type ruleSummary struct {
	coverage.RuleResult
	Failing int `json:"failing"`
}

// regionSummary is the region's figures without bases per county.
type regionSummary struct {
	coverage.Region
	TargetsFrom         string                    `json:"targets_from"`
	BaseTotals          coverage.BaseTotalsResult `json:"base_totals"`
	MobileMuseumLeagues int                       `json:"mobile_museum_leagues"`
	MobileMuseumCodes   []string                  `json:"mobile_museum_league_codes"`
	MobileMuseumNext    []coverage.Place          `json:"mobile_museum_next"`
	Gini                float64                   `json:"gini"`
	NonUrbanBaseShare   float64                   `json:"non_urban_base_share"`
	NonUrbanPopShare    float64                   `json:"non_urban_population_share"`
	CountiesWithoutBase int                       `json:"counties_without_base"`
	Population          int                       `json:"population"`
}

func summarise(res *coverage.Result) checkSummary {
	reg, d := res.Region, res.Region.Distribution
	s := checkSummary{Dataset: res.Dataset, TargetsFrom: res.TargetsFrom, Diagnostics: len(res.Diagnostics), Ruleset: res.Ruleset,
		Region: regionSummary{Region: reg.Region, TargetsFrom: reg.TargetsFrom, BaseTotals: reg.BaseTotals,
			MobileMuseumLeagues: reg.MobileMuseumLeagues, MobileMuseumCodes: reg.MobileMuseumCodes, MobileMuseumNext: reg.MobileMuseumNext,
			Gini: d.Gini, NonUrbanBaseShare: d.NonUrbanBaseShare, NonUrbanPopShare: d.NonUrbanPopulationShare,
			CountiesWithoutBase: d.CountiesWithoutBase, Population: reg.Population}}
	for _, r := range res.Rules {
		s.Rules = append(s.Rules, ruleSummary{RuleResult: r, Failing: len(r.Failing)})
	}
	return s
}

// leanUnit is one unit of GET /api/units?view=lean: what the map needs to
// list, search, label and colour it, and its rules' pass or fail.
type leanUnit struct {
	Code       string              `json:"code"`
	Name       string              `json:"name"`
	Level      string              `json:"level"`
	Parent     string              `json:"parent,omitempty"`
	Population int                 `json:"population"`
	Priority   float64             `json:"priority"`
	SeatLon    float64             `json:"seat_lon,omitempty"`
	SeatLat    float64             `json:"seat_lat,omitempty"`
	BBox       []float64           `json:"bbox,omitempty"`
	LabelLon   *float64            `json:"label_lon,omitempty"`
	LabelLat   *float64            `json:"label_lat,omitempty"`
	Rules      map[string]leanRule `json:"rules"`
}

type leanRule struct {
	Pass bool `json:"pass"`
}

func (snap *snapshot) leanUnit(r *coverage.UnitResult) leanUnit {
	d := snap.unitDoc(r)
	u := leanUnit{Code: r.Code, Name: r.Name, Parent: r.Parent, Population: r.Population, Priority: r.Priority,
		SeatLon: r.SeatLon, SeatLat: r.SeatLat, BBox: d.BBox, LabelLon: d.LabelLon, LabelLat: d.LabelLat, Rules: map[string]leanRule{}}
	if u.LabelLon != nil && *u.LabelLon == u.SeatLon && *u.LabelLat == u.SeatLat {
		u.LabelLon, u.LabelLat = nil, nil // the seat is the label
	}
	for id, ur := range r.Rules {
		u.Rules[id] = leanRule{Pass: ur.Pass}
	}
	return u
}

// leanGaps are the gap rows with only their non-zero priority parts, for
// GET /api/gaps?view=lean (the map's gap list).
func leanGaps(gaps []coverage.Gap) []coverage.Gap {
	out := make([]coverage.Gap, len(gaps))
	for i, g := range gaps {
		parts := []coverage.Part{}
		for _, p := range g.Parts {
			if p.Score != 0 {
				parts = append(parts, p)
			}
		}
		g.Parts = parts
		out[i] = g
	}
	return out
}

// view is the ?view= parameter: "" (full) or the lean one it names.
func view(c echo.Context, lean string) (bool, error) {
	switch v := c.QueryParam("view"); v {
	case "", "full":
		return false, nil
	case lean:
		return true, nil
	default:
		return false, invalidf("view %q: use full or %s", v, lean)
	}
}

// serveCompact is serveDoc for a lean view: compact JSON, once per world
// version and query.
func (s *Server) serveCompact(c echo.Context, snap *snapshot, key string, v func() any) error {
	return s.serveDoc(c, snap, key, echo.MIMEApplicationJSON, func(b *bytes.Buffer) error {
		enc, err := json.Marshal(v())
		if err != nil {
			return err
		}
		_, err = b.Write(enc)
		return err
	})
}
