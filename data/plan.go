package data

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
)

// PlanColumns are the investment plan's CSV columns: one row per action.
var PlanColumns = []string{"rank", "id", "kind", "year", "county", "county_name", "league", "site", "site_name", "lon", "lat",
	"facility", "from_m2", "add_m2", "to_m2", "reach_km", "cost", "unit", "costs_placeholder", "value", "population_served", "closes"}

// WritePlanCSV writes the plan's actions as CSV with a header row; closes
// lists rule:code pairs separated by semicolons.
func WritePlanCSV(w io.Writer, p *coverage.InvestmentPlan) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	if err := cw.Write(PlanColumns); err != nil {
		return err
	}
	opt := func(v float64) string {
		if v == 0 {
			return ""
		}
		return fmtNum(v)
	}
	for i, a := range p.Actions {
		year := ""
		if a.Year > 0 {
			year = strconv.Itoa(a.Year)
		}
		rec := []string{strconv.Itoa(i + 1), a.ID, a.Kind, year, a.County, a.CountyName, a.League, a.Site, a.SiteName,
			fmtNum(a.Lon), fmtNum(a.Lat), a.Facility, opt(a.FromM2), opt(a.AddM2), opt(a.ToM2), opt(a.ReachKm), fmtNum(a.Cost), p.Unit,
			strconv.FormatBool(p.CostsPlaceholder), fmtNum(a.Value), fmtNum(a.PopulationServed), closesList(a.Closes, ";", false, "")}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// closesList joins gaps as rule:code, or for people as "rule name code name".
func closesList(gs []coverage.PlanGap, sep string, people bool, lang words.Lang) string {
	var parts []string
	for _, g := range gs {
		if people {
			parts = append(parts, fmt.Sprintf("%s %s %s", words.RuleName(g.Rule, lang), g.Code, g.Name))
		} else {
			parts = append(parts, g.Rule+":"+g.Code)
		}
	}
	return strings.Join(parts, sep)
}

// PlanActionText says what an action does, for people: its kind, where,
// and the floor area or reach.
func PlanActionText(a coverage.PlanAction, lang words.Lang) string {
	where := a.CountyName
	if a.SiteName != "" && a.SiteName != a.CountyName {
		where += " " + a.SiteName
	}
	s := words.PlanWord(a.Kind, lang) + " " + where
	switch a.Kind {
	case coverage.ActionExpandVenue, coverage.ActionExpandMuseum:
		s += " " + fmt.Sprintf(words.PlanWord("plan_area", lang), words.Figure(a.FromM2), words.Figure(a.ToM2), words.Figure(a.AddM2))
	case coverage.ActionBuildVenue, coverage.ActionBuildMuseum:
		s += " " + fmt.Sprintf(words.PlanWord("plan_new_area", lang), words.Figure(a.ToM2))
	case coverage.ActionCaravan:
		s += " " + fmt.Sprintf(words.PlanWord("plan_reach", lang), words.Figure(a.ReachKm))
	}
	return s
}

// PlanResult says whether the plan is proven optimal, or how close to the bound it is.
func PlanResult(p *coverage.InvestmentPlan, lang words.Lang) string {
	if p.Optimal {
		return fmt.Sprintf(words.PlanWord("plan_optimal", lang), p.Nodes, p.CandidateActions)
	}
	pct := 100.0
	if p.UpperBound > 0 {
		pct = 100 * p.Value / p.UpperBound
	}
	return fmt.Sprintf(words.PlanWord("plan_not_optimal", lang), words.Figure(p.UpperBound), pct, p.Nodes-1, p.CandidateActions)
}

// PlanTotal is the plan's one-line summary: actions, spending, gaps and priority closed.
func PlanTotal(p *coverage.InvestmentPlan, lang words.Lang) string {
	return fmt.Sprintf(words.PlanWord("plan_total", lang), len(p.Actions), words.Figure(p.Spent), words.Figure(p.Budget), p.Unit,
		p.GapsClosed, words.Figure(p.Value), words.Figure(p.TotalValue))
}

// WritePlanText writes the plan for a person, Chinese first or English.
func WritePlanText(w io.Writer, p *coverage.InvestmentPlan, lang words.Lang, sample bool) error {
	var b strings.Builder
	if sample {
		b.WriteString(lang.Pick("【示例数据】\n", "[sample data]\n"))
	}
	fmt.Fprintf(&b, words.PlanWord("plan_title", lang)+"\n", p.FromYear, p.ToYear, words.Figure(p.Budget), p.Unit)
	if p.CostsPlaceholder {
		b.WriteString(words.PlanWord("plan_placeholder", lang) + "\n")
	}
	if len(p.Actions) == 0 {
		b.WriteString(words.PlanWord("plan_none", lang) + "\n")
	}
	for i, a := range p.Actions {
		fmt.Fprintf(&b, "%3d. %s  %s", i+1, PlanActionText(a, lang), fmt.Sprintf(words.PlanWord("plan_cost", lang), words.Figure(a.Cost), p.Unit))
		if a.Year > 0 {
			b.WriteString("  " + fmt.Sprintf(words.PlanWord("plan_year", lang), a.Year))
		}
		var closes []string
		for _, g := range a.Closes {
			closes = append(closes, fmt.Sprintf(lang.Pick("%s %s %s（%s）", "%s %s %s (%s)"), words.RuleName(g.Rule, lang), g.Code, g.Name,
				fmt.Sprintf(words.PlanWord("plan_priority", lang), words.Figure(g.Priority))))
		}
		fmt.Fprintf(&b, lang.Pick("\n     %s：%s；%s\n", "\n     %s: %s; %s\n"), words.PlanWord("plan_closes", lang), strings.Join(closes, lang.Pick("；", "; ")),
			fmt.Sprintf(words.PlanWord("plan_serves", lang), words.Figure(a.PopulationServed)))
	}
	b.WriteString(PlanTotal(p, lang) + "\n")
	b.WriteString(PlanResult(p, lang) + lang.Pick("；", "; ") + fmt.Sprintf(words.PlanWord("plan_greedy", lang), words.Figure(p.Greedy)) + "\n")
	if len(p.Phases) > 0 {
		b.WriteString(words.PlanWord("plan_phases", lang) + "\n")
		for _, y := range p.Phases {
			fmt.Fprintf(&b, "  "+words.PlanWord("plan_phase", lang), y.Year, words.Figure(y.Budget), words.Figure(y.Available), words.Figure(y.Spent))
			if len(y.Actions) > 0 {
				b.WriteString(lang.Pick("：", ": ") + strings.Join(y.Actions, ", "))
			}
			b.WriteString("\n")
		}
	}
	if len(p.Open) > 0 {
		fmt.Fprintf(&b, words.PlanWord("plan_open", lang)+"\n", len(p.Open), shortList(p.Open, 10, lang))
	}
	if len(p.Unreachable) > 0 {
		fmt.Fprintf(&b, words.PlanWord("plan_unreachable", lang)+"\n", shortList(p.Unreachable, 10, lang))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shortList names at most n gaps, then how many more.
func shortList(gs []coverage.PlanGap, n int, lang words.Lang) string {
	s := closesList(gs[:min(n, len(gs))], lang.Pick("；", "; "), true, lang)
	if len(gs) > n {
		s += fmt.Sprintf(words.PlanWord("plan_more", lang), len(gs)-n)
	}
	return s
}
