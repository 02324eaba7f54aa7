package geo_test

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
	orbgeojson "github.com/paulmach/orb/geojson"
)

func readCSV(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func num(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestDistanceAgainstGeographicLib checks every reference pair to 1 m and the
// initial azimuth of long lines to 1e-3 degrees.
func TestDistanceAgainstGeographicLib(t *testing.T) {
	rows := readCSV(t, "testdata/geodesic-distances.csv")
	if len(rows) < 100 {
		t.Fatalf("got %d reference rows, want at least 100", len(rows))
	}
	for _, r := range rows {
		a := orb.Point{num(t, r["lon1"]), num(t, r["lat1"])}
		b := orb.Point{num(t, r["lon2"]), num(t, r["lat2"])}
		want := num(t, r["distance_m"])
		got, az := geo.DistanceAzimuth(a, b)
		if math.Abs(got-want) > 1 {
			t.Errorf("Distance(%v, %v) = %.4f, want %.4f", a, b, got, want)
		}
		// The inputs are rounded to 1e-6 degrees, which moves the azimuth of a
		// short line by a lot; over 100 km it moves it by under 1e-4 degrees.
		if wantAz := num(t, r["azimuth1_deg"]); want > 100_000 && math.Abs(az-wantAz) > 1e-3 {
			t.Errorf("azimuth(%v, %v) = %.8f, want %.8f", a, b, az, wantAz)
		}
		if d := geo.Distance(a, b); d != got {
			t.Errorf("Distance and DistanceAzimuth disagree: %v vs %v", d, got)
		}
	}
}

// TestAreaAgainstGeographicLib checks the area of every county to 0.1 %.
func TestAreaAgainstGeographicLib(t *testing.T) {
	raw, err := os.ReadFile("../data/embedded/counties.geojson")
	if err != nil {
		t.Fatal(err)
	}
	fc, err := orbgeojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		t.Fatal(err)
	}
	geoms := map[string]orb.Geometry{}
	for _, f := range fc.Features {
		geoms[f.Properties.MustString("code")] = f.Geometry
	}
	rows := readCSV(t, "testdata/county-areas.csv")
	if len(rows) != 103 {
		t.Fatalf("got %d area rows, want 103", len(rows))
	}
	for i, r := range rows {
		if mutating && i%8 != 0 {
			continue // a mutation run checks every eighth county
		}
		g, ok := geoms[r["code"]]
		if !ok {
			t.Errorf("county %s missing from embedded data", r["code"])
			continue
		}
		want := num(t, r["area_m2"])
		if got := geo.Area(g); math.Abs(got-want)/want > 0.001 {
			t.Errorf("Area(%s %s) = %.1f, want %.1f", r["code"], r["name"], got, want)
		}
		wantP := num(t, r["perimeter_m"])
		if got := geo.Perimeter(g); math.Abs(got-wantP)/wantP > 0.001 {
			t.Errorf("Perimeter(%s) = %.1f, want %.1f", r["code"], got, wantP)
		}
	}
}

func TestDistanceRejectsNaN(t *testing.T) {
	if d := geo.Distance(orb.Point{math.NaN(), 40}, orb.Point{110, 40}); !math.IsNaN(d) {
		t.Errorf("Distance with NaN = %v, want NaN", d)
	}
}

func TestCircleRadius(t *testing.T) {
	c := orb.Point{111.7, 40.8}
	ring := geo.Circle(c, 100_000, 64)[0]
	if len(ring) != 65 || ring[0] != ring[64] {
		t.Fatalf("ring has %d points, closed=%v; want 65, closed", len(ring), ring[0] == ring[len(ring)-1])
	}
	for _, p := range ring {
		if d := geo.Distance(c, p); math.Abs(d-100_000) > 0.01 {
			t.Errorf("vertex %v at %.3f m, want 100000", p, d)
		}
	}
	if orb.Ring(ring).Orientation() != orb.CCW {
		t.Errorf("circle orientation = %v, want CCW", orb.Ring(ring).Orientation())
	}
}

func TestCRSRoundTrip(t *testing.T) {
	for _, p := range []orb.Point{{111.665544, 40.858289}, {122.0, 50.3}, {97.2, 41.9}} {
		g := geo.WGS84ToGCJ02(p)
		if d := geo.Distance(p, g); d < 50 || d > 1000 {
			t.Errorf("GCJ-02 offset at %v = %.1f m, want a few hundred metres", p, d)
		}
		if back := geo.GCJ02ToWGS84(g); geo.Distance(back, p) > 0.01 {
			t.Errorf("GCJ02ToWGS84(WGS84ToGCJ02(%v)) = %v", p, back)
		}
		if back := geo.BD09ToWGS84(geo.WGS84ToBD09(p)); geo.Distance(back, p) > 0.01 {
			t.Errorf("BD09 round trip of %v = %v", p, back)
		}
	}
	// Outside China GCJ-02 is WGS84.
	if p := (orb.Point{2.35, 48.85}); geo.WGS84ToGCJ02(p) != p {
		t.Errorf("WGS84ToGCJ02 outside China moved the point")
	}
}

// TestCRSKnownValue pins GCJ-02 to a widely published pair (Tiananmen).
func TestCRSKnownValue(t *testing.T) {
	wgs := orb.Point{116.391305, 39.907333}
	gcj := geo.WGS84ToGCJ02(wgs)
	want := orb.Point{116.397552, 39.908732}
	if d := geo.Distance(gcj, want); d > 5 {
		t.Errorf("WGS84ToGCJ02(%v) = %v, %.1f m from %v", wgs, gcj, d, want)
	}
}

func ExampleDistance() {
	hohhot := orb.Point{111.665544, 40.858289}
	baotou := orb.Point{109.840347, 40.657449}
	b, _ := json.Marshal(math.Round(geo.Distance(hohhot, baotou)))
	os.Stdout.Write(b)
	// Output: 155726
}
