package coverage

import (
	"fmt"
	"sort"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// planBuilder turns the gaps of one evaluation into candidate actions.
type planBuilder struct {
	m        *Model
	res      *Result
	rs       Ruleset
	opt      PlanOptions
	gaps     []PlanGap
	gapIndex map[string]int // rule/code → index in gaps
	sites    map[string][]Site
	demand   []DemandPoint
	demIdx   *geo.Points
}

// planRules are the rules whose gaps the plan's actions close.
var planRules = map[string]bool{RuleVenue1000: true, RuleCaravanReach: true, RuleLeagueMuseum: true}

func newPlanBuilder(m *Model, res *Result, rs Ruleset, opt PlanOptions) (*planBuilder, error) {
	pb := &planBuilder{m: m, res: res, rs: rs, opt: opt, gapIndex: map[string]int{}, sites: map[string][]Site{}}
	for _, g := range res.Gaps(GapFilter{}) {
		if planRules[g.Rule] {
			pb.gapIndex[g.Rule+"/"+g.Code] = len(pb.gaps)
			pb.gaps = append(pb.gaps, PlanGap{Rule: g.Rule, Code: g.Code, Name: g.Name, Priority: g.Priority})
		}
	}
	// Candidate sites by county: the seat first, then the candidates in it.
	for _, s := range m.SeatSites() {
		pb.sites[s.Code] = append(pb.sites[s.Code], s)
	}
	for _, s := range opt.Candidates {
		if c := m.Locate(s.Point); c != "" {
			pb.sites[c] = append(pb.sites[c], s)
		}
	}
	pb.demand = opt.Demand
	if pb.demand == nil {
		pb.demand = m.SeatDemand()
	}
	pts := make([]orb.Point, len(pb.demand))
	for i, d := range pb.demand {
		pts[i] = d.Point
	}
	pb.demIdx = geo.NewPoints(pts)
	return pb, nil
}

// failing reports whether the unit has a gap in the rule.
func (pb *planBuilder) failing(rule, code string) bool {
	_, ok := pb.gapIndex[rule+"/"+code]
	return ok
}

func (pb *planBuilder) gap(rule, code string) PlanGap { return pb.gaps[pb.gapIndex[rule+"/"+code]] }

// served is the demand within the venue radius of p.
func (pb *planBuilder) served(p orb.Point) float64 {
	v := 0.0
	pb.demIdx.Near(p, pb.opt.RadiusKm*1000, func(i int) bool {
		v += pb.demand[i].Weight
		return true
	})
	return v
}

// venueCloses are the gaps a venue of m2 (comprehensive or not) in county closes.
func (pb *planBuilder) venueCloses(county string, m2 float64, comprehensive bool) []PlanGap {
	out := []PlanGap{}
	if pb.failing(RuleVenue1000, county) && m2 >= pb.rs.Venue1000.MinFloorAreaM2 {
		out = append(out, pb.gap(RuleVenue1000, county))
	}
	if l := pb.m.LeagueOf(county); comprehensive && pb.failing(RuleLeagueMuseum, l) {
		if ur, ok := pb.res.Unit(l); ok && m2 >= ur.Rules[RuleLeagueMuseum].Target {
			out = append(out, pb.gap(RuleLeagueMuseum, l))
		}
	}
	return out
}

// largestVenue is the largest venue counting on the rules' day located in one of the
// counties, comprehensive ones only when asked; ties go to the lower id.
func (pb *planBuilder) largestVenue(counties []string, comprehensive bool) (int, bool) {
	best := -1
	w := pb.m.World
	for _, c := range counties {
		for _, fi := range pb.m.Located[c] {
			f := &w.Facilities[fi]
			if f.Category != CategoryVenue || !f.CountsAsOf(pb.rs.AsOfDate()) || (comprehensive && !f.Comprehensive) {
				continue
			}
			if best < 0 || f.FloorArea > w.Facilities[best].FloorArea ||
				(f.FloorArea == w.Facilities[best].FloorArea && f.ID < w.Facilities[best].ID) {
				best = fi
			}
		}
	}
	return best, best >= 0
}

// bestSite is, among the candidate sites of the counties, the one serving
// the most people within the radius; ties go to the one closing more gaps
// for a venue of m2, then to the earlier (seats come first, counties by code).
func (pb *planBuilder) bestSite(counties []string, m2 float64, comprehensive bool) (Site, string, float64, bool) {
	var best Site
	bestCounty, bestServed, bestCloses, found := "", -1.0, -1, false
	for _, c := range counties {
		for _, s := range pb.sites[c] {
			v := pb.served(s.Point)
			n := len(pb.venueCloses(c, m2, comprehensive))
			if v > bestServed || (v == bestServed && n > bestCloses) {
				best, bestCounty, bestServed, bestCloses, found = s, c, v, n, true
			}
		}
	}
	return best, bestCounty, bestServed, found
}

func (pb *planBuilder) name(code string) string {
	if u, ok := pb.m.Unit(code); ok {
		return u.Name
	}
	return code
}

// actions lists the candidates: for each county failing venue_1000, expanding
// its largest venue to the threshold and building one at its best site; for
// each league failing league_museum, raising its largest comprehensive venue
// to the standard's size and building one at the league's best site; and a
// caravan station at each site that reaches a county failing caravan_reach.
func (pb *planBuilder) actions() []PlanAction {
	var out []PlanAction
	min, c := pb.rs.Venue1000.MinFloorAreaM2, pb.rs.Costs
	for _, ci := range pb.m.Counties {
		u := &pb.m.World.Units[ci]
		if !pb.failing(RuleVenue1000, u.Code) {
			continue
		}
		if fi, ok := pb.largestVenue([]string{u.Code}, false); ok {
			out = append(out, pb.expand(fi, min, ActionExpandVenue))
		}
		if s, county, v, ok := pb.bestSite([]string{u.Code}, min, false); ok {
			out = append(out, pb.build(s, county, v, min, false, c.BuildCost(min)))
		}
	}
	for _, li := range pb.m.Leagues {
		l := &pb.m.World.Units[li]
		if !pb.failing(RuleLeagueMuseum, l.Code) {
			continue
		}
		ur, _ := pb.res.Unit(l.Code)
		target := ur.Rules[RuleLeagueMuseum].Target
		var counties []string
		for _, ci := range pb.m.Counties {
			if pb.m.World.Units[ci].Parent == l.Code {
				counties = append(counties, pb.m.World.Units[ci].Code)
			}
		}
		if fi, ok := pb.largestVenue(counties, true); ok {
			out = append(out, pb.expand(fi, target, ActionExpandMuseum))
		}
		if s, county, v, ok := pb.bestSite(counties, target, true); ok {
			out = append(out, pb.build(s, county, v, target, true, c.BuildCost(target)))
		}
	}
	out = append(out, pb.stations()...)
	seen := map[string]int{}
	for i := range out {
		if n := seen[out[i].ID]; n > 0 {
			out[i].ID = fmt.Sprintf("%s#%d", out[i].ID, n+1)
		}
		seen[out[i].ID]++
	}
	return out
}

func (pb *planBuilder) expand(fi int, to float64, kind string) PlanAction {
	f := &pb.m.World.Facilities[fi]
	county := pb.m.FacilityCounty[fi]
	add := to - f.FloorArea
	return PlanAction{ID: kind + ":" + f.ID, Kind: kind, County: county, CountyName: pb.name(county), League: pb.m.LeagueOf(county),
		Site: f.ID, SiteName: f.Name, Lon: f.Point[0], Lat: f.Point[1], Facility: f.ID, FacilityName: f.Name,
		FromM2: f.FloorArea, AddM2: round(add, 3), ToM2: to, Comprehensive: f.Comprehensive,
		Cost: round(pb.rs.Costs.ExpandCost(add), 4), Closes: pb.venueCloses(county, to, f.Comprehensive),
		PopulationServed: pb.served(f.Point)}
}

func (pb *planBuilder) build(s Site, county string, served, m2 float64, comprehensive bool, cost float64) PlanAction {
	kind, key := ActionBuildVenue, county
	if comprehensive {
		kind, key = ActionBuildMuseum, pb.m.LeagueOf(county)
	}
	return PlanAction{ID: kind + ":" + key, Kind: kind, County: county, CountyName: pb.name(county), League: pb.m.LeagueOf(county),
		Site: s.Code, SiteName: s.Name, Lon: s.Point[0], Lat: s.Point[1], ToM2: m2, AddM2: m2, Comprehensive: comprehensive,
		Cost: round(cost, 4), Closes: pb.venueCloses(county, m2, comprehensive), PopulationServed: served}
}

// stations are the caravan station candidates: each site (seats and
// candidates, once per point) that reaches a county failing caravan_reach.
func (pb *planBuilder) stations() []PlanAction {
	var sites []Site
	var counties []string
	seen := map[orb.Point]bool{}
	codes := make([]string, 0, len(pb.sites))
	for c := range pb.sites {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		for _, s := range pb.sites[c] {
			if !seen[s.Point] {
				seen[s.Point] = true
				sites, counties = append(sites, s), append(counties, c)
			}
		}
	}
	years := pb.opt.ToYear - pb.opt.FromYear + 1
	var out []PlanAction
	for j, reached := range pb.m.reaches(sites, pb.opt.ReachKm) {
		closes := []PlanGap{}
		pop := 0.0
		for _, code := range reached {
			if u, ok := pb.m.Unit(code); ok {
				pop += float64(u.Population)
			}
			if pb.failing(RuleCaravanReach, code) {
				closes = append(closes, pb.gap(RuleCaravanReach, code))
			}
		}
		if len(closes) == 0 {
			continue
		}
		s, county := sites[j], counties[j]
		out = append(out, PlanAction{ID: ActionCaravan + ":" + s.Code, Kind: ActionCaravan, County: county, CountyName: pb.name(county),
			League: pb.m.LeagueOf(county), Site: s.Code, SiteName: s.Name, Lon: s.Point[0], Lat: s.Point[1], ReachKm: pb.opt.ReachKm,
			Cost: round(pb.rs.Costs.CaravanCost(years), 4), Closes: closes, PopulationServed: pop})
	}
	return out
}
