package words

import (
	"fmt"
	"strings"

	"github.com/kepu/kepu/coverage"
)

// The words of the plan in Chinese and English, shared by the text output,
// the report and the exports.

var ruleNames = map[string][2]string{
	coverage.RuleVenue1000:        {"旗县1000平方米以上科普场馆", "county venue of 1000 m² or more"},
	coverage.RuleLeagueMuseum:     {"盟市综合性科普场馆", "league comprehensive venue"},
	coverage.RuleCaravanReach:     {"科普大篷车旗县全覆盖", "caravan reach to every county"},
	coverage.RuleMobileMuseum:     {"流动科技馆换展盟市", "mobile museum rotation"},
	coverage.RuleBaseTotals:       {"科普教育基地数量", "education base totals"},
	coverage.RuleBaseDistribution: {"科普教育基地分布", "education base distribution"},
}

// RuleName is a rule's human name in the language.
func RuleName(id string, lang Lang) string {
	n, ok := ruleNames[id]
	if !ok {
		return id
	}
	if lang == "en" {
		return n[1]
	}
	return n[0]
}

// unitKinds are the kinds of unit kepu knows, in order: the region's own
// kinds, every prefecture-level kind, then every county-level kind in China.
var unitKinds = []struct{ kind, zh, en string }{
	{"province", "省", "province"}, {"autonomous_region", "自治区", "autonomous region"},
	{"municipality", "直辖市", "municipality"}, {"sar", "特别行政区", "special administrative region"},
	{"league", "盟", "league"}, {"prefecture_city", "地级市", "prefecture-level city"},
	{"prefecture", "地区", "prefecture"}, {"autonomous_prefecture", "自治州", "autonomous prefecture"},
	{"municipal_districts", "市辖区", "municipal districts"}, {"municipal_counties", "县", "municipal counties"},
	{"direct_counties", "省直辖县级行政区划", "counties under the province"},
	{"city", "市", "city"}, {"county_city", "县级市", "county-level city"},
	{"banner", "旗", "banner"}, {"autonomous_banner", "自治旗", "autonomous banner"},
	{"county", "县", "county"}, {"autonomous_county", "自治县", "autonomous county"},
	{"district", "区", "district"}, {"forest_district", "林区", "forest district"},
	{"special_district", "特区", "special district"},
}

// UnitKinds lists the kinds a unit may have.
func UnitKinds() []string {
	out := make([]string, len(unitKinds))
	for i, k := range unitKinds {
		out[i] = k.kind
	}
	return out
}

// KindName is a unit kind (banner, district, ...) in the language.
func KindName(kind string, lang Lang) string {
	for _, k := range unitKinds {
		if k.kind == kind {
			return lang.Pick(k.zh, k.en)
		}
	}
	return kind
}

var words = map[string][2]string{
	"venue": {"科普场馆", "venue"}, "caravan": {"科普大篷车", "caravan"}, "base": {"科普教育基地", "base"},
	"open": {"开放", "open"}, "under_construction": {"在建", "under construction"}, "planned": {"规划", "planned"},
	"closed": {"关闭", "closed"}, "national": {"国家级", "national"}, "regional": {"自治区级", "regional"},
	"population": {"人口", "population"}, "rural": {"农村牧区人口", "rural"}, "distance": {"距离", "distance"},
	"former_poverty": {"原贫困县", "former poverty"}, "border": {"边境", "border"},
	"league": {"盟市级", "league"}, "county": {"旗县级", "county"}, "true": {"是", "yes"}, "false": {"否", "no"},
	"level_league": {"盟市", "league"}, "level_county": {"旗县", "county"}, "level_region": {"全区", "region"},
}

// Word translates a data value (category, status, level, priority part)
// when it is one kepu knows, else returns it as is.
func Word(w string, lang Lang) string {
	if t, ok := words[w]; ok {
		return lang.Pick(t[0], t[1])
	}
	return w
}

// RuleTarget says a rule's target in the language.
func RuleTarget(id string, rs coverage.Ruleset, lang Lang) string {
	switch id {
	case coverage.RuleVenue1000:
		return fmt.Sprintf(lang.Pick("每个旗县有 %.0f 平方米以上的开放科普场馆", "every county has an open venue of at least %.0f m²"), rs.Venue1000.MinFloorAreaM2)
	case coverage.RuleLeagueMuseum:
		lm := rs.LeagueMuseum
		if lang == "en" {
			return fmt.Sprintf("every league has an open comprehensive venue of %.0f m² per 10,000 urban residents (%.0f below %s), at least %s m²",
				lm.M2Per10k, lm.M2Per10kSmall, Figure(float64(lm.SmallBelow)), Figure(lm.MinimumM2))
		}
		return fmt.Sprintf("每个盟市有开放的综合性科普场馆，每万城镇人口 %.0f 平方米（城镇人口不足 %s 时 %.0f 平方米），不少于 %s 平方米",
			lm.M2Per10k, Figure(float64(lm.SmallBelow)), lm.M2Per10kSmall, Figure(lm.MinimumM2))
	case coverage.RuleCaravanReach:
		return fmt.Sprintf(lang.Pick("每个旗县驻地在开放大篷车服务半径内（默认 %.0f 公里），或评估期内有大篷车活动",
			"every county seat within an open caravan's reach (default %.0f km), or a caravan visit in the period"), rs.CaravanReach.DefaultReachKm)
	case coverage.RuleMobileMuseum:
		return fmt.Sprintf(lang.Pick("流动科技馆巡展盟市不少于 %d 个", "mobile museum stops in at least %d leagues"), rs.MobileMuseum.MinLeagues)
	case coverage.RuleBaseTotals:
		bt := rs.BaseTotals
		return fmt.Sprintf(lang.Pick("国家级 ≥ %d，自治区级 ≥ %d，科普+文化/旅游 ≥ %d", "national ≥ %d, regional ≥ %d, culture/tourism ≥ %d"), bt.National, bt.Regional, bt.Themed)
	case coverage.RuleBaseDistribution:
		return fmt.Sprintf(lang.Pick("每个旗县至少 %d 个开放的科普教育基地", "every county has at least %d open base"), rs.BaseDistribution.MinBases)
	}
	return id
}

// Figure formats a number for people: one decimal at most, none when it is
// zero, and thousands separators.
func Figure(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var out []byte
	for i := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, intPart[i])
	}
	s = string(out)
	if frac != "" {
		s += "." + frac
	}
	if neg {
		s = "-" + s
	}
	return s
}

// planWords are the investment plan's words: action kinds and the phrases
// of its text, CSV, workbook sheet and map panel.
var planWords = map[string][2]string{
	coverage.ActionExpandVenue:  {"扩建科普场馆", "expand venue"},
	coverage.ActionBuildVenue:   {"新建科普场馆", "build venue"},
	coverage.ActionCaravan:      {"新增科普大篷车站点", "add caravan station"},
	coverage.ActionExpandMuseum: {"扩建盟市综合性科普场馆", "expand league comprehensive venue"},
	coverage.ActionBuildMuseum:  {"新建盟市综合性科普场馆", "build league comprehensive venue"},
	"plan_title":                {"投资计划（%d–%d 年，预算 %s %s）", "Investment plan (%d–%d, budget %s %s)"},
	"plan_placeholder":          {"⚠ 成本为占位数值，不是实际价格：请在规则文件的 costs 中填写单价", "⚠ costs are placeholders, not prices: set them in the rules file's costs section"},
	"plan_area":                 {"%s → %s 平方米（+%s）", "%s → %s m² (+%s)"},
	"plan_new_area":             {"%s 平方米", "%s m²"},
	"plan_reach":                {"服务半径 %s 公里", "reach %s km"},
	"plan_cost":                 {"费用 %s %s", "cost %s %s"},
	"plan_year":                 {"%d 年", "in %d"},
	"plan_closes":               {"关闭差距", "closes"},
	"plan_serves":               {"服务人口 %s", "serves %s people"},
	"plan_priority":             {"优先级 %s", "priority %s"},
	"plan_none":                 {"预算内没有可以关闭差距的行动", "no action within the budget closes a gap"},
	"plan_total":                {"共 %d 项，支出 %s / %s %s；关闭差距 %d 个，优先级合计 %s（所有可关闭差距合计 %s）", "%d actions, spending %s of %s %s; %d gaps closed, priority %s (of %s that actions could close)"},
	"plan_optimal":              {"已证明最优：预算内没有关闭更多优先级的方案（分支定界 %d 个节点，候选行动 %d 项）", "Proven optimal: no set of actions within the budget closes more priority (branch and bound, %d nodes, %d candidate actions)"},
	"plan_not_optimal":          {"未证明最优：任何方案至多关闭优先级 %s，本方案达上界的 %.1f%%（节点上限 %d，候选行动 %d 项）", "Not proven optimal: no set closes more than priority %s; this is %.1f%% of that (node limit %d, %d candidate actions)"},
	"plan_greedy":               {"贪心法关闭优先级 %s", "greedy closes priority %s"},
	"plan_phases":               {"分年度安排（结余结转下一年）", "By year (unspent money carries over)"},
	"plan_phase":                {"%d 年：预算 %s，可用 %s，支出 %s", "%d: budget %s, available %s, spent %s"},
	"plan_open":                 {"预算内未关闭的差距 %d 个：%s", "%d gaps left open within the budget: %s"},
	"plan_more":                 {"…等 %d 个", " … and %d more"},
	"plan_unreachable":          {"没有行动可关闭的差距：%s", "gaps no action closes: %s"},
}

// PlanWord is one of the investment plan's words or phrases in the language
// (the key itself when unknown).
func PlanWord(key string, lang Lang) string {
	if t, ok := planWords[key]; ok {
		return lang.Pick(t[0], t[1])
	}
	return key
}

// Speech is how text for people names a region's places: its two levels,
// the region-wide scope and the region's own level of base. Inner
// Mongolia's words (盟市, 旗县, 全区, 自治区级) are the ones kepu's texts are
// written in; Say rewrites a text into another region's words.
type Speech struct {
	Region                   coverage.Region
	League, County           string // 盟市, 旗县
	LeagueEN, CountyEN       string // league, county
	Whole, Own, OwnEN, Title string // 全区, 自治区级, regional, the region's name
	replace                  [2]*strings.Replacer
}

// regionLevelWords are the words of each kind of region: Chinese league and
// county words, the region-wide scope, the region's own level of base and
// its English, and the English league word.
var regionLevelWords = map[string][6]string{
	"autonomous_region": {"市州", "县区", "全区", "自治区级", "regional", "prefecture"},
	"province":          {"市州", "县区", "全省", "省级", "provincial", "prefecture"},
	"municipality":      {"区县", "区县", "全市", "市级", "municipal", "district"},
	"sar":               {"分区", "分区", "全区", "特区级", "regional", "district"},
	"nation":            {"市州", "县区", "全国", "省级", "provincial", "prefecture"},
}

// RegionSpeech is the words of the region: Inner Mongolia's own (盟市/旗县),
// else the words of its kind (市州/县区 for a province), each replaced by
// the region's LeagueWord/CountyWord when the rules file names them.
func RegionSpeech(r coverage.Region) Speech {
	if r.Code == "" && r.Name == "" {
		r = coverage.InnerMongolia
	}
	sp := Speech{Region: r, League: "盟市", County: "旗县", LeagueEN: "league", CountyEN: "county",
		Whole: "全区", Own: "自治区级", OwnEN: "regional", Title: r.Name}
	if !r.IsInnerMongolia() {
		kind := r.Kind
		if _, ok := regionLevelWords[kind]; !ok {
			kind = "province"
		}
		w := regionLevelWords[kind]
		sp.League, sp.County, sp.Whole, sp.Own, sp.OwnEN, sp.LeagueEN = w[0], w[1], w[2], w[3], w[4], w[5]
	}
	for _, o := range []struct {
		dst *string
		v   string
	}{{&sp.League, r.LeagueWord}, {&sp.County, r.CountyWord},
		{&sp.LeagueEN, r.LeagueWordEN}, {&sp.CountyEN, r.CountyWordEN}} {
		if o.v != "" {
			*o.dst = o.v
		}
	}
	sp.replace[0] = strings.NewReplacer("旗县（市、区）", sp.County, "旗县市区", sp.County, "旗县", sp.County,
		"盟市", sp.League, "全区", sp.Whole, "自治区级", sp.Own)
	sp.replace[1] = strings.NewReplacer("leagues", plural(sp.LeagueEN), "Leagues", capital(plural(sp.LeagueEN)),
		"league", sp.LeagueEN, "League", capital(sp.LeagueEN),
		"counties", plural(sp.CountyEN), "Counties", capital(plural(sp.CountyEN)),
		"county", sp.CountyEN, "County", capital(sp.CountyEN), "regional", sp.OwnEN, "Regional", capital(sp.OwnEN))
	return sp
}

// Native reports whether the region speaks kepu's own words (Inner
// Mongolia's), so Say changes nothing.
func (sp Speech) Native() bool {
	return sp.League == "盟市" && sp.County == "旗县" && sp.Whole == "全区" && sp.Own == "自治区级" &&
		sp.LeagueEN == "league" && sp.CountyEN == "county" && sp.OwnEN == "regional"
}

// Say rewrites a text written in Inner Mongolia's words into the region's.
// Quotes from a plan are not texts to rewrite.
func (sp Speech) Say(s string) string {
	if sp.replace[0] == nil || sp.Native() {
		return s
	}
	return sp.replace[1].Replace(sp.replace[0].Replace(s))
}

// RegionName is the region's name in the language.
func (sp Speech) RegionName(lang Lang) string {
	if lang == "en" && sp.Region.NameEN != "" {
		return sp.Region.NameEN
	}
	return sp.Region.Name
}

// Plan is the title of the plan the region is checked against: the
// region's own when known (Inner Mongolia's, or the rules file's plan), else
// the national plan every province implements.
func (sp Speech) Plan(lang Lang) string {
	if sp.Region.IsInnerMongolia() && sp.Region.Plan == coverage.InnerMongolia.Plan {
		return lang.Pick(sp.Region.Plan, "Inner Mongolia science-literacy implementation plan 2021–2025")
	}
	if sp.Region.Plan != "" {
		return sp.Region.Plan
	}
	return lang.Pick(NationalPlan, "National science-literacy plan 2021–2035 (国发〔2021〕9号)")
}

// NationalPlan is the national plan behind every province's implementation plan.
const NationalPlan = "全民科学素质行动规划纲要（2021—2035年）（国发〔2021〕9号）"

func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "y"):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"):
		return w
	}
	return w + "s"
}

func capital(w string) string {
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return w
	}
	return string(w[0]-'a'+'A') + w[1:]
}
