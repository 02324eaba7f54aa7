package web

import (
	"net/http"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// facilities serves GET /api/facilities?category=&unit= as a GeoJSON
// FeatureCollection; unit is a county or league code.
func (s *Server) facilities(c echo.Context) error {
	snap := s.snapshot()
	category, code := c.QueryParam("category"), c.QueryParam("unit")
	var idx []int
	if code != "" {
		u, ok := snap.model.Unit(code)
		if !ok || (u.Level != coverage.LevelCounty && u.Level != coverage.LevelLeague) {
			return invalidf("unit %q: no such county or league", code)
		}
		idx = snap.facilitiesIn(code)
	} else {
		idx = make([]int, len(snap.world.Facilities))
		for i := range idx {
			idx[i] = i
		}
	}
	return writeJSON(c, http.StatusOK, snap.featureCollection(idx, category))
}

// featureCollection turns the facilities at idx (of category, when not
// empty) into GeoJSON: every property as read, the known fields as
// normalised, and located_county, the county that covers the point.
func (snap *snapshot) featureCollection(idx []int, category string) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	fc.Features = []*geojson.Feature{}
	for _, i := range idx {
		f := &snap.world.Facilities[i]
		if category != "" && f.Category != category {
			continue
		}
		feat := data.FacilityFeature(*f)
		p := feat.Properties
		if c := snap.model.FacilityCounty[i]; c != "" {
			p["located_county"] = c
		} else {
			p["located_county"] = nil
		}
		feat.Properties = p
		fc.Features = append(fc.Features, feat)
	}
	return fc
}
