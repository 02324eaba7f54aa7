package words

// fieldNames are the data's field names as people read them: facility
// properties, gap row columns and the priority parts.
var fieldNames = map[string][2]string{
	"id": {"编号", "ID"}, "name": {"名称", "Name"}, "category": {"类别", "Category"}, "status": {"状态", "Status"},
	"floor_area_m2": {"建筑面积（平方米）", "Floor area (m²)"}, "comprehensive": {"综合性", "Comprehensive"},
	"reach_km": {"服务半径（公里）", "Reach (km)"}, "vehicle_type": {"车型", "Vehicle type"}, "level": {"级别", "Level"},
	"themes": {"主题", "Themes"}, "county": {"登记旗县", "Declared county"}, "opened": {"开放年份", "Opened"},
	"closed": {"关闭年份", "Closed"}, "address": {"地址", "Address"}, "lon": {"经度", "Longitude"}, "lat": {"纬度", "Latitude"},
	"located_county": {"所在旗县（按位置）", "County (by location)"}, "located_by": {"定位方式", "Located by"},
	"opened_day": {"开放日期", "Opened on"}, "closed_day": {"关闭日期", "Closed on"},
	"rule": {"指标", "Rule"}, "code": {"区划代码", "Code"}, "parent": {"所属盟市", "League"},
	"priority": {"优先级", "Priority"}, "actual": {"现状", "Actual"}, "target": {"目标", "Target"},
	"shortfall": {"缺口", "Shortfall"}, "detail": {"说明", "Detail"}, "pipeline": {"在建/规划", "Pipeline"},
	"parts": {"优先级构成", "Priority parts"},
}

// FieldName is a data field's name for people in the language (the field
// itself when kepu does not know it).
func FieldName(field string, lang Lang) string {
	if n, ok := fieldNames[field]; ok {
		return lang.Pick(n[0], n[1])
	}
	return field
}

// unitWords are the units of the priority parts' measures.
var unitWords = map[string][2]string{"residents": {"人", "residents"}, "km": {"公里", "km"}, "flag": {"", ""}}

// MeasureUnit is a priority part's unit (residents, km, flag) in the language.
func MeasureUnit(unit string, lang Lang) string {
	if n, ok := unitWords[unit]; ok {
		return lang.Pick(n[0], n[1])
	}
	return unit
}
