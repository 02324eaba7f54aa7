package coverage

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// CaravanOptions configure SuggestCaravans.
type CaravanOptions struct {
	// ReachKm is each new station's reach (0: 100 km).
	ReachKm float64
	// Candidates are the possible stations (nil: the county seats).
	Candidates []Site
	// NodeLimit bounds the branch-and-bound search (0: one million nodes).
	NodeLimit int
}

// CaravanPlan is the fewest new caravan stations that make every county pass
// caravan_reach, with the proof of how good the answer is.
type CaravanPlan struct {
	ReachKm     float64   `json:"reach_km"`
	Stations    []Station `json:"stations"`
	NewStations int       `json:"new_stations"`
	// Optimal is true when no smaller set of candidates does the job.
	Optimal bool `json:"optimal"`
	// LowerBound is the fewest stations any answer needs; equal to
	// NewStations when Optimal.
	LowerBound int `json:"lower_bound"`
	// Greedy is the size of the greedy answer, for comparison.
	Greedy int `json:"greedy"`
	// Failing are the counties failing caravan_reach before the new stations.
	Failing []string `json:"failing"`
	// Uncoverable are failing counties that no candidate can reach; they
	// still fail after the plan.
	Uncoverable []string `json:"uncoverable"`
	Candidates  int      `json:"candidates"`
	Nodes       int      `json:"nodes"`
	// TimeLimited is true when the context's deadline ended the search:
	// the stations still do the job and LowerBound still holds.
	TimeLimited bool `json:"time_limited,omitempty"`
}

// Station is one proposed caravan station.
type Station struct {
	Code string  `json:"code"`
	Name string  `json:"name"`
	Lon  float64 `json:"lon"`
	Lat  float64 `json:"lat"`
	// Reaches are every county the station would reach (seat within
	// reach, or the station inside the county).
	Reaches []string `json:"reaches"`
	// Closes are the failing counties among Reaches.
	Closes []string `json:"closes"`
}

// SuggestCaravans finds the fewest new caravan stations, among the
// candidates, such that every county passes caravan_reach once each station
// counts as an open caravan with reach opt.ReachKm. Existing caravans and
// visits count as the rule says, so only the counties failing now need a
// station. A station reaches a county when the geodesic distance from it to
// the seat is at most the reach, or when it lies in the county.
func SuggestCaravans(ctx context.Context, m *Model, rs Ruleset, opt CaravanOptions) (*CaravanPlan, error) {
	if opt.ReachKm == 0 {
		opt.ReachKm = 100
	}
	if opt.ReachKm < 0 || math.IsNaN(opt.ReachKm) || math.IsInf(opt.ReachKm, 0) {
		return nil, fmt.Errorf("coverage: reach %v km must be a positive number", opt.ReachKm)
	}
	if opt.Candidates == nil {
		opt.Candidates = m.SeatSites()
	}
	if err := checkSites(opt.Candidates); err != nil {
		return nil, err
	}
	if opt.NodeLimit <= 0 {
		opt.NodeLimit = 1_000_000
	}
	res := m.Evaluate(rs)
	plan := &CaravanPlan{ReachKm: opt.ReachKm, Candidates: len(opt.Candidates), Stations: []Station{},
		Failing: []string{}, Uncoverable: []string{}}
	elem := map[string]int{}
	for _, ci := range m.Counties {
		code := m.World.Units[ci].Code
		if ur, ok := res.Unit(code); ok && !ur.Rules[RuleCaravanReach].Pass {
			elem[code] = len(plan.Failing)
			plan.Failing = append(plan.Failing, code)
		}
	}
	reaches := m.reaches(opt.Candidates, opt.ReachKm)
	sets := make([][]int, len(reaches))
	covered := make([]bool, len(plan.Failing))
	for j, codes := range reaches {
		for _, c := range codes {
			if e, ok := elem[c]; ok {
				sets[j] = append(sets[j], e)
				covered[e] = true
			}
		}
	}
	// The universe is the coverable failing counties, renumbered.
	renum := make([]int, len(plan.Failing))
	n := 0
	for e, ok := range covered {
		renum[e] = -1
		if ok {
			renum[e] = n
			n++
		} else {
			plan.Uncoverable = append(plan.Uncoverable, plan.Failing[e])
		}
	}
	for j := range sets {
		for k, e := range sets[j] {
			sets[j][k] = renum[e]
		}
	}
	sol := solveSetCover(ctx, n, sets, opt.NodeLimit)
	plan.Optimal, plan.LowerBound, plan.Greedy, plan.Nodes = sol.Optimal, sol.LowerBound, sol.Greedy, sol.Nodes
	for _, j := range sol.Picks {
		c := opt.Candidates[j]
		st := Station{Code: c.Code, Name: c.Name, Lon: c.Point[0], Lat: c.Point[1], Reaches: reaches[j], Closes: []string{}}
		for _, code := range reaches[j] {
			if _, ok := elem[code]; ok {
				st.Closes = append(st.Closes, code)
			}
		}
		plan.Stations = append(plan.Stations, st)
	}
	plan.NewStations = len(plan.Stations)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		plan.TimeLimited = true
		return plan, nil
	}
	return plan, ctx.Err()
}

// reaches lists, for each site, the counties it reaches within km: those
// whose seat is within km (geodesic, inclusive) and the one it lies in.
func (m *Model) reaches(sites []Site, km float64) [][]string {
	var seats []orb.Point
	var codes []string
	for _, ci := range m.Counties {
		if u := &m.World.Units[ci]; u.HasSeat {
			seats = append(seats, u.Seat)
			codes = append(codes, u.Code)
		}
	}
	idx := geo.NewPoints(seats)
	out := make([][]string, len(sites))
	for j, s := range sites {
		in := map[string]bool{}
		if c := m.Locate(s.Point); c != "" {
			in[c] = true
		}
		idx.Near(s.Point, km*1000, func(i int) bool {
			in[codes[i]] = true
			return true
		})
		out[j] = sortedKeys(in)
	}
	return out
}
