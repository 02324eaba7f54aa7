package coverage

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// VenueOptions configure SuggestVenues.
type VenueOptions struct {
	K        int     // new venues to place (0: 1)
	RadiusKm float64 // service radius (0: 50 km)
	// Candidates are the possible sites (nil: the county seats).
	Candidates []Site
	// Demand is the population to serve (nil: each county's at its seat).
	Demand []DemandPoint
	// ExactBudget bounds the branch and bound, in demand entries scanned
	// (0: 50 million; negative: no branch and bound).
	ExactBudget int64
}

// VenuePlan is the k new venue sites that bring the most population within
// the radius of an open venue that meets venue_1000's floor area.
type VenuePlan struct {
	K        int         `json:"k"`
	RadiusKm float64     `json:"radius_km"`
	MinM2    float64     `json:"min_floor_area_m2"`
	Sites    []VenueSite `json:"sites"`
	// CoveredPopulation is the demand within the radius of a compliant
	// venue once the sites are built; BaselineCovered before.
	CoveredPopulation      float64 `json:"covered_population"`
	BaselineCovered        float64 `json:"baseline_covered_population"`
	NewlyCoveredPopulation float64 `json:"newly_covered_population"`
	TotalPopulation        float64 `json:"total_population"`
	// Optimal is true when no k candidates cover more; UpperBound bounds
	// the newly covered population any k candidates can reach.
	Optimal bool `json:"optimal"`
	// TimeLimited is true when the context's deadline ended the search:
	// the sites are the best found and UpperBound still holds.
	TimeLimited bool    `json:"time_limited,omitempty"`
	UpperBound  float64 `json:"upper_bound"`
	// Greedy is what plain greedy newly covers, for comparison.
	Greedy     float64 `json:"greedy"`
	Method     string  `json:"method"`
	Candidates int     `json:"candidates"`
	Demand     int     `json:"demand_points"`
}

// VenueSite is one proposed venue and the population it newly brings within
// the radius, after the sites listed before it.
type VenueSite struct {
	Code string  `json:"code"`
	Name string  `json:"name"`
	Lon  float64 `json:"lon"`
	Lat  float64 `json:"lat"`
	Gain float64 `json:"gain"`
	// Covers are the demand points (county codes for seat demand) the site
	// newly covers, when the demand has codes.
	Covers []string `json:"covers,omitempty"`
}

// SuggestVenues places opt.K new venues among the candidates so that the
// most demand comes within opt.RadiusKm (geodesic, inclusive) of an open
// venue of at least rs.Venue1000.MinFloorAreaM2; demand already that close
// to one counts as covered and gains nothing.
func SuggestVenues(ctx context.Context, m *Model, rs Ruleset, opt VenueOptions) (*VenuePlan, error) {
	if opt.K == 0 {
		opt.K = 1
	}
	if opt.RadiusKm == 0 {
		opt.RadiusKm = 50
	}
	if opt.K < 0 {
		return nil, fmt.Errorf("coverage: k %d must be 1 or more", opt.K)
	}
	if opt.RadiusKm < 0 || math.IsNaN(opt.RadiusKm) || math.IsInf(opt.RadiusKm, 0) {
		return nil, fmt.Errorf("coverage: radius %v km must be a positive number", opt.RadiusKm)
	}
	if opt.ExactBudget == 0 {
		opt.ExactBudget = 50_000_000
	}
	if opt.Candidates == nil {
		opt.Candidates = m.SeatSites()
	}
	if opt.Demand == nil {
		opt.Demand = m.SeatDemand()
	}
	if err := checkSites(opt.Candidates); err != nil {
		return nil, err
	}
	if err := checkDemand(opt.Demand); err != nil {
		return nil, err
	}
	metres := opt.RadiusKm * 1000
	plan := &VenuePlan{K: opt.K, RadiusKm: opt.RadiusKm, MinM2: rs.Venue1000.MinFloorAreaM2, Sites: []VenueSite{},
		Candidates: len(opt.Candidates), Demand: len(opt.Demand)}
	covered := m.coveredByVenues(opt.Demand, rs.Venue1000.MinFloorAreaM2, metres, rs.AsOfDate())
	var open []int // demand indices not yet covered
	var pts []orb.Point
	for i, d := range opt.Demand {
		plan.TotalPopulation += d.Weight
		if covered[i] {
			plan.BaselineCovered += d.Weight
		} else {
			open = append(open, i)
			pts = append(pts, d.Point)
		}
	}
	mc := &maxCover{w: make([]float64, len(open)), lists: coverLists(opt.Candidates, geo.NewPoints(pts), metres)}
	for k, i := range open {
		mc.w[k] = opt.Demand[i].Weight
	}
	sol := mc.solve(ctx, opt.K, maxCoverOptions{ExactBudget: max(opt.ExactBudget, 0)})
	timeLimited := errors.Is(ctx.Err(), context.DeadlineExceeded)
	if err := ctx.Err(); err != nil && !timeLimited {
		return nil, err
	}
	cnt := make([]int32, len(open))
	for n, j := range sol.Picks {
		c := opt.Candidates[j]
		s := VenueSite{Code: c.Code, Name: c.Name, Lon: c.Point[0], Lat: c.Point[1], Gain: sol.Gains[n]}
		for _, i := range mc.lists[j] {
			if cnt[i] == 0 && opt.Demand[open[i]].Code != "" {
				s.Covers = append(s.Covers, opt.Demand[open[i]].Code)
			}
			cnt[i]++
		}
		plan.Sites = append(plan.Sites, s)
	}
	plan.NewlyCoveredPopulation = sol.Value
	plan.CoveredPopulation = plan.BaselineCovered + sol.Value
	plan.Optimal, plan.UpperBound, plan.Greedy = sol.Optimal, sol.UpperBound, sol.Greedy
	plan.TimeLimited = timeLimited
	plan.Method = "greedy+swap"
	if sol.Exact {
		plan.Method = "greedy+swap+branch-and-bound"
	}
	return plan, nil
}

// coveredByVenues marks the demand within metres of a venue (located in the
// region) of at least minM2 that counts on day asOf.
func (m *Model) coveredByVenues(demand []DemandPoint, minM2, metres float64, asOf string) []bool {
	pts := make([]orb.Point, len(demand))
	for i, d := range demand {
		pts[i] = d.Point
	}
	idx := geo.NewPoints(pts)
	covered := make([]bool, len(demand))
	for i := range m.World.Facilities {
		f := &m.World.Facilities[i]
		if f.Category != CategoryVenue || !f.CountsAsOf(asOf) || f.FloorArea < minM2 || m.FacilityCounty[i] == "" {
			continue
		}
		idx.Near(f.Point, metres, func(k int) bool {
			covered[k] = true
			return true
		})
	}
	return covered
}

// coverLists builds, once, the sparse list of demand points within metres
// of each candidate, spreading the radius queries over the CPUs.
func coverLists(cands []Site, demand *geo.Points, metres float64) [][]int32 {
	lists := make([][]int32, len(cands))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for j := w; j < len(cands); j += workers {
				var l []int32
				demand.Near(cands[j].Point, metres, func(i int) bool {
					l = append(l, int32(i))
					return true
				})
				lists[j] = l
			}
		}(w)
	}
	wg.Wait()
	return lists
}
