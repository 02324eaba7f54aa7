package data_test

import (
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// TestUnitGeometryChecks feeds one faulty county at a time and checks the
// named warning or error, word for word.
func TestUnitGeometryChecks(t *testing.T) {
	props := `{"code":"150102","name":"甲","parent":"150100","seat_lon":111.5,"seat_lat":40.5}`
	poly := func(rings string) string { return `{"type":"Polygon","coordinates":[` + rings + `]}` }
	const shell = `[[111,40],[112,40],[112,41],[111,41],[111,40]]`
	const vertexShell = `[[111,40],[112,40],[112,40.7],[112,41],[111,41],[111,40]]` // shell with a vertex on its east edge
	cases := []struct {
		name, props, geom string
		kept              int
		want              []string
	}{
		{"a good county", props, poly(shell), 1, nil},
		{"bow-tie", props, poly(`[[111,40],[112,41],[112,40],[111,41],[111,40]]`), 1, []string{
			`u.geojson: feature 1 (150102): geometry: polygon ring 1: bow-tie: the ring crosses itself near [111.5 40.5]; kept as is (inside and outside there follow the even-odd rule), but split it into rings that do not cross [warning]`}},
		{"hole outside its shell", props, poly(shell + `,[[113,40],[113.5,40],[113.5,40.5],[113,40]]`), 0, []string{
			`u.geojson: feature 1 (150102): geometry: polygon ring 2: hole outside its shell: [113 40] lies outside ring 1`}},
		{"hole inside its shell", props, poly(shell + `,[[111.2,40.2],[111.4,40.2],[111.4,40.4],[111.2,40.2]]`), 1, nil},
		// The ray test's edges: a hole vertex on the shell's edge and one at
		// a shell vertex's latitude are inside; one a hair to the east of
		// the shell's east edge, at a shell vertex's latitude, is not.
		{"hole touching its shell", props, poly(shell + `,[[111.6,40.6],[112,40.8],[111.8,41],[111.6,40.6]]`), 1, nil},
		{"hole at a shell vertex's latitude", props, poly(vertexShell + `,[[111.6,40.7],[111.9,40.7],[111.7,40.9],[111.6,40.7]]`), 1, nil},
		{"hole a hair outside", props, poly(vertexShell + `,[[111.6,40.7],[112.000001,40.7],[111.7,40.9],[111.6,40.7]]`), 0, []string{
			`u.geojson: feature 1 (150102): geometry: polygon ring 2: hole outside its shell: [112.000001 40.7] lies outside ring 1`}},
		{"zero-area ring", props, poly(`[[111,40],[111.5,40.5],[112,41],[111,40]]`), 0, []string{
			`u.geojson: feature 1 (150102): geometry: polygon ring 1: zero-area ring: its positions lie on one line`}},
		{"antimeridian", `{"code":"150102","name":"甲","parent":"150100","seat_lon":179.5,"seat_lat":40.5}`,
			poly(`[[179,40],[-179,40],[-179,41],[179,41],[179,40]]`), 0, []string{
				`u.geojson: feature 1 (150102): geometry: polygon ring 1: crosses the antimeridian: the edge from [179 40] to [-179 40] spans more than 180° of longitude; split the ring at ±180°`}},
		{"seat outside", `{"code":"150102","name":"甲","parent":"150100","seat_lon":115,"seat_lat":40.5}`, poly(shell), 1, []string{
			`u.geojson: feature 1 (150102): seat_lon: seat outside its county: [115, 40.5] lies outside the county's outline; records placed by county are drawn there, caravans reach it from there [warning]`}},
		{"urban + rural > population", `{"code":"150102","name":"甲","parent":"150100","seat_lon":111.5,"seat_lat":40.5,"population":100,"population_urban":60,"population_rural":50}`, poly(shell), 0, []string{
			`u.geojson: feature 1 (150102): population: urban + rural > population: population_urban 60 + population_rural 50 = 110 is more than population 100`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := fc(unit(c.props, c.geom))
			us, ps, err := data.ReadUnits("u.geojson", strings.NewReader(in), data.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := problemStrings(ps)
			var noParent []string
			for _, p := range got {
				if !strings.Contains(p, "parent") {
					noParent = append(noParent, p)
				}
			}
			if len(us) != c.kept || strings.Join(noParent, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("kept %d, problems:\n%s\nwant kept %d, problems:\n%s", len(us), strings.Join(noParent, "\n"), c.kept, strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestOverlappingCounties: a facility two counties cover is reported, and
// the lower code still wins.
func TestOverlappingCounties(t *testing.T) {
	in := fc(
		unit(`{"code":"150103","name":"乙","parent":"150100","seat_lon":111.9,"seat_lat":40.5}`, `{"type":"Polygon","coordinates":[[[111.5,40],[112.5,40],[112.5,41],[111.5,41],[111.5,40]]]}`),
		unit(`{"code":"150102","name":"甲","parent":"150100","seat_lon":111.2,"seat_lat":40.5}`, `{"type":"Polygon","coordinates":[[[111,40],[112,40],[112,41],[111,41],[111,40]]]}`),
	)
	us, ps, _ := data.ReadUnits("u.geojson", strings.NewReader(in), data.Options{})
	if len(us) != 2 {
		t.Fatalf("units %d, problems %v", len(us), ps)
	}
	w := &coverage.World{Units: us, Facilities: []coverage.Facility{
		{ID: "BOTH", Category: "venue", Status: "open", FloorArea: 1200, Point: [2]float64{111.75, 40.5}},
		{ID: "ONE", Category: "venue", Status: "open", FloorArea: 1200, Point: [2]float64{112.25, 40.5}},
	}}
	m := coverage.NewModel(w)
	if m.FacilityCounty[0] != "150102" || m.FacilityCounty[1] != "150103" {
		t.Errorf("located in %v, want 150102 (the lower code) and 150103", m.FacilityCounty)
	}
	var got []string
	for _, d := range m.Diagnostics() {
		got = append(got, d.Code+" "+d.Facility+" "+d.Located+": "+d.Message)
	}
	want := "overlapping_counties BOTH 150102: counties 150102, 150103 all cover the facility's location (they overlap there, or it lies on their boundary); the lower code, 150102, wins"
	if strings.Join(got, "\n") != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
