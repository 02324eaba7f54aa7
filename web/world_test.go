package web

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/paulmach/orb/maptile"
)

// TestEditReusesUnitWork checks that an edit, which changes the registry
// only, shares the work that depends on the units with the previous
// snapshot — the leagues layer, the counties' shapes, unit bounds — while
// everything the registry decides equals a server built from scratch; and
// that a new world shares nothing.
func TestEditReusesUnitWork(t *testing.T) {
	s, _ := editServer(t, Token{Value: testToken})
	prev := s.snapshot()
	prev.layers[layerCounties].at(3) // build the zoom-3 shapes once
	wantStatus(t, send(t, s, http.MethodPost, "/api/facilities", testToken, venueJSON("VE-REUSE", 111.7, 40.8, 5000)), http.StatusCreated)
	next := s.snapshot()
	if next == prev {
		t.Fatal("the edit did not make a new snapshot")
	}
	for what, ok := range map[string]bool{
		"the leagues layer is shared":             next.layers[layerLeagues] == prev.layers[layerLeagues],
		"the county shapes are shared":            next.layers[layerCounties].shapes == prev.layers[layerCounties].shapes,
		"the unit bounds are shared":              reflect.ValueOf(next.bounds).Pointer() == reflect.ValueOf(prev.bounds).Pointer(),
		"the counties layer's attributes are new": next.layers[layerCounties] != prev.layers[layerCounties],
	} {
		if !ok {
			t.Errorf("after an edit: got false, want true: %s", what)
		}
	}
	fresh := newServer(t, next.world, nil).snapshot()
	for _, name := range layerNames() {
		got, want := next.layers[name], fresh.layers[name]
		if len(got.features) != len(want.features) || got.bound != want.bound {
			t.Fatalf("%s: got %d features in %v, want %d in %v", name, len(got.features), got.bound, len(want.features), want.bound)
		}
		for i := range got.features {
			g, w := got.features[i], want.features[i]
			gp, wp := got.featureProps(&g), want.featureProps(&w)
			if g.id != w.id || g.bound != w.bound || g.sum != w.sum || !reflect.DeepEqual(gp, wp) || !reflect.DeepEqual(g.geom, w.geom) {
				t.Errorf("%s feature %d (%v): differs from a fresh build", name, i, wp["id"])
			}
		}
		for _, z := range []maptile.Zoom{3, 6} {
			if !reflect.DeepEqual(got.at(z), want.at(z)) {
				t.Errorf("%s at zoom %d: differs from a fresh build", name, z)
			}
		}
	}
	if !reflect.DeepEqual(next.result, fresh.result) {
		t.Errorf("result: differs from a fresh evaluation")
	}

	s.SetWorld(loadWorld(t))
	if s.snapshot().layers[layerLeagues] == next.layers[layerLeagues] {
		t.Errorf("SetWorld with new units shares the leagues layer of the old ones")
	}
}
