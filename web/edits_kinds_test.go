package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestEditsOfBothKinds runs the same life cycle — create one, create a
// collection, conflict, update, delete, the misses — for facilities and
// events, which share one set of handlers: both must answer alike.
func TestEditsOfBothKinds(t *testing.T) {
	feature := map[string]func(id, name string) string{
		"facilities": func(id, name string) string {
			return fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Point","coordinates":[111.7,40.8]},"properties":{"id":%q,"name":%q,"category":"venue","floor_area_m2":1500}}`, id, name)
		},
		"events": func(id, name string) string {
			return fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Point","coordinates":[111.7,40.8]},"properties":{"id":%q,"name":%q,"kind":"caravan_visit","date":"2023-05-01"}}`, id, name)
		},
	}
	for _, kind := range []string{"facilities", "events"} {
		t.Run(kind, func(t *testing.T) {
			s, _ := editServer(t, Token{Value: testToken})
			f := feature[kind]
			base := "/api/" + kind
			collection := `{"type":"FeatureCollection","features":[` + f("K2", "two") + `,` + f("K3", "three") + `]}`
			steps := []struct {
				name, method, target, token, body string
				want                              int
				wantType, wantName                string // of the answer, when set
			}{
				{"create without a token", http.MethodPost, base, "", f("K1", "one"), http.StatusUnauthorized, "", ""},
				{"create one", http.MethodPost, base, testToken, f("K1", "one"), http.StatusCreated, "Feature", "one"},
				{"create a collection", http.MethodPost, base, testToken, collection, http.StatusCreated, "FeatureCollection", ""},
				{"create a taken id", http.MethodPost, base, testToken, f("K1", "again"), http.StatusConflict, "", ""},
				{"create nothing", http.MethodPost, base, testToken, `{"type":"FeatureCollection","features":[]}`, http.StatusBadRequest, "", ""},
				{"read one", http.MethodGet, base + "/K2", "", "", http.StatusOK, "Feature", "two"},
				{"update", http.MethodPut, base + "/K1", testToken, f("K1", "renamed"), http.StatusOK, "Feature", "renamed"},
				{"read the update", http.MethodGet, base + "/K1", "", "", http.StatusOK, "Feature", "renamed"},
				{"update a missing id", http.MethodPut, base + "/NOPE", testToken, f("NOPE", "x"), http.StatusNotFound, "", ""},
				{"delete", http.MethodDelete, base + "/K1", testToken, "", http.StatusOK, "Feature", "renamed"},
				{"read the deleted", http.MethodGet, base + "/K1", "", "", http.StatusNotFound, "", ""},
				{"delete again", http.MethodDelete, base + "/K1", testToken, "", http.StatusNotFound, "", ""},
			}
			for _, st := range steps {
				rec := send(t, s, st.method, st.target, st.token, st.body)
				if rec.Code != st.want {
					t.Fatalf("%s: got %d (%s), want %d", st.name, rec.Code, strings.TrimSpace(rec.Body.String()), st.want)
				}
				var got struct {
					Type       string         `json:"type"`
					Error      string         `json:"error"`
					Features   []any          `json:"features"`
					Properties map[string]any `json:"properties"`
				}
				decode(t, rec, &got)
				switch {
				case st.want >= 400 && got.Error == "":
					t.Errorf("%s: got %s, want an error message", st.name, rec.Body)
				case st.wantType != "" && got.Type != st.wantType:
					t.Errorf("%s: got type %q, want %q", st.name, got.Type, st.wantType)
				case st.wantName != "" && got.Properties["name"] != st.wantName:
					t.Errorf("%s: got name %v, want %q", st.name, got.Properties["name"], st.wantName)
				case st.wantType == "FeatureCollection" && len(got.Features) != 2:
					t.Errorf("%s: got %d features, want 2", st.name, len(got.Features))
				}
			}
		})
	}
}
