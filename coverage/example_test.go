package coverage_test

import (
	"fmt"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// Two counties: a 1200 m² venue at 甲旗's seat passes venue_1000; the only
// caravan stands in 乙旗, 150 km east of 甲旗's seat, beyond the default
// 100 km reach, so 甲旗 fails caravan_reach and shows up in the gap list.
func ExampleEvaluate() {
	county := coverage.Unit{Code: "159901", Name: "甲旗", Level: coverage.LevelCounty, Parent: "159900",
		Seat: orb.Point{111.5, 40.5}, HasSeat: true, Population: 200_000, PopulationRural: 120_000,
		Geometry: orb.Polygon{{{111, 40}, {113, 40}, {113, 41}, {111, 41}, {111, 40}}}}
	neighbour := coverage.Unit{Code: "159902", Name: "乙旗", Level: coverage.LevelCounty, Parent: "159900",
		Seat: orb.Point{114, 40.5}, HasSeat: true, Population: 50_000,
		Geometry: orb.Polygon{{{113, 40}, {115, 40}, {115, 41}, {113, 41}, {113, 40}}}}
	league := coverage.Unit{Code: "159900", Name: "甲盟", Level: coverage.LevelLeague}
	w := &coverage.World{Units: []coverage.Unit{county, neighbour, league}, Facilities: []coverage.Facility{
		{ID: "V1", Category: "venue", Status: "open", FloorArea: 1200, Point: orb.Point{111.5, 40.5}},
		{ID: "C1", Category: "caravan", Status: "open", Point: geo.Destination(county.Seat, 90, 150_000)},
	}}
	res := coverage.Evaluate(w, coverage.Defaults())
	u, _ := res.Unit("159901")
	fmt.Println("venue_1000:", u.Rules[coverage.RuleVenue1000].Pass)
	fmt.Println("caravan_reach:", u.Rules[coverage.RuleCaravanReach].Pass)
	for _, g := range res.Gaps(coverage.GapFilter{Rule: coverage.RuleCaravanReach}) { // 乙旗 has the caravan
		fmt.Printf("gap %s %s: %.0f km from the nearest caravan, %.0f km beyond its reach\n", g.Code, g.Rule, g.Actual, g.Shortfall)
	}
	// Output:
	// venue_1000: true
	// caravan_reach: false
	// gap 159901 caravan_reach: 150 km from the nearest caravan, 50 km beyond its reach
}

func ExampleLeagueMuseum_Target() {
	lm := coverage.Defaults().LeagueMuseum
	fmt.Println(lm.Target(300_000), lm.Target(900_000), lm.Target(2_000_000))
	// Output: 4000 7200 15000
}
