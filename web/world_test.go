package web

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/kepu/kepu/web/tiles"
)

// TestEditReusesUnitWork checks that an edit, which changes the registry
// only, shares the work that depends on the units with the previous
// snapshot — the leagues layer, unit bounds — while the result equals a
// server built from scratch; and that a new world shares nothing. The
// tiles package's TestBuildReusesUnitWork checks the layers in detail.
func TestEditReusesUnitWork(t *testing.T) {
	s, _ := editServer(t, Token{Value: testToken})
	prev := s.snapshot()
	wantStatus(t, send(t, s, http.MethodPost, "/api/facilities", testToken, venueJSON("VE-REUSE", 111.7, 40.8, 5000)), http.StatusCreated)
	next := s.snapshot()
	if next == prev {
		t.Fatal("the edit did not make a new snapshot")
	}
	for what, ok := range map[string]bool{
		"the leagues layer is shared":             layer(next, tiles.Leagues) == layer(prev, tiles.Leagues),
		"the unit bounds are shared":              reflect.ValueOf(next.bounds).Pointer() == reflect.ValueOf(prev.bounds).Pointer(),
		"the counties layer's attributes are new": layer(next, tiles.Counties) != layer(prev, tiles.Counties),
	} {
		if !ok {
			t.Errorf("after an edit: got false, want true: %s", what)
		}
	}
	fresh := newServer(t, next.world, nil).snapshot()
	if !reflect.DeepEqual(next.result, fresh.result) {
		t.Errorf("result: differs from a fresh evaluation")
	}

	s.SetWorld(loadWorld(t))
	if layer(s.snapshot(), tiles.Leagues) == layer(next, tiles.Leagues) {
		t.Errorf("SetWorld with new units shares the leagues layer of the old ones")
	}
}

// layer is the named tile layer of snap.
func layer(snap *snapshot, name string) *tiles.Layer {
	l, _ := snap.tiles.Layer(name)
	return l
}
