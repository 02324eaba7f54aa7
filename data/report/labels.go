package report

import (
	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
)

// labels are every heading, column name and word of the report, Chinese
// first and English second.
var labels = map[string][2]string{
	"report_title":    {"科普设施覆盖评估报告", "Science-facility coverage evaluation"},
	"region":          {"内蒙古自治区", "Inner Mongolia Autonomous Region"},
	"plan":            {"内蒙古自治区全民科学素质行动规划纲要实施方案（2021—2025年）", "Inner Mongolia science-literacy implementation plan 2021–2025"},
	"period":          {"评估期", "Evaluation period"},
	"generated":       {"生成时间", "Generated"},
	"sample_banner":   {"示例数据：本报告所用设施名录和活动为合成的示例数据，仅用于演示，不代表真实情况。", "Sample data: the facility registry and events in this report are synthetic, made up for demonstration; they do not describe the real situation."},
	"sample":          {"示例数据", "sample data"},
	"overview":        {"概况", "Overview"},
	"counties":        {"旗县（市、区）", "Counties"},
	"leagues":         {"盟市", "Leagues"},
	"facilities":      {"设施", "Facilities"},
	"events":          {"活动", "Events"},
	"rules_passing":   {"达标规则", "Rules passing"},
	"gaps":            {"差距", "Gaps"},
	"rule_table":      {"规划指标与实际", "Targets and actual figures"},
	"rule":            {"指标", "Rule"},
	"rule_id":         {"规则编号", "Rule id"},
	"scope":           {"范围", "Scope"},
	"target":          {"目标", "Target"},
	"actual":          {"实际", "Actual"},
	"result":          {"结果", "Result"},
	"passing":         {"达标数", "Passing"},
	"total":           {"总数", "Total"},
	"plan_text":       {"规划原文", "Plan text"},
	"pass":            {"达标", "pass"},
	"fail":            {"未达标", "fail"},
	"maps":            {"分布图", "Maps"},
	"gap_list":        {"差距清单（按优先级排序）", "Gap list, by priority"},
	"rank":            {"序号", "#"},
	"code":            {"代码", "Code"},
	"facility_id":     {"编号", "ID"},
	"name":            {"名称", "Name"},
	"level":           {"级别", "Level"},
	"parent":          {"所属盟市", "League"},
	"parent_code":     {"盟市代码", "League code"},
	"priority":        {"优先级", "Priority"},
	"priority_parts":  {"优先级构成", "Priority parts"},
	"shortfall":       {"缺口", "Shortfall"},
	"detail":          {"说明", "Detail"},
	"pipeline":        {"在建/规划", "Pipeline"},
	"no_gaps":         {"没有差距。", "No gaps."},
	"distribution":    {"科普教育基地分布", "Distribution of science-education bases"},
	"population":      {"常住人口", "Population"},
	"population_urb":  {"城镇人口", "Urban population"},
	"population_rur":  {"乡村人口", "Rural population"},
	"bases":           {"基地数", "Bases"},
	"bases_national":  {"国家级", "National"},
	"bases_regional":  {"自治区级", "Regional"},
	"bases_themed":    {"科普+文化/旅游", "Culture/tourism"},
	"per_100k":        {"每十万人基地数", "Bases per 100,000"},
	"without_base":    {"无基地旗县", "Counties without a base"},
	"gini":            {"基尼系数（每十万人基地数，按旗县）", "Gini coefficient (bases per 100,000, by county)"},
	"nonurban_bases":  {"市辖区以外的基地占比", "Share of bases outside urban districts"},
	"nonurban_pop":    {"市辖区以外的人口占比", "Share of population outside urban districts"},
	"county_table":    {"旗县一览", "Counties"},
	"kind":            {"类型", "Kind"},
	"largest_venue":   {"最大开放场馆（平方米）", "Largest open venue (m²)"},
	"nearest_venue":   {"最近达标场馆（公里）", "Nearest compliant venue (km)"},
	"pipeline_title":  {"在建和规划设施", "Facilities under construction or planned"},
	"would_close":     {"可弥补的差距", "Gaps it would close"},
	"none":            {"无", "none"},
	"no_pipeline":     {"没有在建或规划的设施。", "No facility under construction or planned."},
	"category":        {"类别", "Category"},
	"status":          {"状态", "Status"},
	"county":          {"旗县", "County"},
	"league":          {"盟市", "League"},
	"floor_area":      {"建筑面积（平方米）", "Floor area (m²)"},
	"provenance":      {"数据来源与说明", "Data and provenance"},
	"sources":         {"输入文件", "Input files"},
	"thresholds":      {"评估参数", "Thresholds"},
	"attribution":     {"数据来源与许可", "Sources and licences"},
	"diagnostics":     {"诊断信息", "Diagnostics"},
	"downloads":       {"下载", "Downloads"},
	"workbook":        {"电子表格（report.xlsx）", "Workbook (report.xlsx)"},
	"back":            {"返回全区报告", "Back to the region"},
	"league_pages":    {"各盟市报告", "League reports"},
	"region_wide":     {"全区指标", "region-wide"},
	"scope_county":    {"旗县", "county"},
	"scope_league":    {"盟市", "league"},
	"scope_region":    {"全区", "region"},
	"summary":         {"概况", "Summary"},
	"item":            {"项目", "Item"},
	"value":           {"数值", "Value"},
	"lon":             {"经度", "Longitude"},
	"lat":             {"纬度", "Latitude"},
	"comprehensive":   {"综合性", "Comprehensive"},
	"reach_km":        {"服务半径（公里）", "Reach (km)"},
	"base_level":      {"基地级别", "Base level"},
	"themes":          {"主题", "Themes"},
	"declared_county": {"申报旗县", "Declared county"},
	"opened":          {"开放日期", "Opened"},
	"as_of":           {"截至日期", "As of"},
	"closed":          {"关闭日期", "Closed"},
	"border":          {"边境", "Border"},
	"former_poverty":  {"原贫困县", "Former poverty"},
	"yes":             {"是", "yes"},
	"no":              {"否", "no"},
	"map_note":        {"盟市图标注旗县名称，全区图标注盟市名称；比例尺按图幅中央纬度量算。", "League maps name the counties, the region map names the leagues; the scale bar holds at the map's central latitude."},
	"scores":          {"得分", "scores"},
	"league_museum":   {"盟市综合性科普场馆", "League comprehensive venue"},
	"county_count":    {"旗县数", "Counties"},
	"venue_col":       {"千平米场馆", "Venue ≥ 1000 m²"},
	"caravan_col":     {"大篷车覆盖", "Caravan reach"},
	"base_col":        {"科普基地", "Base"},
	"planning":        {"规划建议", "Planning suggestions"},
	"caravan_plan":    {"新增科普大篷车站点", "New caravan stations"},
	"venue_plan":      {"新建科普场馆选址", "New venue sites"},
	"station":         {"站点（旗县驻地）", "Station (county seat)"},
	"site":            {"选址（旗县驻地）", "Site (county seat)"},
	"location":        {"位置（经度，纬度）", "Location (lon, lat)"},
	"closes":          {"可使达标的旗县", "Counties it makes pass"},
	"covers":          {"新覆盖的旗县", "Counties newly covered"},
	"gain":            {"新增覆盖人口", "Population newly covered"},
	"reaches_count":   {"覆盖旗县数", "Counties reached"},
	"uncoverable":     {"无候选点可覆盖的旗县", "Counties no candidate reaches"},
	"plan_mark":       {"地图中以黄色五角星标出建议的站点和选址。", "Suggested stations and sites are gold stars on the maps."},
}

// labelsFor picks one language's labels in the region's words, with the
// region's name and plan.
func labelsFor(lang words.Lang, sp words.Speech) map[string]string {
	out := make(map[string]string, len(labels))
	for k, v := range labels {
		out[k] = sp.Say(pick(lang, v[0], v[1]))
	}
	out["region"] = sp.RegionName(lang)
	out["plan"] = sp.Plan(lang)
	return out
}

func pick(lang words.Lang, zh, en string) string {
	if lang == "en" {
		return en
	}
	return zh
}

func (b *builder) scopeName(scope string) string { return b.L["scope_"+scope] }

// measureUnit is the unit of a rule's actual and target figures.
func measureUnit(rule string, lang words.Lang) string {
	switch rule {
	case coverage.RuleVenue1000, coverage.RuleLeagueMuseum:
		return pick(lang, "平方米", "m²")
	case coverage.RuleCaravanReach:
		return pick(lang, "公里", "km")
	case coverage.RuleMobileMuseum:
		return pick(lang, "个盟市", "leagues")
	}
	return pick(lang, "个", "")
}
