package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/geo"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// scenarioStore keeps evaluated scenarios in memory by generated id, the
// oldest dropped beyond max.
type scenarioStore struct {
	mu    sync.Mutex
	byID  map[string]*scenarioDoc
	order []string
	max   int
}

// scenarioDoc is the answer of POST /api/scenarios and GET /api/scenarios/{id}:
// the scenario's check document, what changed, and the proposed facilities.
type scenarioDoc struct {
	ID string `json:"id"`
	*coverage.ScenarioResult
	// Features are the proposed facilities as GeoJSON Points (proposed: true).
	Features *geojson.FeatureCollection `json:"features"`
}

func (st *scenarioStore) put(doc *scenarioDoc) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.byID[doc.ID] = doc
	st.order = append(st.order, doc.ID)
	for len(st.order) > st.max {
		delete(st.byID, st.order[0])
		st.order = st.order[1:]
	}
}

func (st *scenarioStore) get(id string) (*scenarioDoc, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	d, ok := st.byID[id]
	return d, ok
}

// scenarioRoutes registers the planning routes: what-if scenarios and site
// suggestions. Scenarios are evaluated against the world current when posted.
func (s *Server) scenarioRoutes(e *echo.Echo) {
	st := &scenarioStore{byID: map[string]*scenarioDoc{}, max: 1000}
	e.POST("/api/scenarios", func(c echo.Context) error { return s.postScenario(c, st) })
	e.GET("/api/scenarios/:id", func(c echo.Context) error {
		d, ok := st.get(c.Param("id"))
		if !ok {
			return notFoundf("scenario %q: no such scenario (they live in memory until the server restarts)", c.Param("id"))
		}
		return writeJSON(c, http.StatusOK, d)
	})
	e.GET("/api/suggestions/caravans", s.suggestCaravans)
	e.GET("/api/suggestions/venues", s.suggestVenues)
}

// scenarioProblems is a 400 answer that lists every problem.
type scenarioProblems struct {
	Error    string         `json:"error"`
	Problems []data.Problem `json:"problems"`
}

func (s *Server) postScenario(c echo.Context, st *scenarioStore) error {
	snap := s.snapshot()
	sc, ps, err := data.ReadScenario("request", c.Request().Body, data.Options{CRS: c.QueryParam("crs")})
	if err != nil {
		return invalidf("%v", err)
	}
	if data.HasErrors(ps) {
		for _, p := range sc.Check(snap.world) {
			ps = append(ps, data.Problem{File: "request", Reason: p})
		}
	}
	var problems []data.Problem
	for _, p := range ps {
		if !p.Warning {
			problems = append(problems, p)
		}
	}
	var res *coverage.ScenarioResult
	if len(problems) == 0 {
		res, err = coverage.EvaluateScenario(snap.world, s.cfg.Rules, sc)
		var se *coverage.ScenarioError
		if errors.As(err, &se) {
			for _, p := range se.Problems {
				problems = append(problems, data.Problem{File: "request", Reason: p})
			}
		} else if err != nil {
			return err
		}
	}
	if len(problems) > 0 {
		return c.JSON(http.StatusBadRequest, scenarioProblems{Error: fmt.Sprintf("invalid scenario: %d problem(s)", len(problems)), Problems: problems})
	}
	id, err := newScenarioID()
	if err != nil {
		return err
	}
	doc := &scenarioDoc{ID: id, ScenarioResult: res, Features: proposedFeatures(res.Added)}
	st.put(doc)
	c.Response().Header().Set("Location", "/api/scenarios/"+id)
	return writeJSON(c, http.StatusCreated, doc)
}

func newScenarioID() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// proposedFeatures are the scenario's added facilities as GeoJSON.
func proposedFeatures(fs []coverage.Facility) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	fc.Features = []*geojson.Feature{}
	for _, f := range fs {
		feat := geojson.NewFeature(f.Point)
		feat.ID = f.ID
		p := geojson.Properties{}
		for k, v := range f.Props {
			p[k] = v
		}
		p["id"], p["name"], p["category"], p["status"], p["proposed"] = f.ID, f.Name, f.Category, f.Status, true
		if f.FloorArea > 0 {
			p["floor_area_m2"] = f.FloorArea
		}
		if f.ReachKm > 0 {
			p["reach_km"] = f.ReachKm
		}
		feat.Properties = p
		fc.Features = append(fc.Features, feat)
	}
	return fc
}

// floatParam reads an optional positive number query parameter.
func floatParam(c echo.Context, name string, def float64) (float64, error) {
	v := c.QueryParam(name)
	if v == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 || f > 5000 {
		return 0, invalidf("%s=%q: want a number of km above 0 and at most 5000", name, v)
	}
	return f, nil
}

// suggestCaravans serves GET /api/suggestions/caravans?reach_km=: the same
// JSON as `kepu suggest caravans --format json`, plus features: a Point per
// station and its reach circle (geometry Polygon, kind "reach").
func (s *Server) suggestCaravans(c echo.Context) error {
	km, err := floatParam(c, "reach_km", 100)
	if err != nil {
		return err
	}
	snap := s.snapshot()
	plan, err := coverage.SuggestCaravans(c.Request().Context(), snap.model, s.cfg.Rules, coverage.CaravanOptions{ReachKm: km})
	if err != nil {
		return err
	}
	fc := geojson.NewFeatureCollection()
	fc.Features = []*geojson.Feature{}
	for _, st := range plan.Stations {
		pt := geojson.NewFeature(pointOf(st.Lon, st.Lat))
		pt.Properties = geojson.Properties{"kind": "station", "code": st.Code, "name": st.Name, "reach_km": plan.ReachKm,
			"reaches": st.Reaches, "closes": st.Closes}
		ring := geojson.NewFeature(geo.Circle(pointOf(st.Lon, st.Lat), plan.ReachKm*1000, 64))
		ring.Properties = geojson.Properties{"kind": "reach", "code": st.Code, "name": st.Name, "reach_km": plan.ReachKm}
		fc.Features = append(fc.Features, pt, ring)
	}
	return writeJSON(c, http.StatusOK, struct {
		*coverage.CaravanPlan
		Features *geojson.FeatureCollection `json:"features"`
	}{plan, fc})
}

// suggestVenues serves GET /api/suggestions/venues?k=&radius_km=: the same
// JSON as `kepu suggest venues --format json`, plus features: a Point per
// site (kind "site", rank, gain) and its service circle (kind "radius").
func (s *Server) suggestVenues(c echo.Context) error {
	km, err := floatParam(c, "radius_km", 50)
	if err != nil {
		return err
	}
	k := 1
	if v := c.QueryParam("k"); v != "" {
		if k, err = strconv.Atoi(v); err != nil || k < 1 || k > 50 {
			return invalidf("k=%q: want a whole number from 1 to 50", v)
		}
	}
	snap := s.snapshot()
	plan, err := coverage.SuggestVenues(c.Request().Context(), snap.model, s.cfg.Rules, coverage.VenueOptions{K: k, RadiusKm: km})
	if err != nil {
		return err
	}
	fc := geojson.NewFeatureCollection()
	fc.Features = []*geojson.Feature{}
	for i, st := range plan.Sites {
		pt := geojson.NewFeature(pointOf(st.Lon, st.Lat))
		pt.Properties = geojson.Properties{"kind": "site", "rank": i + 1, "code": st.Code, "name": st.Name, "gain": st.Gain,
			"covers": st.Covers, "radius_km": plan.RadiusKm}
		ring := geojson.NewFeature(geo.Circle(pointOf(st.Lon, st.Lat), plan.RadiusKm*1000, 64))
		ring.Properties = geojson.Properties{"kind": "radius", "rank": i + 1, "code": st.Code, "radius_km": plan.RadiusKm}
		fc.Features = append(fc.Features, pt, ring)
	}
	return writeJSON(c, http.StatusOK, struct {
		*coverage.VenuePlan
		Features *geojson.FeatureCollection `json:"features"`
	}{plan, fc})
}

func pointOf(lon, lat float64) orb.Point { return orb.Point{lon, lat} }
