package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
	"github.com/kepu/kepu/geo"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"golang.org/x/time/rate"
)

// scenarioDoc is the answer of POST /api/scenarios and GET /api/scenarios/{id}:
// the scenario's check document, what changed, the proposed facilities,
// and the input as posted.
type scenarioDoc struct {
	ID      string `json:"id"`
	Created string `json:"created"` // RFC 3339, UTC
	// Author names the write token the scenario was posted with; empty
	// for a scenario posted without one, which nobody can delete.
	Author string `json:"author,omitempty"`
	*coverage.ScenarioResult
	// Features are the proposed facilities as GeoJSON Points (proposed: true).
	Features *geojson.FeatureCollection `json:"features"`
	// Input is the body that was posted, and InputCRS its crs parameter.
	Input    json.RawMessage `json:"input"`
	InputCRS string          `json:"input_crs,omitempty"`
}

// scenarioSummary is one entry of GET /api/scenarios: the scenario and the
// rules whose outcome or passing count it changes.
type scenarioSummary struct {
	ID           string                `json:"id"`
	Name         string                `json:"name"`
	Created      string                `json:"created"`
	Author       string                `json:"author,omitempty"`
	Rules        []coverage.RuleChange `json:"rules"`
	UnitsFlipped int                   `json:"units_flipped"`
	Added        int                   `json:"added"`
	Removed      int                   `json:"removed"`
}

func (d *scenarioDoc) summary() scenarioSummary {
	return scenarioSummary{ID: d.ID, Name: d.Name, Created: d.Created, Author: d.Author, Rules: d.Changes.Rules,
		UnitsFlipped: len(d.Changes.Units), Added: len(d.Added), Removed: len(d.ScenarioResult.Removed)}
}

// Scenario posts allowed per client: a burst, then a steady rate per second.
const (
	scenarioBurst = 30
	scenarioRate  = rate.Limit(0.5)
)

// scenarioRoutes registers the planning routes: what-if scenarios and site
// suggestions. Scenarios are evaluated against the world current when
// posted and kept in cfg.Scenarios, else in memory.
func (s *Server) scenarioRoutes(e *echo.Echo) {
	st := s.cfg.Scenarios
	if st == nil {
		st = newMemScenarios(1000)
	}
	// Anyone may post a scenario (the map does, without a token), and each
	// is evaluated and kept: a per-client rate limit keeps one client from
	// filling the store or the CPU.
	limit := middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: scenarioRate, Burst: scenarioBurst, ExpiresIn: 10 * time.Minute}),
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			return tooMany(time.Duration(float64(time.Second)/float64(scenarioRate)),
				fmt.Sprintf("too many scenarios from this client: at most %d at once, then one every %.0f s", scenarioBurst, 1/float64(scenarioRate)))
		},
	})
	e.POST("/api/scenarios", func(c echo.Context) error { return s.postScenario(c, st) }, limit)
	e.GET("/api/scenarios", func(c echo.Context) error { return listScenarios(c, st) })
	e.GET("/api/scenarios/:id", func(c echo.Context) error { return getScenario(c, st) })
	e.DELETE("/api/scenarios/:id", func(c echo.Context) error { return s.deleteScenario(c, st) })
	e.GET("/api/suggestions/caravans", s.suggestCaravans)
	e.GET("/api/suggestions/venues", s.suggestVenues)
}

// getScenario serves GET /api/scenarios/{id}: the document POST answered.
func getScenario(c echo.Context, st ScenarioStore) error {
	body, err := st.ScenarioBody(c.Request().Context(), c.Param("id"))
	if coverage.ErrorCode(err) == coverage.ENOTFOUND {
		return notFoundf("scenario %q: no such scenario", c.Param("id"))
	}
	if err != nil {
		return fmt.Errorf("reading scenario %q: %w", c.Param("id"), err)
	}
	return writeJSON(c, http.StatusOK, body)
}

// listScenarios serves GET /api/scenarios: {"scenarios": [summary, ...]},
// newest first.
func listScenarios(c echo.Context, st ScenarioStore) error {
	list, err := st.ScenarioSummaries(c.Request().Context())
	if err != nil {
		return fmt.Errorf("listing scenarios: %w", err)
	}
	if list == nil {
		list = []json.RawMessage{}
	}
	return writeJSON(c, http.StatusOK, struct {
		Scenarios []json.RawMessage `json:"scenarios"`
	}{list})
}

func (s *Server) postScenario(c echo.Context, st ScenarioStore) error {
	lang, err := langParam(c)
	if err != nil {
		return err
	}
	author, err := s.scenarioAuthor(c)
	if err != nil {
		return err
	}
	snap := s.snapshot()
	input, err := requestBody(c)
	if err != nil {
		return err
	}
	sc, err := data.ReadScenarioFor("request", bytes.NewReader(input), snap.world, data.Options{CRS: c.QueryParam("crs")})
	if inv := (*data.InvalidError)(nil); errors.As(err, &inv) {
		inv.Summary = words.Sayf(lang, "invalid scenario: %d problem(s)", len(inv.Problems))
		return inv
	} else if err != nil {
		return invalidf("%v", err)
	}
	var res *coverage.ScenarioResult
	err = s.work.do(c.Request().Context(), "scenario", func() (err error) {
		// The snapshot's model and result are the baseline: only the scenario is evaluated.
		res, err = snap.model.EvaluateScenario(snap.result, s.cfg.Rules, sc)
		return err
	})
	if err != nil {
		return err
	}
	id, err := newScenarioID()
	if err != nil {
		return err
	}
	doc := &scenarioDoc{ID: id, Created: time.Now().UTC().Format(time.RFC3339), Author: author, ScenarioResult: words.Scenario(res, lang),
		Features: proposedFeatures(snap.model, res.Added), Input: compact(input), InputCRS: c.QueryParam("crs")}
	if err := saveScenario(c.Request().Context(), st, doc); err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/scenarios/"+id)
	return writeJSON(c, http.StatusCreated, doc)
}

// saveScenario keeps doc and its summary in st.
func saveScenario(ctx context.Context, st ScenarioStore, doc *scenarioDoc) error {
	body, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("encoding scenario %s: %w", doc.ID, err)
	}
	summary, err := json.Marshal(doc.summary())
	if err != nil {
		return fmt.Errorf("encoding scenario %s: %w", doc.ID, err)
	}
	who := doc.Author
	if who == "" {
		who = "api"
	}
	if err := st.SaveScenario(ctx, who, doc.ID, doc.Name, summary, body); err != nil {
		return fmt.Errorf("saving scenario %s: %w", doc.ID, err)
	}
	return nil
}

// compact is b without insignificant space (b is valid JSON).
func compact(b []byte) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return json.RawMessage(b)
	}
	return buf.Bytes()
}

func newScenarioID() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// proposedFeatures are the scenario's added facilities as GeoJSON
// (facilityFeature, placed on the baseline's counties) with proposed: true.
func proposedFeatures(m *coverage.Model, fs []coverage.Facility) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	fc.Features = []*geojson.Feature{}
	for _, f := range fs {
		feat := facilityFeature(f, m.CountyOf(&f))
		feat.Properties["proposed"] = true
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
	if err != nil || !(f > 0 && f <= 5000) { // written so that NaN fails too
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
	rs, err := s.rules(c)
	if err != nil {
		return err
	}
	ctx := context.WithoutCancel(c.Request().Context())
	key := "suggest/caravans\x00" + strconv.FormatFloat(km, 'g', -1, 64) + "\x00" + rs.AsOfDate()
	return s.serveWork(c, snap, key, "caravan suggestion", echo.MIMEApplicationJSON, func(b *bytes.Buffer) error {
		plan, err := coverage.SuggestCaravans(ctx, snap.model, rs, coverage.CaravanOptions{ReachKm: km})
		if err != nil {
			return err
		}
		return data.WriteJSON(b, caravanDoc(plan))
	})
}

// caravanDoc is a caravan plan with its features for the map.
func caravanDoc(plan *coverage.CaravanPlan) any {
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
	return struct {
		*coverage.CaravanPlan
		Features *geojson.FeatureCollection `json:"features"`
	}{plan, fc}
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
	rs, err := s.rules(c)
	if err != nil {
		return err
	}
	ctx := context.WithoutCancel(c.Request().Context())
	key := "suggest/venues\x00" + strconv.Itoa(k) + "\x00" + strconv.FormatFloat(km, 'g', -1, 64) + "\x00" + rs.AsOfDate()
	return s.serveWork(c, snap, key, "venue suggestion", echo.MIMEApplicationJSON, func(b *bytes.Buffer) error {
		plan, err := coverage.SuggestVenues(ctx, snap.model, rs, coverage.VenueOptions{K: k, RadiusKm: km})
		if err != nil {
			return err
		}
		return data.WriteJSON(b, venueDoc(plan))
	})
}

// venueDoc is a venue plan with its features for the map.
func venueDoc(plan *coverage.VenuePlan) any {
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
	return struct {
		*coverage.VenuePlan
		Features *geojson.FeatureCollection `json:"features"`
	}{plan, fc}
}

func pointOf(lon, lat float64) orb.Point { return orb.Point{lon, lat} }
