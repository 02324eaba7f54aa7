package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// rawGeometry is a GeoJSON geometry before its coordinates are checked.
type rawGeometry struct {
	Type        string            `json:"type"`
	Coordinates json.RawMessage   `json:"coordinates"`
	Geometries  []json.RawMessage `json:"geometries"`
}

// geomReader decodes one feature's geometry, reporting every problem against
// that feature. conv converts each position to WGS84 (for --crs).
type geomReader struct {
	ps   *problems
	n    int
	id   string
	conv func(orb.Point) orb.Point
}

func (g geomReader) fail(format string, args ...any) {
	g.ps.add(g.n, g.id, "geometry", format, args...)
}
func (g geomReader) warn(format string, args ...any) {
	g.ps.warn(g.n, g.id, "geometry", format, args...)
}

func (g geomReader) parse(raw json.RawMessage) (rawGeometry, bool) {
	var rg rawGeometry
	if len(raw) == 0 || string(raw) == "null" {
		g.fail("missing (null)")
		return rg, false
	}
	if err := json.Unmarshal(raw, &rg); err != nil {
		g.fail("not a geometry object: %v", err)
		return rg, false
	}
	return rg, true
}

// coords decodes a coordinates member into nested []any of json.Number.
func (g geomReader) coords(raw json.RawMessage) (any, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		g.fail("coordinates missing (null)")
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		g.fail("unreadable coordinates: %v", err)
		return nil, false
	}
	return v, true
}

// position checks one [lon, lat] (a third value, altitude, is allowed and dropped).
func (g geomReader) position(v any, where string) (orb.Point, bool) {
	arr, ok := v.([]any)
	if !ok || len(arr) < 2 || len(arr) > 3 {
		g.fail("%s: a position must be [lon, lat], got %s", where, describe(v))
		return orb.Point{}, false
	}
	var p orb.Point
	for i := 0; i < 2; i++ {
		f, err := number(arr[i])
		if err != nil {
			g.fail("%s: %s %v", where, []string{"longitude", "latitude"}[i], err)
			return orb.Point{}, false
		}
		p[i] = f
	}
	if p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
		g.fail("%s: [%v, %v] is out of range (longitude -180..180, latitude -90..90)", where, p[0], p[1])
		return orb.Point{}, false
	}
	return g.conv(p), true
}

// number reads a JSON number, refusing strings such as "NaN" and overflow.
func number(v any) (float64, error) {
	switch x := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil && !math.IsInf(f, 0) || x == "" {
			return 0, fmt.Errorf("%q is not a number", string(x))
		}
		if math.IsNaN(f) {
			return 0, fmt.Errorf("%s is not a finite number", x)
		}
		if math.IsInf(f, 0) {
			return 0, fmt.Errorf("%s is out of range", x)
		}
		return f, nil
	case string:
		return 0, fmt.Errorf("%q is not a number", x)
	}
	return 0, fmt.Errorf("%s is not a number", describe(v))
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case []any:
		return fmt.Sprintf("an array of %d", len(x))
	case map[string]any:
		return "an object"
	case string:
		return strconv.Quote(x)
	}
	return fmt.Sprint(v)
}

// Point decodes a Point geometry.
func (g geomReader) Point(raw json.RawMessage) (orb.Point, bool) {
	rg, ok := g.parse(raw)
	if !ok {
		return orb.Point{}, false
	}
	return g.pointOf(rg)
}

// pointOf checks a decoded geometry as a Point.
func (g geomReader) pointOf(rg rawGeometry) (orb.Point, bool) {
	if rg.Type != "Point" {
		g.fail("type %q: a facility or event must be a Point", rg.Type)
		return orb.Point{}, false
	}
	v, ok := g.coords(rg.Coordinates)
	if !ok {
		return orb.Point{}, false
	}
	return g.position(v, "coordinates")
}

// Area decodes a Polygon, MultiPolygon, or GeometryCollection of them (as a
// MultiPolygon). Rings must be closed with at least four positions; a ring
// that touches itself is accepted with a warning (quantised boundaries do).
func (g geomReader) Area(raw json.RawMessage) (orb.Geometry, bool) {
	rg, ok := g.parse(raw)
	if !ok {
		return nil, false
	}
	return g.areaOf(rg)
}

// areaOf checks a decoded geometry as a Polygon, MultiPolygon or collection of them.
func (g geomReader) areaOf(rg rawGeometry) (orb.Geometry, bool) {
	switch rg.Type {
	case "Polygon", "MultiPolygon":
		if geom, ok := g.fastArea(rg); ok {
			return geom, true
		}
		v, ok := g.coords(rg.Coordinates)
		if !ok {
			return nil, false
		}
		if rg.Type == "Polygon" {
			p, ok := g.polygon(v, "polygon")
			return p, ok
		}
		arr, isArr := v.([]any)
		if !isArr || len(arr) == 0 {
			g.fail("a MultiPolygon needs at least one polygon, got %s", describe(v))
			return nil, false
		}
		var mp orb.MultiPolygon
		good := true
		for i, pv := range arr {
			p, ok := g.polygon(pv, fmt.Sprintf("polygon %d", i+1))
			good = good && ok
			mp = append(mp, p)
		}
		return mp, good
	case "GeometryCollection":
		if len(rg.Geometries) == 0 {
			g.fail("an empty GeometryCollection has no area")
			return nil, false
		}
		var mp orb.MultiPolygon
		good := true
		for i, member := range rg.Geometries {
			if len(member) == 0 || string(member) == "null" {
				g.fail("GeometryCollection member %d is null", i+1)
				good = false
				continue
			}
			part, ok := g.Area(member)
			good = good && ok
			switch p := part.(type) {
			case orb.Polygon:
				mp = append(mp, p)
			case orb.MultiPolygon:
				mp = append(mp, p...)
			}
		}
		return mp, good
	case "":
		g.fail("no type")
	default:
		g.fail("type %q: an administrative unit must be a Polygon or MultiPolygon", rg.Type)
	}
	return nil, false
}

func (g geomReader) polygon(v any, where string) (orb.Polygon, bool) {
	rings, ok := v.([]any)
	if !ok || len(rings) == 0 {
		g.fail("%s: needs at least one ring, got %s", where, describe(v))
		return nil, false
	}
	var p orb.Polygon
	good := true
	for i, rv := range rings {
		r, ok := g.ring(rv, fmt.Sprintf("%s ring %d", where, i+1))
		good = good && ok
		p = append(p, r)
	}
	if good {
		g.checkPolygon(p, where)
	}
	return p, good
}

func (g geomReader) ring(v any, where string) (orb.Ring, bool) {
	arr, ok := v.([]any)
	if !ok {
		g.fail("%s: not an array of positions, got %s", where, describe(v))
		return nil, false
	}
	r := make(orb.Ring, 0, len(arr))
	for i, pv := range arr {
		p, ok := g.position(pv, fmt.Sprintf("%s position %d", where, i+1))
		if !ok {
			return nil, false
		}
		r = append(r, p)
	}
	if len(r) < 4 {
		g.fail("%s: a ring needs at least 4 positions, got %d", where, len(r))
		return nil, false
	}
	if r[0] != r[len(r)-1] {
		g.fail("%s: not closed (first position %v, last %v)", where, r[0], r[len(r)-1])
		return nil, false
	}
	return r, true
}

// checkSelfTouch warns once per ring about repeated positions: consecutive
// duplicates (zero-length edges) and a ring passing twice through a vertex.
func (g geomReader) checkSelfTouch(r orb.Ring, where string) {
	seen := make(map[orb.Point]int, len(r))
	dups, touches := 0, 0
	var first orb.Point
	for i, p := range r[:len(r)-1] {
		if i > 0 && p == r[i-1] {
			dups++
			continue
		}
		if _, ok := seen[p]; ok {
			if touches == 0 {
				first = p
			}
			touches++
		}
		seen[p] = i
	}
	if dups > 0 {
		g.warn("%s: %d repeated consecutive position(s) (zero-length edges)", where, dups)
	}
	if touches > 0 {
		g.warn("%s: the ring touches itself at %d vertex(es), first at %v; kept as is", where, touches, first)
	}
}

// fastArea decodes well-formed Polygon or MultiPolygon coordinates straight
// into float slices, several times faster than the generic path. It reports
// false, having reported nothing, when anything is off, and the generic path
// then names the problem.
func (g geomReader) fastArea(rg rawGeometry) (orb.Geometry, bool) {
	polys, ok := scanPolygons(rg.Coordinates, rg.Type == "MultiPolygon")
	if !ok || len(polys) == 0 {
		return nil, false
	}
	mp := make(orb.MultiPolygon, 0, len(polys))
	for _, p := range polys {
		if len(p) == 0 {
			return nil, false
		}
		poly := make(orb.Polygon, 0, len(p))
		for _, ring := range p {
			if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
				return nil, false
			}
			r := make(orb.Ring, len(ring))
			for i, c := range ring {
				if c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
					return nil, false
				}
				r[i] = g.conv(orb.Point(c))
			}
			poly = append(poly, r)
		}
		mp = append(mp, poly)
	}
	for pi, p := range mp {
		where := "polygon"
		if rg.Type == "MultiPolygon" {
			where = fmt.Sprintf("polygon %d", pi+1)
		}
		g.checkPolygon(p, where)
	}
	if rg.Type == "Polygon" {
		return mp[0], true
	}
	return mp, true
}
