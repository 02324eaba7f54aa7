package report

import (
	"context"
	"fmt"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
	"github.com/paulmach/orb"
)

// The planning section: the caravan stations that make every county pass
// caravan_reach and the venue sites that bring the most population within
// reach of a compliant venue, as coverage.SuggestCaravans and
// coverage.SuggestVenues find them.

// Suggestion settings of the report: the solvers' defaults, three venues.
const (
	PlanReachKm  = 100 // a new caravan station's reach
	PlanVenues   = 3   // new venue sites
	PlanRadiusKm = 50  // a venue's service radius
)

// suggest runs both solvers once for the whole report.
func (b *builder) suggest(ctx context.Context) error {
	rs := b.res.Ruleset
	limited := func() (context.Context, context.CancelFunc) {
		if b.opt.SuggestLimit > 0 {
			return context.WithTimeout(ctx, b.opt.SuggestLimit)
		}
		return context.WithCancel(ctx)
	}
	cctx, cancel := limited()
	defer cancel()
	cp, err := coverage.SuggestCaravans(cctx, b.m, rs, coverage.CaravanOptions{ReachKm: PlanReachKm})
	if err != nil {
		return fmt.Errorf("report: caravan stations: %w", err)
	}
	vctx, vcancel := limited()
	defer vcancel()
	vp, err := coverage.SuggestVenues(vctx, b.m, rs, coverage.VenueOptions{K: PlanVenues, RadiusKm: PlanRadiusKm})
	if err != nil {
		return fmt.Errorf("report: venue sites: %w", err)
	}
	b.caravans, b.venues = cp, vp
	return b.planInvestment(ctx)
}

// planView is the planning section of a page.
type planView struct {
	Stations      []stationRow
	StationIntro  string // what the plan is for, in this scope
	StationResult string // how many, and whether proven minimal
	StationNone   string // set when the scope needs no station
	Uncoverable   []countyRef
	Sites         []siteRow
	SiteIntro     string
	SiteCoverage  string // covered population before → after
	SiteResult    string // proven optimal, or the bound
	SiteNone      string // set when no site concerns the scope
}

// stationRow is one suggested caravan station. Closes are the failing
// counties of the scope it makes pass; Elsewhere counts those of other
// leagues (league pages only).
type stationRow struct {
	Rank               int
	Code, Name, League string
	Lon, Lat           string
	Closes             []countyRef
	Elsewhere          string
}

// siteRow is one suggested venue site; Gain is the population it newly
// brings within the radius, after the sites ranked before it.
type siteRow struct {
	Rank               int
	Code, Name, League string
	Lon, Lat           string
	Gain               string
	Covers             []countyRef
	Elsewhere          string
}

type countyRef struct{ Code, Name string }

// located is the county a point lies in and that county's league ("" when
// outside every county).
func (b *builder) located(lon, lat float64) (county, league string) {
	county = b.m.Locate(orb.Point{lon, lat})
	if c, ok := b.unit[county]; ok {
		league = c.Parent
	}
	return county, league
}

func (b *builder) leagueName(code string) string {
	if l, ok := b.unit[code]; ok {
		return l.Name
	}
	return ""
}

// refs names the counties among codes that are in the scope, and counts
// the others.
func (b *builder) refs(s scope, codes []string) (in []countyRef, out int) {
	for _, code := range codes {
		c, ok := b.unit[code]
		if !ok || !s.in(c.Code, c.Parent) {
			out++
			continue
		}
		in = append(in, countyRef{Code: code, Name: c.Name})
	}
	return in, out
}

func (b *builder) elsewhere(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(pick(b.opt.Lang, "另有其他盟市 %d 个旗县", "and %d counties of other leagues"), n)
}

// planning is the section for a scope: on a league page, the stations and
// sites in the league or serving its counties, with only its counties named.
func (b *builder) planning(s scope) planView {
	var pv planView
	if b.caravans == nil || b.venues == nil {
		return pv
	}
	b.stationPlan(s, &pv)
	b.sitePlan(s, &pv)
	return pv
}

func (b *builder) stationPlan(s scope, pv *planView) {
	lang, cp := b.opt.Lang, b.caravans
	failing := 0
	for _, code := range cp.Failing {
		if c := b.unit[code]; c != nil && s.in(c.Code, c.Parent) {
			failing++
		}
	}
	pv.Uncoverable, _ = b.refs(s, cp.Uncoverable)
	for i, st := range cp.Stations {
		_, league := b.located(st.Lon, st.Lat)
		closes, out := b.refs(s, st.Closes)
		if len(closes) == 0 && !s.in("", league) {
			continue
		}
		pv.Stations = append(pv.Stations, stationRow{Rank: i + 1, Code: st.Code, Name: st.Name, League: b.leagueName(league),
			Lon: fmt.Sprintf("%.4f", st.Lon), Lat: fmt.Sprintf("%.4f", st.Lat), Closes: closes, Elsewhere: b.elsewhere(out)})
	}
	pv.StationIntro = fmt.Sprintf(pick(lang, "使每个旗县都达到“大篷车覆盖”要求所需的最少新站点（候选为 %d 个旗县驻地，新站点服务半径 %.0f 公里）。",
		"The fewest new caravan stations that make every county pass caravan reach (candidates: the %d county seats; a new station reaches %.0f km)."),
		cp.Candidates, cp.ReachKm)
	if s.league != nil {
		pv.StationIntro += fmt.Sprintf(pick(lang, "本盟市目前有 %d 个旗县未达标。", " %d counties of this league fail now."), failing)
		if failing == 0 && len(pv.Stations) == 0 {
			pv.StationNone = pick(lang, "无需新增站点：本盟市各旗县均已达标。", "None needed: every county of this league passes.")
		}
	} else if len(cp.Failing) == 0 {
		pv.StationNone = pick(lang, "无需新增站点：各旗县均已达标。", "None needed: every county passes.")
	}
	res := fmt.Sprintf(pick(lang, "全区新增站点 %d 个", "%d new stations in the region"), cp.NewStations)
	if cp.Optimal {
		res += pick(lang, "，已证明为最少（不存在更少的方案）", ", proven minimal (no smaller set exists)")
	} else {
		res += fmt.Sprintf(pick(lang, "，未能证明最少：至少需要 %d 个", ", not proven minimal: at least %d are needed"), cp.LowerBound)
	}
	pv.StationResult = res + fmt.Sprintf(pick(lang, "（贪心法 %d 个）。", " (greedy: %d)."), cp.Greedy)
}

func (b *builder) sitePlan(s scope, pv *planView) {
	lang, vp := b.opt.Lang, b.venues
	for i, st := range vp.Sites {
		_, league := b.located(st.Lon, st.Lat)
		covers, out := b.refs(s, st.Covers)
		if len(covers) == 0 && !s.in("", league) {
			continue
		}
		pv.Sites = append(pv.Sites, siteRow{Rank: i + 1, Code: st.Code, Name: st.Name, League: b.leagueName(league),
			Lon: fmt.Sprintf("%.4f", st.Lon), Lat: fmt.Sprintf("%.4f", st.Lat), Gain: words.Figure(st.Gain), Covers: covers,
			Elsewhere: b.elsewhere(out)})
	}
	pv.SiteIntro = fmt.Sprintf(pick(lang, "新建 %d 处科普场馆（≥ %s 平方米）的选址，使服务半径 %.0f 公里内的人口增加最多（候选为 %d 个旗县驻地，各旗县人口计在其驻地）。",
		"The %d new venues (≥ %s m²) that bring the most people within %.0f km of a compliant venue (candidates: the %d county seats; each county's population counts at its seat)."),
		vp.K, words.Figure(vp.MinM2), vp.RadiusKm, vp.Candidates)
	before, after, total := vp.BaselineCovered, vp.CoveredPopulation, vp.TotalPopulation
	where := pick(lang, "全区", "Region")
	if s.league != nil {
		before, after, total = b.leagueCoverage(s)
		where = pick(lang, "本盟市", "This league")
	}
	pct := func(x float64) string { return fmt.Sprintf("%.1f%%", 100*x/max(total, 1)) }
	pv.SiteCoverage = fmt.Sprintf(pick(lang, "%s %.0f 公里内有达标场馆的人口：%s → %s（共 %s，%s → %s）。", "%s population within %.0f km of a compliant venue: %s → %s of %s (%s → %s)."),
		where, vp.RadiusKm, words.Figure(before), words.Figure(after), words.Figure(total), pct(before), pct(after))
	if vp.Optimal {
		pv.SiteResult = fmt.Sprintf(pick(lang, "全区新增覆盖 %s 人，已证明最优（任何 %d 处都不能覆盖更多）。", "%s people newly covered in the region, proven optimal (no %d sites cover more)."),
			words.Figure(vp.NewlyCoveredPopulation), vp.K)
	} else {
		pv.SiteResult = fmt.Sprintf(pick(lang, "全区新增覆盖 %s 人，未证明最优：任何 %d 处至多新增 %s 人（本方案达上界的 %.1f%%）。",
			"%s people newly covered in the region, not proven optimal: no %d sites newly cover more than %s (this is %.1f%% of that)."),
			words.Figure(vp.NewlyCoveredPopulation), vp.K, words.Figure(vp.UpperBound), 100*vp.NewlyCoveredPopulation/max(vp.UpperBound, 1))
	}
	if len(pv.Sites) == 0 {
		pv.SiteNone = fmt.Sprintf(pick(lang, "本盟市无建议：全区建议的 %d 处场馆均不在本盟市，也不覆盖本盟市旗县。",
			"None here: none of the %d sites suggested for the region is in this league or serves its counties."), len(vp.Sites))
		switch {
		case s.league == nil:
			pv.SiteNone = pick(lang, "无需新增场馆：没有候选点能新增覆盖人口。", "None needed: no candidate brings anyone new within reach.")
		case before >= total:
			pv.SiteNone = fmt.Sprintf(pick(lang, "无需新增场馆：本盟市人口均已在 %.0f 公里服务半径内。", "None needed: everyone in this league is within %.0f km already."), vp.RadiusKm)
		}
	}
}

// leagueCoverage is the population of the league's counties whose seat is
// within the radius of a compliant venue, before and after the suggested
// sites, and the league's whole population (seat demand, as the solver counts).
func (b *builder) leagueCoverage(s scope) (before, after, total float64) {
	newly := map[string]bool{}
	for _, st := range b.venues.Sites {
		for _, c := range st.Covers {
			newly[c] = true
		}
	}
	for _, c := range s.counties {
		if !c.HasSeat {
			continue
		}
		p := float64(c.Population)
		total += p
		ur, _ := b.res.Unit(c.Code)
		switch {
		case ur.NearestVenue != nil && ur.NearestVenue.DistanceKm <= b.venues.RadiusKm:
			before += p
			after += p
		case newly[c.Code]:
			after += p
		}
	}
	return before, after, total
}
