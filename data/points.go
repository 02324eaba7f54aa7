package data

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kepu/kepu/coverage"
)

// ReadSites reads candidate sites for `kepu suggest --candidates`: a GeoJSON
// FeatureCollection of Points with optional id (or code) and name, or, when
// csvInput, CSV with lon and lat columns and optional id and name. A site
// without an id is numbered S1, S2, ... by its position.
func ReadSites(name string, r io.Reader, csvInput bool, opt Options) ([]coverage.Site, []Problem, error) {
	pts, ps, err := readWeighted(name, r, csvInput, false, opt)
	out := make([]coverage.Site, len(pts))
	for i, p := range pts {
		out[i] = p.site()
	}
	return out, ps, err
}

// ReadDemand reads weighted demand points for `kepu suggest venues
// --demand`: GeoJSON Points with a weight (or population) property, or CSV
// lon,lat,weight (a header row naming them, or none: then the columns are
// lon, lat and weight in that order).
func ReadDemand(name string, r io.Reader, csvInput bool, opt Options) ([]coverage.DemandPoint, []Problem, error) {
	pts, ps, err := readWeighted(name, r, csvInput, true, opt)
	out := make([]coverage.DemandPoint, len(pts))
	for i, p := range pts {
		out[i] = coverage.DemandPoint{Code: p.id, Name: p.name, Point: p.site().Point, Weight: p.weight}
	}
	return out, ps, err
}

type weighted struct {
	id, name string
	lon, lat float64
	weight   float64
}

func (w weighted) site() coverage.Site {
	s := coverage.Site{Code: w.id, Name: w.name}
	s.Point[0], s.Point[1] = w.lon, w.lat
	return s
}

func readWeighted(name string, r io.Reader, csvInput, needWeight bool, opt Options) ([]weighted, []Problem, error) {
	conv, err := opt.converter()
	if err != nil {
		return nil, nil, err
	}
	weigh := func(n int, fl fields, pt [2]float64) weighted {
		w := weighted{id: fl.id, name: fl.str("name", false), lon: pt[0], lat: pt[1]}
		if w.id == "" {
			w.id = fmt.Sprintf("S%d", n)
		}
		if needWeight {
			key := "weight"
			if !fl.has(key) && fl.has("population") {
				key = "population"
			}
			if !fl.has(key) {
				fl.fail("weight", "missing (give weight or population)")
			}
			w.weight = fl.nonNegative(key)
		}
		return w
	}
	if !csvInput {
		return readCollection(name, r, opt, "point", func(rc *record) weighted {
			id := idOf(rc.fields, rc.raw.ID)
			if id == "" && rc.fields.has("code") {
				id = rc.fields.str("code", false)
			}
			rc.fields.id, rc.geom.id = id, id
			pt, _ := rc.point()
			return weigh(rc.raw.N, rc.fields, pt)
		})
	}
	ps := &problems{file: name}
	var out []weighted
	add := func(n int, fl fields, pt [2]float64) { out = append(out, weigh(n, fl, pt)) }
	br := bufio.NewReader(r)
	if head, _ := br.Peek(len(bom)); string(head) == bom {
		br.Discard(len(bom)) // what kepu and Excel write
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cols := map[string]int{"lon": 0, "lat": 1, "weight": 2}
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			ps.add(n+1, "", "", "unreadable CSV row: %v", err)
			break
		}
		if n == 0 {
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
			if _, err := number(json.Number(strings.TrimSpace(rec[0]))); err != nil { // a header row
				cols = map[string]int{}
				for i, h := range rec {
					cols[strings.ToLower(strings.TrimSpace(h))] = i
				}
				if _, ok := cols["lon"]; !ok {
					ps.add(0, "", "lon", "the header has no \"lon\" column")
					return nil, ps.list, nil
				}
				continue
			}
		}
		mark := len(ps.list)
		fl := fields{ps: ps, n: n, props: csvProps(cols, rec)}
		fl.id = idOf(fl, "")
		pt, _ := geomReader{ps: ps, n: n, id: fl.id, conv: conv}.position(csvPosition(cols, rec), "lon/lat")
		k := len(out)
		add(n, fl, pt)
		if ps.errorsSince(mark) {
			out = out[:k]
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
