package data

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"maps"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"
)

// tableColumns says what each column of a table holds.
type tableColumns struct {
	headers []string          // as written
	keys    []string          // the field, or the header as written for a kept property
	labels  map[string]string // field → header as written
}

// mapColumns matches a table's headers to fields: the Chinese words
// (chinese), the English field names (known) and opt.Columns. Two columns
// holding one field are refused.
func mapColumns(ps *problems, header []string, chinese map[string]string, known []string, columns map[string]string) (*tableColumns, bool) {
	tc := &tableColumns{headers: header, keys: make([]string, len(header)), labels: map[string]string{}}
	good := true
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		tc.headers[i] = h
		f := fieldOf(h, chinese, known, columns)
		if f == "" {
			tc.keys[i] = h
			if h == "" {
				tc.keys[i] = "column " + strconv.Itoa(i+1)
			}
			continue
		}
		if first, ok := tc.labels[f]; ok {
			ps.add(0, "", h, "the header has two columns for %s: %q and %q", f, first, h)
			good = false
		}
		tc.keys[i], tc.labels[f] = f, h
	}
	return tc, good
}

func (tc *tableColumns) has(field string) bool { _, ok := tc.labels[field]; return ok }

// headerNames names the header's columns for a message.
func (tc *tableColumns) headerNames() string {
	if len(tc.headers) == 1 {
		return "a single column " + strconv.Quote(tc.headers[0]) + " (kepu reads columns separated by ',', ';' or tab)"
	}
	return quoteList(tc.headers)
}

// requireLocation refuses a header that can place no record: no lon/lat
// and no county or address column, or only one of lon and lat.
func (tc *tableColumns) requireLocation(ps *problems) bool {
	lon, lat := tc.has("lon"), tc.has("lat")
	switch {
	case lon != lat:
		missing := "lat (纬度)"
		if !lon {
			missing = "lon (经度)"
		}
		ps.add(0, "", "", "the header has no %s column beside %s", missing, map[bool]string{true: tc.labels["lon"], false: tc.labels["lat"]}[lon])
		return false
	case !lon && !tc.has("county") && !tc.has("address"):
		ps.add(0, "", "lon", "the header has no \"lon\" and \"lat\" (经度, 纬度) columns, and no county (旗县) or address (地址) column to place records by; it has %s", tc.headerNames())
		return false
	}
	return true
}

// row reads one row's cells into properties by key; cells that are empty
// are left out, as are cells whose bytes are neither UTF-8 nor GB18030
// (reported). Workbook day numbers in date columns become dates.
func (tc *tableColumns) row(ps *problems, t *table, rec []string, props map[string]any) map[string]any {
	clear(props)
	for i, v := range rec {
		if i >= len(tc.keys) {
			if strings.TrimSpace(v) != "" {
				ps.add(t.row, "", "", "column %d has a value (%q) but no header", i+1, v)
			}
			continue
		}
		s, ok := t.text(v)
		if !ok {
			ps.add(t.row, "", tc.headers[i], "bytes that are neither UTF-8 nor GB18030 (save the file as UTF-8 or as GB18030)")
			continue
		}
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		key := tc.keys[i]
		if t.decimalComma && decimalComma(s) {
			s = strings.Replace(s, ",", ".", 1)
		}
		if t.workbook && (key == "opened" || key == "closed" || key == "date") {
			s = workbookDate(s)
		}
		props[key] = s
	}
	return props
}

// workbookDate turns a workbook day number (a cell formatted as a date)
// into YYYY-MM-DD; a year such as 2023, or text, is kept.
func workbookDate(s string) string {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x < 3000 || x > 200000 || math.IsNaN(x) {
		return s
	}
	t, err := excelize.ExcelDateToTime(x, false)
	if err != nil {
		return s
	}
	return t.Format("2006-01-02")
}

// decimalComma reports whether s is a number written with a decimal comma
// (111,6), as files separated by semicolons write them.
func decimalComma(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, ok := strings.Cut(s, ",")
	return ok && whole != "" && frac != "" && strings.Trim(whole, "0123456789") == "" && strings.Trim(frac, "0123456789") == ""
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// eachRow reads a table's rows until its end, handing each non-blank row's
// properties and row number to fn, with mark, the number of problems before
// the row's. A row CSV cannot parse is reported.
//
// The properties map is the same for every row (a large registry would
// otherwise leave a map per record): fn keeps a copy of what it needs.
func eachRow(ps *problems, t *table, tc *tableColumns, fn func(n, mark int, props map[string]any)) {
	props := make(map[string]any, len(tc.keys))
	for {
		rec, err := t.next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			ps.add(t.row, "", "", "unreadable row: %v", err)
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				continue
			}
			return
		}
		if blank(rec) {
			continue
		}
		mark := len(ps.list)
		fn(t.row, mark, tc.row(ps, t, rec, props))
	}
}

// readFacilityTable reads facilities from CSV or a workbook.
func readFacilityTable(name string, br *bufio.Reader, opt Options) ([]coverage.Facility, []Problem, error) {
	conv, err := opt.converter()
	if err != nil {
		return nil, nil, err
	}
	opt = opt.withIDs()
	ps := &problems{file: name, record: "facility", rows: true}
	t, ok := openTable(ps, br, opt)
	if !ok {
		return nil, ps.list, nil
	}
	defer t.Close()
	known := append(append([]string{"lon", "lat", "address", "closed", "located_by"}, FacilityKeys...), opt.fieldsOfColumns()...)
	tc, ok := mapColumns(ps, t.header, facilityHeaders, known, opt.Columns)
	if !ok || !tc.requireLocation(ps) {
		return nil, ps.list, nil
	}
	rowIDs := rowIDPrefix(ps, name, tc)
	var out []coverage.Facility
	eachRow(ps, t, tc, func(n, mark int, props map[string]any) {
		if rowIDs != "" {
			props["id"] = rowIDs + strconv.Itoa(n)
		}
		fl := rowFields(ps, n, mark, props, tc)
		opt.claim(ps, n, fl.id, "id")
		pt, has, given := tablePoint(fl, conv)
		f := facilityFrom(fl)
		if has || !given {
			opt.locate(fl, &f, pt, has, "lon")
		}
		f.Props = maps.Clone(pruneProps(&f))
		f.ID, f.Name = strings.Clone(f.ID), strings.Clone(f.Name) // not the whole CSV line
		if !ps.errorsSince(mark) {
			out = appendDoubling(out, f)
		}
	})
	return out, ps.list, nil
}

// rowIDPrefix is how records of a sheet without an id (编号) column are
// named: by the file and the row a person sees (台账.xlsx row 12 is
// 台账-R12), said once as a warning. It is "" when the sheet has ids.
// Such ids last only while rows stay where they are, so the warning says
// how to keep them.
func rowIDPrefix(ps *problems, name string, tc *tableColumns) string {
	if tc.has("id") {
		return ""
	}
	stem := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	ps.warn(0, "", "id", "no 编号 (id) column: each record is named by its row (%s-R2 is row 2); "+
		"add an 编号 column to keep the names when rows move (kepu import --merge matches by id)", stem)
	return stem + "-R"
}

// rowFields are a row's fields, named by their id; the row's earlier
// problems (since mark) get the id too.
func rowFields(ps *problems, n, mark int, props map[string]any, tc *tableColumns) fields {
	fl := fields{ps: ps, n: n, props: props, labels: tc.labels}
	fl.id = idOf(fl, "")
	if fl.id == "" {
		fl.fail("id", "missing")
	}
	for i := mark; i < len(ps.list); i++ {
		ps.list[i].ID = fl.id
	}
	return fl
}

// fieldsOfColumns are the fields --columns maps headers to.
func (o Options) fieldsOfColumns() []string {
	var out []string
	for _, f := range o.Columns {
		out = append(out, f)
	}
	return out
}

// tablePoint reads a row's lon and lat cells (taking them out of the
// properties). has is false when both are empty or one is bad (reported);
// given is false when both are empty.
func tablePoint(fl fields, conv func(orb.Point) orb.Point) (pt orb.Point, has, given bool) {
	lonIn, latIn := fl.has("lon"), fl.has("lat")
	if !lonIn && !latIn {
		return orb.Point{}, false, false
	}
	pt, has = tableLonLat(fl, conv, lonIn, latIn)
	return pt, has, true
}

func tableLonLat(fl fields, conv func(orb.Point) orb.Point, lonIn, latIn bool) (orb.Point, bool) {
	if lonIn != latIn {
		missing, given := "lat", "lon"
		if !lonIn {
			missing, given = "lon", "lat"
		}
		fl.fail(missing, "empty, but %s is given", fl.label(given))
		return orb.Point{}, false
	}
	lon, ok1 := fl.num("lon")
	lat, ok2 := fl.num("lat")
	delete(fl.props, "lon")
	delete(fl.props, "lat")
	if !ok1 || !ok2 {
		return orb.Point{}, false
	}
	p := orb.Point{lon, lat}
	swapped := lat >= -180 && lat <= 180 && lon >= -90 && lon <= 90
	switch {
	case lon < -180 || lon > 180 || lat < -90 || lat > 90:
		hint := ""
		if swapped {
			hint = ": longitude and latitude swapped?"
		}
		fl.fail("lon", "[%v, %v] is out of range (longitude -180..180, latitude -90..90)%s", lon, lat, hint)
		return orb.Point{}, false
	case inChina(orb.Point{lat, lon}) && !inChina(p):
		fl.warn("lon", "[%v, %v] lies outside China, [%v, %v] inside: longitude and latitude swapped?", lon, lat, lat, lon)
	}
	return conv(p), true
}

// inChina is a rough box around China, for the swapped-coordinates hint.
func inChina(p orb.Point) bool { return p[0] >= 73 && p[0] <= 136 && p[1] >= 3 && p[1] <= 54 }

// readEventTable reads events from CSV or a workbook.
func readEventTable(name string, br *bufio.Reader, opt Options) ([]coverage.Event, []Problem, error) {
	conv, err := opt.converter()
	if err != nil {
		return nil, nil, err
	}
	opt = opt.withIDs()
	ps := &problems{file: name, record: "event", rows: true}
	t, ok := openTable(ps, br, opt)
	if !ok {
		return nil, ps.list, nil
	}
	defer t.Close()
	known := append(append([]string{"lon", "lat", "address", "county"}, EventKeys...), opt.fieldsOfColumns()...)
	tc, ok := mapColumns(ps, t.header, eventHeaders, known, opt.Columns)
	if !ok || !tc.requireLocation(ps) {
		return nil, ps.list, nil
	}
	var out []coverage.Event
	eachRow(ps, t, tc, func(n, mark int, props map[string]any) {
		fl := rowFields(ps, n, mark, props, tc)
		opt.claim(ps, n, fl.id, "id")
		pt, _, given := tablePoint(fl, conv)
		e := eventFrom(fl)
		e.Point = pt
		if !given {
			e.Point = opt.eventPlace(fl, "lon")
		}
		e.Props = maps.Clone(e.Props)
		if !ps.errorsSince(mark) {
			out = append(out, e)
		}
	})
	return out, ps.list, nil
}
