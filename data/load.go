package data

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/embedded"
)

// AttributionFor is the attribution of what was loaded from the sources:
// the embedded data's sources and licences when any of it is in use, else a
// line naming the user's files, whose own sources their makers know.
func AttributionFor(sources []string) string {
	var user []string
	for _, s := range sources {
		if embedded.Is(s) {
			return embedded.Attribution()
		}
		user = append(user, filepath.Base(s))
	}
	return "Data: " + strings.Join(user, ", ") + " (see their own sources and licences). 数据来自所载入的文件，来源与许可见其自身说明。"
}

// Sources says where each input comes from; an empty part falls back to the
// embedded Inner Mongolia data on its own, with two exceptions: giving
// Facilities without Events means no events (a user's registry is never
// mixed with the sample's events), and giving Units without Facilities
// means no facilities and no events (another region's units are never
// mixed with Inner Mongolia's sample); a no_facilities diagnostic says so.
type Sources struct {
	Units       []string
	Facilities  []string
	Events      string
	CRS         string // for the user's files; the embedded data is WGS84
	SkipInvalid bool
	// Sheet names the workbook sheet to read ("" for the first); Columns
	// maps other spreadsheet headers to fields (--sheet, --columns).
	Sheet   string
	Columns map[string]string
}

// Load reads the world. Every record is validated; with errors and without
// SkipInvalid it returns an *InvalidError listing all of them; with
// SkipInvalid the bad records are left out and listed in the diagnostics.
func Load(src Sources) (*coverage.World, error) {
	l := &loader{opt: Options{CRS: src.CRS, Sheet: src.Sheet, Columns: src.Columns}, unitIDs: idSet{},
		facilityIDs: idSet{}, eventIDs: idSet{}}
	if _, err := l.opt.converter(); err != nil {
		return nil, err
	}
	w := &coverage.World{}
	if err := l.units(w, src.Units); err != nil {
		return nil, err
	}
	l.opt.Units = w.Units
	userUnits := len(src.Units) > 0
	if userUnits && len(src.Facilities) == 0 {
		w.Diagnostics = append(w.Diagnostics, coverage.Diagnostic{Code: NoFacilities, Severity: "info",
			Message: NoFacilitiesNotice})
	} else if err := l.facilities(w, src.Facilities); err != nil {
		return nil, err
	}
	events := src.Events
	if events == "" && len(src.Facilities) == 0 && !userUnits {
		events = embedded.Events
	}
	if events != "" {
		if err := l.read(events, l.eventIDs, func(name string, r io.Reader, opt Options) error {
			es, ps, err := ReadEvents(name, r, opt)
			w.Events = append(w.Events, es...)
			l.problems = append(l.problems, ps...)
			return err
		}); err != nil {
			return nil, err
		}
		w.Sources = append(w.Sources, events)
	}
	return w, l.finish(w, src.SkipInvalid)
}

type loader struct {
	opt      Options
	problems []Problem
	// ids are shared per kind of record, so ids are unique across files.
	unitIDs, facilityIDs, eventIDs idSet
}

type readFunc func(name string, r io.Reader, opt Options) error

// read opens a user file or an embedded one and hands it to fn.
func (l *loader) read(name string, ids idSet, fn readFunc) error {
	opt := l.opt
	opt.ids = ids
	if embedded.Is(name) {
		b, err := embedded.ReadFile(name)
		if err != nil {
			return fmt.Errorf("data: %s: %w", name, err)
		}
		opt.CRS = ""
		return fn(name, bytes.NewReader(b), opt)
	}
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("data: %w", err)
	}
	defer f.Close()
	return fn(name, f, opt)
}

func (l *loader) units(w *coverage.World, files []string) error {
	if len(files) == 0 {
		files = []string{embedded.Counties, embedded.Leagues}
	}
	for _, name := range files {
		if err := l.read(name, l.unitIDs, func(name string, r io.Reader, opt Options) error {
			us, ps, err := ReadUnits(name, r, opt)
			w.Units = append(w.Units, us...)
			l.problems = append(l.problems, ps...)
			return err
		}); err != nil {
			return err
		}
		w.Sources = append(w.Sources, name)
	}
	w.Region = regionFrom(w)
	deriveLeagues(w)
	return nil
}

// NoFacilities is the diagnostic code of units given without facilities.
const NoFacilities = "no_facilities"

// NoFacilitiesNotice says what --units without --facilities means.
const NoFacilitiesNotice = "units given without facilities: no facilities and no events are loaded " +
	"(the embedded sample registry goes with the embedded units only); give --facilities to check a registry"

// regionFrom takes the `level: region` units out of the world's units and
// names the region from them, else from the counties' code prefix.
func regionFrom(w *coverage.World) coverage.Region {
	var region *coverage.Unit
	kept := w.Units[:0]
	for i := range w.Units {
		if w.Units[i].Level == coverage.LevelRegion {
			if region == nil {
				u := w.Units[i]
				region = &u
			} else {
				w.Diagnostics = append(w.Diagnostics, coverage.Diagnostic{Code: "region_ignored", Severity: "warning",
					Unit: w.Units[i].Code, Field: "level", Message: "a second level: region feature; the first (" + region.Code + ") names the region"})
			}
			continue
		}
		kept = append(kept, w.Units[i])
	}
	w.Units = kept
	return RegionOf(w.Units, region)
}

// deriveLeagues adds a league for every county parent that has none, summing
// its counties' population, so league rules still apply to county-only input.
func deriveLeagues(w *coverage.World) {
	have := map[string]bool{}
	for _, u := range w.Units {
		if u.Level == coverage.LevelLeague {
			have[u.Code] = true
		}
	}
	added := map[string]int{}
	for _, u := range w.Units {
		if u.Level != coverage.LevelCounty || u.Parent == "" || have[u.Parent] {
			continue
		}
		i, ok := added[u.Parent]
		if !ok {
			name, _ := u.Props["parent_name"].(string)
			if name == "" {
				name = u.Parent
			}
			i = len(w.Units)
			added[u.Parent] = i
			w.Units = append(w.Units, coverage.Unit{Code: u.Parent, Name: name, Level: coverage.LevelLeague, Kind: "league"})
			w.Diagnostics = append(w.Diagnostics, coverage.Diagnostic{Code: "league_derived", Severity: "info", Unit: u.Parent,
				Message: "no league feature given; derived from its counties (population summed, no outline)"})
		}
		lu := &w.Units[i]
		lu.Population += u.Population
		lu.PopulationUrban += u.PopulationUrban
		lu.PopulationRural += u.PopulationRural
	}
}

func (l *loader) facilities(w *coverage.World, files []string) error {
	if len(files) == 0 {
		files = []string{embedded.Facilities}
		w.Sample = true
	}
	for _, name := range files {
		if err := l.read(name, l.facilityIDs, func(name string, r io.Reader, opt Options) error {
			fs, ps, err := ReadFacilities(name, r, opt)
			if w.Facilities == nil {
				w.Facilities = fs // no copy of a large registry
			} else {
				w.Facilities = append(w.Facilities, fs...)
			}
			l.problems = append(l.problems, ps...)
			return err
		}); err != nil {
			return err
		}
		w.Sources = append(w.Sources, name)
	}
	return nil
}

func (l *loader) finish(w *coverage.World, skip bool) error {
	bad := false
	for _, p := range l.problems {
		if !p.Warning {
			bad = true
		}
	}
	if bad && !skip {
		return &InvalidError{Problems: l.problems}
	}
	for _, p := range l.problems {
		code := "input_warning"
		if !p.Warning {
			code = "skipped_invalid"
		}
		w.Diagnostics = append(w.Diagnostics, p.Diagnostic(code))
	}
	return nil
}
