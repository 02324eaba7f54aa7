package data

import (
	"bufio"
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
	// Sheet names the workbook sheet to read; "" for the first.
	Sheet string
	// Columns maps spreadsheet headers to field names, beside the Chinese
	// and English headers known without it (--columns).
	Columns map[string]string
	// Units, when given, place records without coordinates by their county
	// (code or name) or address, at the county seat.
	Units []coverage.Unit
	// ids, when set, is shared by several reads so that an id is unique
	// across files; each reader otherwise checks its own file.
	ids idSet
	// shared, when set, holds ids claimed by earlier reads while ids holds
	// this read's own (so that a pass can be undone).
	shared idSet
	// places indexes Units.
	places *places
	// tolerantOnly skips the one-pass decoder of well-formed input, so tests
	// can check that both paths read the same.
	tolerantOnly bool
}

// idSet holds the ids read so far and where each was first seen.
type idSet map[string]seenAt

// seenAt is where an id was first seen: compact, as a large registry has
// a million of them.
type seenAt struct {
	file string
	n    int32
	rows bool
}

func (s seenAt) where() error {
	return (&problems{file: s.file, rows: s.rows}).where(int(s.n))
}

// withIDs returns options with a fresh id set when none is shared.
func (o Options) withIDs() Options {
	if o.ids == nil {
		o.ids = idSet{}
	}
	if o.places == nil && o.Units != nil {
		o.places = newPlaces(o.Units)
	}
	return o
}

// claim records id as seen at feature n, or reports it as a duplicate.
func (o Options) claim(ps *problems, n int, id, field string) {
	if id == "" {
		return
	}
	first, ok := o.ids[id]
	if !ok {
		first, ok = o.shared[id]
	}
	if ok {
		ps.add(n, id, field, "duplicate: %s already has this %s", first.where(), field)
		return
	}
	o.ids[id] = seenAt{file: ps.file, n: int32(n), rows: ps.rows}
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

// ReadFacilities reads a facility registry: a GeoJSON FeatureCollection of
// Points, a CSV file or an .xlsx workbook, told apart by content. It
// returns every valid facility and the problems of the others, each named by
// file, feature (or spreadsheet row), id and field; a record with an error
// is not returned.
func ReadFacilities(name string, r io.Reader, opt Options) ([]coverage.Facility, []Problem, error) {
	rs, f, err := openInput(r)
	if err != nil {
		return nil, nil, fmt.Errorf("data: %s: %w", name, err)
	}
	if f != formatGeoJSON {
		return readFacilityTable(name, bufio.NewReaderSize(rs, 64<<10), opt)
	}
	return readCollection(name, rs, opt, "facility", func(rc *record) coverage.Facility {
		rc.claimID()
		f := facilityFrom(rc.fields)
		switch {
		case rc.noGeometry() && (rc.fields.has("county") || rc.fields.has("address")):
			rc.opt.locate(rc.fields, &f, orb.Point{}, false, "geometry")
		case rc.noGeometry():
			rc.fields.fail("geometry", "missing (null), and no county or address to place the record by")
		default:
			if pt, ok := rc.point(); ok {
				rc.opt.locate(rc.fields, &f, pt, true, "geometry")
			}
		}
		f.Props = pruneProps(&f)
		return f
	})
}

// pruneProps is what a facility keeps of its properties once typed: the
// pass-through ones, and typed ones only where the typed field cannot tell
// that they were there (a zero floor area given as 0), so that a large
// registry does not keep a map per record. nil when nothing is left.
// FacilityFeature writes the typed fields back over what is kept.
func pruneProps(f *coverage.Facility) map[string]any {
	p := f.Props
	for _, k := range [...]string{"id", "name", "category", "status"} {
		delete(p, k)
	}
	for _, t := range [...]struct {
		key string
		set bool
	}{{"floor_area_m2", f.FloorArea != 0}, {"comprehensive", f.Comprehensive}, {"reach_km", f.ReachKm != 0},
		{"vehicle_type", f.VehicleType != ""}, {"level", f.Level != ""}, {"themes", len(f.Themes) > 0},
		{"county", f.County != ""}, {"opened", f.Opened != ""}, {"closed", f.Closed != ""}} {
		if t.set {
			delete(p, t.key)
		}
	}
	if len(p) == 0 {
		return nil
	}
	return p
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
	f.Category = intern(valueWord(categoryWords, fl.str("category", true)))
	if f.Category != "" {
		fl.oneOfWords("category", f.Category, Categories, categoryWords)
	}
	f.Status = intern(valueWord(statusWords, fl.str("status", false)))
	if f.Status == "" {
		f.Status = coverage.StatusOpen
	} else {
		fl.oneOfWords("status", f.Status, coverage.Statuses, statusWords)
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
	f.Level = intern(valueWord(levelWords, fl.str("level", false)))
	if f.Level != "" && f.Category == coverage.CategoryBase {
		fl.oneOfWords("level", f.Level, baseLevels, levelWords)
	}
	f.Themes = fl.words("themes")
	for i, t := range f.Themes {
		f.Themes[i] = intern(valueWord(themeWords, t))
	}
	fl.dates(&f)
	return f
}

// ReadFacilitiesCSV reads facilities from a table (CSV or a workbook); see
// ReadFacilities, which also takes GeoJSON.
func ReadFacilitiesCSV(name string, r io.Reader, opt Options) ([]coverage.Facility, []Problem, error) {
	return readFacilityTable(name, bufio.NewReaderSize(r, 64<<10), opt)
}
