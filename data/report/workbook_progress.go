package report

import (
	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
)

// progressSheet is the 进展 sheet: each rule's passing count on each day
// of the series, then each unit's first pass and fall-back year by rule,
// then the projection to the period's end.
func (b *builder) progressSheet() sheet {
	lang, p := b.opt.Lang, b.progress
	w := func(k string) string { return words.TimeWord(k, lang) }
	s := sheet{columns: []column{{"as_of", 12, fmtText}, {w("year"), 8, fmtText}, {"rule_id", 26, fmtText}, {"rule", 28, fmtText},
		{"scope", 10, fmtText}, {"passing", 10, fmtInt}, {"total", 10, fmtInt}, {"result", 10, fmtText}, {w("gini"), 14, fmtDec}}}
	for _, y := range p.Years {
		for _, r := range y.Rules {
			s.rows = append(s.rows, []any{y.AsOf, y.Year, r.ID, words.RuleName(r.ID, lang), b.scopeName(r.Scope),
				r.Passing, r.Total, passWord(r.Pass, b.L), y.Region.Gini})
		}
	}
	s.notes = [][]any{{words.AsOfLine(p.AsOf, p.AsOfBasis, p.RecordedAt, lang)}}
	if p.Sample {
		s.notes = append(s.notes, []any{b.L["sample_banner"]})
	}
	units := sheet{columns: []column{{"code", 10, fmtText}, {"name", 20, fmtText}, {"level", 8, fmtText}, {"rule_id", 26, fmtText},
		{"rule", 28, fmtText}, {w("first_pass"), 12, fmtText}, {w("fell_back"), 16, fmtText}}}
	for _, u := range p.Units {
		for _, id := range coverage.UnitRules(u.Level) {
			var first, fell any
			if y := u.FirstPass[id]; y != nil {
				first = *y
			}
			if y, ok := u.FellBack[id]; ok {
				fell = y
			}
			units.rows = append(units.rows, []any{u.Code, u.Name, b.scopeName(u.Level), id, words.RuleName(id, lang), first, fell})
		}
	}
	proj := sheet{columns: []column{{"rule_id", 26, fmtText}, {"rule", 28, fmtText}, {w("projection"), 16, fmtInt}, {"total", 10, fmtInt},
		{w("per_year"), 10, fmtDec}, {w("on_track"), 10, fmtText}}}
	for _, pr := range p.Projection {
		proj.rows = append(proj.rows, []any{pr.ID, words.RuleName(pr.ID, lang), pr.PassingAtEnd, pr.Total, pr.PerYear, passWord(pr.OnTrack, b.L)})
	}
	proj.notes = [][]any{{w("projection_method")}}
	units.next = &proj
	s.next = &units
	return s
}
