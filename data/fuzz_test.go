package data_test

import (
	"bytes"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// FuzzReadFacilities drives the facility reader with arbitrary bytes: it
// must never panic, and every record it keeps must be valid.
func FuzzReadFacilities(f *testing.F) {
	seeds := []string{
		fc(pt(okProps, `[111.6,40.8]`)),
		fc(pt(`{"id":"A","category":"base","themes":["culture"],"level":"national"}`, `[111,40,5]`)),
		fc(pt(`{"id":"V","category":"venue","status":"closed","opened":"2019年6月1日","closed":2024}`, `[111,40]`)),
		fc(pt(okProps, `[NaN,40]`)),
		fc(`{"type":"Feature","properties":null,"geometry":{"type":"GeometryCollection","geometries":[null]}}`),
		"\ufeff" + fc(),
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1e999}`,
		`{"type":"Feature","properties":{"id":"X","category":"venue"},"geometry":{"type":"Point","coordinates":[1,2]}}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fs, ps, err := data.ReadFacilities("fuzz.geojson", bytes.NewReader(b), data.Options{})
		if err != nil {
			t.Fatalf("reader error on in-memory input: %v", err)
		}
		seen := map[string]bool{}
		for _, fa := range fs {
			if fa.ID == "" || fa.Category == "" || seen[fa.ID] {
				t.Errorf("kept an invalid facility %+v", fa)
			}
			seen[fa.ID] = true
			if _, err := coverage.ParseWhen(string(fa.Opened)); err != nil {
				t.Errorf("kept a facility with a bad opened %q", fa.Opened)
			}
			if _, err := coverage.ParseWhen(string(fa.Closed)); err != nil || (fa.Opened != "" && fa.Closed != "" && fa.Closed.FirstDay() < fa.Opened.FirstDay()) {
				t.Errorf("kept a facility with a bad closed %q (opened %q)", fa.Closed, fa.Opened)
			}
			if fa.Point[0] < -180 || fa.Point[0] > 180 || fa.Point[1] < -90 || fa.Point[1] > 90 || fa.Point[0] != fa.Point[0] {
				t.Errorf("kept a facility with bad coordinates %v", fa.Point)
			}
		}
		for _, p := range ps {
			if p.File != "fuzz.geojson" || p.Reason == "" {
				t.Errorf("problem without file or reason: %+v", p)
			}
		}
	})
}

// FuzzReadFacilitiesCSV does the same for CSV input.
func FuzzReadFacilitiesCSV(f *testing.F) {
	f.Add([]byte("id,category,lon,lat\nA,venue,111,40\n"))
	f.Add([]byte("id,category,lon,lat\nA,venue,NaN,40\nB,\"x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fs, _, err := data.ReadFacilitiesCSV("fuzz.csv", bytes.NewReader(b), data.Options{})
		if err != nil {
			t.Fatalf("reader error: %v", err)
		}
		for _, fa := range fs {
			if fa.ID == "" || fa.Category == "" || fa.Point[0] != fa.Point[0] {
				t.Errorf("kept an invalid facility %+v", fa)
			}
		}
	})
}
