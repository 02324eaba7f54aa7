// Package coverage is kepu's domain: administrative units, facilities and
// events; the plan's rules and their evaluation place by place; the gap list
// with its priority. It knows nothing of files, HTTP or flags.
package coverage

import "github.com/paulmach/orb"

// Unit levels.
const (
	LevelLeague = "league"
	LevelCounty = "county"
	LevelRegion = "region"
)

// RegionCode and RegionName name Inner Mongolia, the embedded data's region
// (see InnerMongolia); results name the region of the data they evaluate.
const (
	RegionCode = "150000"
	RegionName = "内蒙古自治区"
)

// Facility categories and statuses with a meaning to the rules.
const (
	CategoryVenue   = "venue"
	CategoryCaravan = "caravan"
	CategoryBase    = "base"

	StatusOpen              = "open"
	StatusUnderConstruction = "under_construction"
	StatusPlanned           = "planned"
	StatusClosed            = "closed"
)

// Event kinds with a meaning to the rules.
const (
	EventMobileMuseum = "mobile_museum"
	EventCaravanVisit = "caravan_visit"
)

// Statuses lists every status a facility may have.
var Statuses = []string{StatusOpen, StatusUnderConstruction, StatusPlanned, StatusClosed}

// Unit is a league or a county-level unit (banner, county, city, district).
type Unit struct {
	Code            string       `json:"code"`
	Name            string       `json:"name"`
	Level           string       `json:"level"`
	Kind            string       `json:"kind,omitempty"`
	Parent          string       `json:"parent,omitempty"`
	Seat            orb.Point    `json:"-"`
	HasSeat         bool         `json:"-"`
	Population      int          `json:"population"`
	PopulationUrban int          `json:"population_urban"`
	PopulationRural int          `json:"population_rural"`
	Border          bool         `json:"border"`
	FormerPoverty   string       `json:"former_poverty,omitempty"`
	Geometry        orb.Geometry `json:"-"`
	// Props holds every property as read, known or not, for pass-through.
	Props map[string]any `json:"-"`
}

// Facility is one entry of the registry: a venue, caravan, base or other.
type Facility struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Category      string    `json:"category"`
	Status        string    `json:"status"`
	FloorArea     float64   `json:"floor_area_m2,omitempty"`
	Comprehensive bool      `json:"comprehensive,omitempty"`
	ReachKm       float64   `json:"reach_km,omitempty"` // 0: the rule's default
	VehicleType   string    `json:"vehicle_type,omitempty"`
	Level         string    `json:"level,omitempty"`
	Themes        []string  `json:"themes,omitempty"`
	County        string    `json:"county,omitempty"` // as declared
	Opened        When      `json:"opened,omitempty"` // a year or a date; see CountsAsOf
	Closed        When      `json:"closed,omitempty"`
	Point         orb.Point `json:"-"`
	// LocatedBy is "county" for a record without coordinates placed in its
	// declared county (County) and drawn at the county seat; "" otherwise.
	LocatedBy string `json:"located_by,omitempty"`
	// Props holds every property as read, known or not, for pass-through.
	Props map[string]any `json:"-"`
}

// LocatedByCounty is Facility.LocatedBy for a record placed by its county.
const LocatedByCounty = "county"

// Open reports whether the facility's status is open. Whether it counts on
// a given day is CountsAsOf.
func (f *Facility) Open() bool { return f.Status == StatusOpen }

// Pipeline reports whether the facility is under construction or planned.
func (f *Facility) Pipeline() bool {
	return f.Status == StatusUnderConstruction || f.Status == StatusPlanned
}

// HasTheme reports whether any of the facility's themes is in themes.
func (f *Facility) HasTheme(themes []string) bool {
	for _, t := range f.Themes {
		for _, w := range themes {
			if t == w {
				return true
			}
		}
	}
	return false
}

// Event is a dated happening at a place: a mobile-museum stop, a caravan visit.
type Event struct {
	ID       string         `json:"id"`
	Kind     string         `json:"kind"`
	Date     string         `json:"date"` // YYYY-MM-DD
	Facility string         `json:"facility,omitempty"`
	Name     string         `json:"name"`
	Point    orb.Point      `json:"-"`
	Props    map[string]any `json:"-"`
}

// World is everything the rules are evaluated on.
type World struct {
	Units      []Unit
	Facilities []Facility
	Events     []Event
	// Region names the territory the units cover (set by the loader; an
	// empty Region is taken as Inner Mongolia's).
	Region Region
	// Sample is true when the registry is the synthetic sample (示例数据).
	Sample bool
	// Sources names where each part came from, for provenance.
	Sources []string
	// RecordedAt, when set, says the registry is the store's audit replayed
	// up to that day (kepu check --db F --recorded-at D) rather than the
	// records' declared opened and closed dates alone.
	RecordedAt string
	// Diagnostics are the problems met while loading that did not stop it.
	Diagnostics []Diagnostic
}

// Basis values of Result.AsOfBasis.
const (
	BasisDeclared = "declared"
	BasisRecorded = "recorded"
)

func (w *World) basis() string {
	if w.RecordedAt != "" {
		return BasisRecorded
	}
	return BasisDeclared
}

// Diagnostic is a problem with the input, named precisely enough to find it.
type Diagnostic struct {
	Code     string `json:"code"`
	Severity string `json:"severity,omitempty"` // "error", "warning" or "info"
	File     string `json:"file,omitempty"`
	Feature  int    `json:"feature,omitempty"` // 1-based position in its file
	Row      int    `json:"row,omitempty"`     // spreadsheet row (header = row 1)
	Facility string `json:"facility,omitempty"`
	Unit     string `json:"unit,omitempty"`
	Event    string `json:"event,omitempty"`
	Field    string `json:"field,omitempty"`
	Declared string `json:"declared,omitempty"`
	Located  string `json:"located,omitempty"`
	Message  string `json:"message,omitempty"`
}
