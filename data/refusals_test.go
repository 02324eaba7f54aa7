package data_test

import (
	"os"
	"strings"
	"testing"

	"github.com/kepu/kepu/data"
)

const allowedCategories = `(allowed: venue, caravan, base (or 场馆=venue, 基地=base, 大篷车=caravan, 科技馆=venue, 科普场馆=venue, 科普大篷车=caravan, 科普教育基地=base))`

// TestTableRefusals feeds each kind of bad spreadsheet and checks the exact
// problems: the row as a person sees it (header = row 1), the header as
// written, and a hint where one is likely.
func TestTableRefusals(t *testing.T) {
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	units := data.Options{Units: w.Units}
	cases := []struct {
		name, in string
		kept     int
		want     []string
	}{
		{"BOM before a quoted header", "\ufeff\"编号\",\"类别\",\"经度\",\"纬度\"\nA,场馆,111.6,40.8\n", 1, nil},
		{"semicolons and decimal commas", "编号;类别;经度;纬度\nA;场馆;111,6;40,8\n", 1, nil},
		{"tabs", "编号\t类别\t经度\t纬度\nA\t场馆\t111.6\t40.8\n", 1, nil},
		{"unknown separator named", "编号|类别|经度|纬度\nA|场馆|111.6|40.8\n", 0, []string{
			`t.csv: lon: the header has no "lon" and "lat" (经度, 纬度) columns, and no county (旗县) or address (地址) column to place records by; it has a single column "编号|类别|经度|纬度" (kepu reads columns separated by ',', ';' or tab)`}},
		{"bytes neither UTF-8 nor GB18030", "编号,名称,类别,经度,纬度\nA,\xff\xfe馆,场馆,111.6,40.8\nB,馆,场馆,111.6,40.8\n", 1, []string{
			`t.csv: row 2 (A): 名称: bytes that are neither UTF-8 nor GB18030 (save the file as UTF-8 or as GB18030)`}},
		{"unknown category", "编号,类别,经度,纬度\nA,博物馆,111.6,40.8\n", 0, []string{
			`t.csv: row 2 (A): 类别: unknown value "博物馆" ` + allowedCategories}},
		{"English unknown category", "id,category,lon,lat\nA,museum,111.6,40.8\n", 0, []string{
			`t.csv: row 2 (A): category: unknown value "museum" ` + allowedCategories}},
		{"latitude out of range, swapped", "编号,类别,经度,纬度\nA,场馆,42.25,116\n", 0, []string{
			`t.csv: row 2 (A): 经度: [42.25, 116] is out of range (longitude -180..180, latitude -90..90): longitude and latitude swapped?`}},
		{"in range but swapped", "编号,类别,经度,纬度\nA,场馆,40.8,80\n", 1, []string{
			`t.csv: row 2 (A): 经度: [40.8, 80] lies outside China, [80, 40.8] inside: longitude and latitude swapped? [warning]`}},
		{"unit header ignored", "编号,类别,建筑面积(平方米),服务半径（km）,经度,纬度\nA,场馆,abc,5,111.6,40.8\n", 0, []string{
			`t.csv: row 2 (A): 建筑面积(平方米): "abc" is not a number`}},
		{"lat empty", "编号,类别,经度,纬度\nA,场馆,111.6,\n", 0, []string{
			`t.csv: row 2 (A): 纬度: empty, but 经度 is given`}},
		{"no way to place", "编号,类别,所在旗县,地址\nA,场馆,,\nB,场馆,不存在旗,\nC,场馆,,呼和浩特市新城区和回民区交界\nD,场馆,,北京市\nE,场馆,,呼和浩特市新城区东风路\n", 1, []string{
			`t.csv: row 2 (A): lon: no coordinates, and no county (旗县) or address (地址) to place the record by`,
			`t.csv: row 3 (B): 所在旗县: "不存在旗" is neither a 6-digit administrative code nor the name of a county (names are matched as written, with 旗, 县, 市 or 区)`,
			`t.csv: row 4 (C): 地址: no coordinates, and "呼和浩特市新城区和回民区交界" names several counties (新城区 150102, 回民区 150103); give lon/lat or the county`,
			`t.csv: row 5 (D): 地址: no coordinates, and "北京市" names no county (write the county's name as 某某旗, 某某县, 某某市 or 某某区)`}},
		{"two columns for one field", "编号,类别,类型,经度,纬度\nA,场馆,x,1,2\n", 0, []string{
			`t.csv: 类型: the header has two columns for category: "类别" and "类型"`}},
		{"lon without lat", "编号,类别,经度\nA,场馆,1\n", 0, []string{`t.csv: the header has no lat (纬度) column beside 经度`}},
		{"value without header", "id,category,lon,lat\nA,venue,111.6,40.8,extra\n", 0, []string{
			`t.csv: row 2 (A): column 5 has a value ("extra") but no header`}},
		{"duplicate id across rows", "编号,类别,经度,纬度\nA,场馆,111.6,40.8\n\nA,基地,111.6,40.8\n", 1, []string{
			`t.csv: row 4 (A): id: duplicate: t.csv row 2 already has this id`}},
		{"quoted line break is one row", "编号,名称,类别,经度,纬度\nA,\"两\n行\",场馆,111.6,40.8\nB,x,博物馆,111.6,40.8\n", 1, []string{
			`t.csv: row 3 (B): 类别: unknown value "博物馆" ` + allowedCategories}},
		{"empty file", "", 0, []string{`t.csv: the file is empty: a header row is needed`}},
		{"old xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, []string{`t.csv: an Excel 97-2003 .xls workbook: save it as .xlsx (Excel 工作簿) or CSV and read that`}},
		{"not a workbook", "PK\x03\x04garbage", 0, []string{`t.csv: not a readable .xlsx workbook: zip: not a valid zip file`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, ps, err := data.ReadFacilities("t.csv", strings.NewReader(c.in), units)
			if err != nil {
				t.Fatal(err)
			}
			got := problemStrings(ps)
			if len(fs) != c.kept || strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("kept %d, problems:\n%s\nwant kept %d, problems:\n%s", len(fs), strings.Join(got, "\n"), c.kept, strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestJSONRefusals: duplicate keys and a missing or null features array.
func TestJSONRefusals(t *testing.T) {
	feature := func(props string) string {
		return `{"type":"Feature","properties":` + props + `,"geometry":{"type":"Point","coordinates":[111,40]}}`
	}
	cases := []struct {
		name, in string
		kept     int
		want     []string
	}{
		{"features null", `{"type":"FeatureCollection","features":null}`, 0, []string{
			`t.geojson: features: null: a FeatureCollection needs a features array ([] when it has none)`}},
		{"features missing", `{"type":"FeatureCollection"}`, 0, []string{
			`t.geojson: features: missing: a FeatureCollection needs a features array ([] when it has none)`}},
		{"features empty", `{"type":"FeatureCollection","features":[]}`, 0, nil},
		{"duplicate property", fc(feature(`{"id":"A","category":"venue","category":"base"}`), feature(`{"id":"B","category":"venue"}`)), 1, []string{
			`t.geojson: feature 1 (A): category: the key "category" appears twice in one object; readers disagree on which value counts, so kepu takes neither`}},
		{"duplicate in geometry", fc(feature(`{"id":"A","category":"venue"}`), `{"type":"Feature","properties":{"id":"B","category":"venue"},"geometry":{"type":"Point","coordinates":[1,2],"coordinates":[111,40]}}`), 1, []string{
			`t.geojson: feature 2 (B): coordinates: the key "coordinates" appears twice in one object; readers disagree on which value counts, so kepu takes neither`}},
		{"duplicate at the top", `{"type":"FeatureCollection","features":[],"features":[]}`, 0, []string{
			`t.geojson: features: the key "features" appears twice in one object; readers disagree on which value counts, so kepu takes neither`}},
		{"escaped key in a string value is no key", fc(feature(`{"id":"A","category":"venue","note":"\"category\": 1"}`)), 1, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, ps, _ := data.ReadFacilities("t.geojson", strings.NewReader(c.in), data.Options{})
			got := problemStrings(ps)
			if len(fs) != c.kept || strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("kept %d, problems:\n%s\nwant kept %d, problems:\n%s", len(fs), strings.Join(got, "\n"), c.kept, strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestColumnsFile maps other headers with --columns and keeps unknown ones.
func TestColumnsFile(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/cols.yaml"
	writeFile(t, path, "馆名: name\n\"Area (sqm)\": floor_area_m2\n分类: category\nX: lon\nY: lat\n")
	cols, err := data.ReadColumns(path)
	if err != nil {
		t.Fatal(err)
	}
	in := "ID,馆名,分类,Area (sqm),X,Y,备注\nA,某馆,科技馆,1200,111.6,40.8,新建\n"
	fs, ps, _ := data.ReadFacilities("t.csv", strings.NewReader(in), data.Options{Columns: cols})
	if len(ps) != 0 || len(fs) != 1 || fs[0].Name != "某馆" || fs[0].FloorArea != 1200 || fs[0].Category != "venue" || fs[0].Props["备注"] != "新建" {
		t.Errorf("got %+v %v, want 某馆 venue 1200 m² with 备注 kept", fs, ps)
	}
	writeFile(t, path, "馆名: title\n")
	if _, err := data.ReadColumns(path); err == nil || !strings.Contains(err.Error(), `header "馆名": unknown field "title" (fields: address, category,`) {
		t.Errorf("unknown field: got %v", err)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
