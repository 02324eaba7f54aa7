package data_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kepu/kepu/data"
	"github.com/xuri/excelize/v2"
)

// TestTemplate opens the template with excelize: the Chinese headers, the
// drop-down lists, one example row, and kepu reads it back as one venue in
// 新城区.
func TestTemplate(t *testing.T) {
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := data.WriteTemplate(&buf, w.Units); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.GetSheetList(); strings.Join(got, ",") != "设施名录,旗县" {
		t.Errorf("sheets %v, want 设施名录,旗县", got)
	}
	rows, _ := wb.GetRows("设施名录")
	wantHeader := "编号,名称,类别,状态,建筑面积（平方米）,是否综合性,服务半径（公里）,车型,级别,主题,所在旗县,地址,经度,纬度,开放年份"
	if len(rows) != 2 || strings.Join(rows[0], ",") != wantHeader {
		t.Fatalf("rows %v, want the header %s and one example", rows, wantHeader)
	}
	dvs, err := wb.GetDataValidations("设施名录")
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	want := map[string]string{
		"C2:C10000": `"科普场馆,科普大篷车,科普教育基地"`, "D2:D10000": `"开放,在建,规划,关闭"`,
		"F2:F10000": `"是,否"`, "I2:I10000": `"国家级,自治区级,盟市级,旗县级"`, "K2:K10000": `'旗县'!$A$2:$A$104`,
	}
	for sq, f := range want {
		if lists[sq] != f {
			t.Errorf("drop-down %s: got %q, want %q", sq, lists[sq], f)
		}
	}
	counties, _ := wb.GetRows("旗县")
	if len(counties) != 104 {
		t.Errorf("county sheet has %d rows, want a header and 103 names", len(counties))
	}
	fs, ps, _ := data.ReadFacilities("template.xlsx", bytes.NewReader(buf.Bytes()), data.Options{Units: w.Units})
	if len(ps) != 0 || len(fs) != 1 || fs[0].Category != "venue" || fs[0].County != "150102" || fs[0].FloorArea != 1200 || fs[0].Opened != "2021" {
		t.Errorf("reading the template back: %+v %v, want the example venue in 150102", fs, ps)
	}
}
