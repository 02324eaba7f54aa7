package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/kepu/kepu/web/tiles"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/maptile"
)

// Tile request limits and headers.
const (
	maxTileZoom  = 22
	mvtType      = "application/vnd.mapbox-vector-tile"
	tileCacheCtl = "public, max-age=300"
)

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
func (s *snapshot) layer(name string) (*tiles.Layer, error) {
	if l, ok := s.tiles.Layer(name); ok {
		return l, nil
	}
	return nil, notFoundf("unknown tile layer %q (one of %s)", name, strings.Join(tiles.Names(), ", "))
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
	k := tiles.Key{Version: snap.version, Layer: l.Name(), Z: uint32(t.Z), X: t.X, Y: t.Y}
	e, err := s.tiles.Get(k, func() (*tiles.Entry, error) {
		raw, err := tiles.Render(l, t)
		if err != nil {
			return nil, fmt.Errorf("tile %s: %w", k, err)
		}
		return tiles.NewEntry(snap.version, raw)
	})
	if err != nil {
		return err
	}
	return writeTile(c, e)
}

// writeTile sends a tile: 204 when empty, 304 when the client's copy is
// current, gzip when the client accepts it.
func writeTile(c echo.Context, e *tiles.Entry) error {
	h := c.Response().Header()
	h.Set("Cache-Control", tileCacheCtl)
	h.Add("Vary", "Accept-Encoding")
	if e.Raw == nil {
		return c.NoContent(http.StatusNoContent)
	}
	body, etag := e.Raw, `"`+e.ETag+`"`
	gz := acceptsGzip(c.Request().Header.Get("Accept-Encoding"))
	if gz {
		body, etag = e.Gzip, `"`+e.ETag+`-gz"`
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
