package web

import (
	"net/http"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// unitDoc is a unit's result with where to show it on a map.
type unitDoc struct {
	*coverage.UnitResult
	BBox     []float64 `json:"bbox,omitempty"` // [minLon, minLat, maxLon, maxLat]
	LabelLon *float64  `json:"label_lon,omitempty"`
	LabelLat *float64  `json:"label_lat,omitempty"`
}

// unitDetail is GET /api/units/{code}: the unit, its rule results (under
// "rules") and nearest venue from the result, plus its facilities, its
// gaps and, for a league, its counties.
type unitDetail struct {
	unitDoc
	Facilities *geojson.FeatureCollection `json:"facilities"`
	Gaps       []coverage.Gap             `json:"gaps"`
	Counties   []string                   `json:"counties,omitempty"`
}

func (snap *snapshot) unitDoc(r *coverage.UnitResult) unitDoc {
	d := unitDoc{UnitResult: r}
	if b, ok := snap.bounds[r.Code]; ok {
		d.BBox = []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
	}
	if p, ok := snap.labels[r.Code]; ok {
		d.LabelLon, d.LabelLat = &p[0], &p[1]
	}
	return d
}

// units serves GET /api/units?level=county|league (both when level is
// empty); with view=lean, a short record per unit (see leanUnit).
func (s *Server) units(c echo.Context) error {
	level := c.QueryParam("level")
	if level != "" && level != coverage.LevelCounty && level != coverage.LevelLeague {
		return invalidf("level %q: use county or league", level)
	}
	lean, err := view(c, "lean")
	if err != nil {
		return err
	}
	lang, err := langParam(c)
	if err != nil {
		return err
	}
	snap := s.snapshot()
	res, err := s.resultAt(c, snap)
	if err != nil {
		return err
	}
	if lean {
		return s.serveCompact(c, snap, "units/lean\x00"+level+"\x00"+res.AsOf, func() any {
			out := []leanUnit{}
			for i := range res.Units {
				if r := &res.Units[i]; level == "" || r.Level == level {
					out = append(out, snap.leanUnit(r))
				}
			}
			return out
		})
	}
	return s.serveJSON(c, snap, "units\x00"+level+"\x00"+res.AsOf+"\x00"+string(lang), func() any {
		out := []unitDoc{}
		sp := words.RegionSpeech(res.Region.Region)
		for i := range res.Units {
			r := &res.Units[i]
			if level == "" || r.Level == level {
				out = append(out, snap.unitDoc(words.UnitResult(r, lang, sp)))
			}
		}
		return out
	})
}

// unit serves GET /api/units/{code}.
func (s *Server) unit(c echo.Context) error {
	lang, err := langParam(c)
	if err != nil {
		return err
	}
	snap := s.snapshot()
	code := c.Param("code")
	res, err := s.resultAt(c, snap)
	if err != nil {
		return err
	}
	r, ok := res.Unit(code)
	if !ok {
		return notFoundf("no unit with code %q", code)
	}
	sp := words.RegionSpeech(res.Region.Region)
	d := unitDetail{unitDoc: snap.unitDoc(words.UnitResult(r, lang, sp)), Facilities: snap.featureCollection(snap.facilitiesIn(code), "")}
	d.Gaps = []coverage.Gap{}
	for _, g := range res.Gaps(coverage.GapFilter{}) {
		if g.Code == code {
			d.Gaps = append(d.Gaps, g)
		}
	}
	d.Gaps = words.Gaps(d.Gaps, lang, sp)
	if r.Level == coverage.LevelLeague {
		d.Counties = snap.counties(code)
	}
	return writeJSON(c, http.StatusOK, d)
}
