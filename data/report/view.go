package report

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
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
	Plan        planView
	Dist        distView
	Counties    []countyRow
	Pipeline    []pipeRow
	Leagues     []leagueLink
	Sources     []string
	Thresholds  []stat
	Notes       []sourceNote // 数据来源与许可
	Diagnostics []stat
	Progress    progressView
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
	L := b.L
	p := &page{Lang: pick(lang, "zh-CN", "en"), L: L, Sample: b.res.Dataset.Sample, Period: b.res.Dataset.Period,
		Notes: b.sourceNotes(), Sources: b.inputNames()}
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
	p.Plan = b.planning(s)
	p.Dist = b.dist(s)
	p.Counties = b.countyRows(s)
	p.Pipeline = b.pipeline(s, gaps)
	p.Leagues = b.leagueLinks(s)
	p.Thresholds = b.thresholds()
	p.Diagnostics = b.diagnostics()
	p.Progress = b.progressSection(s)
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
		row := ruleRow{ID: rr.ID, Name: words.RuleName(rr.ID, lang), Scope: b.scopeName(rr.Scope),
			Target: words.RuleTarget(rr.ID, b.res.Ruleset, lang), PlanText: rr.PlanText, Pass: rr.Pass, Passing: rr.Passing, Total: rr.Total}
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
			row.Actual = fmt.Sprintf(pick(lang, "最大综合性场馆 %s 平方米，需 %s 平方米", "largest comprehensive venue %s m², needs %s m²"), words.Figure(ru.Actual), words.Figure(ru.Target))
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
		row := gapRow{Rank: i + 1, Code: g.Code, Name: g.Name, Level: b.scopeName(g.Level), Rule: g.Rule,
			RuleName: words.RuleName(g.Rule, lang), Priority: fmt.Sprintf("%.2f", g.Priority),
			Actual: words.Figure(g.Actual) + " " + u, Target: words.Figure(g.Target) + " " + u, Short: words.Figure(g.Shortfall) + " " + u,
			Detail: words.GapDetail(g, lang), Pipeline: b.facilityList(g.Pipeline)}
		for k, p := range g.Parts {
			if p.Score == 0 {
				continue
			}
			pv := partView{Name: words.Word(p.Name, lang), Score: fmt.Sprintf("%.2f", p.Score), Class: fmt.Sprintf("p%d", k)}
			if p.Unit != "flag" {
				pv.Measure = words.Figure(p.Measure) + " " + pick(lang, map[string]string{"residents": "人", "km": "公里"}[p.Unit], p.Unit)
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
