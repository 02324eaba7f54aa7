package tiles

import (
	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// CarryOver moves the tiles cached for version from, the data version of
// layers prev, to version to, that of next, except those that a changed
// feature touches (its old or new extent, in every layer and at every
// cached zoom), which it drops; a map then refetches only what an edit
// changed. With a store other than an LRU it drops every tile. It returns
// how many cached tiles were kept and dropped (-1: all).
func (c *Cache) CarryOver(prev, next *Set, from, to uint64) (kept, dropped int) {
	lru, ok := c.Store.(*LRU)
	if !ok {
		c.Store.Purge()
		return 0, -1
	}
	changed := Changed(prev, next)
	return lru.Carry(from, to, func(k Key) bool {
		box := geo.TileBound(maptile.New(k.X, k.Y, maptile.Zoom(k.Z)), Buffer/float64(Extent))
		for _, b := range changed[k.Layer] {
			if b.Intersects(box) {
				return false
			}
		}
		return true
	})
}

// Changed lists, layer by layer, the unit-Mercator bounds of every
// feature that differs between two layer sets: added, removed, moved or with
// different properties. Features are matched by their id or code property
// (the tile feature id derives from it).
func Changed(prev, next *Set) map[string][]orb.Bound {
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
		before := map[string]*feature{}
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
func featureKey(l *Layer, f *feature) string {
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

// Carry re-keys every cached tile of version from that keep accepts to
// version to and drops the other tiles of version from.
func (s *LRU) Carry(from, to uint64, keep func(Key) bool) (kept, dropped int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, el := range s.items {
		if k.Version != from {
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
		nk.Version = to
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
