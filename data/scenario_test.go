package data

import (
	"errors"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
)

// TestReadScenarioFor: the one reading of a scenario that the CLI and the
// API share names every problem of the body and of its ids at once, and
// gives an *InvalidError (code invalid) for any.
func TestReadScenarioFor(t *testing.T) {
	base := &coverage.World{Facilities: []coverage.Facility{{ID: "VE1", Category: "venue"}, {ID: "CA1", Category: "caravan"}}}
	const venue = `{"type":"Feature","geometry":{"type":"Point","coordinates":[111,41]},"properties":{"id":"%s","category":"venue"}}`
	add := func(ids ...string) string {
		var fs []string
		for _, id := range ids {
			fs = append(fs, strings.Replace(venue, "%s", id, 1))
		}
		return `"add":{"type":"FeatureCollection","features":[` + strings.Join(fs, ",") + `]}`
	}
	for _, tt := range []struct {
		name, body string
		want       []string // the problems' reasons, in order
	}{
		{"good", `{"name":"s",` + add("NEW1") + `,"remove":["CA1"]}`, nil},
		{"trailing data", `{"name":"s"} {}`, []string{"the body must be one JSON object and nothing after it"}},
		{"unknown id to remove", `{"name":"s","remove":["NOPE","CA1","CA1"]}`,
			[]string{`remove: "NOPE": no facility with this id in the registry`, `remove: "CA1": listed twice`}},
		{"an id already in the registry", `{"name":"s",` + add("VE1") + `}`,
			[]string{"add: facility 1 (VE1): id: already in the registry (remove it too to replace it)"}},
		{"the body's problems and the ids'", `{"name":"",` + add("X", "X") + `,"remove":["NOPE"]}`,
			[]string{"missing", "duplicate: request: add feature 1 already has this id", `remove: "NOPE": no facility with this id in the registry`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadScenarioFor("request", strings.NewReader(tt.body), base, Options{})
			var got []string
			var inv *InvalidError
			if errors.As(err, &inv) {
				for _, p := range inv.Problems {
					got = append(got, p.Reason)
				}
			} else if err != nil {
				t.Fatalf("got %v, want an *InvalidError or nil", err)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got problems %q, want %q", got, tt.want)
			}
			if code := coverage.ErrorCode(err); (err != nil) != (code == coverage.EINVALID) {
				t.Errorf("code: got %q for %v", code, err)
			}
		})
	}
}
