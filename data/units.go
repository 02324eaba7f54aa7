package data

import (
	"fmt"
	"io"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

var unitKinds = []string{"league", "city", "banner", "autonomous_banner", "county", "district"}

// ReadUnits reads administrative units (leagues and counties, in one file or
// several) from a GeoJSON FeatureCollection of Polygons or MultiPolygons.
func ReadUnits(name string, r io.Reader, opt Options) ([]coverage.Unit, []Problem, error) {
	conv, err := opt.converter()
	if err != nil {
		return nil, nil, err
	}
	opt = opt.withIDs()
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("data: %s: %w", name, err)
	}
	ps := &problems{file: name, record: "unit"}
	var out []coverage.Unit
	for _, rf := range decodeCollection(ps, b) {
		mark := len(ps.list)
		fl := fields{ps: ps, n: rf.N, props: rf.Props}
		fl.id = fl.str("code", false)
		if fl.id == "" {
			fl.id = rf.ID
		}
		u := unitFrom(fl, conv)
		opt.claim(ps, rf.N, u.Code, "code")
		u.Geometry, _ = geomReader{ps: ps, n: rf.N, id: u.Code, conv: conv}.Area(rf.Geometry)
		if u.Level == coverage.LevelCounty && !u.HasSeat && u.Geometry != nil {
			u.Seat, u.HasSeat = u.Geometry.Bound().Center(), true
			fl.ps.warn(fl.n, fl.id, "seat_lon", "no county seat given; the centre of the bounding box stands in for it")
		}
		if !ps.errorsSince(mark) {
			out = append(out, u)
		}
	}
	return out, ps.list, nil
}

func unitFrom(fl fields, conv func(orb.Point) orb.Point) coverage.Unit {
	u := coverage.Unit{Props: fl.props}
	u.Code = fl.id
	if !isCode(u.Code) {
		fl.fail("code", "%q is not a 6-digit administrative code", u.Code)
	}
	u.Name = fl.str("name", true)
	u.Level = fl.str("level", false)
	if u.Level == "" && isCode(u.Code) {
		u.Level = coverage.LevelCounty
		if u.Code[4:] == "00" {
			u.Level = coverage.LevelLeague
		}
	} else if u.Level != "" {
		fl.oneOf("level", u.Level, coverage.LevelLeague, coverage.LevelCounty)
	}
	u.Kind = fl.str("kind", false)
	if u.Kind != "" {
		fl.oneOf("kind", u.Kind, unitKinds...)
	}
	u.Parent = fl.code("parent", false)
	if u.Level == coverage.LevelCounty && u.Parent == "" && isCode(u.Code) {
		u.Parent = u.Code[:4] + "00"
		fl.ps.warn(fl.n, fl.id, "parent", "missing; taken from the code as %s", u.Parent)
	}
	if fl.has("seat_lon") || fl.has("seat_lat") {
		lon, ok1 := fl.num("seat_lon")
		lat, ok2 := fl.num("seat_lat")
		switch {
		case !ok1 || !ok2:
			fl.fail("seat_lon", "seat_lon and seat_lat must both be numbers")
		case lon < -180 || lon > 180 || lat < -90 || lat > 90:
			fl.fail("seat_lon", "seat [%v, %v] is out of range", lon, lat)
		default:
			u.Seat, u.HasSeat = conv(orb.Point{lon, lat}), true
		}
	}
	for _, c := range []struct {
		key string
		dst *int
	}{{"population", &u.Population}, {"population_urban", &u.PopulationUrban}, {"population_rural", &u.PopulationRural}} {
		if v, ok := fl.integer(c.key); ok {
			if v < 0 {
				fl.fail(c.key, "%d must not be negative", v)
			}
			*c.dst = v
		}
	}
	if u.PopulationUrban+u.PopulationRural > 0 && u.Population == 0 {
		u.Population = u.PopulationUrban + u.PopulationRural
	}
	u.Border = fl.boolean("border")
	u.FormerPoverty = fl.str("former_poverty", false)
	if u.FormerPoverty != "" {
		fl.oneOf("former_poverty", u.FormerPoverty, "national", "regional")
	}
	return u
}

// ReadEvents reads events from a GeoJSON FeatureCollection of Points.
func ReadEvents(name string, r io.Reader, opt Options) ([]coverage.Event, []Problem, error) {
	conv, err := opt.converter()
	if err != nil {
		return nil, nil, err
	}
	opt = opt.withIDs()
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("data: %s: %w", name, err)
	}
	ps := &problems{file: name, record: "event"}
	var out []coverage.Event
	for _, rf := range decodeCollection(ps, b) {
		mark := len(ps.list)
		fl := fields{ps: ps, n: rf.N, props: rf.Props}
		fl.id = idOf(fl, rf.ID)
		if fl.id == "" {
			fl.fail("id", "missing")
		}
		opt.claim(ps, rf.N, fl.id, "id")
		e := coverage.Event{ID: fl.id, Props: fl.props}
		e.Kind = fl.str("kind", true)
		e.Date = fl.date("date")
		e.Facility = fl.str("facility", false)
		e.Name = fl.str("name", false)
		e.Point, _ = geomReader{ps: ps, n: rf.N, id: fl.id, conv: conv}.Point(rf.Geometry)
		if !ps.errorsSince(mark) {
			out = append(out, e)
		}
	}
	return out, ps.list, nil
}
