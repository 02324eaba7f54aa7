package report

import (
	"context"
	"fmt"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

// PlanBudget is the investment plan's budget in the report when
// Options.Plan does not set one, in the costs' unit (万元 by default).
const PlanBudget = 10_000

// investmentColumns are the 投资计划 sheet's columns: header words in
// Chinese and English.
var investmentColumns = []struct {
	zh, en string
	width  float64
	format int
}{
	{"序号", "#", 6, fmtInt}, {"行动", "Action", 22, fmtText}, {"年度", "Year", 8, fmtText}, {"旗县", "County", 18, fmtText},
	{"所属盟市", "League", 14, fmtText}, {"选址/设施", "Site or facility", 26, fmtText}, {"经度", "Lon", 11, fmtText},
	{"纬度", "Lat", 11, fmtText}, {"现有面积（平方米）", "From m²", 12, fmtInt}, {"新增面积（平方米）", "Added m²", 12, fmtInt},
	{"建成面积（平方米）", "To m²", 12, fmtInt}, {"费用", "Cost", 12, fmtDec}, {"关闭的优先级", "Priority closed", 12, fmtDec},
	{"服务人口", "Population served", 14, fmtInt}, {"关闭的差距", "Gaps closed", 50, fmtText}, {"行动编号", "Action id", 30, fmtText},
}

// planInvestment runs the investment plan once for the report.
func (b *builder) planInvestment(ctx context.Context) error {
	opt := coverage.PlanOptions{Budget: PlanBudget}
	if b.opt.Plan != nil {
		opt = *b.opt.Plan
	}
	p, err := coverage.PlanInvestment(ctx, b.m, b.res.Ruleset, opt)
	if err != nil {
		return fmt.Errorf("report: investment plan: %w", err)
	}
	b.investment = p
	return nil
}

// investmentSheet is the 投资计划 sheet: one row per funded action, then
// the placeholder warning, the totals and what the solver proved; a
// phased plan adds a table of the years.
func (b *builder) investmentSheet() sheet {
	lang, p := b.opt.Lang, b.investment
	s := sheet{}
	for _, c := range investmentColumns {
		s.columns = append(s.columns, column{pick(lang, c.zh, c.en), c.width, c.format})
	}
	for i, a := range p.Actions {
		var year any
		if a.Year > 0 {
			year = a.Year
		}
		league := ""
		if l, ok := b.unit[a.League]; ok {
			league = l.Name
		}
		site := a.SiteName
		if a.Facility != "" {
			site = a.Facility + " " + a.FacilityName
		}
		var from, add, to any
		if a.ToM2 > 0 {
			from, add, to = a.FromM2, a.AddM2, a.ToM2
		}
		var closes []string
		for _, g := range a.Closes {
			closes = append(closes, words.RuleName(g.Rule, lang)+" "+g.Code+" "+g.Name)
		}
		s.rows = append(s.rows, []any{i + 1, words.PlanWord(a.Kind, lang), year, a.County + " " + a.CountyName, league, site,
			a.Lon, a.Lat, from, add, to, a.Cost, a.Value, a.PopulationServed, strings.Join(closes, "；"), a.ID})
	}
	title := fmt.Sprintf(words.PlanWord("plan_title", lang), p.FromYear, p.ToYear, words.Figure(p.Budget), p.Unit)
	s.notes = append(s.notes, []any{b.L["result"], title})
	if b.res.Dataset.Sample {
		s.notes = append(s.notes, []any{b.L["sample"], b.L["sample_banner"]})
	}
	if p.CostsPlaceholder {
		s.notes = append(s.notes, []any{"⚠", words.PlanWord("plan_placeholder", lang)})
	}
	if len(p.Actions) == 0 {
		s.notes = append(s.notes, []any{"", words.PlanWord("plan_none", lang)})
	}
	s.notes = append(s.notes, []any{"", data.PlanTotal(p, lang)}, []any{"", data.PlanResult(p, lang)})
	if len(p.Phases) > 0 {
		ys := &sheet{columns: []column{{pick(lang, "年度", "Year"), 8, fmtText}, {pick(lang, "预算", "Budget"), 12, fmtDec},
			{pick(lang, "可用", "Available"), 12, fmtDec}, {pick(lang, "支出", "Spent"), 12, fmtDec}, {pick(lang, "开始的行动", "Actions started"), 60, fmtText}}}
		for _, y := range p.Phases {
			ys.rows = append(ys.rows, []any{fmt.Sprint(y.Year), y.Budget, y.Available, y.Spent, strings.Join(y.Actions, ", ")})
		}
		s.next = ys
	}
	return s
}
