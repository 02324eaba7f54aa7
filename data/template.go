package data

import (
	"fmt"
	"io"
	"sort"

	"github.com/kepu/kepu/coverage"
	"github.com/xuri/excelize/v2"
)

// Template sheet names.
const (
	TemplateSheet         = "设施名录"
	templateCountiesSheet = "旗县"
)

// templateExample is the template's one example row, by field.
var templateExample = map[string]any{
	"id": "VE0001", "name": "某某旗科技馆（示例，请删除）", "category": "科普场馆", "status": "开放",
	"floor_area_m2": 1200, "comprehensive": "否", "level": "", "county": "新城区",
	"address": "呼和浩特市新城区某某路1号", "lon": 111.665544, "lat": 40.858289, "opened": 2021,
}

// templateLists are the drop-down lists of the allowed values, by field.
var templateLists = map[string][]string{
	"category":      {"科普场馆", "科普大篷车", "科普教育基地"},
	"status":        {"开放", "在建", "规划", "关闭"},
	"comprehensive": {"是", "否"},
	"level":         {"国家级", "自治区级", "盟市级", "旗县级"},
}

// WriteTemplate writes an empty registry workbook for planners: the Chinese
// headers kepu reads, drop-down lists of the allowed values (the counties'
// names from units on a sheet of their own), and one example row.
func WriteTemplate(w io.Writer, units []coverage.Unit) error {
	wb := excelize.NewFile()
	defer wb.Close()
	if err := wb.SetSheetName("Sheet1", TemplateSheet); err != nil {
		return err
	}
	for i, c := range templateColumns {
		head, _ := excelize.CoordinatesToCellName(i+1, 1)
		example, _ := excelize.CoordinatesToCellName(i+1, 2)
		if err := wb.SetCellValue(TemplateSheet, head, c.Header); err != nil {
			return err
		}
		if v, ok := templateExample[c.Field]; ok && v != "" {
			if err := wb.SetCellValue(TemplateSheet, example, v); err != nil {
				return err
			}
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		sqref := fmt.Sprintf("%s2:%s10000", col, col)
		if list, ok := templateLists[c.Field]; ok {
			dv := excelize.NewDataValidation(true)
			dv.SetSqref(sqref)
			if err := dv.SetDropList(list); err != nil {
				return err
			}
			if err := wb.AddDataValidation(TemplateSheet, dv); err != nil {
				return err
			}
		}
		if c.Field == "county" {
			if err := countyList(wb, units, sqref); err != nil {
				return err
			}
		}
		wb.SetColWidth(TemplateSheet, col, col, float64(max(10, 2*len([]rune(c.Header))+2)))
	}
	if err := wb.SetPanes(TemplateSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	_, err := wb.WriteTo(w)
	return err
}

// countyList puts the counties' names on their own sheet and makes them the
// drop-down list of the 所在旗县 column.
func countyList(wb *excelize.File, units []coverage.Unit, sqref string) error {
	var names []string
	for _, u := range units {
		if u.Level == coverage.LevelCounty {
			names = append(names, u.Name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	if _, err := wb.NewSheet(templateCountiesSheet); err != nil {
		return err
	}
	wb.SetCellValue(templateCountiesSheet, "A1", "旗县名称")
	for i, n := range names {
		wb.SetCellValue(templateCountiesSheet, fmt.Sprintf("A%d", i+2), n)
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(sqref)
	dv.SetSqrefDropList(fmt.Sprintf("'%s'!$A$2:$A$%d", templateCountiesSheet, len(names)+1))
	return wb.AddDataValidation(TemplateSheet, dv)
}
