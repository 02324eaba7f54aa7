package coverage

import (
	"sort"
)

// region computes base totals, the mobile museum's leagues and the spread of bases.
func (ev *evaluation) region() {
	w, rs := ev.m.World, ev.rs
	reg := &ev.res.Region
	for i := range w.Facilities {
		f := &w.Facilities[i]
		if f.Category != CategoryBase || !ev.counts(f) || ev.m.FacilityCounty[i] == "" {
			continue
		}
		reg.BaseTotals.Total++
		switch f.Level {
		case "national":
			reg.BaseTotals.National++
		case "regional":
			reg.BaseTotals.Regional++
		}
		if f.HasTheme(rs.BaseTotals.Themes) {
			reg.BaseTotals.Themed++
		}
	}
	leagues := map[string]bool{}
	for i, e := range w.Events {
		if e.Kind == EventMobileMuseum && ev.events.Contains(e.Date) && ev.m.EventCounty[i] != "" {
			if l := ev.m.LeagueOf(ev.m.EventCounty[i]); l != "" {
				leagues[l] = true
			}
		}
	}
	reg.MobileMuseumCodes = sortedKeys(leagues)
	reg.MobileMuseumLeagues = len(leagues)
	reg.MobileMuseumNext = []Place{}
	next := make([]*Unit, 0, len(ev.m.Leagues))
	for _, li := range ev.m.Leagues {
		if l := &w.Units[li]; !leagues[l.Code] {
			next = append(next, l)
		}
	}
	sort.SliceStable(next, func(i, j int) bool { return next[i].PopulationRural > next[j].PopulationRural })
	for _, l := range next {
		reg.MobileMuseumNext = append(reg.MobileMuseumNext, Place{Code: l.Code, Name: l.Name})
	}
	ev.distribution()
}

// distribution fills the region's base_distribution figures.
func (ev *evaluation) distribution() {
	w := ev.m.World
	d := &ev.res.Region.Distribution
	d.Per100k = map[string]float64{}
	var sp BaseSpread
	for _, ci := range ev.m.Counties {
		cu := &w.Units[ci]
		d.Per100k[cu.Code] = round(sp.Add(cu, ev.unit(cu.Code)), 3)
		ev.res.Region.Population += cu.Population
	}
	d.CountiesWithoutBase = sp.Without
	d.Gini = round(Gini(sp.Rates), 4)
	if sp.Bases > 0 {
		d.NonUrbanBaseShare = round(float64(sp.NonUrbanBases)/float64(sp.Bases), 4)
	}
	if sp.People > 0 {
		d.NonUrbanPopulationShare = round(float64(sp.NonUrbanPeople)/float64(sp.People), 4)
	}
}

// BaseSpread adds up base_distribution over a set of counties (the region
// here, a league in the report): each county's open bases per 100,000
// residents (0 for a county of no population), in the order added, and the
// totals behind the non-urban shares; Without counts the counties failing
// base_distribution. Non-urban is every kind but district.
type BaseSpread struct {
	Rates                  []float64
	Bases, NonUrbanBases   int
	People, NonUrbanPeople int
	Without                int
}

// Add counts county c with its result ur and returns c's rate.
func (s *BaseSpread) Add(c *Unit, ur *UnitResult) float64 {
	rate := 0.0
	if c.Population > 0 {
		rate = float64(ur.Bases.Total) / float64(c.Population) * 100_000
	}
	s.Rates = append(s.Rates, rate)
	s.Bases += ur.Bases.Total
	s.People += c.Population
	if c.Kind != "district" {
		s.NonUrbanBases += ur.Bases.Total
		s.NonUrbanPeople += c.Population
	}
	if !ur.Rules[RuleBaseDistribution].Pass {
		s.Without++
	}
	return rate
}

// Gini is the Gini coefficient of non-negative values: 0 when all are equal
// (or there are none), approaching 1 when one holds everything.
func Gini(values []float64) float64 {
	n := len(values)
	if n == 0 {
		return 0
	}
	v := append([]float64(nil), values...)
	sort.Float64s(v)
	var sum, weighted float64
	for i, x := range v {
		sum += x
		weighted += float64(i+1) * x
	}
	if sum == 0 {
		return 0
	}
	return (2*weighted)/(float64(n)*sum) - float64(n+1)/float64(n)
}

// summarise builds the rule table. Its Target and Actual texts are left to
// the wording (data/words), which says them in the reader's language.
func (ev *evaluation) summarise() {
	res, rs := ev.res, ev.rs
	// tally counts a unit-scope rule over the units of its scope.
	tally := func(id, scope string, units []int) {
		rr := RuleResult{ID: id, Scope: scope, PlanText: ev.rs.PlanText(id)}
		for _, i := range units {
			code := ev.m.World.Units[i].Code
			rr.Total++
			if ev.unit(code).Rules[id].Pass {
				rr.Passing++
			} else {
				rr.Failing = append(rr.Failing, code)
			}
		}
		rr.Pass = rr.Passing == rr.Total
		res.Rules = append(res.Rules, rr)
	}
	counties, leagues := ev.m.Counties, ev.m.Leagues
	tally(RuleVenue1000, LevelCounty, counties)
	tally(RuleLeagueMuseum, LevelLeague, leagues)
	tally(RuleCaravanReach, LevelCounty, counties)
	mm := res.Region.MobileMuseumLeagues
	res.Rules = append(res.Rules, ev.regionRule(RuleMobileMuseum, mm >= rs.MobileMuseum.MinLeagues))
	bt := res.Region.BaseTotals
	res.Rules = append(res.Rules, ev.regionRule(RuleBaseTotals,
		bt.National >= rs.BaseTotals.National && bt.Regional >= rs.BaseTotals.Regional && bt.Themed >= rs.BaseTotals.Themed))
	tally(RuleBaseDistribution, LevelCounty, counties)
}

func (ev *evaluation) regionRule(id string, pass bool) RuleResult {
	rr := RuleResult{ID: id, Scope: LevelRegion, Pass: pass, Total: 1, PlanText: ev.rs.PlanText(id)}
	if pass {
		rr.Passing = 1
	} else {
		rr.Failing = []string{ev.res.Region.Code}
	}
	return rr
}
