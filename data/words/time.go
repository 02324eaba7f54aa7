package words

import (
	"fmt"

	"github.com/kepu/kepu/coverage"
)

// The words of time: as-of days, progress and reviews. (Kept beside
// words.go so the time feature's wording is in one place.)

var timeWords = map[string][2]string{
	"progress":         {"进展", "Progress"},
	"progress_title":   {"科普设施覆盖进展", "Science-facility coverage progress"},
	"as_of":            {"截至", "as of"},
	"basis_declared":   {"按设施登记的开放/关闭日期", "by the records' declared opened/closed dates"},
	"basis_recorded":   {"按登记库变更记录回放至 %s", "by the registry's recorded changes replayed to %s"},
	"baseline":         {"基线", "baseline"},
	"projection":       {"期末预测", "projection to the period's end"},
	"on_track":         {"可望达标", "on track"},
	"off_track":        {"难以达标", "off track"},
	"observed":         {"（期末实况）", " (observed)"},
	"per_year":         {"每年", "per year"},
	"became_compliant": {"当年新达标", "became compliant"},
	"fell_back":        {"回落（曾达标后未达标）", "fell back (passed, then failed)"},
	"gini":             {"基地分布基尼系数", "Gini of bases per capita"},
	"year":             {"年份", "Year"},
	"rule":             {"指标", "Rule"},
	"counties":         {"旗县", "Counties"},
	"none":             {"无", "none"},
	"review_mid":       {"中期自查评估", "mid-term review"},
	"review_final":     {"期末总结评估", "final review"},
	"review_year":      {"年度评估", "yearly review"},
	"national_bases":   {"国家级基地", "national bases"},
	"regional_bases":   {"自治区级基地", "regional bases"},
	"themed_bases":     {"科普+文化/旅游基地", "culture/tourism bases"},
	"mm_leagues":       {"流动科技馆巡展盟市", "mobile museum leagues"},
	"chart_caption":    {"各旗县指标逐年达标旗县数（2020年为基线）", "counties passing each county rule by year (2020 is the baseline)"},
	"first_pass":       {"首次达标年份", "first passed"},
	"projection_method": {"按基线以来各年末达标数的最小二乘直线外推至期末（基地总量和流动科技馆按各项数量分别外推），四舍五入并限于 0 至总数；达到目标即可望达标；截至日在期末或之后时为实际情况",
		"least-squares line through the year-end passing counts since the baseline, read at the period's end (base_totals and mobile_museum_rotation: each counted figure), rounded and bounded to 0..total; on track when that meets the target; on or after the period's end it is the observed state"},
	"changes": {"逐年达标与回落的旗县", "Counties that became compliant or fell back, by year"},
}

// TimeWord is one of the time feature's words in the language.
func TimeWord(key string, lang Lang) string {
	if t, ok := timeWords[key]; ok {
		return lang.Pick(t[0], t[1])
	}
	return key
}

// AsOfLine says which day the figures are for and where its dates come
// from: the records' declared dates or the registry's recorded changes.
func AsOfLine(asOf, basis, recordedAt string, lang Lang) string {
	b := TimeWord("basis_declared", lang)
	if basis == coverage.BasisRecorded {
		b = fmt.Sprintf(TimeWord("basis_recorded", lang), recordedAt)
	}
	return fmt.Sprintf(lang.Pick("%s %s（%s）", "%s %s (%s)"), TimeWord("as_of", lang), asOf, b)
}

// ReviewName names the review a day stands for within the period: the
// final review at the period's end, the mid-term one at the end of its
// middle year, else a yearly review.
func ReviewName(asOf string, p coverage.Period, lang Lang) string {
	switch {
	case asOf >= p.To:
		return TimeWord("review_final", lang)
	case asOf == midTerm(p):
		return TimeWord("review_mid", lang)
	}
	return TimeWord("review_year", lang)
}

// midTerm is the last day of the period's middle year (2023-12-31 for 2021–2025).
func midTerm(p coverage.Period) string {
	from, to := coverage.When(p.From).Year(), coverage.When(p.To).Year()
	return fmt.Sprintf("%04d-12-31", (from+to)/2)
}
