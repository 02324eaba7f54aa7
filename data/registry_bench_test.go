package data_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/kepu/kepu/data"
	"github.com/xuri/excelize/v2"
)

// benchRows are n registry rows with Chinese headers and values, spread
// over a few Hohhot counties.
func benchRows(n int) [][]any {
	rows := [][]any{{"编号", "名称", "类别", "状态", "建筑面积（平方米）", "级别", "主题", "经度", "纬度"}}
	cats := []string{"科技馆", "大篷车", "基地"}
	for i := 0; i < n; i++ {
		row := []any{fmt.Sprintf("F%07d", i), fmt.Sprintf("设施%d", i), cats[i%3], "开放", "", "", "",
			111.6 + float64(i%100)/1000, 40.8 + float64(i%77)/1000}
		switch i % 3 {
		case 0:
			row[4] = 500 + i%1000
		case 2:
			row[5], row[6] = "自治区级", "文化"
		}
		rows = append(rows, row)
	}
	return rows
}

func benchCSV(n int) []byte {
	var b strings.Builder
	for _, row := range benchRows(n) {
		for i, v := range row {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprint(&b, v)
		}
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func benchXLSX(b testing.TB, n int) []byte {
	wb := excelize.NewFile()
	defer wb.Close()
	sw, err := wb.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	for r, row := range benchRows(n) {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchGeoJSON(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"id":"F%07d","name":"设施%d","category":"venue","status":"open","floor_area_m2":%d},"geometry":{"type":"Point","coordinates":[%v,%v]}}`,
			i, i, 500+i%1000, 111.6+float64(i%100)/1000, 40.8+float64(i%77)/1000)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// TestBenchInputsRead pins what the benchmarks read: every row, none refused.
func TestBenchInputsRead(t *testing.T) {
	for name, in := range map[string][]byte{"csv": benchCSV(300), "xlsx": benchXLSX(t, 300), "geojson": benchGeoJSON(300)} {
		fs, ps, err := data.ReadFacilities("bench."+name, bytes.NewReader(in), data.Options{})
		if err != nil || len(fs) != 300 || len(ps) != 0 {
			t.Errorf("%s: %d facilities, problems %v, err %v; want 300, none", name, len(fs), ps, err)
			continue
		}
		if name != "geojson" && (fs[0].Category != "venue" || fs[0].FloorArea != 500 || fs[2].Level != "regional" || fs[2].Themes[0] != "culture" || fs[1].Category != "caravan") {
			t.Errorf("%s: rows read as %+v %+v %+v", name, fs[0], fs[1], fs[2])
		}
	}
}

func benchRead(b *testing.B, name string, in []byte, rows int) {
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for i := 0; i < b.N; i++ {
		fs, _, err := data.ReadFacilities(name, bytes.NewReader(in), data.Options{})
		if err != nil || len(fs) != rows {
			b.Fatalf("%d facilities, err %v", len(fs), err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

const benchN = 20000

func BenchmarkReadFacilitiesCSV(b *testing.B) {
	benchRead(b, "bench.csv", benchCSV(benchN), benchN)
}

func BenchmarkReadFacilitiesXLSX(b *testing.B) {
	benchRead(b, "bench.xlsx", benchXLSX(b, benchN), benchN)
}

func BenchmarkReadFacilitiesGeoJSON(b *testing.B) {
	benchRead(b, "bench.geojson", benchGeoJSON(benchN), benchN)
}
