package coverage_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

func BenchmarkSuggestVenuesSeats(b *testing.B) {
	m := coverage.NewModel(sampleWorld(b))
	for _, k := range []int{1, 4, 10} {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := coverage.SuggestVenues(context.Background(), m, coverage.Defaults(), coverage.VenueOptions{K: k, RadiusKm: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSuggestCaravansSeats(b *testing.B) {
	m := coverage.NewModel(withoutCaravans(sampleWorld(b)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := coverage.SuggestCaravans(context.Background(), m, coverage.Defaults(), coverage.CaravanOptions{ReachKm: 100}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSuggestVenuesLarge is 100,000 demand points and 10,000
// candidates spread over the region's bounding box, k = 10, radius 50 km.
func BenchmarkSuggestVenuesLarge(b *testing.B) {
	w := sampleWorld(b)
	m := coverage.NewModel(w)
	r := rand.New(rand.NewPCG(5, 6))
	pt := func() orb.Point { return orb.Point{97.2 + r.Float64()*(126-97.2), 37.4 + r.Float64()*(53.3-37.4)} }
	demand := make([]coverage.DemandPoint, 100_000)
	for i := range demand {
		demand[i] = coverage.DemandPoint{Point: pt(), Weight: float64(1 + r.IntN(5000))}
	}
	cands := make([]coverage.Site, 10_000)
	for i := range cands {
		cands[i] = coverage.Site{Code: fmt.Sprint("C", i), Point: pt()}
	}
	b.ReportAllocs()
	for b.Loop() {
		plan, err := coverage.SuggestVenues(context.Background(), m, coverage.Defaults(),
			coverage.VenueOptions{K: 10, RadiusKm: 50, Candidates: cands, Demand: demand})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(plan.NewlyCoveredPopulation/plan.UpperBound, "of-bound")
		b.ReportMetric((plan.NewlyCoveredPopulation-plan.Greedy)/plan.Greedy*100, "%-over-greedy")
	}
}
