package geo_test

import (
	"math"
	"testing"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// TestCRSLiteral pins GCJ-02 and BD-09 to values computed apart from kepu
// (a Python transcription of the public forward formulas, double precision)
// at points spread over China, and checks that the inverses recover WGS84.
func TestCRSLiteral(t *testing.T) {
	for _, tc := range []struct{ wgs, gcj, bd orb.Point }{
		{orb.Point{116.391305, 39.907333}, orb.Point{116.397546162923, 39.908734271285}, orb.Point{116.403919069437, 39.915077721315}},
		{orb.Point{111.665544, 40.858289}, orb.Point{111.672315140116, 40.859640940227}, orb.Point{111.678913458996, 40.865373320933}},
		{orb.Point{97.2, 41.9}, orb.Point{97.200715894290, 41.901666787529}, orb.Point{97.207106922568, 41.907965360283}},
		{orb.Point{122.0, 50.3}, orb.Point{122.006720933494, 50.301498096549}, orb.Point{122.013263403567, 50.307442442541}},
		{orb.Point{87.6, 43.8}, orb.Point{87.602838972272, 43.801212030292}, orb.Point{87.609210151822, 43.807472507650}},
		{orb.Point{104.06, 30.67}, orb.Point{104.062496404255, 30.667574871971}, orb.Point{104.068953769341, 30.673692211196}},
		{orb.Point{113.3, 23.1}, orb.Point{113.305372899149, 23.097351536677}, orb.Point{113.311858984049, 23.103433638581}},
		{orb.Point{126.6, 45.75}, orb.Point{126.605910241031, 45.751913682164}, orb.Point{126.612298219793, 45.758282220927}},
		{orb.Point{73.5, 39.5}, orb.Point{73.503356127757, 39.500212224312}, orb.Point{73.509988157106, 39.506003361031}},
		{orb.Point{135.0, 48.0}, orb.Point{135.007846367693, 48.002491663258}, orb.Point{135.014216794415, 48.008863855338}},
	} {
		near := func(name string, got, want orb.Point, tol float64) {
			if math.Abs(got[0]-want[0]) > tol || math.Abs(got[1]-want[1]) > tol {
				t.Errorf("%s(%v): got %.12f, %.12f, want %.12f, %.12f", name, tc.wgs, got[0], got[1], want[0], want[1])
			}
		}
		near("WGS84ToGCJ02", geo.WGS84ToGCJ02(tc.wgs), tc.gcj, 1e-11)
		near("GCJ02ToBD09", geo.GCJ02ToBD09(tc.gcj), tc.bd, 1e-11)
		near("WGS84ToBD09", geo.WGS84ToBD09(tc.wgs), tc.bd, 1e-11)
		near("GCJ02ToWGS84", geo.GCJ02ToWGS84(tc.gcj), tc.wgs, 1e-9)
		near("BD09ToGCJ02", geo.BD09ToGCJ02(tc.bd), tc.gcj, 1e-9)
		near("BD09ToWGS84", geo.BD09ToWGS84(tc.bd), tc.wgs, 1e-9)
		for name, want := range map[string]orb.Point{"gcj02": tc.wgs, "bd09": tc.wgs} {
			conv, ok := geo.Converter(name)
			in := tc.gcj
			if name == "bd09" {
				in = tc.bd
			}
			if !ok {
				t.Fatalf("Converter(%q): not ok", name)
			}
			near("Converter("+name+")", conv(in), want, 1e-9)
		}
	}
}

// TestGCJ02Box: the offset applies inside the box 72.004–137.8347° E,
// 0.8293–55.8271° N, edges included, and nowhere else.
func TestGCJ02Box(t *testing.T) {
	for _, tc := range []struct {
		name  string
		p     orb.Point
		moved bool
	}{
		{"west edge", orb.Point{72.004, 30}, true},
		{"west of it", orb.Point{72.0039, 30}, false},
		{"east edge", orb.Point{137.8347, 30}, true},
		{"east of it", orb.Point{137.8348, 30}, false},
		{"south edge", orb.Point{110, 0.8293}, true},
		{"south of it", orb.Point{110, 0.8292}, false},
		{"north edge", orb.Point{110, 55.8271}, true},
		{"north of it", orb.Point{110, 55.8272}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := geo.WGS84ToGCJ02(tc.p) != tc.p; got != tc.moved {
				t.Errorf("WGS84ToGCJ02(%v) moved: got %v, want %v", tc.p, got, tc.moved)
			}
		})
	}
}

func TestConverterNames(t *testing.T) {
	p := orb.Point{111.5, 40.5}
	for _, name := range []string{"", "wgs84", "cgcs2000", "epsg:4326", "epsg:4490"} {
		conv, ok := geo.Converter(name)
		if !ok || conv(p) != p {
			t.Errorf("Converter(%q): ok %v, want the identity", name, ok)
		}
	}
	for _, name := range []string{"epsg:3857", "GCJ02", "bd-09"} {
		if _, ok := geo.Converter(name); ok {
			t.Errorf("Converter(%q): got ok, want refused", name)
		}
	}
	nan := orb.Point{math.NaN(), 40}
	if got := geo.GCJ02ToWGS84(nan); !math.IsNaN(got[0]) || got[1] != 40 {
		t.Errorf("GCJ02ToWGS84(NaN): got %v, want it back unchanged", got)
	}
}
