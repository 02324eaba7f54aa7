package data_test

import (
	"strings"
	"testing"

	"github.com/kepu/kepu/data"
	"github.com/paulmach/orb"
)

// TestEventsTable reads events from a Chinese CSV: kinds in Chinese, a
// row placed at its county's seat, and a bad date named by row and header.
func TestEventsTable(t *testing.T) {
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	in := "编号,名称,活动类型,日期,经度,纬度,所在旗县\n" +
		"E1,巡展,流动科技馆,2023-05-01,111.6,40.8,\n" +
		"E2,进校园,大篷车活动,2024-06-01,,,固阳县\n" +
		"E3,坏日期,流动科技馆,2024-13-01,111.6,40.8,\n"
	es, ps, err := data.ReadEvents("e.csv", strings.NewReader(in), data.Options{Units: w.Units})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].Kind != "mobile_museum" || es[1].Kind != "caravan_visit" || es[1].Point != (orb.Point{110.060514, 41.034105}) {
		t.Errorf("events %+v, want E1 mobile_museum and E2 caravan_visit at the seat of 固阳县", es)
	}
	want := `e.csv: row 4 (E3): 日期: "2024-13-01" is not a YYYY-MM-DD date`
	if got := strings.Join(problemStrings(ps), "\n"); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}
