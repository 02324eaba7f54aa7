package words

// fieldNames are the data's field names as people read them: facility
// properties, gap row columns and the priority parts.
var fieldNames = map[string][2]string{
	"id": {"编号", "ID"}, "name": {"名称", "name"}, "category": {"类别", "category"}, "status": {"状态", "status"},
	"floor_area_m2": {"建筑面积（平方米）", "floor area (m²)"}, "comprehensive": {"综合性", "comprehensive"},
	"reach_km": {"服务半径（公里）", "reach (km)"}, "vehicle_type": {"车型", "vehicle type"}, "level": {"级别", "level"},
	"themes": {"主题", "themes"}, "county": {"登记旗县", "declared county"}, "opened": {"开放年份", "opened"},
	"closed": {"关闭年份", "closed"}, "address": {"地址", "address"}, "lon": {"经度", "longitude"}, "lat": {"纬度", "latitude"},
	"located_county": {"所在旗县（按位置）", "county (by location)"}, "located_by": {"定位方式", "located by"},
	"opened_day": {"开放日期", "opened on"}, "closed_day": {"关闭日期", "closed on"},
	"rule": {"指标", "rule"}, "code": {"区划代码", "code"}, "parent": {"所属盟市", "league"},
	"priority": {"优先级", "priority"}, "actual": {"现状", "actual"}, "target": {"目标", "target"},
	"shortfall": {"缺口", "shortfall"}, "detail": {"说明", "detail"}, "pipeline": {"在建/规划", "pipeline"},
	"parts": {"优先级构成", "priority parts"},
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
