package gpkg

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// table describes how one kind of record maps onto its feature table.
type table struct {
	name string   // table name, also the audit kind
	cols []string // typed columns after fid, geom and id, before properties
}

var (
	facilityTable = table{name: "facilities", cols: []string{"name", "category", "status", "floor_area_m2",
		"comprehensive", "reach_km", "vehicle_type", "level", "themes", "county", "opened", "closed"}}
	eventTable = table{name: "events", cols: []string{"kind", "date", "facility", "name"}}
)

func (t table) selectCols() string {
	return "geom, id, " + strings.Join(t.cols, ", ") + ", properties"
}

func (t table) insertSQL() string {
	n := len(t.cols) + 3
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", t.name, t.selectCols(),
		strings.TrimSuffix(strings.Repeat("?, ", n), ", "))
}

func (t table) updateSQL() string {
	var set []string
	for _, c := range append(append([]string{"geom"}, t.cols...), "properties") {
		set = append(set, c+" = ?")
	}
	return fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", t.name, strings.Join(set, ", "))
}

// facilityValues are the facility's column values in selectCols order.
func facilityValues(f coverage.Facility) ([]any, error) {
	geom, err := EncodePoint(f.Point)
	if err != nil {
		return nil, err
	}
	extra, err := extraJSON(f.Props, data.FacilityKeys)
	if err != nil {
		return nil, err
	}
	has := func(key string, zero bool) bool { return !zero || f.Props[key] != nil }
	var themes any
	if len(f.Themes) > 0 {
		themes = strings.Join(f.Themes, ";")
	}
	return []any{geom, f.ID, nullStr(f.Name), f.Category, f.Status,
		maybe(f.FloorArea, has("floor_area_m2", f.FloorArea == 0)),
		maybe(f.Comprehensive, has("comprehensive", !f.Comprehensive)),
		maybe(f.ReachKm, has("reach_km", f.ReachKm == 0)),
		nullStr(f.VehicleType), nullStr(f.Level), themes, nullStr(f.County),
		nullStr(string(f.Opened)), nullStr(string(f.Closed)), extra}, nil
}

// scanFacility reads one row selected with facilityTable.selectCols.
func scanFacility(sc interface{ Scan(...any) error }) (coverage.Facility, error) {
	var (
		f                             coverage.Facility
		geom                          []byte
		name, vehicle, level, themes  sql.NullString
		county, props, opened, closed sql.NullString
		floor, reach                  sql.NullFloat64
		comprehensive                 sql.NullBool
	)
	if err := sc.Scan(&geom, &f.ID, &name, &f.Category, &f.Status, &floor, &comprehensive, &reach,
		&vehicle, &level, &themes, &county, &opened, &closed, &props); err != nil {
		return f, err
	}
	var err error
	if f.Point, err = DecodePoint(geom); err != nil {
		return f, fmt.Errorf("facility %s: geom: %w", f.ID, err)
	}
	f.Name, f.VehicleType, f.Level, f.County = name.String, vehicle.String, level.String, county.String
	f.FloorArea, f.ReachKm, f.Comprehensive = floor.Float64, reach.Float64, comprehensive.Bool
	if f.Opened, err = coverage.ParseWhen(opened.String); err != nil {
		return f, fmt.Errorf("facility %s: opened: %w", f.ID, err)
	}
	if f.Closed, err = coverage.ParseWhen(closed.String); err != nil {
		return f, fmt.Errorf("facility %s: closed: %w", f.ID, err)
	}
	if themes.String != "" {
		f.Themes = strings.Split(themes.String, ";")
	}
	if f.Props, err = decodeExtra(props.String); err != nil {
		return f, fmt.Errorf("facility %s: properties: %w", f.ID, err)
	}
	if f.Props["located_by"] == coverage.LocatedByCounty && f.County != "" {
		f.LocatedBy = coverage.LocatedByCounty
	}
	// Props holds every property, as the readers leave it.
	setIf(f.Props, "floor_area_m2", f.FloorArea, floor.Valid)
	setIf(f.Props, "comprehensive", f.Comprehensive, comprehensive.Valid)
	setIf(f.Props, "reach_km", f.ReachKm, reach.Valid)
	for k, v := range data.FacilityFeature(f).Properties {
		f.Props[k] = v
	}
	return f, nil
}

// eventValues are the event's column values in selectCols order.
func eventValues(e coverage.Event) ([]any, error) {
	geom, err := EncodePoint(e.Point)
	if err != nil {
		return nil, err
	}
	extra, err := extraJSON(e.Props, data.EventKeys)
	if err != nil {
		return nil, err
	}
	return []any{geom, e.ID, e.Kind, e.Date, nullStr(e.Facility), nullStr(e.Name), extra}, nil
}

func scanEvent(sc interface{ Scan(...any) error }) (coverage.Event, error) {
	var (
		e                     coverage.Event
		geom                  []byte
		facility, name, props sql.NullString
	)
	if err := sc.Scan(&geom, &e.ID, &e.Kind, &e.Date, &facility, &name, &props); err != nil {
		return e, err
	}
	var err error
	if e.Point, err = DecodePoint(geom); err != nil {
		return e, fmt.Errorf("event %s: geom: %w", e.ID, err)
	}
	e.Facility, e.Name = facility.String, name.String
	if e.Props, err = decodeExtra(props.String); err != nil {
		return e, fmt.Errorf("event %s: properties: %w", e.ID, err)
	}
	for k, v := range data.EventFeature(e).Properties {
		e.Props[k] = v
	}
	return e, nil
}

// extraJSON is the pass-through properties as a JSON object, or NULL.
func extraJSON(props map[string]any, typed []string) (any, error) {
	extra := data.Extra(props, typed)
	if len(extra) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(extra)
	if err != nil {
		return nil, fmt.Errorf("properties: %w", err)
	}
	return string(b), nil
}

func decodeExtra(s string) (map[string]any, error) {
	out := map[string]any{}
	if s == "" {
		return out, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	return out, dec.Decode(&out)
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func maybe(v any, ok bool) any {
	if !ok {
		return nil
	}
	return v
}

func setIf(m map[string]any, key string, v any, ok bool) {
	if ok {
		m[key] = v
	}
}
