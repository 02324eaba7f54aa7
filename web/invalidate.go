package web

import (
	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

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
	lru, ok := s.tiles.store.(*lruStore)
	if prev == nil || !ok || s.snap != next {
		s.tiles.store.Purge()
		return 0, -1
	}
	changed := changedBounds(prev, next)
	return lru.carry(prev.version, next.version, func(k tileKey) bool {
		box := geo.TileBound(maptile.New(k.x, k.y, maptile.Zoom(k.z)), tileBuffer/float64(tileExtent))
		for _, b := range changed[k.layer] {
			if b.Intersects(box) {
				return false
			}
		}
		return true
	})
}

// changedBounds lists, layer by layer, the unit-Mercator bounds of every
// feature that differs between two snapshots: added, removed, moved or with
// different properties. Features are matched by their id or code property
// (the tile feature id derives from it).
func changedBounds(prev, next *snapshot) map[string][]orb.Bound {
	out := map[string][]orb.Bound{}
	for name, nl := range next.layers {
		pl, ok := prev.layers[name]
		if pl == nl {
			continue // shared: nothing changed
		}
		if !ok {
			out[name] = []orb.Bound{nl.bound}
			continue
		}
		before := map[string]*tileFeature{}
		for i := range pl.features {
			before[featureKey(pl, &pl.features[i])] = &pl.features[i]
		}
		for i := range nl.features {
			f := &nl.features[i]
			k := featureKey(nl, f)
			old, ok := before[k]
			delete(before, k)
			if ok && old.bound == f.bound && sameProps(pl, old, nl, f) {
				continue
			}
			out[name] = append(out[name], f.bound)
			if ok {
				out[name] = append(out[name], old.bound)
			}
		}
		for _, old := range before {
			out[name] = append(out[name], old.bound)
		}
	}
	return out
}

// featureKey is a tile feature's stable identity within its layer.
func featureKey(l *tileLayer, f *tileFeature) string {
	if l.lazy != nil {
		return l.lazy.id(int(f.ref))
	}
	if id, ok := f.props["id"].(string); ok {
		return id
	}
	if code, ok := f.props["code"].(string); ok {
		return code
	}
	return ""
}

// carry re-keys every cached tile of version from that keep accepts to
// version to and drops the other tiles of version from.
func (s *lruStore) carry(from, to uint64, keep func(tileKey) bool) (kept, dropped int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, el := range s.items {
		if k.version != from {
			continue
		}
		delete(s.items, k)
		if !keep(k) {
			s.bytes -= el.Value.(*lruItem).entry.size()
			s.order.Remove(el)
			dropped++
			continue
		}
		nk := k
		nk.version = to
		if _, ok := s.items[nk]; ok { // already rendered for the new version
			s.bytes -= el.Value.(*lruItem).entry.size()
			s.order.Remove(el)
			continue
		}
		el.Value.(*lruItem).key = nk
		s.items[nk] = el
		kept++
	}
	return kept, dropped
}
