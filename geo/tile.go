package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/simplify"
)

// This file is tile-plane maths: the spherical Web Mercator square and the
// pixel grid of one map tile. Nothing here is measured on the ellipsoid.

// maxMercatorLat is the latitude at which Web Mercator's square ends.
const maxMercatorLat = 85.05112877980659

// MercatorUnit projects a lon/lat point onto the unit Web Mercator square:
// x and y in [0, 1], y growing southwards, as tile numbers do.
func MercatorUnit(p orb.Point) orb.Point {
	lat := math.Max(-maxMercatorLat, math.Min(maxMercatorLat, p[1]))
	s := math.Sin(lat * math.Pi / 180)
	y := 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
	return orb.Point{(p[0] + 180) / 360, y}
}

// ProjectMercatorUnit returns a copy of g with every point through MercatorUnit.
// It supports points and areas (Point, MultiPoint, Polygon, MultiPolygon) and
// returns nil for anything else.
func ProjectMercatorUnit(g orb.Geometry) orb.Geometry {
	return mapPoints(g, MercatorUnit)
}

// TileBound is the part of the unit Mercator square that tile t covers,
// widened on every side by buffer, a fraction of the tile's width.
func TileBound(t maptile.Tile, buffer float64) orb.Bound {
	n := math.Exp2(float64(t.Z))
	pad := buffer / n
	return orb.Bound{
		Min: orb.Point{float64(t.X)/n - pad, float64(t.Y)/n - pad},
		Max: orb.Point{float64(t.X+1)/n + pad, float64(t.Y+1)/n + pad},
	}
}

// TileGrid turns unit-Mercator geometry into the integer pixel grid of one
// tile, ready for MVT encoding.
type TileGrid struct {
	Tile      maptile.Tile
	Extent    float64 // pixels along a tile's side, 4096 in MVT
	Buffer    float64 // pixels kept beyond each edge
	Tolerance float64 // Douglas-Peucker tolerance in pixels; 0 only removes repeats
}

// Pixel maps a unit-Mercator point to the tile's pixel plane (not rounded).
func (tg TileGrid) Pixel(p orb.Point) orb.Point {
	scale := math.Exp2(float64(tg.Tile.Z)) * tg.Extent
	return orb.Point{p[0]*scale - float64(tg.Tile.X)*tg.Extent, p[1]*scale - float64(tg.Tile.Y)*tg.Extent}
}

// Geometry returns g (unit-Mercator) in the tile's pixels: a fresh copy,
// clipped to the buffered tile, simplified, rounded to integers, without
// repeated points or degenerate rings, with exterior rings of positive
// surveyor's area and holes of negative area as the MVT spec requires
// (exterior clockwise on screen, y down). An area that collapses below a
// pixel becomes a one-pixel square so small units stay visible and
// clickable. It returns nil when nothing of g lies in the buffered tile.
// The input is never modified.
func (tg TileGrid) Geometry(g orb.Geometry) orb.Geometry {
	box := orb.Bound{Min: orb.Point{-tg.Buffer, -tg.Buffer}, Max: orb.Point{tg.Extent + tg.Buffer, tg.Extent + tg.Buffer}}
	switch g := g.(type) {
	case orb.Point:
		p := roundPoint(tg.Pixel(g))
		if !box.Contains(p) {
			return nil
		}
		return p
	case orb.MultiPoint:
		var out orb.MultiPoint
		for _, p := range g {
			if q := roundPoint(tg.Pixel(p)); box.Contains(q) {
				out = append(out, q)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case orb.Polygon, orb.MultiPolygon:
		return tg.area(g, box)
	}
	return nil
}

// area runs the polygon pipeline: project (copying), clip, simplify, snap.
func (tg TileGrid) area(g orb.Geometry, box orb.Bound) orb.Geometry {
	if !box.Intersects(tg.pixelBound(g.Bound())) {
		return nil
	}
	clipped := clip.Geometry(box, mapPoints(g, tg.Pixel))
	if clipped == nil {
		return nil
	}
	fallback := clipped.Bound().Center()
	if tg.Tolerance > 0 {
		clipped = simplify.DouglasPeucker(tg.Tolerance).Simplify(clipped)
	}
	var out orb.MultiPolygon
	switch c := clipped.(type) {
	case orb.Polygon:
		out = appendSnapped(out, c)
	case orb.MultiPolygon:
		for _, p := range c {
			out = appendSnapped(out, p)
		}
	}
	switch len(out) {
	case 0:
		return pixelSquare(roundPoint(fallback))
	case 1:
		return out[0]
	}
	return out
}

func (tg TileGrid) pixelBound(b orb.Bound) orb.Bound {
	return orb.Bound{Min: tg.Pixel(b.Min), Max: tg.Pixel(b.Max)}
}

// appendSnapped rounds p's rings to whole pixels and appends the polygon
// unless its exterior ring collapsed.
func appendSnapped(out orb.MultiPolygon, p orb.Polygon) orb.MultiPolygon {
	var snapped orb.Polygon
	for i, r := range p {
		sr := snapRing(r)
		if sr == nil {
			if i == 0 {
				return out
			}
			continue
		}
		outer := i == 0
		if (sr.Orientation() == orb.CCW) != outer {
			sr.Reverse()
		}
		snapped = append(snapped, sr)
	}
	return append(out, snapped)
}

// snapRing rounds a ring's points, drops repeats and closes it; nil when
// fewer than three distinct points or no area remain.
func snapRing(r orb.Ring) orb.Ring {
	out := make(orb.Ring, 0, len(r)+1)
	for _, p := range r {
		q := roundPoint(p)
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	if len(out) < 3 {
		return nil
	}
	out = append(out, out[0])
	if out.Orientation() == 0 {
		return nil
	}
	return out
}

// pixelSquare is a one-pixel exterior ring at p, positive area in tile space.
func pixelSquare(p orb.Point) orb.Polygon {
	x, y := p[0], p[1]
	return orb.Polygon{{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}}
}

func roundPoint(p orb.Point) orb.Point { return orb.Point{math.Round(p[0]), math.Round(p[1])} }

// mapPoints returns a fresh copy of g with f applied to every point.
func mapPoints(g orb.Geometry, f func(orb.Point) orb.Point) orb.Geometry {
	ring := func(r orb.Ring) orb.Ring {
		out := make(orb.Ring, len(r))
		for i, p := range r {
			out[i] = f(p)
		}
		return out
	}
	poly := func(p orb.Polygon) orb.Polygon {
		out := make(orb.Polygon, len(p))
		for i, r := range p {
			out[i] = ring(r)
		}
		return out
	}
	switch g := g.(type) {
	case orb.Point:
		return f(g)
	case orb.MultiPoint:
		return orb.MultiPoint(ring(orb.Ring(g)))
	case orb.Polygon, orb.MultiPolygon:
		return mapPolygons(g, poly)
	}
	return nil
}

// mapPolygons applies f to each polygon of a Polygon or MultiPolygon, keeping its type.
func mapPolygons(g orb.Geometry, f func(orb.Polygon) orb.Polygon) orb.Geometry {
	switch g := g.(type) {
	case orb.Polygon:
		return f(g)
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			out[i] = f(p)
		}
		return out
	}
	return g
}

// SimplifyForZoom returns a copy of unit-Mercator geometry g simplified
// (Douglas-Peucker) to tolerance pixels of a tile of the given extent at
// zoom z, so that every tile of that zoom can start from fewer points. A
// ring that would collapse below four points is kept as it was; points
// pass through. The input is never modified.
func SimplifyForZoom(g orb.Geometry, z maptile.Zoom, extent, tolerance float64) orb.Geometry {
	dp := simplify.DouglasPeucker(tolerance / (extent * math.Exp2(float64(z))))
	poly := func(p orb.Polygon) orb.Polygon {
		out := make(orb.Polygon, len(p))
		for i, r := range p {
			if s := dp.Ring(r.Clone()); len(s) >= 4 {
				out[i] = s
			} else {
				out[i] = r.Clone()
			}
		}
		return out
	}
	return mapPolygons(g, poly)
}
