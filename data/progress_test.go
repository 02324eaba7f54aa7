package data

import (
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

// twoCounties: A has a 1500 m² venue open 2015–2022 (closed 2023) and a
// 1000 m² one from 2024; B a 1200 m² venue from 2022-06-30.
func twoCounties() *coverage.World {
	sq := func(lon float64) orb.Polygon {
		return orb.Polygon{{{lon, 40}, {lon + 1, 40}, {lon + 1, 41}, {lon, 41}, {lon, 40}}}
	}
	county := func(code, name string, lon float64) coverage.Unit {
		return coverage.Unit{Code: code, Name: name, Level: coverage.LevelCounty, Parent: "159900", Geometry: sq(lon),
			Seat: orb.Point{lon + 0.5, 40.5}, HasSeat: true, Population: 100_000}
	}
	venue := func(id string, m2 float64, opened, closed string, lon float64) coverage.Facility {
		return coverage.Facility{ID: id, Category: "venue", Status: "open", FloorArea: m2, Opened: coverage.When(opened),
			Closed: coverage.When(closed), Point: orb.Point{lon + 0.5, 40.5}}
	}
	return &coverage.World{
		Units: []coverage.Unit{county("159901", "甲旗", 110), county("159902", "乙旗", 111),
			{Code: "159900", Name: "L", Level: coverage.LevelLeague}},
		Facilities: []coverage.Facility{venue("VA1", 1500, "2015", "2023", 110), venue("VA2", 1000, "2024", "", 110),
			venue("VB", 1200, "2022-06-30", "", 111)},
	}
}

func TestProgressChangesAndText(t *testing.T) {
	p := coverage.ProgressOf(coverage.NewModel(twoCounties()), coverage.Defaults())
	var got []string
	for _, ch := range Changes(p) {
		if ch.Rule != coverage.RuleVenue1000 {
			continue
		}
		for _, pl := range ch.Became {
			got = append(got, ch.AsOf+" +"+pl.Name)
		}
		for _, pl := range ch.FellBack {
			got = append(got, ch.AsOf+" -"+pl.Name)
		}
	}
	want := "2022-12-31 +乙旗 2023-12-31 -甲旗 2024-12-31 +甲旗"
	if strings.Join(got, " ") != want {
		t.Errorf("changes: got %q, want %q", strings.Join(got, " "), want)
	}
	var b strings.Builder
	if err := WriteProgressText(&b, p, "zh"); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"1/2       1/2       2/2       1/2       2/2       2/2", "回落（曾达标后未达标）: 甲旗", "截至 2025-12-31"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("text: no %q in\n%s", s, b.String())
		}
	}
	b.Reset()
	if err := WriteProgressCSV(&b, p); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 1+6*6 || !strings.HasPrefix(lines[4], "2020-12-31,2020,mobile_museum_rotation,region,0,1,false,") {
		t.Errorf("CSV: %d lines; line 4 %q", len(lines), lines[4])
	}
	if row := lines[len(lines)-6]; row != "2025-12-31,2025,venue_1000,county,2,2,true,0,0,0,0,0,2,true" {
		t.Errorf("CSV venue_1000 at the end: %q, want 2 of 2, projected 2, on track", row)
	}
}
