package tiles

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"reflect"

	"github.com/paulmach/orb/geojson"
)

// lazyProps makes a layer's feature attributes on demand from the record
// a feature stands for: emit is the one description of them, from which
// both the map a tile carries and the hash an edit compares are made.
type lazyProps struct {
	emit func(i int, put func(key string, v any))
	id   func(i int) string // the feature's identity across snapshots
	by   func(i int) string // the layer's thinBy attribute
}

func (lp *lazyProps) props(i int) geojson.Properties {
	p := geojson.Properties{}
	lp.emit(i, func(k string, v any) { p[k] = v })
	return p
}

// sum hashes record i's attributes, keys and values in emit's order.
func (lp *lazyProps) sum(i int) uint64 {
	h := fnv.New64a()
	var b [8]byte
	lp.emit(i, func(k string, v any) {
		h.Write([]byte(k))
		switch x := v.(type) {
		case string:
			h.Write([]byte{1})
			h.Write([]byte(x))
		case float64:
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
			h.Write([]byte{2})
			h.Write(b[:])
		case bool:
			h.Write([]byte{3, map[bool]byte{false: 0, true: 1}[x]})
		default:
			panic("web: lazy attribute of an unhashed type") // a programming error, caught by the tests
		}
		h.Write([]byte{0})
	})
	return h.Sum64()
}

// featureProps are f's attributes in layer l.
func (l *Layer) featureProps(f *feature) geojson.Properties {
	if l.lazy == nil {
		return f.props
	}
	return l.lazy.props(int(f.ref))
}

// thinValue is f's thinBy attribute.
func (l *Layer) thinValue(f *feature) string {
	if l.lazy != nil {
		return l.lazy.by(int(f.ref))
	}
	v, _ := f.props[l.thinBy].(string)
	return v
}

// sameProps reports whether two features (a of layer la, b of lb) Carry
// the same attributes.
func sameProps(la *Layer, a *feature, lb *Layer, b *feature) bool {
	if la.lazy != nil && lb.lazy != nil {
		return a.sum == b.sum
	}
	return mapsEqual(la.featureProps(a), lb.featureProps(b))
}

// mapsEqual compares two attribute maps.
func mapsEqual(a, b geojson.Properties) bool { return reflect.DeepEqual(a, b) }
