package web

import (
	"slices"
	"sort"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

// snapshot is one evaluated world and everything derived from it. It is
// immutable once built: handlers take the current one and read it without
// locks; SetWorld swaps in a new one.
type snapshot struct {
	version uint64 // data version, part of tile cache keys and ETags
	world   *coverage.World
	model   *coverage.Model
	result  *coverage.Result
	bounds  map[string]orb.Bound // lon/lat bounding box by unit code
	labels  map[string]orb.Point // label point by unit code
	layers  map[string]*tileLayer
	// circles are the caravans' reach circles, for the next snapshot to reuse.
	circles map[circleKey]shape
	// asOf holds evaluations on other days and the progress document.
	asOf asOfResults
}

// newSnapshot places and evaluates w under rs and prepares the tile layers.
// When w differs from prev's world in its facilities and events only (an
// edit), it reuses what depends on the units alone: the county index, unit
// bounds and labels, the leagues layer and the counties layer's projected
// and simplified shapes. prev may be nil.
func newSnapshot(w *coverage.World, rs coverage.Ruleset, version uint64, prev *snapshot) *snapshot {
	if prev == nil || !registryEdit(prev.world, w) {
		m := coverage.NewModel(w)
		s := &snapshot{version: version, world: w, model: m, result: m.Evaluate(rs),
			bounds: map[string]orb.Bound{}, labels: map[string]orb.Point{}}
		s.placeUnits()
		s.layers = buildLayers(s, rs, nil)
		prepareOutlines(s.layers)
		return s
	}
	m := prev.model.WithRegistry(w.Facilities, w.Events)
	s := &snapshot{version: version, world: m.World, model: m, result: m.Evaluate(rs),
		bounds: prev.bounds, labels: prev.labels}
	s.layers = buildLayers(s, rs, prev)
	return s
}

// registryEdit reports whether next differs from prev at most in its
// facilities and events: the same units (the very same slice), sample
// flag, sources and diagnostics.
func registryEdit(prev, next *coverage.World) bool {
	sameUnits := len(prev.Units) == len(next.Units) &&
		(len(prev.Units) == 0 || &prev.Units[0] == &next.Units[0])
	return sameUnits && prev.Sample == next.Sample && slices.Equal(prev.Sources, next.Sources) &&
		slices.Equal(prev.Diagnostics, next.Diagnostics)
}

// placeUnits computes each unit's bbox and label point: a county's seat, a
// league's most populous county's seat, else the bbox centre.
func (s *snapshot) placeUnits() {
	units := s.world.Units
	for _, i := range s.model.Counties {
		u := &units[i]
		if u.Geometry != nil {
			s.bounds[u.Code] = u.Geometry.Bound()
		}
		if u.HasSeat {
			s.labels[u.Code] = u.Seat
		}
	}
	for _, i := range s.model.Leagues {
		u := &units[i]
		b, ok := orb.Bound{}, false
		if u.Geometry != nil {
			b, ok = u.Geometry.Bound(), true
		}
		var best *coverage.Unit
		for _, ci := range s.model.Counties {
			cu := &units[ci]
			if cu.Parent != u.Code {
				continue
			}
			if cb, has := s.bounds[cu.Code]; has && u.Geometry == nil {
				if ok {
					b = b.Union(cb)
				} else {
					b, ok = cb, true
				}
			}
			if cu.HasSeat && (best == nil || cu.Population > best.Population) {
				best = cu
			}
		}
		if ok {
			s.bounds[u.Code] = b
		}
		if best != nil {
			s.labels[u.Code] = best.Seat
		}
	}
	for code, b := range s.bounds {
		if _, ok := s.labels[code]; !ok {
			s.labels[code] = b.Center()
		}
	}
}

// counties lists the county codes of a league, sorted.
func (s *snapshot) counties(league string) []string {
	var out []string
	for _, i := range s.model.Counties {
		if u := &s.world.Units[i]; u.Parent == league {
			out = append(out, u.Code)
		}
	}
	sort.Strings(out)
	return out
}

// facilitiesIn lists the indices of the facilities located in a unit (a
// county, or every county of a league), in registry order.
func (s *snapshot) facilitiesIn(code string) []int {
	u, ok := s.model.Unit(code)
	if !ok {
		return nil
	}
	if u.Level == coverage.LevelCounty {
		return s.model.Located[code]
	}
	var out []int
	for _, c := range s.counties(code) {
		out = append(out, s.model.Located[c]...)
	}
	sort.Ints(out)
	return out
}
