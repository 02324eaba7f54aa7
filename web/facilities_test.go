package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

// TestOneFacilityEncoding: the same record is the same GeoJSON feature
// wherever the API shows it — the answer to POST /api/facilities, GET
// /api/facilities and /api/facilities/{id}, and a scenario's proposals
// (which add proposed: true) — with these literal properties.
func TestOneFacilityEncoding(t *testing.T) {
	s, _ := editServer(t, Token{Name: "t", Value: testToken})
	const feature = `{"type":"Feature","geometry":{"type":"Point","coordinates":[111.7,40.8]},"properties":` +
		`{"id":"VE-SAME","name":"同一馆","category":"科技馆","floor_area_m2":"5000","comprehensive":"是","opened":2023,"note":"kept"}}`
	want := map[string]any{"id": "VE-SAME", "name": "同一馆", "category": "venue", "status": "open", "floor_area_m2": 5000.0,
		"comprehensive": true, "opened": 2023.0, "note": "kept", "located_county": "150105"}
	props := func(what string, rec *httptest.ResponseRecorder, pick func(any) any) map[string]any {
		t.Helper()
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v in %s", what, err, rec.Body)
		}
		f, _ := pick(v).(map[string]any)
		p, _ := f["properties"].(map[string]any)
		if f["id"] != "VE-SAME" {
			t.Errorf("%s: feature id %v, want VE-SAME", what, f["id"])
		}
		return p
	}
	only := func(v any) any { return v }
	first := func(v any) any {
		fs, _ := v.(map[string]any)["features"].([]any)
		for _, f := range fs {
			if p, _ := f.(map[string]any)["properties"].(map[string]any); p["id"] == "VE-SAME" {
				return f
			}
		}
		return nil
	}
	rec := send(t, s, http.MethodPost, "/api/facilities", testToken, feature)
	wantStatus(t, rec, http.StatusCreated)
	got := map[string]map[string]any{"POST /api/facilities": props("POST", rec, only)}
	got["GET /api/facilities?unit=150105"] = props("GET list", get(t, s, "/api/facilities?unit=150105"), first)
	got["GET /api/facilities/VE-SAME"] = props("GET one", get(t, s, "/api/facilities/VE-SAME"), only)
	rec = post(t, s, "/api/scenarios", `{"name":"same","remove":["VE-SAME"],"add":{"type":"FeatureCollection","features":[`+feature+`]}}`)
	wantStatus(t, rec, http.StatusCreated)
	sc := props("POST /api/scenarios", rec, func(v any) any { return first(v.(map[string]any)["features"]) })
	if sc["proposed"] != true {
		t.Errorf("scenario: proposed %v, want true", sc["proposed"])
	}
	delete(sc, "proposed")
	got["POST /api/scenarios features"] = sc
	for where, p := range got {
		if !reflect.DeepEqual(p, want) {
			t.Errorf("%s: got %v, want %v", where, p, want)
		}
	}
}
