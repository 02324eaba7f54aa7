package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb"
)

// rawFeature is one feature of a collection before its properties are typed.
type rawFeature struct {
	N        int // 1-based position in the file
	ID       string
	Props    map[string]any
	Geometry json.RawMessage
	// parsed is the geometry already decoded by the fast path (nil otherwise).
	parsed *rawGeometry
	// dupKeys are keys that appear twice in one object of the feature.
	dupKeys []string
}

// record is one feature being turned into a typed record: its properties,
// its geometry reader and the shared id set.
type record struct {
	raw    rawFeature
	fields fields
	geom   geomReader
	opt    Options
}

// claimID takes the record's id (the id property, else the feature id),
// reports it missing or duplicate, and returns it.
func (rc *record) claimID() string {
	id := idOf(rc.fields, rc.raw.ID)
	if id == "" {
		rc.fields.fail("id", "missing")
	}
	rc.setID(id, "id")
	return id
}

// setID names the record by id in every later problem and claims it.
func (rc *record) setID(id, field string) {
	rc.fields.id, rc.geom.id = id, id
	rc.opt.claim(rc.fields.ps, rc.raw.N, id, field)
}

// point decodes the record's Point geometry.
func (rc *record) point() (orb.Point, bool) {
	if rc.raw.parsed != nil {
		return rc.geom.pointOf(*rc.raw.parsed)
	}
	return rc.geom.Point(rc.raw.Geometry)
}

// noGeometry reports whether the feature's geometry is null or absent.
func (rc *record) noGeometry() bool {
	return rc.raw.parsed == nil && (len(rc.raw.Geometry) == 0 || string(rc.raw.Geometry) == "null")
}

// area decodes the record's Polygon or MultiPolygon geometry.
func (rc *record) area() (orb.Geometry, bool) {
	if rc.raw.parsed != nil {
		return rc.geom.areaOf(*rc.raw.parsed)
	}
	return rc.geom.Area(rc.raw.Geometry)
}

// readCollection reads a GeoJSON input and decodes each feature with
// decode, keeping only the records that have no error. Well-formed input
// is decoded a feature at a time; anything else is read whole, the
// tolerant way, which names what is wrong.
func readCollection[T any](name string, r io.Reader, opt Options, kind string, decode func(rc *record) T) ([]T, []Problem, error) {
	conv, err := opt.converter()
	if err != nil {
		return nil, nil, err
	}
	opt = opt.withIDs()
	rs, _, err := openInput(r)
	if err != nil {
		return nil, nil, fmt.Errorf("data: %s: %w", name, err)
	}
	start, _ := rs.Seek(0, io.SeekCurrent)
	ps := &problems{file: name, record: kind}
	var out []T
	one := func(rf rawFeature, opt Options) {
		mark := len(ps.list)
		rc := &record{raw: rf, opt: opt,
			fields: fields{ps: ps, n: rf.N, props: rf.Props},
			geom:   geomReader{ps: ps, n: rf.N, conv: conv}}
		v := decode(rc)
		for _, k := range rf.dupKeys {
			ps.add(rf.N, rc.fields.id, k, "the key %q appears twice in one object; readers disagree on which value counts, so kepu takes neither", k)
		}
		if !ps.errorsSince(mark) {
			out = appendDoubling(out, v)
		}
	}
	if !opt.tolerantOnly {
		// The pass claims ids in a set of its own (unless none were
		// claimed before), so that it can be undone.
		sopt, fresh := opt, len(opt.ids) == 0
		if !fresh {
			sopt.ids, sopt.shared = idSet{}, opt.ids
		}
		if streamCollection(rs, func(rf rawFeature) { one(rf, sopt) }) {
			if !fresh {
				for k, v := range sopt.ids {
					opt.ids[k] = v
				}
			}
			return out, ps.list, nil
		}
		// Not well-formed: undo and read it whole.
		if fresh {
			clear(opt.ids)
		}
		out, ps.list = nil, nil
		if _, err := rs.Seek(start, io.SeekStart); err != nil {
			return nil, nil, fmt.Errorf("data: %s: %w", name, err)
		}
	}
	b, err := io.ReadAll(rs)
	if err != nil {
		return nil, nil, fmt.Errorf("data: %s: %w", name, err)
	}
	for _, rf := range decodeCollection(ps, b, false) {
		one(rf, opt)
	}
	return out, ps.list, nil
}

// appendDoubling is append that doubles a full slice: plain append grows a
// large slice by a quarter at a time, which for a million records
// allocates five times the final slice.
func appendDoubling[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		grown := make([]T, len(s), max(16, 2*cap(s)))
		copy(grown, s)
		s = grown
	}
	return append(s, v)
}

// decodeCollection reads a GeoJSON FeatureCollection (or a single Feature)
// without trusting it: a byte-order mark is dropped, bare NaN and Infinity
// tokens become strings that the field checks then name, a crs member other
// than WGS84/CGCS2000 is refused, and a feature that is not an object is a
// problem of its own rather than the end of the file.
func decodeCollection(ps *problems, b []byte, fast bool) []rawFeature {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = quoteNonFinite(b)
	var dups map[int][]string
	if json.Valid(b) {
		dups = duplicateKeys(b)
		if keys := dups[0]; len(keys) > 0 {
			for _, k := range keys {
				ps.add(0, "", k, "the key %q appears twice in one object; readers disagree on which value counts, so kepu takes neither", k)
			}
			return nil
		}
	}
	fs := decodeFeatures(ps, b, fast)
	for i := range fs {
		fs[i].dupKeys = dups[fs[i].N]
	}
	return fs
}

// decodeFeatures is decodeCollection after the checks of the whole text.
func decodeFeatures(ps *problems, b []byte, fast bool) []rawFeature {
	if fs, ok := decodeWellFormed(ps, b); fast && ok {
		return fs
	}
	var top struct {
		Type       string          `json:"type"`
		CRS        json.RawMessage `json:"crs"`
		Features   json.RawMessage `json:"features"`
		Properties json.RawMessage `json:"properties"`
		Geometry   json.RawMessage `json:"geometry"`
		ID         any             `json:"id"`
	}
	if len(bytes.TrimSpace(b)) == 0 {
		ps.add(0, "", "", "the file is empty")
		return nil
	}
	if err := json.Unmarshal(b, &top); err != nil {
		ps.add(0, "", "", "not valid JSON: %s", jsonError(b, err))
		return nil
	}
	if err := checkCRS(top.CRS); err != nil {
		ps.add(0, "", "crs", "%v", err)
		return nil
	}
	var features []json.RawMessage
	switch top.Type {
	case "FeatureCollection":
		if len(top.Features) == 0 || string(top.Features) == "null" {
			what := "missing"
			if len(top.Features) > 0 {
				what = "null"
			}
			ps.add(0, "", "features", "%s: a FeatureCollection needs a features array ([] when it has none)", what)
			return nil
		}
		if err := json.Unmarshal(top.Features, &features); err != nil {
			ps.add(0, "", "features", "not an array of features: %v", err)
			return nil
		}
	case "Feature":
		one, _ := json.Marshal(map[string]any{"type": "Feature", "id": top.ID, "properties": top.Properties, "geometry": top.Geometry})
		features = []json.RawMessage{one}
	default:
		ps.add(0, "", "type", "%q is not a FeatureCollection", top.Type)
		return nil
	}
	var out []rawFeature
	for i, raw := range features {
		n := i + 1
		var f struct {
			Type       string          `json:"type"`
			ID         any             `json:"id"`
			Properties json.RawMessage `json:"properties"`
			Geometry   json.RawMessage `json:"geometry"`
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			ps.add(n, "", "", "not a feature object: %v", err)
			out = append(out, rawFeature{N: n})
			continue
		}
		props := map[string]any{}
		if len(f.Properties) > 0 && string(f.Properties) != "null" {
			dec := json.NewDecoder(bytes.NewReader(f.Properties))
			dec.UseNumber()
			if err := dec.Decode(&props); err != nil {
				ps.add(n, "", "properties", "not an object: %v", err)
			}
		}
		rf := rawFeature{N: n, Props: props, Geometry: f.Geometry}
		if f.ID != nil {
			rf.ID = fmt.Sprint(f.ID)
		}
		if f.Type != "Feature" {
			ps.add(n, rf.ID, "type", "%q is not a Feature", f.Type)
		}
		out = append(out, rf)
	}
	return out
}

// decodeWellFormed reads a well-formed FeatureCollection in one pass, with
// every geometry decoded down to its raw coordinates. It reports false,
// having reported nothing, when the input is anything else; decodeCollection
// then goes feature by feature to name the problem.
func decodeWellFormed(ps *problems, b []byte) ([]rawFeature, bool) {
	var top struct {
		Type     string          `json:"type"`
		CRS      json.RawMessage `json:"crs"`
		Features []struct {
			Type       string          `json:"type"`
			ID         any             `json:"id"`
			Properties json.RawMessage `json:"properties"`
			Geometry   *rawGeometry    `json:"geometry"`
		} `json:"features"`
	}
	if json.Unmarshal(b, &top) != nil || top.Type != "FeatureCollection" || top.Features == nil || checkCRS(top.CRS) != nil {
		return nil, false
	}
	out := make([]rawFeature, 0, len(top.Features))
	for i, f := range top.Features {
		rf := rawFeature{N: i + 1, Props: map[string]any{}, Geometry: json.RawMessage("null"), parsed: f.Geometry}
		if f.Type != "Feature" {
			return nil, false
		}
		if f.ID != nil {
			rf.ID = fmt.Sprint(f.ID)
		}
		if len(f.Properties) > 0 && string(f.Properties) != "null" {
			dec := json.NewDecoder(bytes.NewReader(f.Properties))
			dec.UseNumber()
			if dec.Decode(&rf.Props) != nil {
				return nil, false
			}
		}
		out = append(out, rf)
	}
	return out, true
}

// checkCRS accepts no crs member, or one naming WGS84 or CGCS2000 geographic
// coordinates; anything else would put points in the wrong place.
func checkCRS(raw json.RawMessage) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var c struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		return fmt.Errorf("unreadable crs member: %v", err)
	}
	name := strings.ToUpper(c.Properties.Name)
	for _, ok := range []string{"CRS84", "EPSG::4326", "EPSG:4326", "EPSG::4490", "EPSG:4490", "WGS84", "CGCS2000"} {
		if strings.HasSuffix(name, ok) || name == ok {
			return nil
		}
	}
	return fmt.Errorf("coordinate system %q is not supported: kepu reads WGS84 (EPSG:4326) or CGCS2000 (EPSG:4490) longitude/latitude; reproject first, or use --crs gcj02|bd09 for Chinese web-map coordinates", c.Properties.Name)
}

// jsonError says where a syntax error is, as line and column.
func jsonError(b []byte, err error) string {
	var se *json.SyntaxError
	off := int64(-1)
	if errors.As(err, &se) {
		off = se.Offset
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		off = te.Offset
	}
	if strings.Contains(err.Error(), "unexpected end of JSON input") {
		return "truncated: the file ends before the JSON is complete"
	}
	if off < 0 || off > int64(len(b)) {
		return err.Error()
	}
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	col := off - int64(bytes.LastIndexByte(b[:off], '\n'))
	return fmt.Sprintf("%v (line %d, column %d)", err, line, col)
}

// quoteNonFinite rewrites bare NaN, Infinity and -Infinity tokens (which
// some writers emit and JSON forbids) as strings, so that the field that
// holds them can be named instead of failing the whole file.
func quoteNonFinite(b []byte) []byte {
	if !bytes.Contains(b, []byte("NaN")) && !bytes.Contains(b, []byte("Infinity")) {
		return b
	}
	var out bytes.Buffer
	inString, escaped := false, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inString {
			out.WriteByte(c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		if c == '"' {
			inString = true
			out.WriteByte(c)
			continue
		}
		matched := false
		for _, tok := range []string{"NaN", "-Infinity", "Infinity"} {
			if bytes.HasPrefix(b[i:], []byte(tok)) {
				out.WriteString(`"` + tok + `"`)
				i += len(tok) - 1
				matched = true
				break
			}
		}
		if !matched {
			out.WriteByte(c)
		}
	}
	return out.Bytes()
}
