package report

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

// progressView is the page's 进展 section: the chart of each county rule's
// passing count by year, the table behind it and the counties that became
// compliant or fell back each year.
type progressView struct {
	Title, Review, AsOf, Chart string
	ChartURI                   template.URL
	ChartFile                  string
	Years                      []string
	Rows                       []progressRow
	Changes                    []changeRow
	Projection                 []projectionRow
	Method                     string
	L                          map[string]string
}

type progressRow struct {
	Name, ID string
	Cells    []string
}

type changeRow struct {
	Year             int
	Rule             string
	Became, FellBack []coverage.Place
}

type projectionRow struct {
	Name, Value, Trend string
	OnTrack, Observed  bool
}

// countySeries is each county rule's passing count over the scope's
// counties on each day of the series: the chart's lines.
func (b *builder) countySeries(s scope) []Series {
	in := map[string]bool{}
	for _, c := range s.counties {
		in[c.Code] = true
	}
	var out []Series
	for k, id := range coverage.UnitRules(coverage.LevelCounty) {
		sr := Series{Rule: id, Name: b.say(words.RuleName(id, b.opt.Lang)), Colour: SeriesColours[k%len(SeriesColours)], Values: make([]int, len(b.progress.Years))}
		for _, u := range b.progress.Units {
			if !in[u.Code] {
				continue
			}
			for i, pass := range u.ByYear[id] {
				if pass {
					sr.Values[i]++
				}
			}
		}
		out = append(out, sr)
	}
	return out
}

// progressChart is the scope's chart.
func (b *builder) progressChart(s scope) Chart {
	p := b.progress
	lang := b.opt.Lang
	say := func(zh, en string) string { return b.say(pick(lang, zh, en)) }
	where := b.L["region"]
	if s.league != nil {
		where = s.league.Name
	}
	c := Chart{Max: len(s.counties), Series: b.countySeries(s),
		Title: fmt.Sprintf(say("%s：各旗县指标逐年达标旗县数", "%s: counties passing each county rule, by year"), where),
		Subtitle: fmt.Sprintf(say("共 %d 个旗县；%s 年为基线；截至 %s", "%d counties; %s = baseline; as of %s"),
			len(s.counties), p.Years[0].AsOf[:4], p.AsOf)}
	if p.Sample {
		c.Subtitle += say("；示例数据", "; sample data")
	}
	for _, y := range p.Years {
		c.Years = append(c.Years, yearLabel(y))
	}
	return c
}

func yearLabel(y coverage.ProgressYear) string {
	if strings.HasSuffix(y.AsOf, "-12-31") {
		return fmt.Sprint(y.Year)
	}
	return y.AsOf
}

// progress builds the section for a scope; the chart is filled in by the caller.
func (b *builder) progressSection(s scope) progressView {
	lang, p := b.opt.Lang, b.progress
	w := func(k string) string { return words.TimeWord(k, lang) }
	v := progressView{Title: w("progress"), Review: words.ReviewName(p.AsOf, p.Period, lang),
		AsOf: words.AsOfLine(p.AsOf, p.AsOfBasis, p.RecordedAt, lang), Method: w("projection_method"),
		L: map[string]string{"year": w("year"), "rule": w("rule"), "became": w("became_compliant"), "fell_back": w("fell_back"),
			"projection": w("projection"), "chart": w("chart_caption"), "changes": w("changes"), "none": w("none")}}
	for _, y := range p.Years {
		v.Years = append(v.Years, yearLabel(y))
	}
	for _, sr := range b.countySeries(s) {
		row := progressRow{Name: sr.Name, ID: sr.Rule}
		for _, n := range sr.Values {
			row.Cells = append(row.Cells, fmt.Sprintf("%d / %d", n, len(s.counties)))
		}
		v.Rows = append(v.Rows, row)
	}
	if s.league == nil {
		for k, rp := range p.Years[0].Rules {
			if rp.Scope == coverage.LevelCounty {
				continue
			}
			row := progressRow{Name: words.RuleName(rp.ID, lang), ID: rp.ID}
			for _, y := range p.Years {
				row.Cells = append(row.Cells, fmt.Sprintf("%d / %d", y.Rules[k].Passing, y.Rules[k].Total))
			}
			v.Rows = append(v.Rows, row)
		}
		row := progressRow{Name: w("gini"), ID: "gini"}
		for _, y := range p.Years {
			row.Cells = append(row.Cells, fmt.Sprintf("%.3f", y.Region.Gini))
		}
		v.Rows = append(v.Rows, row)
		for _, pr := range p.Projection {
			v.Projection = append(v.Projection, projectionRow{Name: words.RuleName(pr.ID, lang),
				Value: fmt.Sprintf("%d / %d", pr.PassingAtEnd, pr.Total), Trend: fmt.Sprintf("%+.1f", pr.PerYear),
				OnTrack: pr.OnTrack, Observed: pr.Observed})
		}
	}
	for _, ch := range data.Changes(p) {
		row := changeRow{Year: ch.Year, Rule: words.RuleName(ch.Rule, lang)}
		for _, pl := range ch.Became {
			if b.inScope(s, pl.Code) {
				row.Became = append(row.Became, pl)
			}
		}
		for _, pl := range ch.FellBack {
			if b.inScope(s, pl.Code) {
				row.FellBack = append(row.FellBack, pl)
			}
		}
		if len(row.Became) > 0 || len(row.FellBack) > 0 {
			v.Changes = append(v.Changes, row)
		}
	}
	return v
}

func (b *builder) inScope(s scope, code string) bool {
	u, ok := b.unit[code]
	return ok && s.in(u.Code, u.Parent)
}

// chartURI is a PNG as a data URI.
func chartURI(png []byte) template.URL {
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
}
