package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/geo"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/paulmach/orb/geojson"
)

// Limits of POST /api/plan: what one request may ask for.
const (
	planMaxBudget = 1e9 // in the costs' unit
	planMaxYears  = 20
	planNodeLimit = 200_000
	planTimeLimit = 10 * time.Second // then the best plan found, optimal: false
	planBurst     = 20
	planRate      = 1 // per second, after the burst
)

// planRequest is the body of POST /api/plan. Years is "2026-2030" or
// [2026, 2030]; YearlyBudget one amount for every year or one per year.
type planRequest struct {
	Budget       *float64        `json:"budget"`
	Years        json.RawMessage `json:"years"`
	YearlyBudget json.RawMessage `json:"yearly_budget"`
	RadiusKm     float64         `json:"radius_km"`
	ReachKm      float64         `json:"reach_km"`
}

// planDoc is the answer: the plan (the same JSON as `kepu plan --format
// json`) and its actions as GeoJSON for the map.
type planDoc struct {
	Sample bool `json:"sample"`
	*coverage.InvestmentPlan
	Features *geojson.FeatureCollection `json:"features"`
}

// planRoutes registers POST /api/plan, rate-limited per client since each
// request runs the branch and bound.
func (s *Server) planRoutes(e *echo.Echo) {
	limit := middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: planRate, Burst: planBurst, ExpiresIn: 10 * time.Minute}),
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			return tooMany(time.Second, fmt.Sprintf("too many plans from this client: at most %d at once, then one a second", planBurst))
		},
	})
	e.POST("/api/plan", s.postPlan, limit)
}

func (s *Server) postPlan(c echo.Context) error {
	body, err := requestBody(c)
	if err != nil {
		return err
	}
	opt, err := parsePlanRequest(body)
	if err != nil {
		return err
	}
	key, err := json.Marshal(opt)
	if err != nil {
		return err
	}
	snap := s.snapshot()
	// On the worker pool, and once per world version and request: the
	// same plan asked again (the map's panel reopened) is a cached document.
	ctx := context.WithoutCancel(c.Request().Context())
	return s.serveWork(c, snap, "plan\x00"+string(key), "investment plan", echo.MIMEApplicationJSON, func(b *bytes.Buffer) error {
		p, err := coverage.PlanInvestment(ctx, snap.model, s.cfg.Rules, opt)
		if err != nil {
			return invalidf("%v", err)
		}
		return data.WriteJSON(b, planDoc{Sample: snap.world.Sample, InvestmentPlan: p, Features: planFeatures(p)})
	})
}

// parsePlanRequest reads and bounds the body: one JSON object with known
// fields only, a finite budget from 0 to planMaxBudget, at most
// planMaxYears years, radius and reach from 0 to 5000 km.
func parsePlanRequest(body []byte) (coverage.PlanOptions, error) {
	var req planRequest
	var opt coverage.PlanOptions
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return opt, invalidf("plan: the body must be a JSON object {\"budget\": amount, \"years\": \"2026-2030\", \"yearly_budget\": amount or [amounts]}: %v", err)
	}
	if dec.More() {
		return opt, invalidf("plan: the body must be one JSON object and nothing after it")
	}
	amount := func(name string, v float64) error {
		if v < 0 || v > planMaxBudget || math.IsNaN(v) || math.IsInf(v, 0) {
			return invalidf("plan: %s %v: want an amount from 0 to %.0f", name, v, float64(planMaxBudget))
		}
		return nil
	}
	if req.Budget == nil && len(req.YearlyBudget) == 0 {
		return opt, invalidf("plan: budget: required (or yearly_budget)")
	}
	if req.Budget != nil {
		if err := amount("budget", *req.Budget); err != nil {
			return opt, err
		}
		opt.Budget = *req.Budget
	}
	from, to, err := planYears(req.Years)
	if err != nil {
		return opt, err
	}
	opt.FromYear, opt.ToYear = from, to
	if len(req.YearlyBudget) > 0 {
		var one float64
		if json.Unmarshal(req.YearlyBudget, &one) == nil {
			opt.YearlyBudget = []float64{one}
		} else if err := json.Unmarshal(req.YearlyBudget, &opt.YearlyBudget); err != nil || len(opt.YearlyBudget) == 0 {
			return opt, invalidf("plan: yearly_budget: want an amount or a list of amounts, one per year")
		}
		for i, v := range opt.YearlyBudget {
			if err := amount(fmt.Sprintf("yearly_budget[%d]", i), v); err != nil {
				return opt, err
			}
		}
	}
	for _, d := range []struct {
		name string
		v    float64
	}{{"radius_km", req.RadiusKm}, {"reach_km", req.ReachKm}} {
		if d.v < 0 || d.v > 5000 || math.IsNaN(d.v) {
			return opt, invalidf("plan: %s %v: want a number of km from 0 (the default) to 5000", d.name, d.v)
		}
	}
	opt.RadiusKm, opt.ReachKm, opt.NodeLimit, opt.TimeLimit = req.RadiusKm, req.ReachKm, planNodeLimit, planTimeLimit
	return opt, nil
}

// planYears reads "FROM-TO" or [FROM, TO]; absent means 2026–2030.
func planYears(raw json.RawMessage) (int, int, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 2026, 2030, nil
	}
	var s string
	var pair []int
	var from, to int
	bad := invalidf("plan: years %s: want \"FROM-TO\" or [FROM, TO], at most %d years from 1900 to 2200", raw, planMaxYears)
	switch {
	case json.Unmarshal(raw, &s) == nil:
		a, b, ok := strings.Cut(s, "-")
		x, errA := strconv.Atoi(strings.TrimSpace(a))
		y, errB := strconv.Atoi(strings.TrimSpace(b))
		if !ok || errA != nil || errB != nil {
			return 0, 0, bad
		}
		from, to = x, y
	case json.Unmarshal(raw, &pair) == nil && len(pair) == 2:
		from, to = pair[0], pair[1]
	default:
		return 0, 0, bad
	}
	if from < 1900 || to > 2200 || from > to || to-from+1 > planMaxYears {
		return 0, 0, bad
	}
	return from, to, nil
}

// planFeatures are the actions as GeoJSON Points (kind "action", with rank,
// id, action kind, cost, year and the gaps closed) and each caravan
// station's reach circle (kind "reach").
func planFeatures(p *coverage.InvestmentPlan) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	fc.Features = []*geojson.Feature{}
	for i, a := range p.Actions {
		pt := geojson.NewFeature(pointOf(a.Lon, a.Lat))
		var closes []string
		for _, g := range a.Closes {
			closes = append(closes, g.Rule+":"+g.Code)
		}
		pt.Properties = geojson.Properties{"kind": "action", "rank": i + 1, "id": a.ID, "action": a.Kind, "county": a.County,
			"name": a.CountyName, "cost": a.Cost, "value": a.Value, "closes": closes}
		if a.Year > 0 {
			pt.Properties["year"] = a.Year
		}
		fc.Features = append(fc.Features, pt)
		if a.Kind == coverage.ActionCaravan {
			ring := geojson.NewFeature(geo.Circle(pointOf(a.Lon, a.Lat), a.ReachKm*1000, 64))
			ring.Properties = geojson.Properties{"kind": "reach", "rank": i + 1, "id": a.ID, "reach_km": a.ReachKm}
			fc.Features = append(fc.Features, ring)
		}
	}
	return fc
}
