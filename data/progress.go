package data

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
)

// ProgressColumns are the columns of `kepu progress --format csv`: one row
// per day of the series and rule, with that day's region figures.
var ProgressColumns = []string{"as_of", "year", "rule", "scope", "passing", "total", "pass",
	"base_national", "base_regional", "base_themed", "mobile_museum_leagues", "gini",
	"projected_passing_at_end", "on_track"}

// WriteProgressCSV writes the progress series as CSV; the projection columns
// are filled on the last day's rows.
func WriteProgressCSV(w io.Writer, p *coverage.Progress) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	if err := cw.Write(ProgressColumns); err != nil {
		return err
	}
	proj := map[string]coverage.Projection{}
	for _, pr := range p.Projection {
		proj[pr.ID] = pr
	}
	for k, y := range p.Years {
		reg := y.Region
		for _, r := range y.Rules {
			end, on := "", ""
			if k == len(p.Years)-1 {
				end, on = strconv.Itoa(proj[r.ID].PassingAtEnd), strconv.FormatBool(proj[r.ID].OnTrack)
			}
			rec := []string{y.AsOf, strconv.Itoa(y.Year), r.ID, r.Scope, strconv.Itoa(r.Passing), strconv.Itoa(r.Total),
				strconv.FormatBool(r.Pass), strconv.Itoa(reg.BaseTotals.National), strconv.Itoa(reg.BaseTotals.Regional),
				strconv.Itoa(reg.BaseTotals.Themed), strconv.Itoa(reg.MobileMuseumLeagues), fmtNum(reg.Gini), end, on}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteProgressText writes the progress series for a person: a table of
// each rule by year, the region figures, the projection, and the counties
// that became compliant or fell back each year.
func WriteProgressText(w io.Writer, p *coverage.Progress, lang words.Lang) error {
	var b strings.Builder
	fmt.Fprintf(&b, lang.Pick("%s  评估期 %s 至 %s  %s\n", "%s  period %s to %s  %s\n"),
		words.TimeWord("progress_title", lang), p.Period.From, p.Period.To, words.AsOfLine(p.AsOf, p.AsOfBasis, p.RecordedAt, lang))
	if p.Sample {
		b.WriteString(lang.Pick("【示例数据】设施名录为合成的示例数据，并非真实情况。\n",
			"[sample data] the facility registry is synthetic sample data, not the real situation.\n"))
	}
	b.WriteString("\n" + pad("", 32))
	for _, y := range p.Years {
		fmt.Fprintf(&b, "%10s", yearLabel(y))
	}
	b.WriteString("\n")
	for k, r := range p.Years[0].Rules {
		b.WriteString("  " + pad(words.RuleName(r.ID, lang), 30))
		for _, y := range p.Years {
			fmt.Fprintf(&b, "%10s", fmt.Sprintf("%d/%d", y.Rules[k].Passing, y.Rules[k].Total))
		}
		b.WriteString("\n")
	}
	for _, row := range regionRows(lang) {
		b.WriteString("  " + pad(row.name, 30))
		for _, y := range p.Years {
			fmt.Fprintf(&b, "%10s", row.value(y.Region))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\n%s:\n", words.TimeWord("projection", lang))
	for _, pr := range p.Projection {
		mark := words.TimeWord("off_track", lang)
		if pr.OnTrack {
			mark = words.TimeWord("on_track", lang)
		}
		note := ""
		if pr.Observed {
			note = words.TimeWord("observed", lang)
		}
		fmt.Fprintf(&b, "  %s %s %d/%d  %s%s\n", pad(mark, 10), pad(words.RuleName(pr.ID, lang), 30), pr.PassingAtEnd, pr.Total,
			fmt.Sprintf("%+.1f %s", pr.PerYear, words.TimeWord("per_year", lang)), note)
	}
	for _, ch := range Changes(p) {
		if len(ch.Became) == 0 && len(ch.FellBack) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%d  %s:\n", ch.Year, words.RuleName(ch.Rule, lang))
		if len(ch.Became) > 0 {
			fmt.Fprintf(&b, "  %s: %s\n", words.TimeWord("became_compliant", lang), placeNames(ch.Became))
		}
		if len(ch.FellBack) > 0 {
			fmt.Fprintf(&b, "  %s: %s\n", words.TimeWord("fell_back", lang), placeNames(ch.FellBack))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func yearLabel(y coverage.ProgressYear) string {
	if strings.HasSuffix(y.AsOf, "-12-31") {
		return strconv.Itoa(y.Year)
	}
	return y.AsOf
}

type regionRow struct {
	name  string
	value func(coverage.RegionProgress) string
}

func regionRows(lang words.Lang) []regionRow {
	return []regionRow{
		{words.TimeWord("national_bases", lang), func(r coverage.RegionProgress) string { return strconv.Itoa(r.BaseTotals.National) }},
		{words.TimeWord("regional_bases", lang), func(r coverage.RegionProgress) string { return strconv.Itoa(r.BaseTotals.Regional) }},
		{words.TimeWord("themed_bases", lang), func(r coverage.RegionProgress) string { return strconv.Itoa(r.BaseTotals.Themed) }},
		{words.TimeWord("mm_leagues", lang), func(r coverage.RegionProgress) string { return strconv.Itoa(r.MobileMuseumLeagues) }},
		{words.TimeWord("gini", lang), func(r coverage.RegionProgress) string { return strconv.FormatFloat(r.Gini, 'f', 3, 64) }},
	}
}

func placeNames(ps []coverage.Place) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return strings.Join(names, "、")
}

// Change is, for one rule and one day of the series after the first, the
// units that pass it and failed the day before (Became) and those
// that passed the day before and fail now (FellBack).
type Change struct {
	Year     int              `json:"year"`
	AsOf     string           `json:"as_of"`
	Rule     string           `json:"rule"`
	Became   []coverage.Place `json:"became"`
	FellBack []coverage.Place `json:"fell_back"`
}

// Changes lists the changes of every unit rule, day by day, units by code.
func Changes(p *coverage.Progress) []Change {
	var out []Change
	units := append([]coverage.UnitProgress(nil), p.Units...)
	sort.Slice(units, func(i, j int) bool { return units[i].Code < units[j].Code })
	for k := 1; k < len(p.Years); k++ {
		for _, level := range []string{coverage.LevelCounty, coverage.LevelLeague} {
			for _, id := range coverage.UnitRules(level) {
				ch := Change{Year: p.Years[k].Year, AsOf: p.Years[k].AsOf, Rule: id}
				for _, u := range units {
					by, ok := u.ByYear[id]
					if !ok || u.Level != level {
						continue
					}
					if by[k] && !by[k-1] {
						ch.Became = append(ch.Became, coverage.Place{Code: u.Code, Name: u.Name})
					}
					if !by[k] && by[k-1] {
						ch.FellBack = append(ch.FellBack, coverage.Place{Code: u.Code, Name: u.Name})
					}
				}
				out = append(out, ch)
			}
		}
	}
	return out
}
