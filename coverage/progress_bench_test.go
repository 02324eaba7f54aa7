package coverage_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

// BenchmarkProgressSample is `kepu progress` on the embedded sample after
// loading: six evaluations (the 2020 baseline and 2021–2025) and the
// projection. TestProgressOnTheSample (cmd/kepu) pins its output.
func BenchmarkProgressSample(b *testing.B) {
	m := coverage.NewModel(sampleWorld(b))
	rs := coverage.Defaults()
	b.ReportAllocs()
	for b.Loop() {
		coverage.ProgressOf(m, rs)
	}
}

// BenchmarkProgress100k is the same on the sample's units with 100,000
// facilities: the sample's records copied with jittered points (kept only
// when a county covers them) and opened/closed years spread over 2015–2026.
func BenchmarkProgress100k(b *testing.B) {
	w := sampleWorld(b)
	m0 := coverage.NewModel(w)
	r := rand.New(rand.NewPCG(1, 2))
	var fs []coverage.Facility
	for len(fs) < 100_000 {
		src := w.Facilities[r.IntN(len(w.Facilities))]
		f := src
		f.ID = fmt.Sprintf("X%06d", len(fs))
		f.Point = orb.Point{src.Point[0] + r.Float64()*0.4 - 0.2, src.Point[1] + r.Float64()*0.4 - 0.2}
		if m0.Locate(f.Point) == "" {
			continue
		}
		f.Opened = coverage.When(fmt.Sprint(2015 + r.IntN(12)))
		if r.IntN(10) == 0 {
			f.Closed = coverage.When(fmt.Sprint(f.Opened.Year() + 1 + r.IntN(4)))
		}
		fs = append(fs, f)
	}
	m := m0.WithRegistry(fs, w.Events)
	rs := coverage.Defaults()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p := coverage.ProgressOf(m, rs)
		if len(p.Years) != 6 {
			b.Fatalf("years: %d", len(p.Years))
		}
	}
}
