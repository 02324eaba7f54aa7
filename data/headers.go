package data

import (
	"sort"
	"strings"

	"github.com/kepu/kepu/coverage"
)

// The words of registries as planners keep them: the Chinese column headers
// and values a 科协's spreadsheet uses, and what each means to kepu. One
// wording source for the readers and the template.

// facilityHeaders maps a Chinese column header (without a bracketed unit)
// to the facility field it holds.
var facilityHeaders = map[string]string{
	"编号": "id", "名称": "name", "类别": "category", "类型": "category", "状态": "status",
	"建筑面积": "floor_area_m2", "面积": "floor_area_m2",
	"综合性": "comprehensive", "是否综合性": "comprehensive",
	"服务半径": "reach_km", "车型": "vehicle_type", "级别": "level", "主题": "themes",
	"旗县": "county", "所在旗县": "county", "旗县代码": "county", "地址": "address",
	"经度": "lon", "纬度": "lat",
	"开放年份": "opened", "建成年份": "opened", "开放日期": "opened",
	"关闭年份": "closed", "停用日期": "closed",
}

// eventHeaders maps a Chinese column header to the event field it holds.
var eventHeaders = map[string]string{
	"编号": "id", "名称": "name", "类别": "kind", "类型": "kind", "活动类型": "kind",
	"日期": "date", "活动日期": "date", "设施": "facility", "设施编号": "facility",
	"旗县": "county", "所在旗县": "county", "旗县代码": "county", "地址": "address",
	"经度": "lon", "纬度": "lat",
}

// englishHeaders are the field names a header may also be written as
// (any case), besides the fields themselves.
var englishHeaders = map[string]string{"longitude": "lon", "lng": "lon", "latitude": "lat"}

// categoryWords are the Chinese names of the known categories.
var categoryWords = map[string]string{
	"科技馆": coverage.CategoryVenue, "科普场馆": coverage.CategoryVenue, "场馆": coverage.CategoryVenue,
	"科普大篷车": coverage.CategoryCaravan, "大篷车": coverage.CategoryCaravan,
	"科普教育基地": coverage.CategoryBase, "基地": coverage.CategoryBase,
}

// Categories are the facility categories kepu knows; any other is refused.
var Categories = []string{coverage.CategoryVenue, coverage.CategoryCaravan, coverage.CategoryBase}

var statusWords = map[string]string{
	"开放": coverage.StatusOpen, "正常开放": coverage.StatusOpen, "在建": coverage.StatusUnderConstruction,
	"规划": coverage.StatusPlanned, "拟建": coverage.StatusPlanned, "关闭": coverage.StatusClosed, "停用": coverage.StatusClosed,
}

var levelWords = map[string]string{
	"国家级": "national", "自治区级": "regional", "省级": "regional",
	"盟市级": "league", "市级": "league", "旗县级": "county", "县级": "county",
}

var eventWords = map[string]string{"流动科技馆": coverage.EventMobileMuseum, "流动科技馆巡展": coverage.EventMobileMuseum,
	"大篷车活动": coverage.EventCaravanVisit, "科普大篷车活动": coverage.EventCaravanVisit}

var themeWords = map[string]string{"文化": "culture", "旅游": "tourism", "科普+文化": "culture", "科普+旅游": "tourism"}

// templateColumns are the template workbook's headers in order, with the
// field each holds.
var templateColumns = []struct{ Header, Field string }{
	{"编号", "id"}, {"名称", "name"}, {"类别", "category"}, {"状态", "status"},
	{"建筑面积（平方米）", "floor_area_m2"}, {"是否综合性", "comprehensive"}, {"服务半径（公里）", "reach_km"},
	{"车型", "vehicle_type"}, {"级别", "level"}, {"主题", "themes"}, {"所在旗县", "county"},
	{"地址", "address"}, {"经度", "lon"}, {"纬度", "lat"}, {"开放年份", "opened"},
}

// LocatedBySeatNote says, in exports, that a record without coordinates is
// drawn at its county's seat.
const LocatedBySeatNote = "located_by: county（无坐标，标注于旗县驻地 / no coordinates: drawn at the county seat）"

// interned are the values many records share, kept once.
var interned = func() map[string]string {
	m := map[string]string{}
	for _, w := range []string{coverage.CategoryVenue, coverage.CategoryCaravan, coverage.CategoryBase,
		coverage.StatusOpen, coverage.StatusUnderConstruction, coverage.StatusPlanned, coverage.StatusClosed,
		"national", "regional", "league", "county", "culture", "tourism"} {
		m[w] = w
	}
	return m
}()

// intern returns the shared copy of a common value, else s.
func intern(s string) string {
	if w, ok := interned[s]; ok {
		return w
	}
	return s
}

// valueWord maps a Chinese value to its field value, or returns v as is.
func valueWord(table map[string]string, v string) string {
	if w, ok := table[v]; ok {
		return w
	}
	return v
}

// allowedWith lists the allowed values followed by their Chinese names, for
// a refusal message.
func allowedWith(allowed []string, table map[string]string) string {
	var zh []string
	for k, v := range table {
		for _, a := range allowed {
			if v == a {
				zh = append(zh, k+"="+a)
			}
		}
	}
	sort.Strings(zh)
	return strings.Join(allowed, ", ") + " (or " + strings.Join(zh, ", ") + ")"
}

// headerKey is a header without white space and without a trailing unit in
// brackets (建筑面积（平方米） → 建筑面积, 服务半径(km) → 服务半径), for matching.
func headerKey(h string) string {
	h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	for _, p := range [][2]string{{"（", "）"}, {"(", ")"}, {"[", "]"}, {"【", "】"}} {
		if strings.HasSuffix(h, p[1]) {
			if i := strings.LastIndex(h, p[0]); i > 0 {
				h = strings.TrimSpace(h[:i])
				break
			}
		}
	}
	return h
}

// fieldOf is the field a header holds: columns (from --columns) first, then
// the Chinese words, then the English field names; "" for an unknown header.
func fieldOf(header string, chinese map[string]string, known []string, columns map[string]string) string {
	if f, ok := columns[strings.TrimSpace(header)]; ok {
		return f
	}
	k := headerKey(header)
	if f, ok := columns[k]; ok {
		return f
	}
	if f, ok := chinese[k]; ok {
		return f
	}
	low := strings.ToLower(k)
	if f, ok := englishHeaders[low]; ok {
		return f
	}
	for _, f := range known {
		if low == f {
			return f
		}
	}
	return ""
}
