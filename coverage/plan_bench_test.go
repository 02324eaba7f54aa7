package coverage_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

// nationalWorld is a national-size instance made up from random points:
// 2,850 counties on a 75 × 38 grid of cells over 75–135°E, 20–50°N (each
// cell a county, its seat at a random point in it), grouped into 342
// leagues of 3 × 3 cells (cut at the edges), with random populations,
// venues (60% of counties; a third of those compliant, some 900–999 m²,
// some comprehensive) and caravans (one county in eight).
func nationalWorld(seed uint64) *coverage.World {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b9))
	const cols, rows = 75, 38
	dx, dy := 60.0/cols, 30.0/rows
	w := &coverage.World{}
	leagues := map[string]orb.Bound{}
	urban := map[string]int{}
	for row := 0; row < rows; row++ {
		for col := 0; col < cols; col++ {
			lon, lat := 75+float64(col)*dx, 20+float64(row)*dy
			league := fmt.Sprintf("%02d%02d00", 10+row/3, 10+col/3)
			code := fmt.Sprintf("%02d%02d%02d", 10+row/3, 10+col/3, 1+(row%3)*3+col%3)
			pop := int(math.Exp(11.5 + r.NormFloat64()*0.8))
			seat := orb.Point{lon + dx*(0.1+0.8*r.Float64()), lat + dy*(0.1+0.8*r.Float64())}
			cell := orb.Polygon{{{lon, lat}, {lon + dx, lat}, {lon + dx, lat + dy}, {lon, lat + dy}, {lon, lat}}}
			w.Units = append(w.Units, coverage.Unit{Code: code, Name: code, Level: coverage.LevelCounty, Parent: league, Geometry: cell,
				Seat: seat, HasSeat: true, Population: pop, PopulationRural: pop * (20 + r.IntN(60)) / 100, Border: r.IntN(20) == 0})
			b, ok := leagues[league]
			if !ok {
				b = cell.Bound()
			}
			leagues[league] = b.Union(cell.Bound())
			urban[league] += pop / 2
			switch x := r.IntN(40); {
			case x < 24:
				area := []float64{300, 600, 900, 950, 999, 1200, 2500, 6000}[r.IntN(8)]
				w.Facilities = append(w.Facilities, coverage.Facility{ID: "V" + code, Category: coverage.CategoryVenue, Status: coverage.StatusOpen,
					FloorArea: area, Comprehensive: r.IntN(4) == 0, Point: seat})
			case x < 29:
				w.Facilities = append(w.Facilities, coverage.Facility{ID: "K" + code, Category: coverage.CategoryCaravan, Status: coverage.StatusOpen, Point: seat})
			}
		}
	}
	for code, b := range leagues {
		w.Units = append(w.Units, coverage.Unit{Code: code, Name: code, Level: coverage.LevelLeague, Geometry: b.ToPolygon(), PopulationUrban: urban[code]})
	}
	return w
}

// TestPlanNationalInstance pins the national instance's size and that a
// node limit too small to finish reports optimal: false with a bound no
// smaller than what it found.
func TestPlanNationalInstance(t *testing.T) {
	planner(t)
	if testing.Short() {
		t.Skip("national instance: not in -short")
	}
	m := coverage.NewModel(nationalWorld(1))
	if len(m.Counties) != 2850 {
		t.Fatalf("got %d counties, want 2850", len(m.Counties))
	}
	p, err := coverage.PlanInvestment(context.Background(), m, coverage.Defaults(), coverage.PlanOptions{Budget: 200_000, NodeLimit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if p.Optimal || p.Nodes != 51 || p.UpperBound < p.Value || p.Spent > 200_000 || len(p.Actions) == 0 {
		t.Errorf("node limit 50: got optimal %v, nodes %d, value %v, bound %v, spent %v, %d actions; want optimal false, 51 nodes, bound ≥ value, spent ≤ 200000",
			p.Optimal, p.Nodes, p.Value, p.UpperBound, p.Spent, len(p.Actions))
	}
}

// BenchmarkPlanNational times the plan on the national instance at three
// budgets, reporting whether optimality was proven and the gap to the bound.
func BenchmarkPlanNational(b *testing.B) {
	m := coverage.NewModel(nationalWorld(1))
	for _, budget := range []float64{50_000, 200_000, 1_000_000} {
		b.Run(fmt.Sprint(budget), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := coverage.PlanInvestment(context.Background(), m, coverage.Defaults(), coverage.PlanOptions{Budget: budget})
				if err != nil {
					b.Fatal(err)
				}
				opt := 0.0
				if p.Optimal {
					opt = 1
				}
				b.ReportMetric(opt, "optimal")
				b.ReportMetric(float64(p.Nodes), "nodes")
				b.ReportMetric(float64(p.CandidateActions), "actions")
				b.ReportMetric(100*(p.UpperBound-p.Value)/math.Max(p.UpperBound, 1e-9), "%-below-bound")
			}
		})
	}
}
