package coverage_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/coverage/coveragetest"
	"github.com/paulmach/orb"
)

// goldenWorld is leagueWorld (A, B, C in league 159900; D in 159800) with
// a registry that touches every rule and every status: A has a compliant
// venue, a comprehensive venue of 4200 m² (the league needs 4800 m² for
// its 600,000 urban residents), a national base themed culture and a
// caravan of 80 km; B a 960 m² venue, a venue under construction, a
// regional base opening in 2026 and a visit on the period's last day; C a
// base placed by its county (no coordinates) and a closed caravan; D only
// a planned comprehensive venue. One venue lies outside every county, one
// declares the wrong county, and the mobile museum stopped in both leagues.
func goldenWorld() *coverage.World {
	w := leagueWorld(600_000, []coverage.Facility{
		tVenue("VA", "open", 1200, orb.Point{110.3, 40.3}),
		tMuseum("MA", "open", 4200, orb.Point{110.6, 40.6}),
		{ID: "BA", Category: coverage.CategoryBase, Status: "open", Level: "national", Themes: []string{"culture"}, Point: orb.Point{110.4, 40.7}},
		tCaravan("KA", 80, orb.Point{110.5, 40.5}),
		tVenue("VB", "open", 960, orb.Point{111.5, 40.4}),
		tVenue("VB2", "under_construction", 1500, orb.Point{111.6, 40.6}),
		{ID: "BB", Category: coverage.CategoryBase, Status: "open", Level: "regional", Opened: "2026", Point: orb.Point{111.2, 40.2}},
		{ID: "BC", Category: coverage.CategoryBase, Status: "open", Level: "county", Themes: []string{"tourism"}, County: "159903", LocatedBy: coverage.LocatedByCounty, Point: orb.Point{112.5, 40.5}},
		{ID: "KC", Category: coverage.CategoryCaravan, Status: "closed", Point: orb.Point{112.5, 40.5}},
		tMuseum("MD", "planned", 5000, orb.Point{113.5, 40.5}),
		tVenue("VX", "open", 3000, orb.Point{120, 40.5}),
		{ID: "VM", Category: coverage.CategoryVenue, Status: "open", FloorArea: 500, County: "159901", Point: orb.Point{112.2, 40.8}},
	})
	w.Events = []coverage.Event{
		{ID: "EB", Kind: coverage.EventCaravanVisit, Date: "2025-12-31", Point: orb.Point{111.5, 40.5}},
		{ID: "M1", Kind: coverage.EventMobileMuseum, Date: "2022-06-01", Point: orb.Point{110.5, 40.5}},
		{ID: "M2", Kind: coverage.EventMobileMuseum, Date: "2024-06-01", Point: orb.Point{113.5, 40.5}, Facility: "NOPE"},
	}
	for i := range w.Units {
		u := &w.Units[i]
		switch u.Code {
		case seatA:
			u.Kind, u.PopulationUrban, u.PopulationRural = "district", 80_000, 20_000
		case seatB:
			u.FormerPoverty, u.PopulationRural = "national", 150_000
		case seatC:
			u.Border, u.FormerPoverty, u.PopulationRural = true, "regional", 90_000
		}
	}
	return w
}

// withoutWords blanks the English detail sentences, which another change
// words anew: the golden files pin the figures, not the wording.
func withoutWords(res *coverage.Result, gaps []coverage.Gap) {
	for i := range res.Units {
		for id, r := range res.Units[i].Rules {
			r.Detail = ""
			res.Units[i].Rules[id] = r
		}
	}
	for i := range gaps {
		gaps[i].Detail = ""
	}
}

// TestGoldenTinyWorld pins the whole check document and the gap list of
// goldenWorld, as of the period's end and as of the mid-term (2023-12-31).
func TestGoldenTinyWorld(t *testing.T) {
	for _, tc := range []struct{ file, asOf string }{
		{"tiny-check.json", ""},
		{"tiny-check-2023.json", "2023-12-31"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			rs := coverage.Defaults()
			rs.AsOf = tc.asOf
			res := coverage.Evaluate(goldenWorld(), rs)
			gaps := res.Gaps(coverage.GapFilter{})
			withoutWords(res, gaps)
			doc := struct {
				Result *coverage.Result `json:"result"`
				Gaps   []coverage.Gap   `json:"gaps"`
				Pass   bool             `json:"pass"`
			}{res, gaps, res.Pass()}
			b, err := json.MarshalIndent(doc, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			coveragetest.Golden(t, filepath.Join("testdata", "golden", tc.file), string(b)+"\n")
		})
	}
}
