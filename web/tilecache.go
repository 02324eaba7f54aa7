package web

import (
	"container/list"
	"fmt"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/singleflight"
)

// tileKey names one tile of one layer of one data version.
type tileKey struct {
	version uint64
	layer   string
	z, x, y uint32
}

func (k tileKey) String() string {
	return fmt.Sprintf("%d/%s/%d/%d/%d", k.version, k.layer, k.z, k.x, k.y)
}

// tileEntry is a rendered tile: the MVT bytes, their gzip form and ETag.
// An empty tile has no bytes.
type tileEntry struct {
	raw, gz []byte
	etag    string
}

func (e *tileEntry) size() int { return len(e.raw) + len(e.gz) + 64 }

// tileStore keeps rendered tiles.
type tileStore interface {
	Get(k tileKey) (*tileEntry, bool)
	Add(k tileKey, e *tileEntry)
	Purge()
}

var _ tileStore = (*lruStore)(nil)

// lruStore is a tileStore bounded in bytes that drops the least recently used tile.
type lruStore struct {
	mu       sync.Mutex
	order    *list.List // front: most recently used; values are *lruItem
	items    map[tileKey]*list.Element
	bytes    int
	maxBytes int
}

type lruItem struct {
	key   tileKey
	entry *tileEntry
}

func newLRUStore(maxBytes int) *lruStore {
	return &lruStore{order: list.New(), items: map[tileKey]*list.Element{}, maxBytes: maxBytes}
}

func (s *lruStore) Get(k tileKey) (*tileEntry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	el, ok := s.items[k]
	if !ok {
		return nil, false
	}
	s.order.MoveToFront(el)
	return el.Value.(*lruItem).entry, true
}

func (s *lruStore) Add(k tileKey, e *tileEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if el, ok := s.items[k]; ok {
		s.bytes -= el.Value.(*lruItem).entry.size()
		s.order.Remove(el)
	}
	s.items[k] = s.order.PushFront(&lruItem{key: k, entry: e})
	s.bytes += e.size()
	for s.bytes > s.maxBytes && s.order.Len() > 1 {
		last := s.order.Back()
		it := last.Value.(*lruItem)
		s.order.Remove(last)
		delete(s.items, it.key)
		s.bytes -= it.entry.size()
	}
}

func (s *lruStore) Purge() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.order.Init()
	s.items = map[tileKey]*list.Element{}
	s.bytes = 0
}

// tileCache renders each missing tile once, however many requests ask for
// it at the same time, and keeps the result in a store.
type tileCache struct {
	store   tileStore
	group   singleflight.Group
	renders atomic.Int64 // tiles rendered, for tests and benchmarks
	// missed, when set, is called on every cache miss before the render is
	// shared; tests use it to line up concurrent requests.
	missed func()
}

// get returns the tile for k, rendering it with render when no store holds it.
func (c *tileCache) get(k tileKey, render func() (*tileEntry, error)) (*tileEntry, error) {
	if e, ok := c.store.Get(k); ok {
		return e, nil
	}
	if c.missed != nil {
		c.missed()
	}
	v, err, _ := c.group.Do(k.String(), func() (any, error) {
		if e, ok := c.store.Get(k); ok { // filled while this caller waited
			return e, nil
		}
		c.renders.Add(1)
		e, err := render()
		if err != nil {
			return nil, err
		}
		c.store.Add(k, e)
		return e, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*tileEntry), nil
}
