package coverage_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kepu/kepu/coverage"
)

// TestWithRegistryEqualsNewModel swaps random registries into a model of
// the sample: each must place and evaluate exactly as a model built from
// scratch, and the original model must be left as it was.
func TestWithRegistryEqualsNewModel(t *testing.T) {
	planner(t) // WithRegistry has no branch of its own; the mutation run leaves it out
	base := randomWorld(t, 1)
	bm := coverage.NewModel(base)
	before := evaluateJSON(t, bm)
	for _, seed := range []uint64{2, 3, 4} {
		w := randomWorld(t, seed)
		w.Units = base.Units // same units, as after an edit
		got := bm.WithRegistry(w.Facilities, w.Events)
		want := coverage.NewModel(w)
		if !reflect.DeepEqual(got.FacilityCounty, want.FacilityCounty) || !reflect.DeepEqual(got.EventCounty, want.EventCounty) ||
			!reflect.DeepEqual(got.Located, want.Located) || !reflect.DeepEqual(got.Diagnostics(), want.Diagnostics()) {
			t.Errorf("seed %d: placement differs from NewModel", seed)
		}
		if gotJSON, wantJSON := evaluateJSON(t, got), evaluateJSON(t, want); gotJSON != wantJSON {
			t.Errorf("seed %d: Evaluate differs from NewModel's", seed)
		}
		if len(got.World.Facilities) != len(w.Facilities) || got.World == bm.World {
			t.Errorf("seed %d: got a world of %d facilities (shared with the base: %v), want its own with %d",
				seed, len(got.World.Facilities), got.World == bm.World, len(w.Facilities))
		}
	}
	if after := evaluateJSON(t, bm); after != before {
		t.Errorf("the base model changed after WithRegistry")
	}
}

func evaluateJSON(t testing.TB, m *coverage.Model) string {
	t.Helper()
	b, err := json.Marshal(m.Evaluate(coverage.Defaults()))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
