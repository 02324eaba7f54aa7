package coverage

import (
	"math"
	"sort"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// Plan texts quoted in results, by rule id: Inner Mongolia's plan, the
// defaults of the rules' plan_text.
var planText = map[string]string{
	RuleVenue1000:        "旗县（市、区）要建成1000平米以上科普场馆",
	RuleLeagueMuseum:     "盟市要建设与当地人口和经济社会发展相适应的综合性科普场馆",
	RuleCaravanReach:     "科普大篷车配备实现全区所有旗县（市、区）全覆盖",
	RuleMobileMuseum:     "中国流动科技馆区域换展盟市数量达到5个以上",
	RuleBaseTotals:       "全区创建国家级科普教育基地50个以上，自治区级科普教育基地500个以上…支持创建100个\"科普+文化\"\"科普+旅游\"科普教育基地",
	RuleBaseDistribution: "推动优质科普资源向农村牧区倾斜下沉",
}

// PlanText is Inner Mongolia's plan sentence behind a rule (the default).
func PlanText(rule string) string { return planText[rule] }

// Evaluate places the world's facilities and evaluates every rule.
func Evaluate(w *World, rs Ruleset) *Result { return NewModel(w).Evaluate(rs) }

// evaluation carries one run's working state.
type evaluation struct {
	m   *Model
	rs  Ruleset
	res *Result
	// asOf is the day facilities count on, events the days events count in.
	asOf   string
	events Period
	// compliant are the venues venue_1000 counts and caravans the caravans
	// caravan_reach counts, built once and shared by the rules and the gaps.
	compliant, caravans pointSet
}

// counts reports whether f counts toward the rules on the evaluation's day.
func (ev *evaluation) counts(f *Facility) bool { return f.CountsAsOf(ev.asOf) }

// pipeline reports whether f would close a gap later: under construction
// or planned, or declared to open after the evaluation's day.
func (ev *evaluation) pipeline(f *Facility) bool { return f.Pipeline() || f.OpensAfter(ev.asOf) }

// Evaluate checks every rule under rs, place by place.
func (m *Model) Evaluate(rs Ruleset) *Result {
	w := m.World
	res := &Result{
		AsOf: rs.AsOfDate(), AsOfBasis: w.basis(), RecordedAt: w.RecordedAt,
		Dataset: Dataset{Counties: len(m.Counties), Leagues: len(m.Leagues), Facilities: len(w.Facilities),
			Events: len(w.Events), Sample: w.Sample, Period: rs.Period, Sources: w.Sources},
		Ruleset: rs,
		index:   map[string]int{},
	}
	res.Diagnostics = append(append([]Diagnostic{}, w.Diagnostics...), m.diagnostics...)
	res.Region.Region = m.Region(rs)
	res.TargetsFrom = rs.TargetsFrom(res.Region.Region)
	res.Region.TargetsFrom = res.TargetsFrom
	ev := &evaluation{m: m, rs: rs, res: res, asOf: rs.AsOfDate(), events: rs.EventWindow()}
	ev.compliant = ev.compliantVenues()
	ev.caravans = ev.facilities(func(f *Facility) bool { return f.Category == CategoryCaravan && ev.counts(f) })
	for _, i := range m.Counties {
		ev.addUnit(&w.Units[i])
	}
	for _, i := range m.Leagues {
		ev.addUnit(&w.Units[i])
	}
	ev.countyFacilities()
	ev.caravanReach()
	ev.leagueMuseums()
	ev.region()
	ev.summarise()
	ev.prioritise()
	return res
}

func (ev *evaluation) addUnit(u *Unit) {
	ur := UnitResult{Code: u.Code, Name: u.Name, Level: u.Level, Kind: u.Kind, Parent: u.Parent,
		Population: u.Population, PopulationUrban: u.PopulationUrban, PopulationRural: u.PopulationRural,
		Border: u.Border, FormerPoverty: u.FormerPoverty, Rules: map[string]UnitRule{}}
	if u.HasSeat {
		ur.SeatLon, ur.SeatLat = u.Seat[0], u.Seat[1]
	}
	ev.res.index[u.Code] = len(ev.res.Units)
	ev.res.Units = append(ev.res.Units, ur)
}

func (ev *evaluation) unit(code string) *UnitResult {
	u, _ := ev.res.Unit(code)
	return u
}

// countyFacilities computes each county's venue, base and facility figures,
// venue_1000 and base_distribution, and league totals of the same.
func (ev *evaluation) countyFacilities() {
	w, rs, compliant := ev.m.World, ev.rs, ev.compliant
	for _, ci := range ev.m.Counties {
		cu := &w.Units[ci]
		ur := ev.unit(cu.Code)
		venue := UnitRule{Target: rs.Venue1000.MinFloorAreaM2}
		bases := UnitRule{Target: float64(rs.BaseDistribution.MinBases)}
		for _, fi := range ev.m.Located[cu.Code] {
			f := &w.Facilities[fi]
			ur.Facilities++
			switch {
			case f.Category == CategoryVenue && ev.counts(f):
				ur.LargestVenueM2 = math.Max(ur.LargestVenueM2, f.FloorArea)
				if f.FloorArea >= rs.Venue1000.MinFloorAreaM2 {
					venue.By = append(venue.By, f.ID)
				}
			case f.Category == CategoryVenue && ev.pipeline(f) && f.FloorArea >= rs.Venue1000.MinFloorAreaM2:
				venue.Pipeline = append(venue.Pipeline, f.ID)
			case f.Category == CategoryBase && ev.counts(f):
				ur.Bases.add(f, rs.BaseTotals.Themes)
				bases.By = append(bases.By, f.ID)
			case f.Category == CategoryBase && ev.pipeline(f):
				bases.Pipeline = append(bases.Pipeline, f.ID)
			}
		}
		venue.Actual = ur.LargestVenueM2
		venue.Pass = len(venue.By) > 0
		if !venue.Pass {
			venue.Fact = &Fact{Kind: FactVenueSmall, LargestM2: ur.LargestVenueM2, TargetM2: rs.Venue1000.MinFloorAreaM2}
			if ur.LargestVenueM2 == 0 {
				venue.Fact = &Fact{Kind: FactVenueNone, TargetM2: rs.Venue1000.MinFloorAreaM2}
			}
		}
		bases.Actual = float64(ur.Bases.Total)
		bases.Pass = ur.Bases.Total >= rs.BaseDistribution.MinBases
		if !bases.Pass {
			bases.Fact = &Fact{Kind: FactBasesFew, Count: ur.Bases.Total, Target: rs.BaseDistribution.MinBases}
		}
		ur.Rules[RuleVenue1000] = venue
		ur.Rules[RuleBaseDistribution] = bases
		if cu.HasSeat {
			if k, d := compliant.Nearest(cu.Seat, nil); k >= 0 {
				f := &w.Facilities[compliant.ids[k]]
				ur.NearestVenue = &Nearest{ID: f.ID, Name: f.Name, Code: ev.m.FacilityCounty[compliant.ids[k]], DistanceKm: round(d/1000, 3)}
			}
		}
		if lu := ev.unit(cu.Parent); lu != nil {
			lu.Facilities += ur.Facilities
			lu.LargestVenueM2 = math.Max(lu.LargestVenueM2, ur.LargestVenueM2)
			lu.Bases.merge(ur.Bases)
		}
	}
}

func (b *BaseCounts) add(f *Facility, themes []string) {
	switch f.Level {
	case "national":
		b.National++
	case "regional":
		b.Regional++
	case "league":
		b.League++
	case "county":
		b.County++
	default:
		b.Other++
	}
	b.Total++
	if f.HasTheme(themes) {
		b.Themed++
	}
}

func (b *BaseCounts) merge(o BaseCounts) {
	b.National += o.National
	b.Regional += o.Regional
	b.League += o.League
	b.County += o.County
	b.Other += o.Other
	b.Total += o.Total
	b.Themed += o.Themed
}

// pointSet is a geo.Points over a subset of facilities.
type pointSet struct {
	*geo.Points
	ids []int // facility index of each point
}

func (ev *evaluation) facilities(keep func(f *Facility) bool) pointSet {
	var ps pointSet
	var pts []orb.Point
	for i := range ev.m.World.Facilities {
		f := &ev.m.World.Facilities[i]
		if ev.m.FacilityCounty[i] != "" && keep(f) {
			ps.ids = append(ps.ids, i)
			pts = append(pts, f.Point)
		}
	}
	ps.Points = geo.NewPoints(pts)
	return ps
}

func (ev *evaluation) compliantVenues() pointSet {
	min := ev.rs.Venue1000.MinFloorAreaM2
	return ev.facilities(func(f *Facility) bool {
		return f.Category == CategoryVenue && ev.counts(f) && f.FloorArea >= min
	})
}

// reachKm is a caravan's reach: its own, else the rule default.
func (ev *evaluation) reachKm(f *Facility) float64 {
	if f.ReachKm > 0 {
		return f.ReachKm
	}
	return ev.rs.CaravanReach.DefaultReachKm
}

// caravanReach evaluates caravan_reach for every county.
func (ev *evaluation) caravanReach() {
	w, caravans := ev.m.World, ev.caravans
	maxReach := ev.rs.CaravanReach.DefaultReachKm
	for _, fi := range caravans.ids {
		maxReach = math.Max(maxReach, ev.reachKm(&w.Facilities[fi]))
	}
	visits := map[string][]string{}
	for i, e := range w.Events {
		if e.Kind == EventCaravanVisit && ev.events.Contains(e.Date) && ev.m.EventCounty[i] != "" {
			visits[ev.m.EventCounty[i]] = append(visits[ev.m.EventCounty[i]], e.ID)
		}
	}
	for _, ci := range ev.m.Counties {
		cu := &w.Units[ci]
		rule := UnitRule{Actual: math.Inf(1)}
		by := map[string]bool{}
		for _, fi := range ev.m.Located[cu.Code] {
			if f := &w.Facilities[fi]; f.Category == CategoryCaravan && ev.counts(f) {
				by[f.ID] = true
			}
		}
		if cu.HasSeat {
			caravans.Within(cu.Seat, maxReach*1000, func(k int, d float64) bool {
				f := &w.Facilities[caravans.ids[k]]
				if d <= ev.reachKm(f)*1000 {
					by[f.ID] = true
				}
				return true
			})
			if k, d := caravans.Nearest(cu.Seat, nil); k >= 0 {
				rule.Actual = round(d/1000, 3)
				rule.Target = ev.reachKm(&w.Facilities[caravans.ids[k]])
			}
		}
		for _, id := range visits[cu.Code] {
			by[id] = true
		}
		rule.By = sortedKeys(by)
		rule.Pass = len(rule.By) > 0
		none := math.IsInf(rule.Actual, 1)
		if none {
			rule.Actual, rule.Target = 0, ev.rs.CaravanReach.DefaultReachKm
		}
		if !rule.Pass {
			rule.Fact = &Fact{Kind: FactCaravanFar, NearestKm: rule.Actual, ReachKm: rule.Target}
			if none {
				rule.Fact = &Fact{Kind: FactCaravanNone, ReachKm: rule.Target}
			}
			for _, fi := range ev.m.Located[cu.Code] {
				if f := &w.Facilities[fi]; f.Category == CategoryCaravan && ev.pipeline(f) {
					rule.Pipeline = append(rule.Pipeline, f.ID)
				}
			}
		}
		ev.unit(cu.Code).Rules[RuleCaravanReach] = rule
	}
}

// leagueMuseums evaluates league_museum for every league.
func (ev *evaluation) leagueMuseums() {
	w, rs := ev.m.World, ev.rs
	for _, li := range ev.m.Leagues {
		lu := &w.Units[li]
		rule := UnitRule{Target: round(rs.LeagueMuseum.Target(lu.PopulationUrban), 1)}
		var best *Facility
		for _, ci := range ev.m.Counties {
			if w.Units[ci].Parent != lu.Code {
				continue
			}
			for _, fi := range ev.m.Located[w.Units[ci].Code] {
				f := &w.Facilities[fi]
				if f.Category != CategoryVenue || !f.Comprehensive {
					continue
				}
				if ev.counts(f) {
					if best == nil || f.FloorArea > best.FloorArea {
						best = f
					}
					if f.FloorArea >= rule.Target {
						rule.By = append(rule.By, f.ID)
					}
				} else if ev.pipeline(f) && f.FloorArea >= rule.Target {
					rule.Pipeline = append(rule.Pipeline, f.ID)
				}
			}
		}
		if best != nil {
			rule.Actual = best.FloorArea
		}
		rule.Pass = len(rule.By) > 0
		if !rule.Pass {
			if best == nil {
				rule.Fact = &Fact{Kind: FactMuseumNone, TargetM2: rule.Target}
			} else {
				rule.Fact = &Fact{Kind: FactMuseumSmall, Facility: best.ID, LargestM2: best.FloorArea, TargetM2: rule.Target}
			}
		}
		ev.unit(lu.Code).Rules[RuleLeagueMuseum] = rule
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}
