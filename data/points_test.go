package data_test

import (
	"strings"
	"testing"

	"github.com/kepu/kepu/data"
)

func TestReadDemand(t *testing.T) {
	cases := []struct {
		name, input string
		csv         bool
		want        []float64 // weights of the points kept
		problem     string    // a problem reason must contain this ("" for none)
	}{
		{"geojson weight and population", fc(
			pt(`{"id":"D1","weight":120}`, `[111,40]`),
			pt(`{"id":"D2","population":3000}`, `[112,41]`)), false, []float64{120, 3000}, ""},
		{"geojson missing weight", fc(pt(`{"id":"D1"}`, `[111,40]`), pt(`{"id":"D2","weight":5}`, `[111,40]`)), false, []float64{5}, "missing"},
		{"geojson negative weight", fc(pt(`{"id":"D1","weight":-1}`, `[111,40]`)), false, nil, "negative"},
		{"csv with header", "lat,lon,weight,name\n40,111,7,甲\n41,112,9,乙\n", true, []float64{7, 9}, ""},
		{"csv without header", "111,40,7\n112,41,9\n", true, []float64{7, 9}, ""},
		{"csv bad number", "lon,lat,weight\n111,40,x\n112,41,9\n", true, []float64{9}, "not a number"},
		{"csv header without lon", "x,y,weight\n1,2,3\n", true, nil, "lon"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, ps, err := data.ReadDemand("d", strings.NewReader(c.input), c.csv, data.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []float64
			for _, d := range ds {
				got = append(got, d.Weight)
			}
			if len(got) != len(c.want) {
				t.Fatalf("weights %v, want %v (problems %v)", got, c.want, ps)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("weight %d = %v, want %v", i, got[i], c.want[i])
				}
			}
			found := c.problem == ""
			for _, p := range ps {
				found = found || strings.Contains(p.Reason, c.problem)
			}
			if !found || c.problem == "" && data.HasErrors(ps) {
				t.Errorf("problems %v, want one mentioning %q", ps, c.problem)
			}
		})
	}
	// The CSV header may put lat before lon: the point must not be swapped.
	ds, _, _ := data.ReadDemand("d", strings.NewReader("lat,lon,weight\n40.5,111.5,1\n"), true, data.Options{})
	if len(ds) != 1 || ds[0].Point[0] != 111.5 || ds[0].Point[1] != 40.5 {
		t.Errorf("lat,lon header read as %v, want lon 111.5 lat 40.5", ds)
	}
}

func TestReadSites(t *testing.T) {
	ss, ps, err := data.ReadSites("s", strings.NewReader(fc(
		pt(`{"code":"150102","name":"新城区"}`, `[111.66,40.86]`),
		pt(`{}`, `[111.7,40.9]`))), false, data.Options{})
	if err != nil || data.HasErrors(ps) {
		t.Fatalf("err %v, problems %v", err, ps)
	}
	if len(ss) != 2 || ss[0].Code != "150102" || ss[0].Name != "新城区" || ss[1].Code != "S2" {
		t.Errorf("sites %+v, want 150102 新城区 and an unnamed site numbered S2", ss)
	}
}
