package web

import (
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
	layerLeagues    = "leagues"
	layerCounties   = "counties"
	layerFacilities = "facilities"
	layerReach      = "reach"
)

// layerNames lists the tile layers in drawing order.
func layerNames() []string {
	return []string{layerLeagues, layerCounties, layerFacilities, layerReach}
}

// circleSegments is how many segments a caravan's reach circle has.
const circleSegments = 128

// tileLayer is one vector tile layer's features, projected once onto the
// unit Mercator square with their bounds, ready to be cut into tiles.
type tileLayer struct {
	name        string
	description string
	fields      map[string]string // TileJSON vector_layers fields: name → type
	features    []tileFeature
	bound       orb.Bound // lon/lat extent of the layer
	// zooms holds the features pre-simplified for each low zoom, built on
	// first use: a tile at zoom 3 then starts from 10,000 county points
	// instead of 160,000.
	zooms [presimplifyMaxZoom + 1]struct {
		once     sync.Once
		features []tileFeature
	}
}

// presimplifyMaxZoom is the highest zoom with pre-simplified features;
// beyond it simplification removes little (the boundaries are quantised
// to about 100 m).
const presimplifyMaxZoom = 8

// at returns the layer's features as tiles at zoom z should start from.
func (l *tileLayer) at(z maptile.Zoom) []tileFeature {
	if z > presimplifyMaxZoom {
		return l.features
	}
	zf := &l.zooms[z]
	zf.once.Do(func() {
		zf.features = make([]tileFeature, len(l.features))
		for i, f := range l.features {
			f.geom = geo.SimplifyForZoom(f.geom, z, tileExtent, tileTolerance)
			zf.features[i] = f // bound stays the original's: the tile choice is exact
		}
	})
	return zf.features
}

// tileFeature is a feature in unit-Mercator space. Nothing may modify geom:
// every tile works on its own copy (geo.TileGrid.Geometry copies).
type tileFeature struct {
	id    uint64
	geom  orb.Geometry
	bound orb.Bound // of geom
	props geojson.Properties
}

func (l *tileLayer) add(id uint64, lonlat orb.Geometry, props geojson.Properties) {
	g := geo.ProjectMercatorUnit(lonlat)
	if g == nil {
		return
	}
	if len(l.features) == 0 {
		l.bound = lonlat.Bound()
	} else {
		l.bound = l.bound.Union(lonlat.Bound())
	}
	l.features = append(l.features, tileFeature{id: id, geom: g, bound: g.Bound(), props: props})
}

// buildLayers prepares the four tile layers of a snapshot.
func buildLayers(s *snapshot, rs coverage.Ruleset) map[string]*tileLayer {
	return map[string]*tileLayer{
		layerLeagues:    leaguesLayer(s),
		layerCounties:   countiesLayer(s),
		layerFacilities: facilitiesLayer(s, rs),
		layerReach:      reachLayer(s, rs),
	}
}

func codeID(code string) uint64 {
	n, _ := strconv.ParseUint(code, 10, 64)
	return n
}

func leaguesLayer(s *snapshot) *tileLayer {
	l := &tileLayer{name: layerLeagues, description: "leagues (盟市) with their population",
		fields: map[string]string{"code": "String", "name": "String", "population": "Number"}}
	for _, i := range s.model.Leagues {
		u := &s.world.Units[i]
		if u.Geometry == nil {
			continue
		}
		l.add(codeID(u.Code), u.Geometry, geojson.Properties{"code": u.Code, "name": u.Name, "population": u.Population})
	}
	return l
}

func countiesLayer(s *snapshot) *tileLayer {
	l := &tileLayer{name: layerCounties, description: "county-level units (旗县市区) with their rule results",
		fields: map[string]string{"code": "String", "name": "String", "parent": "String", "kind": "String",
			"population": "Number", "venue_1000": "Boolean", "caravan_reach": "Boolean", "base_distribution": "Boolean",
			"largest_venue_m2": "Number", "bases": "Number", "priority": "Number"}}
	for _, i := range s.model.Counties {
		u := &s.world.Units[i]
		r, ok := s.result.Unit(u.Code)
		if u.Geometry == nil || !ok {
			continue
		}
		l.add(codeID(u.Code), u.Geometry, geojson.Properties{
			"code": u.Code, "name": u.Name, "parent": u.Parent, "kind": u.Kind, "population": u.Population,
			"venue_1000":        r.Rules[coverage.RuleVenue1000].Pass,
			"caravan_reach":     r.Rules[coverage.RuleCaravanReach].Pass,
			"base_distribution": r.Rules[coverage.RuleBaseDistribution].Pass,
			"largest_venue_m2":  r.LargestVenueM2, "bases": r.Bases.Total, "priority": r.Priority,
		})
	}
	return l
}

func facilitiesLayer(s *snapshot, rs coverage.Ruleset) *tileLayer {
	l := &tileLayer{name: layerFacilities, description: "the facility registry (科普场馆, 科普大篷车, 科普教育基地, ...)",
		fields: map[string]string{"id": "String", "name": "String", "category": "String", "status": "String",
			"level": "String", "floor_area_m2": "Number", "reach_km": "Number", "comprehensive": "Boolean",
			"located_county": "String"}}
	for i := range s.world.Facilities {
		f := &s.world.Facilities[i]
		p := geojson.Properties{"id": f.ID, "name": f.Name, "category": f.Category, "status": f.Status}
		if c := s.model.FacilityCounty[i]; c != "" {
			p["located_county"] = c
		}
		if f.Level != "" {
			p["level"] = f.Level
		}
		switch f.Category {
		case coverage.CategoryVenue:
			p["floor_area_m2"] = f.FloorArea
			p["comprehensive"] = f.Comprehensive
		case coverage.CategoryCaravan:
			p["reach_km"] = reachKm(f, rs)
		}
		l.add(uint64(i+1), f.Point, p)
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

// reachLayer draws each open caravan inside the region as the geodesic
// circle it reaches, as caravan_reach measures it.
func reachLayer(s *snapshot, rs coverage.Ruleset) *tileLayer {
	l := &tileLayer{name: layerReach, description: "the geodesic circle each open caravan reaches",
		fields: map[string]string{"id": "String", "name": "String", "reach_km": "Number"}}
	for i := range s.world.Facilities {
		f := &s.world.Facilities[i]
		if f.Category != coverage.CategoryCaravan || !f.Open() || s.model.FacilityCounty[i] == "" {
			continue
		}
		km := reachKm(f, rs)
		l.add(uint64(i+1), geo.Circle(f.Point, km*1000, circleSegments),
			geojson.Properties{"id": f.ID, "name": f.Name, "reach_km": km})
	}
	return l
}
