package coverage_test

import (
	"context"
	"fmt"
	"math"
	"sort"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

func sampleWorld(t testing.TB) *coverage.World {
	t.Helper()
	return loadSample(t)
}

// withoutCaravans is w with no caravans and no caravan visits: every county
// fails caravan_reach, the hard case for the set cover.
func withoutCaravans(w *coverage.World) *coverage.World {
	out := *w
	out.Facilities = nil
	for _, f := range w.Facilities {
		if f.Category != coverage.CategoryCaravan {
			out.Facilities = append(out.Facilities, f)
		}
	}
	out.Events = nil
	for _, e := range w.Events {
		if e.Kind != coverage.EventCaravanVisit {
			out.Events = append(out.Events, e)
		}
	}
	return &out
}

// withStations adds the plan's stations as open caravans of its reach.
func withStations(w *coverage.World, plan *coverage.CaravanPlan) *coverage.World {
	out := *w
	out.Facilities = append([]coverage.Facility{}, w.Facilities...)
	for i, s := range plan.Stations {
		out.Facilities = append(out.Facilities, coverage.Facility{ID: fmt.Sprintf("NEW%03d", i), Category: coverage.CategoryCaravan,
			Status: coverage.StatusOpen, ReachKm: plan.ReachKm, Point: orb.Point{s.Lon, s.Lat}})
	}
	return &out
}

// coverSets is, per seat, which failing counties a station there reaches,
// computed directly from geo.Distance and Locate (not the solver's code).
func coverSets(m *coverage.Model, failing []string, km float64) []map[string]bool {
	var out []map[string]bool
	for _, s := range m.SeatSites() {
		in := map[string]bool{}
		for _, code := range failing {
			u, _ := m.Unit(code)
			if geo.Distance(s.Point, u.Seat) <= km*1000 || m.Locate(s.Point) == code {
				in[code] = true
			}
		}
		out = append(out, in)
	}
	return out
}

// anyCoverOfSize reports whether some size sets out of sets cover need
// (at most 128 counties), trying every combination.
func anyCoverOfSize(sets []map[string]bool, need []string, size int) bool {
	masks := make([][2]uint64, len(sets))
	for j, in := range sets {
		for e, c := range need {
			if in[c] {
				masks[j][e/64] |= 1 << (e % 64)
			}
		}
	}
	var full [2]uint64
	for e := range need {
		full[e/64] |= 1 << (e % 64)
	}
	var rec func(start, left int, u [2]uint64) bool
	rec = func(start, left int, u [2]uint64) bool {
		if u == full {
			return true
		}
		if left == 0 {
			return false
		}
		for j := start; j < len(masks); j++ {
			if rec(j+1, left-1, [2]uint64{u[0] | masks[j][0], u[1] | masks[j][1]}) {
				return true
			}
		}
		return false
	}
	return rec(0, size, [2]uint64{})
}

func TestSuggestCaravansIsMinimalOnRealSeats(t *testing.T) {
	planner(t)
	sample := sampleWorld(t)
	for _, tc := range []struct {
		name    string
		world   *coverage.World
		reachKm float64
	}{
		{"sample registry, 100 km", sample, 100},
		{"sample registry, 30 km", sample, 30},
		{"no caravans, 250 km", withoutCaravans(sample), 250},
		{"no caravans, 300 km", withoutCaravans(sample), 300},
		{"no caravans, 400 km", withoutCaravans(sample), 400},
		{"no caravans, 100 km", withoutCaravans(sample), 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := coverage.NewModel(tc.world)
			plan, err := coverage.SuggestCaravans(context.Background(), m, coverage.Defaults(), coverage.CaravanOptions{ReachKm: tc.reachKm})
			if err != nil {
				t.Fatal(err)
			}
			if !plan.Optimal || plan.LowerBound != plan.NewStations {
				t.Errorf("got optimal %v lower bound %d for %d stations, want a proven optimum", plan.Optimal, plan.LowerBound, plan.NewStations)
			}
			// The stations, added as caravans, make every coverable county pass.
			after := coverage.Evaluate(withStations(tc.world, plan), coverage.Defaults())
			uncoverable := map[string]bool{}
			for _, c := range plan.Uncoverable {
				uncoverable[c] = true
			}
			for _, u := range after.Units {
				if u.Level == coverage.LevelCounty && !u.Rules[coverage.RuleCaravanReach].Pass && !uncoverable[u.Code] {
					t.Errorf("county %s still fails caravan_reach after the plan", u.Code)
				}
			}
			// No smaller set of seats does it (brute force while affordable).
			var need []string
			for _, c := range plan.Failing {
				if !uncoverable[c] {
					need = append(need, c)
				}
			}
			if plan.NewStations > 0 && plan.NewStations-1 <= 4 {
				if anyCoverOfSize(coverSets(m, need, tc.reachKm), need, plan.NewStations-1) {
					t.Errorf("a cover of %d stations exists, solver said %d is the minimum", plan.NewStations-1, plan.NewStations)
				}
			}
			t.Logf("%d failing, %d stations (greedy %d), %d nodes", len(plan.Failing), plan.NewStations, plan.Greedy, plan.Nodes)
		})
	}
}

// seatInstance is the venue instance on the real seats, built directly:
// the population of each seat farther than km from every compliant venue,
// and which of them each seat covers.
func seatInstance(m *coverage.Model, km float64) (weights map[string]float64, covers [][]string) {
	min := coverage.Defaults().Venue1000.MinFloorAreaM2
	weights = map[string]float64{}
	seats := m.SeatSites()
	for _, s := range seats {
		u, _ := m.Unit(s.Code)
		near := false
		for i, f := range m.World.Facilities {
			if f.Category == coverage.CategoryVenue && f.Open() && f.FloorArea >= min && m.FacilityCounty[i] != "" &&
				geo.Distance(f.Point, s.Point) <= km*1000 {
				near = true
			}
		}
		if !near {
			weights[s.Code] = float64(u.Population)
		}
	}
	for _, c := range seats {
		var l []string
		for _, d := range seats {
			if _, open := weights[d.Code]; open && geo.Distance(c.Point, d.Point) <= km*1000 {
				l = append(l, d.Code)
			}
		}
		covers = append(covers, l)
	}
	return weights, covers
}

// bruteVenues is the most population any k seats newly cover.
func bruteVenues(weights map[string]float64, covers [][]string, k int) float64 {
	idx := map[string]int{}
	var w []float64
	for code, x := range weights {
		idx[code] = len(w)
		w = append(w, x)
	}
	lists := make([][]int, len(covers))
	for j, l := range covers {
		for _, c := range l {
			lists[j] = append(lists[j], idx[c])
		}
	}
	cnt := make([]int, len(w))
	best := 0.0
	var rec func(start, left int, v float64)
	rec = func(start, left int, v float64) {
		best = math.Max(best, v)
		if left == 0 {
			return
		}
		for j := start; j < len(lists); j++ {
			g := 0.0
			for _, i := range lists[j] {
				if cnt[i] == 0 {
					g += w[i]
				}
				cnt[i]++
			}
			rec(j+1, left-1, v+g)
			for _, i := range lists[j] {
				cnt[i]--
			}
		}
	}
	rec(0, k, 0)
	return best
}

func TestSuggestVenuesMatchesBruteForceOnRealSeats(t *testing.T) {
	planner(t)
	if testing.Short() {
		t.Skip("brute force over 4-subsets of 103 seats")
	}
	m := coverage.NewModel(sampleWorld(t))
	for _, km := range []float64{50, 100} {
		weights, covers := seatInstance(m, km)
		for k := 1; k <= 4; k++ {
			t.Run(fmt.Sprintf("radius %.0f km k=%d", km, k), func(t *testing.T) {
				want := bruteVenues(weights, covers, k)
				for _, budget := range []int64{0, -1} { // default, and no branch and bound
					plan, err := coverage.SuggestVenues(context.Background(), m, coverage.Defaults(),
						coverage.VenueOptions{K: k, RadiusKm: km, ExactBudget: budget})
					if err != nil {
						t.Fatal(err)
					}
					if got := plan.NewlyCoveredPopulation; got < 0.995*want || got > want {
						t.Errorf("budget %d: newly covered %v, brute-force optimum %v", budget, got, want)
					}
					if budget == 0 && (!plan.Optimal || plan.NewlyCoveredPopulation != want) {
						t.Errorf("with branch and bound: got %v (optimal %v), want %v proven", plan.NewlyCoveredPopulation, plan.Optimal, want)
					}
					if plan.UpperBound < want {
						t.Errorf("upper bound %v below the optimum %v", plan.UpperBound, want)
					}
					sum := 0.0
					for _, s := range plan.Sites {
						sum += s.Gain
					}
					if sum != plan.NewlyCoveredPopulation || plan.CoveredPopulation != plan.BaselineCovered+sum {
						t.Errorf("gains sum to %v, newly covered %v, covered %v = %v + ?", sum, plan.NewlyCoveredPopulation, plan.CoveredPopulation, plan.BaselineCovered)
					}
				}
			})
		}
	}
}

func TestSuggestVenuesHandInstance(t *testing.T) {
	// Three demand points on a meridian, 0, 40 and 80 km north of 41°N;
	// no venue exists. With radius 45 km one site at the middle point
	// covers all three; the candidates are the demand points themselves.
	base := orb.Point{111, 41}
	pts := []orb.Point{base, geo.Destination(base, 0, 40_000), geo.Destination(base, 0, 80_000)}
	w := &coverage.World{}
	m := coverage.NewModel(w)
	var demand []coverage.DemandPoint
	var cands []coverage.Site
	for i, p := range pts {
		code := fmt.Sprint("D", i)
		demand = append(demand, coverage.DemandPoint{Code: code, Point: p, Weight: float64(100 * (i + 1))})
		cands = append(cands, coverage.Site{Code: code, Point: p})
	}
	for _, tc := range []struct {
		km        float64
		k         int
		wantSites []string
		wantGain  float64
	}{
		{45, 1, []string{"D1"}, 600},
		{35, 1, []string{"D2"}, 300},
		{35, 2, []string{"D2", "D1"}, 500}, // D1 then adds 200
		{35, 3, []string{"D2", "D1", "D0"}, 600},
	} {
		t.Run(fmt.Sprintf("%v km k=%d", tc.km, tc.k), func(t *testing.T) {
			plan, err := coverage.SuggestVenues(context.Background(), m, coverage.Defaults(),
				coverage.VenueOptions{K: tc.k, RadiusKm: tc.km, Candidates: cands, Demand: demand})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range plan.Sites {
				got = append(got, s.Code)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.wantSites) || plan.NewlyCoveredPopulation != tc.wantGain || plan.TotalPopulation != 600 {
				t.Errorf("got sites %v gain %v total %v, want %v gain %v total 600", got, plan.NewlyCoveredPopulation, plan.TotalPopulation, tc.wantSites, tc.wantGain)
			}
		})
	}
}

func TestSuggestCaravansReachesListsSeatsWithinReach(t *testing.T) {
	planner(t)
	m := coverage.NewModel(sampleWorld(t))
	plan, err := coverage.SuggestCaravans(context.Background(), m, coverage.Defaults(), coverage.CaravanOptions{ReachKm: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range plan.Stations {
		var want []string
		for _, c := range m.SeatSites() {
			if geo.Distance(orb.Point{s.Lon, s.Lat}, c.Point) <= 100_000 || m.Locate(orb.Point{s.Lon, s.Lat}) == c.Code {
				want = append(want, c.Code)
			}
		}
		sort.Strings(want)
		if fmt.Sprint(s.Reaches) != fmt.Sprint(want) {
			t.Errorf("station %s reaches %v, want %v", s.Code, s.Reaches, want)
		}
	}
}
