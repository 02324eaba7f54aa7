package data_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

// FuzzReadUnits drives the unit reader (levels, kinds, the region feature)
// with arbitrary bytes: never a panic, and every unit kept without a
// problem has a known level and kind and a 6-digit code.
func FuzzReadUnits(f *testing.F) {
	sq := `{"type":"Polygon","coordinates":[[[100,30],[101,30],[101,31],[100,31],[100,30]]]}`
	for _, props := range []string{
		`{"code":"620102","name":"城关区","level":"county","kind":"district","parent":"620100"}`,
		`{"code":"620000","name":"甘肃省","level":"region"}`,
		`{"code":"622900","name":"临夏回族自治州","kind":"autonomous_prefecture"}`,
		`{"code":"429021","name":"神农架林区","kind":"forest_district","seat_lon":110.6,"seat_lat":31.7}`,
		`{"code":"62","name":"x","level":"province"}`, `{"code":"620102","kind":"shire"}`,
	} {
		f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":` + props + `,"geometry":` + sq + `}]}`))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		us, ps, err := data.ReadUnits("fuzz.geojson", bytes.NewReader(b), data.Options{})
		if err != nil {
			t.Fatalf("reader error on in-memory input: %v", err)
		}
		bad := map[string]bool{}
		for _, p := range ps {
			if !p.Warning {
				bad[p.ID] = true
			}
		}
		for _, u := range us {
			if bad[u.Code] {
				continue
			}
			if len(u.Code) != 6 || !slices.Contains([]string{coverage.LevelCounty, coverage.LevelLeague, coverage.LevelRegion}, u.Level) ||
				(u.Kind != "" && !slices.Contains(words.UnitKinds(), u.Kind)) {
				t.Errorf("kept unit %q level %q kind %q without a problem", u.Code, u.Level, u.Kind)
			}
		}
	})
}
