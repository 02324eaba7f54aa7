package coverage

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"
)

// Investment plan action kinds.
const (
	ActionExpandVenue  = "expand_venue"         // add floor area to a venue so its county passes venue_1000
	ActionBuildVenue   = "build_venue"          // a new venue at the best site of a failing county
	ActionCaravan      = "caravan_station"      // a new caravan station
	ActionExpandMuseum = "expand_league_museum" // raise a league's comprehensive venue to its 建标101-2007 size
	ActionBuildMuseum  = "build_league_museum"  // a new comprehensive venue of that size
)

// PlanOptions configure PlanInvestment.
type PlanOptions struct {
	// Budget is the money for the whole plan, in the costs' unit. With
	// YearlyBudget as well the smaller of Budget and their sum applies; 0
	// means their sum.
	Budget float64
	// FromYear and ToYear are the plan's years (0: 2026 and 2030).
	FromYear, ToYear int
	// YearlyBudget phases the plan: one amount for every year, or one per
	// year from FromYear. Unspent money carries over to the next year.
	YearlyBudget []float64
	// RadiusKm is a venue's service radius for the population it serves
	// and for choosing its site (0: 50 km); ReachKm a new caravan
	// station's reach (0: the caravan_reach default).
	RadiusKm, ReachKm float64
	// Candidates are sites for new venues and stations besides the county
	// seats (towns, say); Demand is the population to serve (nil: each
	// county's at its seat).
	Candidates []Site
	Demand     []DemandPoint
	// NodeLimit bounds the branch and bound (0: 200,000 nodes); when it
	// stops early the plan says optimal: false and gives the bound.
	NodeLimit int
	// TimeLimit bounds it in time as well (0: none); stopped by either,
	// the plan is the best found, with optimal: false and the bound.
	TimeLimit time.Duration
}

// InvestmentPlan is the set of actions that closes the most
// priority-weighted gaps within the budget, with the proof of how good it is.
type InvestmentPlan struct {
	Budget       float64   `json:"budget"`
	YearlyBudget []float64 `json:"yearly_budget,omitempty"`
	FromYear     int       `json:"from_year"`
	ToYear       int       `json:"to_year"`
	Unit         string    `json:"unit"`
	// CostsPlaceholder is true while the costs are kepu's placeholders,
	// not figures the user set in the rules file.
	CostsPlaceholder bool    `json:"costs_placeholder"`
	Costs            Costs   `json:"costs"`
	RadiusKm         float64 `json:"radius_km"`
	ReachKm          float64 `json:"reach_km"`

	Actions []PlanAction `json:"actions"`
	Spent   float64      `json:"spent"`
	// Value is the priority of the gaps the actions close; TotalValue that
	// of every gap some action could close.
	Value      float64 `json:"value"`
	TotalValue float64 `json:"total_value"`
	GapsClosed int     `json:"gaps_closed"`
	// Optimal is true when no set of actions within the budget closes more
	// (ties go to the cheaper set); UpperBound bounds what any set closes.
	Optimal    bool    `json:"optimal"`
	UpperBound float64 `json:"upper_bound"`
	Greedy     float64 `json:"greedy"`
	Nodes      int     `json:"nodes"`
	Method     string  `json:"method"`
	// CandidateActions counts the actions the solver chose among.
	CandidateActions int `json:"candidate_actions"`
	// Open are the gaps an action could close that the plan leaves open;
	// Unreachable those no action closes (no site, no seat).
	Open        []PlanGap  `json:"open"`
	Unreachable []PlanGap  `json:"unreachable"`
	Phases      []PlanYear `json:"phases,omitempty"`
}

// PlanGap names a gap an action closes.
type PlanGap struct {
	Rule     string  `json:"rule"`
	Code     string  `json:"code"`
	Name     string  `json:"name"`
	Priority float64 `json:"priority"`
}

// PlanAction is one funded (or candidate) action.
type PlanAction struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	// County is where the action takes place, League its league.
	County     string `json:"county"`
	CountyName string `json:"county_name"`
	League     string `json:"league"`
	// Site names the chosen point (a seat's county code or a candidate's id).
	Site     string  `json:"site"`
	SiteName string  `json:"site_name"`
	Lon      float64 `json:"lon"`
	Lat      float64 `json:"lat"`
	// Facility is the venue expanded (expand actions).
	Facility     string  `json:"facility,omitempty"`
	FacilityName string  `json:"facility_name,omitempty"`
	FromM2       float64 `json:"from_m2,omitempty"`
	AddM2        float64 `json:"add_m2,omitempty"`
	ToM2         float64 `json:"to_m2,omitempty"`
	// Comprehensive marks a league museum.
	Comprehensive bool    `json:"comprehensive,omitempty"`
	ReachKm       float64 `json:"reach_km,omitempty"`
	Cost          float64 `json:"cost"`
	Year          int     `json:"year,omitempty"`
	// Closes are the gaps the action closes; Value the priority of those
	// not closed by an action of more value (in a phased plan, actions are
	// listed by year, then by value).
	Closes []PlanGap `json:"closes"`
	Value  float64   `json:"value"`
	// PopulationServed is the demand within the venue's radius, or the
	// population of the counties a station reaches.
	PopulationServed float64 `json:"population_served"`
}

// PlanYear is one year of a phased plan: its budget (with what earlier
// years left), what it spends (caravans' running costs included) and the
// actions it starts.
type PlanYear struct {
	Year      int      `json:"year"`
	Budget    float64  `json:"budget"`
	Available float64  `json:"available"`
	Spent     float64  `json:"spent"`
	Actions   []string `json:"actions"`
}

// PlanInvestment chooses, among the actions that close gaps of venue_1000,
// caravan_reach and league_museum, the set that maximises the priority of
// the gaps closed within the budget, by branch and bound over the actions
// (a 0/1 knapsack whose items share gaps), then phases it by year when
// opt.YearlyBudget is given.
func PlanInvestment(ctx context.Context, m *Model, rs Ruleset, opt PlanOptions) (*InvestmentPlan, error) {
	if err := opt.normalise(rs); err != nil {
		return nil, err
	}
	res := m.Evaluate(rs)
	pb, err := newPlanBuilder(m, res, rs, opt)
	if err != nil {
		return nil, err
	}
	acts := pb.actions()
	plan := &InvestmentPlan{Budget: opt.Budget, YearlyBudget: opt.YearlyBudget, FromYear: opt.FromYear, ToYear: opt.ToYear,
		Unit: rs.Costs.Unit, CostsPlaceholder: rs.Costs.Placeholder, Costs: rs.Costs, RadiusKm: opt.RadiusKm, ReachKm: opt.ReachKm,
		Actions: []PlanAction{}, Open: []PlanGap{}, Unreachable: []PlanGap{}, CandidateActions: len(acts)}
	bc := &budgetCover{w: make([]float64, len(pb.gaps)), cost: make([]float64, len(acts)), lists: make([][]int32, len(acts)), budget: opt.Budget}
	for i, g := range pb.gaps {
		bc.w[i] = g.Priority
	}
	reachable := make([]bool, len(pb.gaps))
	for j, a := range acts {
		bc.cost[j] = a.Cost
		for _, g := range a.Closes {
			k := pb.gapIndex[g.Rule+"/"+g.Code]
			bc.lists[j] = append(bc.lists[j], int32(k))
			reachable[k] = true
		}
	}
	for k, ok := range reachable {
		if ok {
			plan.TotalValue += pb.gaps[k].Priority
		}
	}
	var deadline time.Time
	if opt.TimeLimit > 0 {
		deadline = time.Now().Add(opt.TimeLimit)
	}
	plan.TotalValue = round(plan.TotalValue, 4)
	sol := bc.solve(ctx, opt.NodeLimit, deadline)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	plan.Optimal, plan.UpperBound, plan.Greedy, plan.Nodes = sol.Optimal, round(sol.UpperBound, 4), round(sol.Greedy, 4), sol.Nodes
	plan.Method = "greedy+branch-and-bound"
	closed := make([]bool, len(pb.gaps))
	for _, j := range bc.order(sol.Picks) {
		a := acts[j]
		a.Value = 0
		for _, k := range bc.lists[j] {
			if !closed[k] {
				closed[k] = true
				a.Value += pb.gaps[k].Priority
				plan.GapsClosed++
			}
		}
		a.Value = round(a.Value, 4)
		plan.Actions = append(plan.Actions, a)
	}
	for k, g := range pb.gaps {
		switch {
		case !reachable[k]:
			plan.Unreachable = append(plan.Unreachable, g)
		case !closed[k]:
			plan.Open = append(plan.Open, g)
		}
	}
	if len(opt.YearlyBudget) > 0 {
		plan.Phases = phase(plan.Actions, opt, rs.Costs)
	}
	for _, a := range plan.Actions {
		plan.Spent += a.Cost
		plan.Value += a.Value
	}
	plan.Spent, plan.Value = round(plan.Spent, 4), round(plan.Value, 4)
	plan.UpperBound = math.Max(plan.UpperBound, plan.Value)
	return plan, nil
}

// InvestmentActions lists every candidate action PlanInvestment chooses
// among, with the gaps each closes, for checking the solver.
func InvestmentActions(m *Model, rs Ruleset, opt PlanOptions) ([]PlanAction, error) {
	if err := opt.normalise(rs); err != nil {
		return nil, err
	}
	pb, err := newPlanBuilder(m, m.Evaluate(rs), rs, opt)
	if err != nil {
		return nil, err
	}
	return pb.actions(), nil
}

// normalise fills the defaults and refuses what makes no sense.
func (opt *PlanOptions) normalise(rs Ruleset) error {
	if opt.FromYear == 0 && opt.ToYear == 0 {
		opt.FromYear, opt.ToYear = 2026, 2030
	}
	if opt.FromYear < 1900 || opt.ToYear > 2200 || opt.FromYear > opt.ToYear {
		return fmt.Errorf("coverage: plan years %d–%d: want FROM ≤ TO between 1900 and 2200", opt.FromYear, opt.ToYear)
	}
	n := opt.ToYear - opt.FromYear + 1
	finite := func(v float64) bool { return v >= 0 && !math.IsNaN(v) && !math.IsInf(v, 0) }
	if !finite(opt.Budget) {
		return fmt.Errorf("coverage: budget %v must be a finite amount, zero or more", opt.Budget)
	}
	if len(opt.YearlyBudget) == 1 && n > 1 {
		one := opt.YearlyBudget[0]
		opt.YearlyBudget = make([]float64, n)
		for i := range opt.YearlyBudget {
			opt.YearlyBudget[i] = one
		}
	}
	if len(opt.YearlyBudget) > 0 {
		if len(opt.YearlyBudget) != n {
			return fmt.Errorf("coverage: %d yearly budgets for the %d years %d–%d: give one for every year, or one for all", len(opt.YearlyBudget), n, opt.FromYear, opt.ToYear)
		}
		sum := 0.0
		for i, v := range opt.YearlyBudget {
			if !finite(v) {
				return fmt.Errorf("coverage: yearly budget %d (%d): %v must be a finite amount, zero or more", i+1, opt.FromYear+i, v)
			}
			sum += v
		}
		if opt.Budget == 0 || sum < opt.Budget {
			opt.Budget = sum
		}
	}
	if opt.RadiusKm == 0 {
		opt.RadiusKm = 50
	}
	if opt.ReachKm == 0 {
		opt.ReachKm = rs.CaravanReach.DefaultReachKm
	}
	for _, d := range []struct {
		name string
		v    float64
	}{{"radius", opt.RadiusKm}, {"reach", opt.ReachKm}} {
		if !finite(d.v) || d.v == 0 {
			return fmt.Errorf("coverage: %s %v km must be a positive number", d.name, d.v)
		}
	}
	if opt.NodeLimit <= 0 {
		opt.NodeLimit = 200_000
	}
	if err := checkSites(opt.Candidates); err != nil {
		return err
	}
	return checkDemand(opt.Demand)
}

// phase schedules the actions, most value first, each in the earliest year
// whose money so far (unspent money carries over) pays for it and for the
// running costs of the caravans started before; a caravan then costs its
// vehicle and the running costs of its years, which the action's Cost
// becomes. The last year always fits, because the selection priced every
// caravan as started in the first year.
func phase(acts []PlanAction, opt PlanOptions, c Costs) []PlanYear {
	n := opt.ToYear - opt.FromYear + 1
	years := make([]PlanYear, n)
	for i := range years {
		years[i] = PlanYear{Year: opt.FromYear + i, Budget: opt.YearlyBudget[i], Actions: []string{}}
	}
	order := make([]int, len(acts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return acts[order[a]].Value > acts[order[b]].Value })
	spend := make([]float64, n)
	costIn := func(a *PlanAction, start, y int) float64 {
		if a.Kind != ActionCaravan {
			if y == start {
				return a.Cost
			}
			return 0
		}
		if y < start {
			return 0
		}
		v := c.CaravanYearly
		if y == start {
			v += c.CaravanVehicle
		}
		return v
	}
	fits := func(a *PlanAction, start int) bool {
		cum, budget := 0.0, 0.0
		for y := 0; y < n; y++ {
			cum += spend[y] + costIn(a, start, y)
			budget += years[y].Budget
			if y >= start && cum > budget*(1+1e-12)+1e-9 {
				return false
			}
		}
		return true
	}
	for _, i := range order {
		a := &acts[i]
		start := n - 1
		for y := 0; y < n-1; y++ {
			if fits(a, y) {
				start = y
				break
			}
		}
		total := 0.0
		for y := 0; y < n; y++ {
			v := costIn(a, start, y)
			spend[y] += v
			total += v
		}
		a.Year, a.Cost = opt.FromYear+start, round(total, 4)
		years[start].Actions = append(years[start].Actions, a.ID)
	}
	carry := 0.0
	for y := range years {
		years[y].Available = round(carry+years[y].Budget, 4)
		years[y].Spent = round(spend[y], 4)
		carry = years[y].Available - spend[y]
	}
	sort.SliceStable(acts, func(a, b int) bool { return acts[a].Year < acts[b].Year })
	return years
}
