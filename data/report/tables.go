package report

import (
	"fmt"
	"sort"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
)

// The report's tables: base distribution, counties, pipeline, league links,
// thresholds and diagnostics.

// dist is the base distribution: by league for the region, by county for a league.
func (b *builder) dist(s scope) distView {
	var dv distView
	var sp coverage.BaseSpread
	for _, c := range s.counties {
		ur, _ := b.res.Unit(c.Code)
		sp.Add(c, ur)
		rate := b.res.Region.Distribution.Per100k[c.Code] // as the county tables show it
		if s.league != nil {
			dv.Rows = append(dv.Rows, distRow{Code: c.Code, Name: c.Name, Population: words.Figure(float64(c.Population)), Bases: ur.Bases.Total,
				National: ur.Bases.National, Regional: ur.Bases.Regional, Themed: ur.Bases.Themed, Without: boolInt(ur.Bases.Total == 0),
				Per100k: fmt.Sprintf("%.2f", rate), rate: rate})
		}
	}
	if s.league == nil {
		for _, l := range b.leagues {
			dv.Rows = append(dv.Rows, b.leagueDist(l))
		}
	}
	top := 0.0
	for _, r := range dv.Rows {
		top = max(top, r.rate)
	}
	for i := range dv.Rows {
		if top > 0 {
			dv.Rows[i].Bar = fmt.Sprintf("%.1f%%", dv.Rows[i].rate/top*100)
		}
	}
	dv.Without = sp.Without
	dv.Gini = fmt.Sprintf("%.3f", coverage.Gini(sp.Rates))
	dv.NonUrbanBases, dv.NonUrbanPeople = share(sp.NonUrbanBases, sp.Bases), share(sp.NonUrbanPeople, sp.People)
	return dv
}

func (b *builder) leagueDist(l *coverage.Unit) distRow {
	r := distRow{Code: l.Code, Name: l.Name}
	for _, c := range b.countiesOf[l.Code] {
		ur, _ := b.res.Unit(c.Code)
		r.people += c.Population
		r.Bases += ur.Bases.Total
		r.National += ur.Bases.National
		r.Regional += ur.Bases.Regional
		r.Themed += ur.Bases.Themed
		r.Without += boolInt(ur.Bases.Total == 0)
	}
	rate := 0.0
	if r.people > 0 {
		rate = float64(r.Bases) / float64(r.people) * 100_000
	}
	r.Population = words.Figure(float64(r.people))
	r.Per100k, r.rate = fmt.Sprintf("%.2f", rate), rate
	return r
}

func share(part, whole int) string {
	if whole == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", float64(part)/float64(whole)*100)
}

func (b *builder) countyRows(s scope) []countyRow {
	lang, L := b.opt.Lang, b.L
	out := make([]countyRow, 0, len(s.counties))
	for _, c := range s.counties {
		ur, _ := b.res.Unit(c.Code)
		row := countyRow{Code: c.Code, Name: c.Name, Kind: words.KindName(c.Kind, lang), Population: words.Figure(float64(c.Population)),
			LargestVenue: words.Figure(ur.LargestVenueM2), Bases: ur.Bases.Total,
			Per100k: fmt.Sprintf("%.2f", b.res.Region.Distribution.Per100k[c.Code]), NearestKm: "–",
			Priority: "–"}
		if ur.Priority > 0 {
			row.Priority = fmt.Sprintf("%.2f", ur.Priority)
		}
		if l, ok := b.unit[c.Parent]; ok {
			row.League = l.Name
		}
		if ur.NearestVenue != nil {
			row.NearestKm = fmt.Sprintf("%.1f", ur.NearestVenue.DistanceKm)
		}
		row.Venue = b.venueBadge(ur)
		row.Caravan = passBadge(ur.Rules[coverage.RuleCaravanReach].Pass, L)
		row.Base = passBadge(ur.Rules[coverage.RuleBaseDistribution].Pass, L)
		out = append(out, row)
	}
	return out
}

// venueClass is venue_1000's three classes: 0 compliant, 1 a smaller venue, 2 none.
func venueClass(ur *coverage.UnitResult) int {
	switch {
	case ur.Rules[coverage.RuleVenue1000].Pass:
		return 0
	case ur.LargestVenueM2 > 0:
		return 1
	}
	return 2
}

func (b *builder) venueBadge(ur *coverage.UnitResult) badge {
	switch venueClass(ur) {
	case 0:
		return badge{"pass", b.L["pass"]}
	case 1:
		return badge{"warn", fmt.Sprintf(pick(b.opt.Lang, "不足 %s 平方米", "under %s m²"), words.Figure(b.res.Ruleset.Venue1000.MinFloorAreaM2))}
	}
	return badge{"fail", pick(b.opt.Lang, "无场馆", "no venue")}
}

func passBadge(pass bool, L map[string]string) badge {
	if pass {
		return badge{"pass", L["pass"]}
	}
	return badge{"fail", L["fail"]}
}

// pipeline lists the scope's facilities under construction or planned and
// the gaps each would close.
func (b *builder) pipeline(s scope, gaps []coverage.Gap) []pipeRow {
	lang := b.opt.Lang
	closes := map[string][]string{}
	for _, g := range gaps {
		for _, id := range g.Pipeline {
			closes[id] = append(closes[id], fmt.Sprintf("%s · %s %s", words.RuleName(g.Rule, lang), g.Code, g.Name))
		}
	}
	var out []pipeRow
	for i := range b.m.World.Facilities {
		f := &b.m.World.Facilities[i]
		county := b.m.FacilityCounty[i]
		c, ok := b.unit[county]
		later := f.OpensAfter(b.res.AsOf)
		if !(f.Pipeline() || later) || !ok || !s.in(c.Code, c.Parent) {
			continue
		}
		status := words.Word(f.Status, lang)
		if later {
			// As of the report's day it was still to open.
			status = fmt.Sprintf(pick(lang, "%s 开放", "opens %s"), f.Opened)
		}
		row := pipeRow{ID: f.ID, Name: f.Name, Category: words.Word(f.Category, lang), Status: status,
			County: c.Code + " " + c.Name, Area: "–", Closes: closes[f.ID]}
		if f.FloorArea > 0 {
			row.Area = words.Figure(f.FloorArea)
		}
		out = append(out, row)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Closes) > len(out[j].Closes) })
	return out
}

func (b *builder) leagueLinks(s scope) []leagueLink {
	var out []leagueLink
	for _, l := range b.leagues {
		href := "leagues/" + l.Code + ".html"
		if s.league != nil {
			href = l.Code + ".html"
		}
		out = append(out, leagueLink{Code: l.Code, Name: l.Name, Href: href,
			Gaps: len(b.res.Gaps(coverage.GapFilter{League: l.Code})), Current: s.league != nil && s.league.Code == l.Code})
	}
	return out
}

func (b *builder) thresholds() []stat {
	rs, lang := b.res.Ruleset, b.opt.Lang
	var out []stat
	for _, id := range coverage.RuleIDs {
		out = append(out, stat{words.RuleName(id, lang), words.RuleTarget(id, rs, lang)})
	}
	w := rs.Priority
	out = append(out, stat{b.L["priority"], fmt.Sprintf(pick(lang,
		"人口 %g/10万人，农村牧区人口 %g/10万人，距离 %g/100公里，原贫困县 %g，边境 %g",
		"population %g per 100,000, rural %g per 100,000, distance %g per 100 km, former poverty %g, border %g"),
		w.Population, w.Rural, w.Distance, w.FormerPoverty, w.Border)})
	return out
}

func (b *builder) diagnostics() []stat {
	count := map[string]int{}
	for _, d := range b.res.Diagnostics {
		count[d.Code]++
	}
	var out []stat
	for code, n := range count {
		out = append(out, stat{code, fmt.Sprint(n)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}
