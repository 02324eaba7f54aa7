package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/xuri/excelize/v2"
)

// TestInvestmentSheet: the 投资计划 sheet of the sample at 3,000 万元 in
// two years of 1,500 lists the plan's actions in order (action id in the
// last column), then the title, the sample and placeholder warnings, what
// the solver proved, and the table of years.
func TestInvestmentSheet(t *testing.T) {
	m, res := sample(t)
	opt := coverage.PlanOptions{Budget: 3000, FromYear: 2026, ToYear: 2027, YearlyBudget: []float64{1500}}
	p, err := coverage.PlanInvestment(context.Background(), m, res.Ruleset, opt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteWorkbook(context.Background(), &buf, m, res, Options{Lang: "zh", Plan: &opt}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("投资计划")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0][:4], ","); got != "序号,行动,年度,旗县" {
		t.Errorf("header: got %s, want 序号,行动,年度,旗县", got)
	}
	if len(rows) < len(p.Actions)+6 {
		t.Fatalf("got %d rows for %d actions, want a header, the actions, notes and the years", len(rows), len(p.Actions))
	}
	for i, a := range p.Actions {
		if got := rows[i+1][len(rows[i+1])-1]; got != a.ID {
			t.Errorf("row %d: action id %q, want %q", i+2, got, a.ID)
		}
	}
	text := ""
	for _, r := range rows {
		text += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"投资计划（2026–2027 年，预算 3,000 万元）", "成本为占位数值", "示例数据", "已证明最优", "扩建科普场馆", "2026|1,500.00|1,500.00|1,428.00|expand_venue:VE2600046"} {
		if !strings.Contains(text, want) {
			t.Errorf("sheet lacks %q:\n%s", want, text)
		}
	}
}
