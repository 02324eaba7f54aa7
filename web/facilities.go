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
// empty) into GeoJSON (facilityFeature).
func (snap *snapshot) featureCollection(idx []int, category string) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	fc.Features = []*geojson.Feature{}
	for _, i := range idx {
		f := &snap.world.Facilities[i]
		if category != "" && f.Category != category {
			continue
		}
		fc.Features = append(fc.Features, facilityFeature(*f, snap.model.FacilityCounty[i]))
	}
	return fc
}

// facilityFeature is a facility as the API shows it everywhere — GET
// /api/facilities, the answer to a write, a scenario's proposals: the
// record as data.FacilityFeature encodes it (and the stores keep it), and
// located_county, the county that counts it (null when none does).
func facilityFeature(f coverage.Facility, located string) *geojson.Feature {
	feat := data.FacilityFeature(f)
	if located != "" {
		feat.Properties["located_county"] = located
	} else {
		feat.Properties["located_county"] = nil
	}
	return feat
}
