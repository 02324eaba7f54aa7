package data

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// openInput makes r rewindable, reading it whole only when it cannot seek,
// and tells by its first bytes what it holds.
func openInput(r io.Reader) (io.ReadSeeker, format, error) {
	rs, ok := r.(io.ReadSeeker)
	if !ok {
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, 0, err
		}
		rs = bytes.NewReader(b)
	}
	start, err := rs.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, 0, err
	}
	f := sniff(bufio.NewReaderSize(rs, 512))
	if _, err := rs.Seek(start, io.SeekStart); err != nil {
		return nil, 0, err
	}
	return rs, f, nil
}

// streamCollection decodes a well-formed FeatureCollection one feature at
// a time, handing each to fn, so that a large file is never held whole. It
// reports false at the first thing that is not well-formed (NaN, a
// duplicate top-level key, a crs kepu refuses, trailing bytes, ...); the
// caller then undoes what fn did and reads the file the tolerant way, which
// names the problem.
func streamCollection(r io.Reader, fn func(rf rawFeature)) bool {
	br := bufio.NewReaderSize(r, 256<<10)
	if b, _ := br.Peek(len(bom)); string(b) == bom {
		br.Discard(len(bom))
	}
	dec := json.NewDecoder(br)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	seen := map[string]bool{}
	var typ string
	for dec.More() {
		t, err := dec.Token()
		key, ok := t.(string)
		if err != nil || !ok || seen[key] {
			return false
		}
		seen[key] = true
		switch key {
		case "type":
			if dec.Decode(&typ) != nil || typ != "FeatureCollection" {
				return false
			}
		case "crs":
			var raw json.RawMessage
			if dec.Decode(&raw) != nil || checkCRS(raw) != nil {
				return false
			}
		case "features":
			if !streamFeatures(dec, fn) {
				return false
			}
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return false
			}
		}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return false
	}
	if _, err := dec.Token(); err != io.EOF {
		return false // trailing bytes
	}
	return typ == "FeatureCollection" && seen["features"]
}

func streamFeatures(dec *json.Decoder, fn func(rf rawFeature)) bool {
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return false
	}
	for n := 1; dec.More(); n++ {
		var raw json.RawMessage
		if dec.Decode(&raw) != nil {
			return false
		}
		rf, ok := wellFormedFeature(raw, n)
		if !ok {
			return false
		}
		fn(rf)
	}
	t, err := dec.Token()
	return err == nil && t == json.Delim(']')
}

// wellFormedFeature decodes one feature as decodeWellFormed does.
func wellFormedFeature(raw json.RawMessage, n int) (rawFeature, bool) {
	var f struct {
		Type       string          `json:"type"`
		ID         any             `json:"id"`
		Properties json.RawMessage `json:"properties"`
		Geometry   *rawGeometry    `json:"geometry"`
	}
	if json.Unmarshal(raw, &f) != nil || f.Type != "Feature" {
		return rawFeature{}, false
	}
	rf := rawFeature{N: n, Props: map[string]any{}, Geometry: json.RawMessage("null"), parsed: f.Geometry}
	if f.ID != nil {
		rf.ID = fmt.Sprint(f.ID)
	}
	if len(f.Properties) > 0 && string(f.Properties) != "null" {
		dec := json.NewDecoder(bytes.NewReader(f.Properties))
		dec.UseNumber()
		if dec.Decode(&rf.Props) != nil {
			return rawFeature{}, false
		}
	}
	if dups := duplicateKeys(raw); len(dups) > 0 {
		for _, keys := range dups {
			rf.dupKeys = append(rf.dupKeys, keys...)
		}
	}
	return rf, true
}
