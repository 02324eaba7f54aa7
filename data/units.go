package data

import (
	"bufio"
	"fmt"
	"io"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// ReadUnits reads administrative units (leagues and counties, in one file or
// several) from a GeoJSON FeatureCollection of Polygons or MultiPolygons.
func ReadUnits(name string, r io.Reader, opt Options) ([]coverage.Unit, []Problem, error) {
	return readCollection(name, r, opt, "unit", func(rc *record) coverage.Unit {
		code := rc.fields.str("code", false)
		if code == "" {
			code = rc.raw.ID
		}
		rc.fields.id = code
		u := unitFrom(rc.fields, rc.geom.conv)
		rc.setID(u.Code, "code")
		mark := len(rc.fields.ps.list)
		u.Geometry, _ = rc.area()
		if rc.fields.ps.errorsSince(mark) {
			return u
		}
		if u.Level == coverage.LevelCounty && !u.HasSeat && u.Geometry != nil {
			u.Seat, u.HasSeat = u.Geometry.Bound().Center(), true
			rc.fields.ps.warn(rc.raw.N, code, "seat_lon", "no county seat given; the centre of the bounding box stands in for it")
		} else if u.HasSeat && u.Geometry != nil && !geo.Covers(u.Geometry, u.Seat) {
			rc.fields.warn("seat_lon", "seat outside its county: [%v, %v] lies outside the county's outline; records placed by county are drawn there, caravans reach it from there",
				u.Seat[0], u.Seat[1])
		}
		return u
	})
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
		switch {
		case u.Code[2:] == "0000":
			u.Level = coverage.LevelRegion
		case u.Code[4:] == "00":
			u.Level = coverage.LevelLeague
		}
	} else if u.Level != "" {
		fl.oneOf("level", u.Level, coverage.LevelLeague, coverage.LevelCounty, coverage.LevelRegion)
	}
	u.Kind = fl.str("kind", false)
	if u.Kind != "" {
		fl.oneOf("kind", u.Kind, words.UnitKinds()...)
	}
	u.Parent = fl.code("parent", false)
	if u.Level == coverage.LevelRegion {
		u.Parent = ""
	}
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
	} else if u.PopulationUrban+u.PopulationRural > u.Population {
		fl.fail("population", "urban + rural > population: population_urban %d + population_rural %d = %d is more than population %d",
			u.PopulationUrban, u.PopulationRural, u.PopulationUrban+u.PopulationRural, u.Population)
	}
	u.Border = fl.boolean("border")
	u.FormerPoverty = fl.str("former_poverty", false)
	if u.FormerPoverty != "" {
		fl.oneOf("former_poverty", u.FormerPoverty, "national", "regional")
	}
	return u
}

// ReadEvents reads events: a GeoJSON FeatureCollection of Points, a CSV
// file or an .xlsx workbook, told apart by content.
func ReadEvents(name string, r io.Reader, opt Options) ([]coverage.Event, []Problem, error) {
	rs, f, err := openInput(r)
	if err != nil {
		return nil, nil, fmt.Errorf("data: %s: %w", name, err)
	}
	if f != formatGeoJSON {
		return readEventTable(name, bufio.NewReaderSize(rs, 64<<10), opt)
	}
	return readCollection(name, rs, opt, "event", func(rc *record) coverage.Event {
		rc.claimID()
		e := eventFrom(rc.fields)
		if rc.noGeometry() && (rc.fields.has("county") || rc.fields.has("address")) {
			e.Point = rc.opt.eventPlace(rc.fields, "geometry")
		} else {
			e.Point, _ = rc.point()
		}
		return e
	})
}

// eventFrom types an event's properties, reporting bad ones.
func eventFrom(fl fields) coverage.Event {
	e := coverage.Event{ID: fl.id, Props: fl.props}
	e.Kind = valueWord(eventWords, fl.str("kind", true))
	e.Date = fl.date("date")
	e.Facility = fl.str("facility", false)
	e.Name = fl.str("name", false)
	return e
}

// eventPlace is the seat of an event's county (by code, name or address),
// for an event without coordinates.
func (o Options) eventPlace(fl fields, geomField string) orb.Point {
	var f coverage.Facility
	o.locate(fl, &f, orb.Point{}, false, geomField)
	if f.LocatedBy != "" {
		fl.props["located_by"] = f.LocatedBy
		fl.props["county"] = f.County
	}
	return f.Point
}
