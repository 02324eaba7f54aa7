package data

import (
	"fmt"
	"io"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
	"golang.org/x/text/width"
)

// WriteCheckText writes the check summary for a person: one line per rule
// with pass or fail and counts, then the worst gaps.
func WriteCheckText(w io.Writer, res *coverage.Result, lang words.Lang, worst int) error {
	var b strings.Builder
	d := res.Dataset
	sp := words.RegionSpeech(res.Region.Region)
	b.WriteString(CheckTitle(sp, lang))
	fmt.Fprintf(&b, lang.Pick("  %d 个旗县、%d 个盟市、%d 处设施、%d 项活动  评估期 %s 至 %s\n",
		"  %d counties, %d leagues, %d facilities, %d events  period %s to %s\n"),
		d.Counties, d.Leagues, d.Facilities, d.Events, d.Period.From, d.Period.To)
	if res.TargetsFrom == "default" {
		b.WriteString(lang.Pick("【注意】全区指标（科普教育基地总量、流动科技馆巡展）为 kepu 的默认值，并非本地规划目标；可在规则文件中设定（targets_from: default）。\n",
			"[note] the regional targets (base totals, mobile museum) are kepu's defaults, not this region's plan; set them in a rules file (targets_from: default).\n"))
	}
	if d.Sample {
		b.WriteString(lang.Pick("【示例数据】设施名录为合成的示例数据，并非真实情况。\n",
			"[sample data] the facility registry is synthetic sample data, not the real situation.\n"))
	}
	b.WriteString(words.AsOfLine(res.AsOf, res.AsOfBasis, res.RecordedAt, lang) + "\n")
	b.WriteString("\n")
	cols := 0 // the names' column: as wide as the widest name, and a space
	for _, r := range res.Rules {
		cols = max(cols, columns(words.RuleName(r.ID, lang))+1)
	}
	for _, r := range res.Rules {
		mark := lang.Pick("未达标", "FAIL")
		if r.Pass {
			mark = lang.Pick("达标", "pass")
		}
		counts := fmt.Sprintf("%d/%d", r.Passing, r.Total)
		if r.Scope == coverage.LevelRegion {
			counts = regionFigures(res, r.ID, lang)
		}
		fmt.Fprintf(&b, "  %s  %s %s\n", pad(mark, 6), pad(words.RuleName(r.ID, lang), cols), counts)
	}
	gaps := res.Gaps(coverage.GapFilter{})
	if len(gaps) > 0 {
		fmt.Fprintf(&b, lang.Pick("\n差距 %d 项，优先级最高的 %d 项：\n", "\n%d gaps; the %d with the highest priority:\n"), len(gaps), min(worst, len(gaps)))
		writeGapLines(&b, gaps[:min(worst, len(gaps))], lang)
	}
	if n := len(res.Diagnostics); n > 0 {
		fmt.Fprintf(&b, lang.Pick("\n诊断信息 %d 条（--format json 查看全部）\n", "\n%d diagnostics (see --format json)\n"), n)
	}
	_, err := io.WriteString(w, sp.Say(b.String()))
	return err
}

// CheckTitle is the title of the check for the region: 甘肃省科普设施覆盖检查.
func CheckTitle(sp words.Speech, lang words.Lang) string {
	return lang.Pick(sp.RegionName(lang)+"科普设施覆盖检查", sp.RegionName(lang)+" science-facility coverage")
}

// regionFigures states a region-scope rule's figures against its targets.
func regionFigures(res *coverage.Result, id string, lang words.Lang) string {
	rs, reg := res.Ruleset, res.Region
	switch id {
	case coverage.RuleMobileMuseum:
		return fmt.Sprintf(lang.Pick("%d 个盟市（目标 %d）", "%d leagues (target %d)"), reg.MobileMuseumLeagues, rs.MobileMuseum.MinLeagues)
	case coverage.RuleBaseTotals:
		bt := reg.BaseTotals
		return fmt.Sprintf(lang.Pick("国家级 %d/%d，自治区级 %d/%d，科普+文化/旅游 %d/%d", "national %d/%d, regional %d/%d, culture/tourism %d/%d"),
			bt.National, rs.BaseTotals.National, bt.Regional, rs.BaseTotals.Regional, bt.Themed, rs.BaseTotals.Themed)
	}
	return ""
}

// WriteGapsText writes the gap list for a person, in kepu's own words.
func WriteGapsText(w io.Writer, gaps []coverage.Gap, lang words.Lang) error {
	return WriteGapsTextIn(w, gaps, lang, words.RegionSpeech(coverage.InnerMongolia))
}

// WriteGapsTextIn writes the gap list for a person in the region's words.
func WriteGapsTextIn(w io.Writer, gaps []coverage.Gap, lang words.Lang, sp words.Speech) error {
	var b strings.Builder
	fmt.Fprintf(&b, lang.Pick("差距 %d 项（按优先级排序）\n", "%d gaps, by priority\n"), len(gaps))
	writeGapLines(&b, gaps, lang)
	_, err := io.WriteString(w, sp.Say(b.String()))
	return err
}

func writeGapLines(b *strings.Builder, gaps []coverage.Gap, lang words.Lang) {
	for i, g := range gaps {
		var parts []string
		for _, p := range g.Parts {
			if p.Score != 0 {
				parts = append(parts, fmt.Sprintf("%s %.2f", words.Word(p.Name, lang), p.Score))
			}
		}
		fmt.Fprintf(b, "%3d. %-8.2f %s %s  [%s]  %s", i+1, g.Priority, g.Code, g.Name, words.RuleName(g.Rule, lang), words.GapDetail(g, lang))
		if len(parts) > 0 {
			fmt.Fprintf(b, "  (%s)", strings.Join(parts, ", "))
		}
		if len(g.Pipeline) > 0 {
			fmt.Fprintf(b, lang.Pick("  在建/规划: %s", "  pipeline: %s"), strings.Join(g.Pipeline, ","))
		}
		b.WriteString("\n")
	}
}

// columns is how many terminal columns s takes (wide and full-width runes take two).
func columns(s string) int {
	w := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return w
}

// pad right-pads s with spaces to the given width in terminal columns,
// counting East Asian wide characters as two.
func pad(s string, cols int) string {
	w := columns(s)
	if w >= cols {
		return s
	}
	return s + strings.Repeat(" ", cols-w)
}
