package data

import (
	"bytes"
	"os"
	"reflect"
	"testing"
)

// readBoth reads b as facilities and as units through the one-pass decoder
// and through the tolerant one.
func checkParity(t *testing.T, b []byte) {
	t.Helper()
	f1, p1, _ := ReadFacilities("x", bytes.NewReader(b), Options{})
	f2, p2, _ := ReadFacilities("x", bytes.NewReader(b), Options{tolerantOnly: true})
	if !reflect.DeepEqual(f1, f2) || !reflect.DeepEqual(p1, p2) {
		t.Errorf("facilities differ between decoders:\nfast %v %v\ntolerant %v %v", f1, p1, f2, p2)
	}
	u1, q1, _ := ReadUnits("x", bytes.NewReader(b), Options{})
	u2, q2, _ := ReadUnits("x", bytes.NewReader(b), Options{tolerantOnly: true})
	if !reflect.DeepEqual(u1, u2) || !reflect.DeepEqual(q1, q2) {
		t.Errorf("units differ between decoders:\nfast %v %v\ntolerant %v %v", len(u1), q1, len(u2), q2)
	}
}

func TestDecoderParityOnRealData(t *testing.T) {
	for _, name := range []string{"embedded/facilities-sample.geojson", "embedded/counties.geojson", "testdata/counties-raw.geojson"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		checkParity(t, b)
	}
}

// FuzzDecoderParity checks that the one-pass decoder of well-formed input
// reads exactly what the tolerant decoder reads, problems included.
func FuzzDecoderParity(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"A","category":"venue"},"geometry":{"type":"Point","coordinates":[111,40]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"150102","name":"x"},"geometry":{"type":"Polygon","coordinates":[[[111,40],[112,40],[112,41],[111,40]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"150102","name":"x"},"geometry":{"type":"MultiPolygon","coordinates":[[[[111,40],[112,40],[112,41],[111,40,3]]],[[[1,1],[2,1],[1,1]]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":7,"properties":null,"geometry":null}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"150102"},"geometry":{"type":"GeometryCollection","geometries":[null,{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}]}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) { checkParity(t, b) })
}
