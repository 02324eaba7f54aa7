package web

import (
	"slices"
	"sort"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/web/tiles"
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
	tiles   *tiles.Set
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
		s.tiles = tiles.Build(s.tileSource(rs), nil)
		return s
	}
	m := prev.model.WithRegistry(w.Facilities, w.Events)
	s := &snapshot{version: version, world: m.World, model: m, result: m.Evaluate(rs),
		bounds: prev.bounds, labels: prev.labels}
	s.tiles = tiles.Build(s.tileSource(rs), prev.tiles)
	return s
}

// tileSource is what the tile layers of s are drawn from.
func (s *snapshot) tileSource(rs coverage.Ruleset) tiles.Source {
	return tiles.Source{World: s.world, Model: s.model, Result: s.result, Rules: rs}
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

// UpdateWorld is SetWorld for a small edit: it evaluates w and makes it
// current, but instead of dropping every cached tile it drops only those
// that a changed feature touches (its old or new extent, in every layer and
// at every cached zoom) and carries the rest over to the new version, so a
// map refetches only what the edit changed. It returns how many cached
// tiles were kept and dropped.
func (s *Server) UpdateWorld(w *coverage.World) (kept, dropped int) {
	next := newSnapshot(w, s.cfg.Rules, s.version.Add(1), s.snapshot())
	s.mu.Lock()
	prev := s.snap
	if prev == nil || next.version > prev.version {
		s.snap = next
	}
	s.mu.Unlock()
	if prev == nil || s.snap != next {
		s.tiles.Store.Purge()
		return 0, -1
	}
	return s.tiles.CarryOver(prev.tiles, next.tiles, prev.version, next.version)
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
