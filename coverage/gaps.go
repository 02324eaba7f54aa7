package coverage

import (
	"math"
	"sort"
)

// Gap is one unmet target in one place, with its priority explained.
// JSON and CSV keep the design's column order: rule, code, name, level,
// parent, priority, actual, target, shortfall, detail.
type Gap struct {
	Rule      string  `json:"rule"`
	Code      string  `json:"code"`
	Name      string  `json:"name"`
	Level     string  `json:"level"`
	Parent    string  `json:"parent"`
	Priority  float64 `json:"priority"`
	Actual    float64 `json:"actual"`
	Target    float64 `json:"target"`
	Shortfall float64 `json:"shortfall"`
	// Detail is Fact said for people, filled by the wording (data/words)
	// in the reader's language; the engine leaves it empty.
	Detail   string   `json:"detail"`
	Fact     *Fact    `json:"fact,omitempty"`
	Parts    []Part   `json:"parts"`
	Pipeline []string `json:"pipeline,omitempty"`
	// Component names which target of a several-part rule the row is about:
	// "national", "regional" or "themed" for base_totals.
	Component string `json:"component,omitempty"`
	// Next are the places that would close a region-scope gap first (the
	// mobile museum's next leagues).
	Next []Place `json:"next,omitempty"`
}

// Part is one term of a priority score: Score = Weight × Measure / Scale.
type Part struct {
	Name    string  `json:"part"`
	Measure float64 `json:"measure"`
	Unit    string  `json:"unit"`
	Weight  float64 `json:"weight"`
	Score   float64 `json:"score"`
}

// noneKm stands for the distance when no facility anywhere would satisfy a rule.
const noneKm = 1000

// GapFilter narrows the gap list; empty fields match everything.
type GapFilter struct {
	Rule   string
	League string // a league code: its counties' gaps and its own
}

// Gaps lists the gaps that match f, highest priority first, ties by code.
func (r *Result) Gaps(f GapFilter) []Gap {
	var out []Gap
	for _, g := range r.gaps {
		if f.Rule != "" && g.Rule != f.Rule {
			continue
		}
		if f.League != "" && g.Code != f.League && g.Parent != f.League {
			continue
		}
		out = append(out, g)
	}
	return out
}

// prioritise builds the gap list and each unit's priority.
func (ev *evaluation) prioritise() {
	w := ev.m.World
	dist := map[string]pointSet{
		RuleVenue1000:        ev.compliant,
		RuleCaravanReach:     ev.caravans,
		RuleBaseDistribution: ev.facilities(func(f *Facility) bool { return f.Category == CategoryBase && ev.counts(f) }),
	}
	for _, ci := range ev.m.Counties {
		cu := &w.Units[ci]
		ur := ev.unit(cu.Code)
		for _, id := range []string{RuleVenue1000, RuleCaravanReach, RuleBaseDistribution} {
			rule := ur.Rules[id]
			if rule.Pass {
				continue
			}
			km := math.NaN()
			if ps := dist[id]; cu.HasSeat {
				if k, d := ps.Nearest(cu.Seat, nil); k >= 0 {
					km = d / 1000
				}
			}
			g := ev.gap(id, cu, rule, ev.parts(cu.Population, cu.PopulationRural, km, cu.FormerPoverty, cu.Border))
			ur.Priority = math.Max(ur.Priority, g.Priority)
			ev.res.gaps = append(ev.res.gaps, g)
		}
	}
	for _, li := range ev.m.Leagues {
		lu := &w.Units[li]
		ur := ev.unit(lu.Code)
		if rule := ur.Rules[RuleLeagueMuseum]; !rule.Pass {
			g := ev.gap(RuleLeagueMuseum, lu, rule, ev.parts(lu.PopulationUrban, 0, -1, "", false))
			ur.Priority = g.Priority
			ev.res.gaps = append(ev.res.gaps, g)
		}
	}
	ev.regionGaps()
	sort.SliceStable(ev.res.gaps, func(i, j int) bool {
		a, b := ev.res.gaps[i], ev.res.gaps[j]
		if a.Priority != b.Priority {
			return a.Priority > b.Priority
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Rule < b.Rule
	})
}

func (ev *evaluation) gap(id string, u *Unit, rule UnitRule, parts []Part) Gap {
	g := Gap{Rule: id, Code: u.Code, Name: u.Name, Level: u.Level, Parent: u.Parent,
		Actual: rule.Actual, Target: rule.Target, Fact: rule.Fact, Parts: parts, Pipeline: rule.Pipeline}
	g.Shortfall = round(math.Max(0, rule.Target-rule.Actual), 3)
	if id == RuleCaravanReach {
		// The seat lies beyond the nearest caravan's reach by this much.
		g.Shortfall = round(math.Max(0, rule.Actual-rule.Target), 3)
	}
	for _, p := range parts {
		g.Priority += p.Score
	}
	g.Priority = round(g.Priority, 3)
	return g
}

// parts are the priority terms for a gap: residents affected (per 100,000),
// rural residents on top (per 100,000), distance from the seat to the
// nearest facility that would satisfy the rule (per 100 km; noneKm when
// none exists; no term when km is negative, for units without a seat),
// former poverty (1 national list, 0.5 regional) and border.
func (ev *evaluation) parts(pop, rural int, km float64, poverty string, border bool) []Part {
	wt := ev.rs.Priority
	part := func(name string, measure float64, unit string, weight, scale float64) Part {
		return Part{Name: name, Measure: round(measure, 3), Unit: unit, Weight: weight, Score: round(weight*measure/scale, 4)}
	}
	ps := []Part{
		part("population", float64(pop), "residents", wt.Population, 100_000),
		part("rural", float64(rural), "residents", wt.Rural, 100_000),
	}
	switch {
	case math.IsNaN(km):
		ps = append(ps, part("distance", noneKm, "km", wt.Distance, 100))
	case km >= 0:
		ps = append(ps, part("distance", km, "km", wt.Distance, 100))
	}
	pov := 0.0
	switch poverty {
	case "national":
		pov = 1
	case "regional":
		pov = 0.5
	}
	ps = append(ps, part("former_poverty", pov, "flag", wt.FormerPoverty, 1))
	b := 0.0
	if border {
		b = 1
	}
	ps = append(ps, part("border", b, "flag", wt.Border, 1))
	return ps
}

// regionGaps lists the unmet region-scope targets; they carry no priority
// parts because they are not tied to a place.
func (ev *evaluation) regionGaps() {
	rs, reg := ev.rs, ev.res.Region
	add := func(rule string, f Fact) {
		if f.Count >= f.Target {
			return
		}
		ev.res.gaps = append(ev.res.gaps, Gap{Rule: rule, Code: reg.Code, Name: reg.Name, Level: LevelRegion, Component: f.Component,
			Actual: float64(f.Count), Target: float64(f.Target), Shortfall: float64(f.Target - f.Count), Fact: &f, Next: f.Next, Parts: []Part{}})
	}
	mm := Fact{Kind: FactMobileFew, Count: reg.MobileMuseumLeagues, Target: rs.MobileMuseum.MinLeagues}
	if need := mm.Target - mm.Count; need > 0 && len(reg.MobileMuseumNext) > 0 {
		mm.Next = reg.MobileMuseumNext[:min(need, len(reg.MobileMuseumNext))]
	}
	add(RuleMobileMuseum, mm)
	bt := reg.BaseTotals
	add(RuleBaseTotals, Fact{Kind: FactBaseTotalFew, Component: "national", Count: bt.National, Target: rs.BaseTotals.National})
	add(RuleBaseTotals, Fact{Kind: FactBaseTotalFew, Component: "regional", Count: bt.Regional, Target: rs.BaseTotals.Regional})
	add(RuleBaseTotals, Fact{Kind: FactBaseTotalFew, Component: "themed", Count: bt.Themed, Target: rs.BaseTotals.Themed})
}
