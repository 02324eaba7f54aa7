package tiles

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
)

// Tile parameters: MVT extent, buffer and simplification tolerance in pixels.
const (
	Extent    = 4096
	Buffer    = 64
	tolerance = 1
)

// Render cuts one tile of layer l: only features whose bounds meet the
// buffered tile are touched, each on its own copy of the geometry. It
// returns nil bytes for an empty tile.
func Render(l *Layer, t maptile.Tile) ([]byte, error) {
	box := geo.TileBound(t, Buffer/float64(Extent))
	tg := geo.TileGrid{Tile: t, Extent: Extent, Buffer: Buffer, Tolerance: tolerance}
	features := l.at(t.Z)
	var idx []int
	for i := range features {
		if features[i].bound.Intersects(box) {
			idx = append(idx, i)
		}
	}
	var props []geojson.Properties // nil: each feature's own
	if l.thinAbove > 0 && len(idx) > l.thinAbove {
		idx, props = thin(l, t, features, idx)
	}
	var feats []*geojson.Feature
	for j, i := range idx {
		f := &features[i]
		g := tg.Geometry(f.geom)
		if g == nil {
			continue
		}
		p := l.featureProps(f)
		if props != nil {
			p = props[j]
		}
		feats = append(feats, &geojson.Feature{ID: f.id, Geometry: g, Properties: p})
	}
	if len(feats) == 0 {
		return nil, nil
	}
	return mvt.Marshal(mvt.Layers{{Name: l.name, Version: 2, Extent: Extent, Features: feats}})
}

// NewEntry gzips a rendered tile and names it with an ETag made of the
// data version and a hash of the bytes.
func NewEntry(version uint64, raw []byte) (*Entry, error) {
	if raw == nil {
		return &Entry{}, nil
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	h := sha256.New()
	binary.Write(h, binary.BigEndian, version)
	h.Write(raw)
	return &Entry{Raw: raw, Gzip: buf.Bytes(), ETag: hex.EncodeToString(h.Sum(nil)[:12])}, nil
}
