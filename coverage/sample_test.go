package coverage_test

import (
	"sync"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

var sample struct {
	once sync.Once
	w    *coverage.World
	err  error
}

// loadSample is the embedded world, decoded once per test binary: each call
// returns a copy whose slices (units, facilities, events, diagnostics) the
// caller may change; geometries and property maps are shared and read-only.
func loadSample(t testing.TB) *coverage.World {
	t.Helper()
	sample.once.Do(func() { sample.w, sample.err = data.Load(data.Sources{}) })
	if sample.err != nil {
		t.Fatal(sample.err)
	}
	w := *sample.w
	w.Units = append([]coverage.Unit(nil), w.Units...)
	w.Facilities = append([]coverage.Facility(nil), w.Facilities...)
	w.Events = append([]coverage.Event(nil), w.Events...)
	w.Diagnostics = append([]coverage.Diagnostic(nil), w.Diagnostics...)
	w.Sources = append([]string(nil), w.Sources...)
	return &w
}

// planner marks a test of the planner or the solvers (outside the mutation
// run's scope, see docs/mutation.md): the mutate build tag leaves it out.
func planner(t *testing.T) {
	t.Helper()
	if mutating {
		t.Skip("mutate build: a planner or solver test, outside the mutation run's scope")
	}
}
