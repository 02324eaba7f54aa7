package data

import (
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb/geojson"
)

// FacilityKeys are the facility properties with a typed field; every other
// property is passed through as read.
var FacilityKeys = []string{"id", "name", "category", "status", "floor_area_m2", "comprehensive",
	"reach_km", "vehicle_type", "level", "themes", "county", "opened", "closed"}

// EventKeys are the event properties with a typed field.
var EventKeys = []string{"id", "kind", "date", "facility", "name"}

// FacilityFeature is the facility as a GeoJSON Point feature: the
// pass-through properties as read, with the typed fields written over them
// in their canonical form (numbers as numbers, themes as a list).
func FacilityFeature(f coverage.Facility) *geojson.Feature {
	g := geojson.NewFeature(f.Point)
	g.ID = f.ID
	p := Extra(f.Props, FacilityKeys)
	p["id"] = f.ID
	p["name"] = f.Name
	p["category"] = f.Category
	p["status"] = f.Status
	put := func(key string, v any, zero bool) {
		if !zero || hasKey(f.Props, key) {
			p[key] = v
		}
	}
	put("floor_area_m2", f.FloorArea, f.FloorArea == 0)
	put("comprehensive", f.Comprehensive, !f.Comprehensive)
	put("reach_km", f.ReachKm, f.ReachKm == 0)
	put("vehicle_type", f.VehicleType, f.VehicleType == "")
	put("level", f.Level, f.Level == "")
	if len(f.Themes) > 0 {
		p["themes"] = append([]string(nil), f.Themes...)
	}
	put("county", f.County, f.County == "")
	put("opened", f.Opened.Value(), f.Opened == "")
	put("closed", f.Closed.Value(), f.Closed == "")
	if f.LocatedBy != "" {
		p["located_by"] = f.LocatedBy // no coordinates: the point is the county seat
	}
	g.Properties = p
	return g
}

// EventFeature is the event as a GeoJSON Point feature.
func EventFeature(e coverage.Event) *geojson.Feature {
	g := geojson.NewFeature(e.Point)
	g.ID = e.ID
	p := Extra(e.Props, EventKeys)
	p["id"] = e.ID
	p["kind"] = e.Kind
	p["date"] = e.Date
	if e.Facility != "" {
		p["facility"] = e.Facility
	}
	if e.Name != "" {
		p["name"] = e.Name
	}
	g.Properties = p
	return g
}

// FacilityCollection is the facilities as a GeoJSON FeatureCollection.
func FacilityCollection(fs []coverage.Facility) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, f := range fs {
		fc.Append(FacilityFeature(f))
	}
	return fc
}

// Extra is a copy of props without the typed keys: the pass-through part.
func Extra(props map[string]any, typed []string) map[string]any {
	out := map[string]any{}
	for k, v := range props {
		if v != nil && !isTyped(k, typed) {
			out[k] = v
		}
	}
	return out
}

func isTyped(key string, typed []string) bool {
	for _, t := range typed {
		if strings.EqualFold(key, t) {
			return true
		}
	}
	return false
}

func hasKey(props map[string]any, key string) bool {
	v, ok := props[key]
	return ok && v != nil
}
