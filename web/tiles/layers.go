package tiles

import (
	"hash/fnv"
	"runtime"
	"strconv"
	"sync"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
)

// Tile layer names, also the source-layer name inside each tile.
const (
	Leagues    = "leagues"
	Counties   = "counties"
	Facilities = "facilities"
	Reach      = "reach"
)

// Names lists the tile layers in drawing order.
func Names() []string {
	return []string{Leagues, Counties, Facilities, Reach}
}

// circleSegments is how many segments a caravan's reach circle has.
const circleSegments = 128

// Layer is one vector tile layer's features, projected once onto the
// unit Mercator square with their bounds, ready to be cut into tiles.
type Layer struct {
	name        string
	description string
	fields      map[string]string // TileJSON vector_layers fields: name → type
	features    []feature
	bound       orb.Bound // lon/lat extent of the layer
	// shapes are the features' geometries simplified for each low zoom: a
	// tile at zoom 3 then starts from 10,000 county points instead of
	// 160,000. A layer with the same geometries in the same order (the
	// counties after an edit) shares them.
	shapes *zoomShapes
	// A layer with thinAbove > 0 keeps one feature per cell of a tile
	// with more features than that (thin.go), per value of the thinBy
	// property there.
	thinAbove int
	thinBy    string
	// lazy, when set, makes each feature's attributes from its ref.
	lazy *lazyProps
	// zooms holds the features with those shapes, built on first use.
	zooms [presimplifyMaxZoom + 1]struct {
		once     sync.Once
		features []feature
	}
}

// presimplifyMaxZoom is the highest zoom with pre-simplified features;
// beyond it simplification removes little (the boundaries are quantised
// to about 100 m).
const presimplifyMaxZoom = 8

// at returns the layer's features as tiles at zoom z should start from.
func (l *Layer) at(z maptile.Zoom) []feature {
	if z > presimplifyMaxZoom {
		return l.features
	}
	zf := &l.zooms[z]
	zf.once.Do(func() {
		geoms := l.shapes.at(z, l.features)
		zf.features = make([]feature, len(l.features))
		for i, f := range l.features {
			f.geom = geoms[i]
			zf.features[i] = f // bound stays the original's: the tile choice is exact
		}
	})
	return zf.features
}

// mapMinZoom is the lowest zoom the web map shows (web/ui/src/app.js).
const mapMinZoom = 3

// prepareOutlines simplifies the outline layers (leagues, counties) for
// every low zoom the map shows now, on every CPU, so that no first tile of a zoom waits
// for it: at national scale that wait was over a second. Edits share the
// shapes (see Build), so this runs when the units are loaded.
func prepareOutlines(layers map[string]*Layer) {
	type job struct {
		l *Layer
		z maptile.Zoom
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.l.at(j.z)
			}
		}()
	}
	for _, name := range []string{Leagues, Counties} {
		if l, ok := layers[name]; ok {
			for z := maptile.Zoom(mapMinZoom); z <= presimplifyMaxZoom; z++ {
				jobs <- job{l, z}
			}
		}
	}
	close(jobs)
	wg.Wait()
}

// zoomShapes are a layer's geometries simplified for each low zoom, each
// zoom built on first use.
type zoomShapes [presimplifyMaxZoom + 1]struct {
	once  sync.Once
	geoms []orb.Geometry
}

// at returns the geometries of features simplified for zoom z.
func (zs *zoomShapes) at(z maptile.Zoom, features []feature) []orb.Geometry {
	zg := &zs[z]
	zg.once.Do(func() {
		zg.geoms = make([]orb.Geometry, len(features))
		for i, f := range features {
			zg.geoms[i] = geo.SimplifyForZoom(f.geom, z, Extent, tolerance)
		}
	})
	return zg.geoms
}

// feature is a feature in unit-Mercator space. Nothing may modify geom:
// every tile works on its own copy (geo.TileGrid.Geometry copies).
type feature struct {
	id    uint64
	geom  orb.Geometry
	bound orb.Bound // of geom
	props geojson.Properties
	// ref and sum stand for props in a layer with lazy attributes: the
	// record's index and a hash of its attributes (which an edit compares).
	ref int32
	sum uint64
}

// shape is a geometry projected onto the unit Mercator square, with its
// bounds there and before projection.
type shape struct {
	geom   orb.Geometry
	bound  orb.Bound // of geom
	lonlat orb.Bound
}

// project prepares a lon/lat geometry for tiles; false when nothing is left.
func project(lonlat orb.Geometry) (shape, bool) {
	g := geo.ProjectMercatorUnit(lonlat)
	if g == nil {
		return shape{}, false
	}
	return shape{geom: g, bound: g.Bound(), lonlat: lonlat.Bound()}, true
}

func (l *Layer) add(id uint64, lonlat orb.Geometry, props geojson.Properties) {
	if sh, ok := project(lonlat); ok {
		l.addShape(id, sh, props)
	}
}

func (l *Layer) addShape(id uint64, sh shape, props geojson.Properties) {
	if len(l.features) == 0 {
		l.bound = sh.lonlat
	} else {
		l.bound = l.bound.Union(sh.lonlat)
	}
	l.features = append(l.features, feature{id: id, geom: sh.geom, bound: sh.bound, props: props})
}

// newLayer is an empty layer with its own shapes.
func newLayer(name, description string, fields map[string]string) *Layer {
	return &Layer{name: name, description: description, fields: fields, shapes: &zoomShapes{}}
}

// Source is the evaluated world the layers are drawn from.
type Source struct {
	World  *coverage.World
	Model  *coverage.Model
	Result *coverage.Result
	Rules  coverage.Ruleset
}

// Set is the four tile layers of one evaluated world.
type Set struct {
	layers map[string]*Layer
	// circles are the caravans' reach circles, for the next set to reuse.
	circles map[circleKey]shape
}

// Layer returns the named layer.
func (set *Set) Layer(name string) (*Layer, bool) {
	l, ok := set.layers[name]
	return l, ok
}

// Build prepares the four tile layers of src. With prev, the layers of a
// world with the same units, it shares prev's leagues layer and the
// counties layer's shapes, whose attributes alone it recomputes; without,
// it simplifies the outlines for the map's zooms at once.
func Build(src Source, prev *Set) *Set {
	s, rs := src, src.Rules
	var leagues, counties *Layer
	var circles map[circleKey]shape
	if prev != nil {
		leagues = prev.layers[Leagues]
		counties = recountiesLayer(s, prev.layers[Counties])
		circles = prev.circles
	}
	if leagues == nil {
		leagues = leaguesLayer(s)
	}
	if counties == nil {
		counties = countiesLayer(s)
	}
	set := &Set{circles: map[circleKey]shape{}}
	set.layers = map[string]*Layer{
		Leagues:    leagues,
		Counties:   counties,
		Facilities: facilitiesLayer(s, rs),
		Reach:      reachLayer(s, rs, circles, set.circles),
	}
	if prev == nil {
		prepareOutlines(set.layers)
	}
	return set
}

// FacilityID is a facility's MVT feature id: the FNV-1a hash of its id,
// so that it stays the same whatever else the registry gains or loses
// (cached tiles carried over an edit keep theirs). The 64-bit hash is
// folded to 53 bits, which JavaScript numbers (and so the web map) hold
// exactly; 0, which MVT readers take for "no id", is avoided.
func FacilityID(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	n := h.Sum64()
	n = (n ^ n>>53) & (1<<53 - 1)
	if n == 0 {
		n = 1
	}
	return n
}

func codeID(code string) uint64 {
	n, _ := strconv.ParseUint(code, 10, 64)
	return n
}

func leaguesLayer(s Source) *Layer {
	l := newLayer(Leagues, "leagues (盟市) with their population",
		map[string]string{"code": "String", "name": "String", "population": "Number"})
	for _, i := range s.Model.Leagues {
		u := &s.World.Units[i]
		if u.Geometry == nil {
			continue
		}
		l.add(codeID(u.Code), u.Geometry, geojson.Properties{"code": u.Code, "name": u.Name, "population": u.Population})
	}
	return l
}

func newCountiesLayer() *Layer {
	return newLayer(Counties, "county-level units (旗县市区) with their rule results",
		map[string]string{"code": "String", "name": "String", "parent": "String", "kind": "String",
			"population": "Number", "venue_1000": "Boolean", "caravan_reach": "Boolean", "base_distribution": "Boolean",
			"largest_venue_m2": "Number", "bases": "Number", "priority": "Number"})
}

func countiesLayer(s Source) *Layer {
	l := newCountiesLayer()
	for _, i := range s.Model.Counties {
		u := &s.World.Units[i]
		r, ok := s.Result.Unit(u.Code)
		if u.Geometry == nil || !ok {
			continue
		}
		l.add(codeID(u.Code), u.Geometry, countyProps(u, r))
	}
	return l
}

// recountiesLayer is the counties layer of s with prev's geometries and
// shapes, for a snapshot of the same units: only the attributes, which
// the rules decide, are computed again. It is nil when prev does not fit.
func recountiesLayer(s Source, prev *Layer) *Layer {
	if prev == nil {
		return nil
	}
	l := newCountiesLayer()
	l.bound, l.shapes = prev.bound, prev.shapes
	l.features = make([]feature, len(prev.features))
	for i, f := range prev.features {
		code, _ := f.props["code"].(string)
		u, uok := s.Model.Unit(code)
		r, rok := s.Result.Unit(code)
		if !uok || !rok {
			return nil
		}
		f.props = countyProps(u, r)
		l.features[i] = f
	}
	return l
}

// countyProps are a county's tile attributes.
func countyProps(u *coverage.Unit, r *coverage.UnitResult) geojson.Properties {
	return geojson.Properties{
		"code": u.Code, "name": u.Name, "parent": u.Parent, "kind": u.Kind, "population": u.Population,
		"venue_1000":        r.Rules[coverage.RuleVenue1000].Pass,
		"caravan_reach":     r.Rules[coverage.RuleCaravanReach].Pass,
		"base_distribution": r.Rules[coverage.RuleBaseDistribution].Pass,
		"largest_venue_m2":  r.LargestVenueM2, "bases": r.Bases.Total, "priority": r.Priority,
	}
}

func facilitiesLayer(s Source, rs coverage.Ruleset) *Layer {
	l := newLayer(Facilities, "the facility registry (科普场馆, 科普大篷车, 科普教育基地, ...)",
		map[string]string{"id": "String", "name": "String", "category": "String", "status": "String",
			"level": "String", "floor_area_m2": "Number", "reach_km": "Number", "comprehensive": "Boolean",
			"located_county": "String", "located_by": "String", "opened_day": "String", "closed_day": "String", "count": "Number"})
	l.thinAbove, l.thinBy = MaxPoints, "category"
	fs := s.World.Facilities
	// A national registry has a million facilities: their attributes are
	// made when a tile is cut, not kept (half a gigabyte of maps).
	l.lazy = &lazyProps{
		id: func(i int) string { return fs[i].ID },
		by: func(i int) string { return fs[i].Category },
		emit: func(i int, put func(string, any)) {
			f := &fs[i]
			put("id", f.ID)
			put("name", f.Name)
			put("category", f.Category)
			put("status", f.Status)
			if c := s.Model.FacilityCounty[i]; c != "" {
				put("located_county", c)
			}
			if f.Level != "" {
				put("level", f.Level)
			}
			if f.LocatedBy != "" {
				put("located_by", f.LocatedBy) // no coordinates: drawn at the seat
			}
			// The days it counts from and stops counting on, for the map's year control.
			if f.Opened != "" {
				put("opened_day", f.Opened.LastDay())
			}
			if f.Closed != "" {
				put("closed_day", f.Closed.FirstDay())
			}
			switch f.Category {
			case coverage.CategoryVenue:
				put("floor_area_m2", f.FloorArea)
				put("comprehensive", f.Comprehensive)
			case coverage.CategoryCaravan:
				put("reach_km", reachKm(f, rs))
			}
		},
	}
	for i := range fs {
		if sh, ok := project(fs[i].Point); ok {
			l.addShape(FacilityID(fs[i].ID), sh, nil)
			last := &l.features[len(l.features)-1]
			last.ref, last.sum = int32(i), l.lazy.sum(i)
		}
	}
	return l
}

// reachKm is a caravan's reach: its own, else the rule default.
func reachKm(f *coverage.Facility, rs coverage.Ruleset) float64 {
	if f.ReachKm > 0 {
		return f.ReachKm
	}
	return rs.CaravanReach.DefaultReachKm
}

// circleKey names a reach circle: its centre and radius.
type circleKey struct {
	center orb.Point
	km     float64
}

// reachLayer draws each open caravan inside the region as the geodesic
// circle it reaches, as caravan_reach measures it. Circles found in prev
// (the previous set's) are not drawn again; every circle drawn goes into
// keep, for the next set.
func reachLayer(s Source, rs coverage.Ruleset, prev, keep map[circleKey]shape) *Layer {
	l := newLayer(Reach, "the geodesic circle each open caravan reaches",
		map[string]string{"id": "String", "name": "String", "reach_km": "Number", "count": "Number"})
	l.thinAbove = MaxCircles
	for i := range s.World.Facilities {
		f := &s.World.Facilities[i]
		if f.Category != coverage.CategoryCaravan || !f.CountsAsOf(rs.AsOfDate()) || s.Model.FacilityCounty[i] == "" {
			continue
		}
		km := reachKm(f, rs)
		k := circleKey{f.Point, km}
		sh, ok := prev[k]
		if !ok {
			if sh, ok = project(geo.Circle(f.Point, km*1000, circleSegments)); !ok {
				continue
			}
		}
		keep[k] = sh
		l.addShape(FacilityID(f.ID), sh, geojson.Properties{"id": f.ID, "name": f.Name, "reach_km": km})
	}
	return l
}

// Name is the layer's name, also its source-layer name inside a tile.
func (l *Layer) Name() string { return l.name }

// Description says what the layer shows, for TileJSON.
func (l *Layer) Description() string { return l.description }

// Fields are the layer's attributes and their TileJSON types.
func (l *Layer) Fields() map[string]string { return l.fields }

// Bound is the layer's lon/lat extent; Empty says there is none.
func (l *Layer) Bound() orb.Bound { return l.bound }

// Empty reports whether the layer has no features.
func (l *Layer) Empty() bool { return len(l.features) == 0 }
