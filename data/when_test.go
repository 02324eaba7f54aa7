package data

import (
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
)

// TestReadOpenedClosed: a year or a date, in the spellings registries use,
// becomes YYYY or YYYY-MM-DD; anything else is refused naming the field.
func TestReadOpenedClosed(t *testing.T) {
	for _, tc := range []struct {
		name, props    string
		opened, closed coverage.When
		err            string
	}{
		{"year as a number", `"opened": 2023`, "2023", "", ""},
		{"year as text", `"opened": "2023"`, "2023", "", ""},
		{"year in Chinese", `"opened": "2023年"`, "2023", "", ""},
		{"date", `"opened": "2023-06-30"`, "2023-06-30", "", ""},
		{"slashes, one digit", `"opened": "2023/6/3"`, "2023-06-03", "", ""},
		{"dots", `"opened": "2023.06.30"`, "2023-06-30", "", ""},
		{"Chinese date", `"opened": "2023年6月30日"`, "2023-06-30", "", ""},
		{"date and time", `"opened": "2023-06-30T08:00:00+08:00"`, "2023-06-30", "", ""},
		{"closed year", `"closed": 2024, "status": "closed"`, "", "2024", ""},
		{"closed date after opened", `"opened": 2020, "closed": "2020-03-01"`, "2020", "2020-03-01", ""},
		{"empty", `"opened": ""`, "", "", ""},
		{"closed before opened", `"opened": 2021, "closed": 2020`, "", "", "closed: 2020 is before opened 2021"},
		{"not a date", `"opened": "soon"`, "", "", `opened: "soon" is not a year`},
		{"impossible day", `"opened": "2023-02-30"`, "", "", `opened: "2023-02-30" is not a year`},
		{"fraction", `"opened": 2023.5`, "", "", `opened: "2023.5" is not a year`},
		{"too old", `"opened": 1850`, "", "", `opened: "1850" is not a year`},
		{"a list", `"closed": [2023]`, "", "", "closed: must be a year or a YYYY-MM-DD date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[111,40]},
				"properties":{"id":"V1","category":"venue",` + tc.props + `}}]}`
			fs, ps, err := ReadFacilities("t.geojson", strings.NewReader(in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tc.err != "" {
				if !HasErrors(ps) || !strings.Contains(ps[0].String(), tc.err) || !strings.Contains(ps[0].String(), "V1") {
					t.Fatalf("got %v, want an error naming V1 and %q", ps, tc.err)
				}
				return
			}
			if HasErrors(ps) || len(fs) != 1 {
				t.Fatalf("got %d facilities, problems %v", len(fs), ps)
			}
			if fs[0].Opened != tc.opened || fs[0].Closed != tc.closed {
				t.Errorf("got opened %q closed %q, want %q %q", fs[0].Opened, fs[0].Closed, tc.opened, tc.closed)
			}
		})
	}
}

// TestOpenedClosedRoundTrip: a year stays a number and a date a string in
// GeoJSON and CSV output.
func TestOpenedClosedRoundTrip(t *testing.T) {
	f := coverage.Facility{ID: "V1", Category: "venue", Status: "closed", Opened: "2015", Closed: "2023-06-30", Props: map[string]any{}}
	p := FacilityFeature(f).Properties
	if _, ok := p["opened"].(interface{ Int64() (int64, error) }); !ok {
		t.Errorf("opened: got %T %v, want a number", p["opened"], p["opened"])
	}
	if p["closed"] != "2023-06-30" {
		t.Errorf("closed: got %v, want the date as text", p["closed"])
	}
	var b strings.Builder
	if err := WriteFacilitiesCSV(&b, []coverage.Facility{f}); err != nil {
		t.Fatal(err)
	}
	back, ps, err := ReadFacilitiesCSV("t.csv", strings.NewReader(b.String()), Options{})
	if err != nil || HasErrors(ps) || len(back) != 1 {
		t.Fatalf("read back: %v %v", err, ps)
	}
	if back[0].Opened != "2015" || back[0].Closed != "2023-06-30" {
		t.Errorf("CSV round trip: got %q %q", back[0].Opened, back[0].Closed)
	}
}

// FuzzWhen: any opened value is either refused or read as a valid year or date.
func FuzzWhen(f *testing.F) {
	for _, s := range []string{"2023", "2023-06-30", "2023/6/3", "2023年6月30日", "2023年", "2023-06-30T08:00", "", "-1", "2023-13-01", "年月日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps := &problems{file: "fuzz"}
		fl := fields{ps: ps, n: 1, id: "X", props: map[string]any{"opened": s}}
		w := fl.when("opened")
		if w == "" {
			return
		}
		if _, err := coverage.ParseWhen(string(w)); err != nil {
			t.Fatalf("%q read as %q, which ParseWhen refuses: %v", s, w, err)
		}
	})
}
