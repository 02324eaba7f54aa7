package data

import (
	"fmt"
	"io"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
)

// The text output of what-if scenarios and site suggestions.

// WriteScenarioText writes what the scenario changes, for a person.
func WriteScenarioText(w io.Writer, sr *coverage.ScenarioResult, lang words.Lang) error {
	var b strings.Builder
	ch := sr.Changes
	fmt.Fprintf(&b, lang.Pick("\n方案「%s」：新增 %d 处设施，移除 %d 处\n", "\nScenario %q: %d facilities added, %d removed\n"), sr.Name, len(sr.Added), len(sr.Removed))
	yes := func(p bool) string {
		if p {
			return lang.Pick("达标", "pass")
		}
		return lang.Pick("未达标", "fail")
	}
	for _, r := range ch.Rules {
		fmt.Fprintf(&b, "  %-24s %d/%d → %d/%d  %s → %s\n", words.RuleName(r.ID, lang), r.PassingBefore, r.Total, r.PassingAfter, r.Total, yes(r.PassBefore), yes(r.PassAfter))
	}
	for _, u := range ch.Units {
		fmt.Fprintf(&b, "  %s %s [%s] %s → %s\n", u.Code, u.Name, words.RuleName(u.Rule, lang), yes(u.Before), yes(u.After))
	}
	fmt.Fprintf(&b, lang.Pick("  消除差距 %d 项，新增差距 %d 项\n", "  %d gaps closed, %d opened\n"), len(ch.GapsClosed), len(ch.GapsOpened))
	rc := ch.Reach
	fmt.Fprintf(&b, lang.Pick("  %.0f 公里内有达标场馆的人口：新增 %d（%s），减少 %d\n", "  population newly within %.0f km of a compliant venue: %d (%s), no longer: %d\n"),
		rc.VenueRadiusKm, rc.VenueNewly, strings.Join(rc.VenueNewlyCounties, ","), rc.VenueLost)
	fmt.Fprintf(&b, lang.Pick("  大篷车覆盖人口：新增 %d（%s），减少 %d\n", "  population newly within caravan reach: %d (%s), no longer: %d\n"),
		rc.CaravanNewly, strings.Join(rc.CaravanNewlyCounty, ","), rc.CaravanLost)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteCaravanText writes the caravan station suggestions for a person.
func WriteCaravanText(w io.Writer, p *coverage.CaravanPlan, m *coverage.Model, lang words.Lang, sample bool) error {
	var b strings.Builder
	name := func(code string) string {
		if u, ok := m.Unit(code); ok {
			return u.Name
		}
		return code
	}
	if sample {
		b.WriteString(lang.Pick("【示例数据】\n", "[sample data]\n"))
	}
	fmt.Fprintf(&b, lang.Pick("科普大篷车新站点建议（覆盖半径 %.0f 公里，候选 %d 处）\n", "New caravan stations (reach %.0f km, %d candidates)\n"), p.ReachKm, p.Candidates)
	fmt.Fprintf(&b, lang.Pick("目前未覆盖的旗县 %d 个：%s\n", "Counties failing caravan_reach now: %d: %s\n"), len(p.Failing), strings.Join(p.Failing, ", "))
	for i, s := range p.Stations {
		var closes []string
		for _, c := range s.Closes {
			closes = append(closes, c+" "+name(c))
		}
		fmt.Fprintf(&b, "%3d. %s %s (%.4f, %.4f)  %s %s\n", i+1, s.Code, s.Name, s.Lon, s.Lat, lang.Pick("覆盖", "closes"), strings.Join(closes, ", "))
	}
	fmt.Fprintf(&b, lang.Pick("新增站点 %d 个", "%d new stations"), p.NewStations)
	switch {
	case p.Optimal:
		b.WriteString(lang.Pick("，已证明为最少（不存在更少的方案）", ", proven minimal (no smaller set exists)"))
	default:
		fmt.Fprintf(&b, lang.Pick("，未能证明最优：至少需要 %d 个，差距至多 %d 个", ", not proven optimal: at least %d are needed, so at most %d too many"), p.LowerBound, p.NewStations-p.LowerBound)
	}
	fmt.Fprintf(&b, lang.Pick("（贪心法 %d 个）\n", " (greedy: %d)\n"), p.Greedy)
	if len(p.Uncoverable) > 0 {
		fmt.Fprintf(&b, lang.Pick("无候选点可覆盖：%s\n", "No candidate reaches: %s\n"), strings.Join(p.Uncoverable, ", "))
	}
	_, err := io.WriteString(w, words.RegionSpeech(m.World.Region).Say(b.String()))
	return err
}

// WriteVenueText writes the venue site suggestions for a person.
func WriteVenueText(w io.Writer, p *coverage.VenuePlan, lang words.Lang, sample bool) error {
	var b strings.Builder
	if sample {
		b.WriteString(lang.Pick("【示例数据】\n", "[sample data]\n"))
	}
	fmt.Fprintf(&b, lang.Pick("新建科普场馆选址建议：%d 处，服务半径 %.0f 公里，场馆面积 ≥ %.0f 平方米（候选 %d 处，需求点 %d 个）\n",
		"New venue sites: %d, service radius %.0f km, floor area ≥ %.0f m² (%d candidates, %d demand points)\n"), p.K, p.RadiusKm, p.MinM2, p.Candidates, p.Demand)
	for i, s := range p.Sites {
		fmt.Fprintf(&b, lang.Pick("%3d. %s %s (%.4f, %.4f)  新增覆盖 %.0f 人\n", "%3d. %s %s (%.4f, %.4f)  newly covers %.0f\n"), i+1, s.Code, s.Name, s.Lon, s.Lat, s.Gain)
	}
	if len(p.Sites) < p.K {
		fmt.Fprintf(&b, lang.Pick("只有 %d 处有新增覆盖，其余需求已全部覆盖或无法覆盖\n", "only %d sites add anything; the rest of the demand is covered or out of reach\n"), len(p.Sites))
	}
	pct := func(x float64) float64 { return 100 * x / max(p.TotalPopulation, 1) }
	fmt.Fprintf(&b, lang.Pick("覆盖人口 %.0f → %.0f（共 %.0f，%.1f%% → %.1f%%），新增 %.0f\n", "Covered %.0f → %.0f of %.0f (%.1f%% → %.1f%%), newly %.0f\n"),
		p.BaselineCovered, p.CoveredPopulation, p.TotalPopulation, pct(p.BaselineCovered), pct(p.CoveredPopulation), p.NewlyCoveredPopulation)
	if p.Optimal {
		b.WriteString(lang.Pick("已证明最优（", "Proven optimal ("))
	} else {
		fmt.Fprintf(&b, lang.Pick("未证明最优：任何 %d 处至多新增 %.0f，本方案达上界的 %.2f%%（", "Not proven optimal: no %d sites newly cover more than %.0f; this is %.2f%% of that ("),
			p.K, p.UpperBound, 100*p.NewlyCoveredPopulation/max(p.UpperBound, 1))
	}
	fmt.Fprintf(&b, lang.Pick("方法 %s，贪心法新增 %.0f）\n", "method %s; greedy newly covers %.0f)\n"), p.Method, p.Greedy)
	_, err := io.WriteString(w, b.String())
	return err
}
