package tiles

import (
	"container/list"
	"fmt"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/singleflight"
)

// Key names one tile of one layer of one data version.
type Key struct {
	Version uint64
	Layer   string
	Z, X, Y uint32
}

func (k Key) String() string {
	return fmt.Sprintf("%d/%s/%d/%d/%d", k.Version, k.Layer, k.Z, k.X, k.Y)
}

// Entry is a rendered tile: the MVT bytes, their gzip form and ETag.
// An empty tile has no bytes.
type Entry struct {
	Raw, Gzip []byte
	ETag      string
}

func (e *Entry) size() int { return len(e.Raw) + len(e.Gzip) + 64 }

// Store keeps rendered tiles (tegola's cache: three methods).
type Store interface {
	Get(k Key) (*Entry, bool)
	Add(k Key, e *Entry)
	Purge()
}

var _ Store = (*LRU)(nil)

// LRU is a Store bounded in bytes that drops the least recently used tile.
type LRU struct {
	mu       sync.Mutex
	order    *list.List // front: most recently used; values are *lruItem
	items    map[Key]*list.Element
	bytes    int
	maxBytes int
}

type lruItem struct {
	key   Key
	entry *Entry
}

// NewLRU is an empty LRU store of at most maxBytes.
func NewLRU(maxBytes int) *LRU {
	return &LRU{order: list.New(), items: map[Key]*list.Element{}, maxBytes: maxBytes}
}

func (s *LRU) Get(k Key) (*Entry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	el, ok := s.items[k]
	if !ok {
		return nil, false
	}
	s.order.MoveToFront(el)
	return el.Value.(*lruItem).entry, true
}

func (s *LRU) Add(k Key, e *Entry) {
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

func (s *LRU) Purge() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.order.Init()
	s.items = map[Key]*list.Element{}
	s.bytes = 0
}

// Cache renders each missing tile once, however many requests ask for
// it at the same time, and keeps the result in a store.
type Cache struct {
	Store   Store
	group   singleflight.Group
	Renders atomic.Int64 // tiles rendered, for tests and benchmarks
	// Missed, when set, is called on every cache miss before the render is
	// shared; tests use it to line up concurrent requests.
	Missed func()
}

// Get returns the tile for k, rendering it with render when no store holds it.
func (c *Cache) Get(k Key, render func() (*Entry, error)) (*Entry, error) {
	if e, ok := c.Store.Get(k); ok {
		return e, nil
	}
	if c.Missed != nil {
		c.Missed()
	}
	v, err, _ := c.group.Do(k.String(), func() (any, error) {
		if e, ok := c.Store.Get(k); ok { // filled while this caller waited
			return e, nil
		}
		c.Renders.Add(1)
		e, err := render()
		if err != nil {
			return nil, err
		}
		c.Store.Add(k, e)
		return e, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*Entry), nil
}
