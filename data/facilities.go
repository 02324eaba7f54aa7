package data

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// Options are the reading options shared by every reader.
type Options struct {
	// CRS names the coordinate system of the input: "" or "wgs84" (also
	// CGCS2000, taken as is), "gcj02" or "bd09" (converted on load).
	CRS string
	// ids, when set, is shared by several reads so that an id is unique
	// across files; each reader otherwise checks its own file.
	ids map[string]string
	// tolerantOnly skips the one-pass decoder of well-formed input, so tests
	// can check that both paths read the same.
	tolerantOnly bool
}

// withIDs returns options with a fresh id set when none is shared.
func (o Options) withIDs() Options {
	if o.ids == nil {
		o.ids = map[string]string{}
	}
	return o
}

// claim records id as seen at feature n, or reports it as a duplicate.
func (o Options) claim(ps *problems, n int, id, field string) {
	if id == "" {
		return
	}
	if first, ok := o.ids[id]; ok {
		ps.add(n, id, field, "duplicate: %s already has this %s", first, field)
		return
	}
	o.ids[id] = fmt.Sprintf("%s feature %d", ps.file, n)
}

func (o Options) converter() (func(orb.Point) orb.Point, error) {
	c, ok := geo.Converter(strings.ToLower(o.CRS))
	if !ok {
		return nil, fmt.Errorf("unknown --crs %q (use wgs84, gcj02 or bd09)", o.CRS)
	}
	return c, nil
}

// baseLevels are the levels a base may have.
var baseLevels = []string{"national", "regional", "league", "county"}

// ReadFacilities reads a GeoJSON FeatureCollection of facility Points. It
// returns every valid facility and the problems of the others, each named by
// file, feature number, id and field; a record with an error is not returned.
func ReadFacilities(name string, r io.Reader, opt Options) ([]coverage.Facility, []Problem, error) {
	return readCollection(name, r, opt, "facility", func(rc *record) coverage.Facility {
		rc.claimID()
		pt, _ := rc.point()
		f := facilityFrom(rc.fields)
		f.Point = pt
		return f
	})
}

// idOf is the record's id: the id property, else the feature id.
func idOf(fl fields, featureID string) string {
	if fl.has("id") {
		return fl.str("id", true)
	}
	return strings.TrimSpace(featureID)
}

// facilityFrom types a facility's properties, reporting bad ones.
func facilityFrom(fl fields) coverage.Facility {
	f := coverage.Facility{ID: fl.id, Props: fl.props}
	f.Name = fl.str("name", false)
	f.Category = fl.str("category", true)
	f.Status = fl.str("status", false)
	if f.Status == "" {
		f.Status = coverage.StatusOpen
	} else {
		fl.oneOf("status", f.Status, coverage.Statuses...)
	}
	f.FloorArea = fl.nonNegative("floor_area_m2")
	f.Comprehensive = fl.boolean("comprehensive")
	if fl.has("reach_km") {
		f.ReachKm = fl.nonNegative("reach_km")
		if f.ReachKm == 0 {
			fl.fail("reach_km", "must be more than 0 (leave it out for the rule's default)")
		}
	}
	f.VehicleType = fl.str("vehicle_type", false)
	f.Level = fl.str("level", false)
	if f.Level != "" && f.Category == coverage.CategoryBase {
		fl.oneOf("level", f.Level, baseLevels...)
	}
	f.Themes = fl.words("themes")
	f.County = fl.code("county", false)
	fl.dates(&f)
	return f
}

// ReadFacilitiesCSV reads facilities from CSV with a header row that has
// lon and lat columns; the other columns are the GeoJSON property names.
// themes may hold several words separated by ';' or '|'.
func ReadFacilitiesCSV(name string, r io.Reader, opt Options) ([]coverage.Facility, []Problem, error) {
	conv, err := opt.converter()
	if err != nil {
		return nil, nil, err
	}
	opt = opt.withIDs()
	ps := &problems{file: name, record: "facility"}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		ps.add(0, "", "", "no header row: %v", err)
		return nil, ps.list, nil
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"lon", "lat"} {
		if _, ok := col[need]; !ok {
			ps.add(0, "", need, "the header has no %q column", need)
			return nil, ps.list, nil
		}
	}
	var out []coverage.Facility
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			ps.add(n, "", "", "unreadable CSV row: %v", err)
			if _, ok := err.(*csv.ParseError); ok {
				continue
			}
			break
		}
		mark := len(ps.list)
		fl := fields{ps: ps, n: n, props: csvProps(col, rec)}
		fl.id = idOf(fl, "")
		if fl.id == "" {
			fl.fail("id", "missing")
		}
		opt.claim(ps, n, fl.id, "id")
		if len(rec) != len(header) {
			fl.fail("", "row has %d fields, the header %d", len(rec), len(header))
		}
		pt, _ := geomReader{ps: ps, n: n, id: fl.id, conv: conv}.position(csvPosition(col, rec), "lon/lat")
		f := facilityFrom(fl)
		f.Point = pt
		if !ps.errorsSince(mark) {
			out = append(out, f)
		}
	}
	return out, ps.list, nil
}

// csvProps is a CSV row's non-empty cells other than lon and lat, by column name.
func csvProps(cols map[string]int, rec []string) map[string]any {
	props := map[string]any{}
	for h, i := range cols {
		if i < len(rec) && h != "lon" && h != "lat" && strings.TrimSpace(rec[i]) != "" {
			props[h] = strings.TrimSpace(rec[i])
		}
	}
	return props
}

// csvPosition is a CSV row's lon and lat as a position to check.
func csvPosition(cols map[string]int, rec []string) []any {
	return []any{json.Number(cell(rec, cols["lon"])), json.Number(cell(rec, cols["lat"]))}
}

func cell(rec []string, i int) string {
	if i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}
