package words

import (
	"strings"

	"github.com/kepu/kepu/coverage"
)

// detailTemplates say each kind of coverage.Fact; {name} takes the fact's
// field of that JSON name, numbers written by Figure.
var detailTemplates = map[string][2]string{
	coverage.FactVenueNone:    {"没有开放的科普场馆，需 {target_m2} 平方米以上", "no open venue; one of {target_m2} m² or more is needed"},
	coverage.FactVenueSmall:   {"最大开放场馆 {largest_m2} 平方米，不足 {target_m2} 平方米", "largest open venue {largest_m2} m² < {target_m2} m²"},
	coverage.FactMuseumNone:   {"没有开放的综合性科普场馆，需 {target_m2} 平方米", "no open comprehensive venue; the league needs {target_m2} m²"},
	coverage.FactMuseumSmall:  {"最大开放综合性场馆 {facility} {largest_m2} 平方米，需 {target_m2} 平方米", "largest open comprehensive venue {facility} {largest_m2} m² < {target_m2} m²"},
	coverage.FactCaravanNone:  {"没有开放的科普大篷车；评估期内无大篷车活动", "no open caravan in the region; no caravan visit in the period"},
	coverage.FactCaravanFar:   {"最近的开放大篷车距驻地 {nearest_km} 公里，服务半径 {reach_km} 公里；评估期内无大篷车活动", "nearest open caravan {nearest_km} km from the seat, reach {reach_km} km; no caravan visit in the period"},
	coverage.FactBasesFew:     {"开放的科普教育基地 {count} 个，少于 {target} 个", "{count} open bases < {target}"},
	coverage.FactMobileFew:    {"评估期内流动科技馆在 {count} 个盟市巡展，需 {target} 个", "mobile museum stops in {count} leagues in the period, {target} needed"},
	coverage.FactBaseTotalFew: {"{component} {count} 个，少于 {target} 个", "{component} {count} < {target}"},
	"mobile_next":             {"；建议下一站（农村牧区人口最多）：{next}", "; next, most rural residents first: {next}"},
}

// componentWords name the parts of base_totals.
var componentWords = map[string][2]string{
	"national": {"国家级基地", "national bases"},
	"regional": {"自治区级基地", "regional bases"},
	"themed":   {"科普+文化/旅游基地", "culture/tourism bases"},
}

// Fill puts vars into a template's {name} places; places without a value
// stay as written.
func Fill(template string, vars map[string]string) string {
	if len(vars) == 0 || !strings.Contains(template, "{") {
		return template
	}
	pairs := make([]string, 0, 2*len(vars))
	for k, v := range vars {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(template)
}

// Detail says a fact in the language; "" for none.
func Detail(f *coverage.Fact, lang Lang) string {
	if f == nil {
		return ""
	}
	t, ok := detailTemplates[f.Kind]
	if !ok {
		return f.Kind
	}
	s := Fill(lang.Pick(t[0], t[1]), factVars(f, lang))
	if f.Kind == coverage.FactMobileFew && len(f.Next) > 0 {
		names := make([]string, len(f.Next))
		for i, p := range f.Next {
			names[i] = p.Name
		}
		n := detailTemplates["mobile_next"]
		s += Fill(lang.Pick(n[0], n[1]), map[string]string{"next": strings.Join(names, lang.Pick("、", ", "))})
	}
	return s
}

func factVars(f *coverage.Fact, lang Lang) map[string]string {
	c := componentWords[f.Component]
	return map[string]string{
		"facility": f.Facility, "largest_m2": Figure(f.LargestM2), "target_m2": Figure(f.TargetM2),
		"nearest_km": Figure(f.NearestKm), "reach_km": Figure(f.ReachKm),
		"count": Figure(float64(f.Count)), "target": Figure(float64(f.Target)),
		"component": lang.Pick(c[0], c[1]),
	}
}

// GapDetail says what a gap is in the language.
func GapDetail(g coverage.Gap, lang Lang) string { return Detail(g.Fact, lang) }
