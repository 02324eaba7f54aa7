package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/kepu/kepu/geo"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
)

// Tile parameters: MVT extent, buffer and simplification tolerance in pixels.
const (
	tileExtent    = 4096
	tileBuffer    = 64
	tileTolerance = 1
	maxTileZoom   = 22
	mvtType       = "application/vnd.mapbox-vector-tile"
	tileCacheCtl  = "public, max-age=300"
)

// renderTile cuts one tile of layer l: only features whose bounds meet the
// buffered tile are touched, each on its own copy of the geometry. It
// returns nil bytes for an empty tile.
func renderTile(l *tileLayer, t maptile.Tile) ([]byte, error) {
	box := geo.TileBound(t, tileBuffer/float64(tileExtent))
	tg := geo.TileGrid{Tile: t, Extent: tileExtent, Buffer: tileBuffer, Tolerance: tileTolerance}
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
	return mvt.Marshal(mvt.Layers{{Name: l.name, Version: 2, Extent: tileExtent, Features: feats}})
}

// newTileEntry gzips a rendered tile and names it with an ETag made of the
// data version and a hash of the bytes.
func newTileEntry(version uint64, raw []byte) (*tileEntry, error) {
	if raw == nil {
		return &tileEntry{}, nil
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
	return &tileEntry{raw: raw, gz: buf.Bytes(), etag: hex.EncodeToString(h.Sum(nil)[:12])}, nil
}

// parseTile reads z/x/y, refusing non-integers and tiles that do not exist.
func parseTile(zs, xs, ys string) (maptile.Tile, error) {
	var v [3]int
	for i, s := range []string{zs, xs, ys} {
		n, err := strconv.Atoi(s)
		if err != nil {
			return maptile.Tile{}, invalidf("tile %s/%s/%s: %q is not an integer", zs, xs, ys, s)
		}
		v[i] = n
	}
	z, x, y := v[0], v[1], v[2]
	if z < 0 || z > maxTileZoom {
		return maptile.Tile{}, invalidf("tile %d/%d/%d: zoom must be 0 to %d", z, x, y, maxTileZoom)
	}
	if n := 1 << z; x < 0 || x >= n || y < 0 || y >= n {
		return maptile.Tile{}, invalidf("tile %d/%d/%d: x and y must be 0 to %d at zoom %d", z, x, y, n-1, z)
	}
	return maptile.New(uint32(x), uint32(y), maptile.Zoom(z)), nil
}

// layer returns the named tile layer of snapshot s or a 404 error.
func (s *snapshot) layer(name string) (*tileLayer, error) {
	if l, ok := s.layers[name]; ok {
		return l, nil
	}
	return nil, notFoundf("unknown tile layer %q (one of %s)", name, strings.Join(layerNames(), ", "))
}

// tile serves GET /tiles/{layer}/{z}/{x}/{y}.mvt.
func (s *Server) tile(c echo.Context) error {
	ys, ok := strings.CutSuffix(c.Param("y"), ".mvt")
	if !ok || strings.Contains(ys, "/") {
		return echo.ErrNotFound
	}
	snap := s.snapshot()
	l, err := snap.layer(c.Param("layer"))
	if err != nil {
		return err
	}
	t, err := parseTile(c.Param("z"), c.Param("x"), ys)
	if err != nil {
		return err
	}
	k := tileKey{version: snap.version, layer: l.name, z: uint32(t.Z), x: t.X, y: t.Y}
	e, err := s.tiles.get(k, func() (*tileEntry, error) {
		raw, err := renderTile(l, t)
		if err != nil {
			return nil, fmt.Errorf("tile %s: %w", k, err)
		}
		return newTileEntry(snap.version, raw)
	})
	if err != nil {
		return err
	}
	return writeTile(c, e)
}

// writeTile sends a tile: 204 when empty, 304 when the client's copy is
// current, gzip when the client accepts it.
func writeTile(c echo.Context, e *tileEntry) error {
	h := c.Response().Header()
	h.Set("Cache-Control", tileCacheCtl)
	h.Add("Vary", "Accept-Encoding")
	if e.raw == nil {
		return c.NoContent(http.StatusNoContent)
	}
	body, etag := e.raw, `"`+e.etag+`"`
	gz := acceptsGzip(c.Request().Header.Get("Accept-Encoding"))
	if gz {
		body, etag = e.gz, `"`+e.etag+`-gz"`
	}
	h.Set("ETag", etag)
	if etagMatch(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	if gz {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return c.Blob(http.StatusOK, mvtType, body)
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// etagMatch reports whether an If-None-Match header names etag (weakly).
func etagMatch(header, etag string) bool {
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || tag == etag {
			return true
		}
	}
	return false
}
