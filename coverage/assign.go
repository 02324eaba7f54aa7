package coverage

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// Model is a World with every facility and event placed in its county: the
// part of an evaluation that does not depend on the rules. Build it once with
// NewModel and Evaluate it under as many rulesets as needed. A Model is
// read-only after construction and safe for concurrent use.
type Model struct {
	World *World
	// Counties and Leagues are indices into World.Units, sorted by code.
	Counties, Leagues []int
	unitByCode        map[string]int
	index             *geo.Index // over Counties, in that order
	// FacilityCounty and EventCounty are the located county code of each
	// facility and event ("" when outside every county).
	FacilityCounty []string
	EventCounty    []string
	// Located holds the facility indices located in each county, by code.
	Located     map[string][]int
	diagnostics []Diagnostic
	bounds      []float64 // of the counties' outlines
}

// NewModel indexes the counties and places every facility and event.
// Location decides membership: the county whose polygon covers the point,
// the lower code when two do. A declared county that disagrees gives a
// county_mismatch diagnostic; a point no county covers gives outside_region.
func NewModel(w *World) *Model {
	m := &Model{World: w, unitByCode: map[string]int{}, Located: map[string][]int{}}
	for i, u := range w.Units {
		m.unitByCode[u.Code] = i
		switch u.Level {
		case LevelCounty:
			m.Counties = append(m.Counties, i)
		case LevelLeague:
			m.Leagues = append(m.Leagues, i)
		}
	}
	byCode := func(idx []int) {
		sort.Slice(idx, func(a, b int) bool { return w.Units[idx[a]].Code < w.Units[idx[b]].Code })
	}
	byCode(m.Counties)
	byCode(m.Leagues)
	geoms := make([]orb.Geometry, len(m.Counties))
	for k, i := range m.Counties {
		geoms[k] = w.Units[i].Geometry
	}
	m.index = geo.NewIndex(geoms)
	m.bounds = bounds(geoms)
	m.placeFacilities()
	m.placeEvents()
	return m
}

// WithRegistry is NewModel of m's world with fs and es as its registry,
// for an edit that leaves the units alone: it shares m's unit tables and
// county index, which depend on the units only, and places fs and es. The
// new model's World is a copy of m's with Facilities and Events replaced.
func (m *Model) WithRegistry(fs []Facility, es []Event) *Model {
	w := *m.World
	w.Facilities, w.Events = fs, es
	n := &Model{World: &w, Counties: m.Counties, Leagues: m.Leagues, unitByCode: m.unitByCode,
		index: m.index, bounds: m.bounds, Located: map[string][]int{}}
	n.placeFacilities()
	n.placeEvents()
	return n
}

func (m *Model) placeFacilities() {
	w := m.World
	m.FacilityCounty = make([]string, len(w.Facilities))
	for i := range w.Facilities {
		f := &w.Facilities[i]
		if f.LocatedBy == LocatedByCounty {
			m.placeByCounty(i)
			continue
		}
		code := m.Locate(f.Point)
		m.FacilityCounty[i] = code
		if code != "" {
			m.checkOverlap(f)
		}
		switch {
		case code == "":
			m.diagnostics = append(m.diagnostics, Diagnostic{Code: "outside_region", Severity: "warning",
				Facility: f.ID, Declared: f.County,
				Message: "no county covers the facility's location; it counts for nothing"})
		case f.County != "" && f.County != code:
			m.diagnostics = append(m.diagnostics, Diagnostic{Code: "county_mismatch", Severity: "warning",
				Facility: f.ID, Declared: f.County, Located: code,
				Message: "the declared county differs from the one that covers the location; location wins"})
		}
		if code != "" {
			m.Located[code] = append(m.Located[code], i)
		}
	}
}

// checkOverlap reports a facility that more than one county covers: the
// counties overlap there, or it lies on their shared boundary. The lower
// code wins (Locate); the diagnostic names the others.
func (m *Model) checkOverlap(f *Facility) {
	all := m.index.All(f.Point)
	if len(all) < 2 {
		return
	}
	codes := make([]string, len(all))
	for k, a := range all {
		codes[k] = m.World.Units[m.Counties[a]].Code
	}
	sort.Strings(codes)
	m.diagnostics = append(m.diagnostics, Diagnostic{Code: "overlapping_counties", Severity: "warning",
		Facility: f.ID, Located: codes[0],
		Message: fmt.Sprintf("counties %s all cover the facility's location (they overlap there, or it lies on their boundary); the lower code, %s, wins",
			strings.Join(codes, ", "), codes[0])})
}

// placeByCounty places facility i, which has no coordinates of its own, in
// its declared county.
func (m *Model) placeByCounty(i int) {
	f := &m.World.Facilities[i]
	if u, ok := m.Unit(f.County); !ok || u.Level != LevelCounty {
		m.diagnostics = append(m.diagnostics, Diagnostic{Code: "outside_region", Severity: "warning",
			Facility: f.ID, Declared: f.County,
			Message: "the facility has no coordinates and its declared county is not among the units; it counts for nothing"})
		return
	}
	m.FacilityCounty[i] = f.County
	m.Located[f.County] = append(m.Located[f.County], i)
	m.diagnostics = append(m.diagnostics, Diagnostic{Code: "located_by_county", Severity: "info",
		Facility: f.ID, Located: f.County,
		Message: "no coordinates: placed in its county by the county or address given, and drawn at the county seat"})
}

func (m *Model) placeEvents() {
	w := m.World
	m.EventCounty = make([]string, len(w.Events))
	ids := make(map[string]bool, len(w.Facilities))
	for i := range w.Facilities {
		ids[w.Facilities[i].ID] = true
	}
	for i := range w.Events {
		e := &w.Events[i]
		code := m.Locate(e.Point)
		m.EventCounty[i] = code
		if code == "" {
			m.diagnostics = append(m.diagnostics, Diagnostic{Code: "outside_region", Severity: "warning",
				Event: e.ID, Message: "no county covers the event's location; it counts for nothing"})
		}
		if e.Facility != "" && !ids[e.Facility] {
			m.diagnostics = append(m.diagnostics, Diagnostic{Code: "unknown_facility", Severity: "info",
				Event: e.ID, Field: "facility", Declared: e.Facility,
				Message: "the event names a facility the registry does not have; the event still counts where it took place"})
		}
	}
}

// CountyOf is the county that counts f, as placing the registry decides
// it: its declared county when it has no coordinates of its own, else the
// county covering its point ("" when none does).
func (m *Model) CountyOf(f *Facility) string {
	if f.LocatedBy == LocatedByCounty {
		if u, ok := m.Unit(f.County); ok && u.Level == LevelCounty {
			return f.County
		}
		return ""
	}
	return m.Locate(f.Point)
}

// Locate is the code of the county covering p ("" when none does).
func (m *Model) Locate(p orb.Point) string {
	k := m.index.First(p)
	if k < 0 {
		return ""
	}
	return m.World.Units[m.Counties[k]].Code
}

// Unit returns the unit with the given code.
func (m *Model) Unit(code string) (*Unit, bool) {
	i, ok := m.unitByCode[code]
	if !ok {
		return nil, false
	}
	return &m.World.Units[i], true
}

// LeagueOf is the league code of a county code ("" when unknown).
func (m *Model) LeagueOf(county string) string {
	if u, ok := m.Unit(county); ok {
		return u.Parent
	}
	return ""
}

// Diagnostics lists the placement problems (county_mismatch, outside_region,
// unknown_facility).
func (m *Model) Diagnostics() []Diagnostic { return m.diagnostics }
