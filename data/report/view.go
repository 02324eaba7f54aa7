package report

import (
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// scope is the part of the world one page covers: the region or a league.
type scope struct {
	league   *coverage.Unit // nil for the whole region
	counties []*coverage.Unit
}

func (s scope) in(code, parent string) bool {
	return s.league == nil || code == s.league.Code || parent == s.league.Code
}

// page is what the HTML template shows.
type page struct {
	Lang        string
	L           map[string]string
	Title       string
	Subtitle    string
	Sample      bool
	Generated   string
	Period      coverage.Period
	Root        string // the way back to the report's directory
	IsLeague    bool
	Stats       []stat
	Rules       []ruleRow
	Maps        []mapView
	Gaps        []gapRow
	Dist        distView
	Counties    []countyRow
	Pipeline    []pipeRow
	Leagues     []leagueLink
	Sources     []string
	Thresholds  []stat
	Attribution string
	Diagnostics []stat
}

type stat struct{ Label, Value string }

type ruleRow struct {
	ID, Name, Scope, Target, Actual, PlanText string
	Pass                                      bool
	Passing, Total                            int
	RegionWide                                bool
}

type mapView struct {
	Rule, Title, Caption string
	URI                  template.URL
	File                 string
}

type gapRow struct {
	Rank                  int
	Code, Name, Level     string
	Rule, RuleName        string
	Priority              string
	Actual, Target, Short string
	Detail                string
	Parts                 []partView
	Pipeline              string
}

type partView struct {
	Name, Score, Measure string
	Width                string // CSS percentage of the widest priority
	Class                string
}

type distView struct {
	Rows                                []distRow
	Gini, NonUrbanBases, NonUrbanPeople string
	Without                             int
}

type distRow struct {
	Code, Name                string
	Population                string
	people                    int
	Bases, National, Regional int
	Themed, Without           int
	Per100k                   string
	Bar                       string
	rate                      float64
}

type countyRow struct {
	Code, Name, League, Kind string
	Population               string
	LargestVenue             string
	Bases                    int
	Per100k                  string
	NearestKm                string
	Venue, Caravan, Base     badge
	Priority                 string
}

type badge struct {
	Class, Text string
}

type pipeRow struct {
	ID, Name, Category, Status, County, Area string
	Closes                                   []string
}

type leagueLink struct {
	Code, Name, Href string
	Gaps             int
	Current          bool
}

// build makes the page for a scope; maps are filled in by the caller.
func (b *builder) page(s scope) *page {
	lang := b.opt.Lang
	L := labelsFor(lang)
	p := &page{Lang: pick(lang, "zh-CN", "en"), L: L, Sample: b.res.Dataset.Sample, Period: b.res.Dataset.Period,
		Attribution: data.Attribution(), Sources: b.res.Dataset.Sources}
	if !b.opt.Generated.IsZero() {
		p.Generated = b.opt.Generated.Format("2006-01-02 15:04")
	}
	p.Title = L["region"] + " " + L["report_title"]
	if s.league != nil {
		p.Title = s.league.Name + " " + L["report_title"]
		p.IsLeague, p.Root = true, "../"
	}
	p.Subtitle = L["plan"]
	gaps := b.gaps(s)
	p.Stats = b.stats(s, len(gaps))
	p.Rules = b.rules(s)
	p.Gaps = b.gapRows(gaps)
	p.Dist = b.dist(s)
	p.Counties = b.countyRows(s)
	p.Pipeline = b.pipeline(s, gaps)
	p.Leagues = b.leagueLinks(s)
	p.Thresholds = b.thresholds()
	p.Diagnostics = b.diagnostics()
	return p
}

func (b *builder) gaps(s scope) []coverage.Gap {
	f := coverage.GapFilter{}
	if s.league != nil {
		f.League = s.league.Code
	}
	return b.res.Gaps(f)
}

func (b *builder) stats(s scope, gaps int) []stat {
	L := b.L
	facilities, pass := 0, 0
	for _, c := range s.counties {
		if ur, ok := b.res.Unit(c.Code); ok {
			facilities += ur.Facilities
		}
	}
	rules := b.rules(s)
	for _, r := range rules {
		if r.Pass {
			pass++
		}
	}
	out := []stat{{L["counties"], fmt.Sprint(len(s.counties))}}
	if s.league == nil {
		out = append(out, stat{L["leagues"], fmt.Sprint(b.res.Dataset.Leagues)})
		facilities = b.res.Dataset.Facilities
	}
	return append(out, stat{L["facilities"], fmt.Sprint(facilities)},
		stat{L["rules_passing"], fmt.Sprintf("%d / %d", pass, len(rules))}, stat{L["gaps"], fmt.Sprint(gaps)})
}

// rules lists the rule table for a scope: county rules counted over the
// scope's counties, the league's own museum, and region-wide rules as context.
func (b *builder) rules(s scope) []ruleRow {
	lang := b.opt.Lang
	var out []ruleRow
	for _, rr := range b.res.Rules {
		row := ruleRow{ID: rr.ID, Name: data.RuleName(rr.ID, lang), Scope: scopeName(rr.Scope, lang),
			Target: data.RuleTarget(rr.ID, b.res.Ruleset, lang), PlanText: rr.PlanText, Pass: rr.Pass, Passing: rr.Passing, Total: rr.Total}
		switch {
		case rr.Scope == coverage.LevelCounty:
			if s.league != nil {
				row.Passing, row.Total = 0, len(s.counties)
				for _, c := range s.counties {
					if ur, ok := b.res.Unit(c.Code); ok && ur.Rules[rr.ID].Pass {
						row.Passing++
					}
				}
				row.Pass = row.Passing == row.Total
			}
			row.Actual = fmt.Sprintf(pick(lang, "%d / %d 个旗县达标", "%d of %d counties"), row.Passing, row.Total)
		case rr.Scope == coverage.LevelLeague && s.league != nil:
			ur, _ := b.res.Unit(s.league.Code)
			ru := ur.Rules[rr.ID]
			row.Pass, row.Passing, row.Total = ru.Pass, boolInt(ru.Pass), 1
			row.Actual = fmt.Sprintf(pick(lang, "最大综合性场馆 %s 平方米，需 %s 平方米", "largest comprehensive venue %s m², needs %s m²"), data.Figure(ru.Actual), data.Figure(ru.Target))
		case rr.Scope == coverage.LevelLeague:
			row.Actual = fmt.Sprintf(pick(lang, "%d / %d 个盟市达标", "%d of %d leagues"), rr.Passing, rr.Total)
		default:
			row.RegionWide = s.league != nil
			row.Actual = b.regionActual(rr.ID)
		}
		out = append(out, row)
	}
	return out
}

func (b *builder) regionActual(id string) string {
	reg, lang := b.res.Region, b.opt.Lang
	switch id {
	case coverage.RuleMobileMuseum:
		return fmt.Sprintf(pick(lang, "%d 个盟市", "%d leagues"), reg.MobileMuseumLeagues)
	case coverage.RuleBaseTotals:
		bt := reg.BaseTotals
		return fmt.Sprintf(pick(lang, "国家级 %d，自治区级 %d，科普+文化/旅游 %d", "national %d, regional %d, culture/tourism %d"), bt.National, bt.Regional, bt.Themed)
	}
	return ""
}

func (b *builder) gapRows(gaps []coverage.Gap) []gapRow {
	lang := b.opt.Lang
	top := 0.0
	for _, g := range gaps {
		top = max(top, g.Priority)
	}
	out := make([]gapRow, 0, len(gaps))
	for i, g := range gaps {
		u := measureUnit(g.Rule, lang)
		row := gapRow{Rank: i + 1, Code: g.Code, Name: g.Name, Level: scopeName(g.Level, lang), Rule: g.Rule,
			RuleName: data.RuleName(g.Rule, lang), Priority: fmt.Sprintf("%.2f", g.Priority),
			Actual: data.Figure(g.Actual) + " " + u, Target: data.Figure(g.Target) + " " + u, Short: data.Figure(g.Shortfall) + " " + u,
			Detail: data.GapDetail(g, lang), Pipeline: b.facilityList(g.Pipeline)}
		for k, p := range g.Parts {
			if p.Score == 0 {
				continue
			}
			pv := partView{Name: data.Word(p.Name, lang), Score: fmt.Sprintf("%.2f", p.Score), Class: fmt.Sprintf("p%d", k)}
			if p.Unit != "flag" {
				pv.Measure = data.Figure(p.Measure) + " " + pick(lang, map[string]string{"residents": "人", "km": "公里"}[p.Unit], p.Unit)
			}
			if top > 0 {
				pv.Width = fmt.Sprintf("%.1f%%", p.Score/top*100)
			}
			row.Parts = append(row.Parts, pv)
		}
		out = append(out, row)
	}
	return out
}

// facilityList names facilities by id and name.
func (b *builder) facilityList(ids []string) string {
	var names []string
	for _, id := range ids {
		if f, ok := b.facility[id]; ok {
			names = append(names, id+" "+f.Name)
		} else {
			names = append(names, id)
		}
	}
	return strings.Join(names, "；")
}

// dist is the base distribution: by league for the region, by county for a league.
func (b *builder) dist(s scope) distView {
	var dv distView
	var rates []float64
	var bases, nonUrbanBases, people, nonUrbanPeople int
	for _, c := range s.counties {
		ur, _ := b.res.Unit(c.Code)
		rate := b.res.Region.Distribution.Per100k[c.Code]
		rates = append(rates, rate)
		bases += ur.Bases.Total
		people += c.Population
		if c.Kind != "district" {
			nonUrbanBases += ur.Bases.Total
			nonUrbanPeople += c.Population
		}
		if !ur.Rules[coverage.RuleBaseDistribution].Pass {
			dv.Without++
		}
		if s.league != nil {
			dv.Rows = append(dv.Rows, distRow{Code: c.Code, Name: c.Name, Population: data.Figure(float64(c.Population)), Bases: ur.Bases.Total,
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
	dv.Gini = fmt.Sprintf("%.3f", coverage.Gini(rates))
	dv.NonUrbanBases, dv.NonUrbanPeople = share(nonUrbanBases, bases), share(nonUrbanPeople, people)
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
	r.Population = data.Figure(float64(r.people))
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
		row := countyRow{Code: c.Code, Name: c.Name, Kind: data.KindName(c.Kind, lang), Population: data.Figure(float64(c.Population)),
			LargestVenue: data.Figure(ur.LargestVenueM2), Bases: ur.Bases.Total,
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
		return badge{"warn", fmt.Sprintf(pick(b.opt.Lang, "不足 %s 平方米", "under %s m²"), data.Figure(b.res.Ruleset.Venue1000.MinFloorAreaM2))}
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
			closes[id] = append(closes[id], fmt.Sprintf("%s · %s %s", data.RuleName(g.Rule, lang), g.Code, g.Name))
		}
	}
	var out []pipeRow
	for i := range b.m.World.Facilities {
		f := &b.m.World.Facilities[i]
		county := b.m.FacilityCounty[i]
		c, ok := b.unit[county]
		if !f.Pipeline() || !ok || !s.in(c.Code, c.Parent) {
			continue
		}
		row := pipeRow{ID: f.ID, Name: f.Name, Category: data.Word(f.Category, lang), Status: data.Word(f.Status, lang),
			County: c.Code + " " + c.Name, Area: "–", Closes: closes[f.ID]}
		if f.FloorArea > 0 {
			row.Area = data.Figure(f.FloorArea)
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
		out = append(out, stat{data.RuleName(id, lang), data.RuleTarget(id, rs, lang)})
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
