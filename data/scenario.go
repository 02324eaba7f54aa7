package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/kepu/kepu/coverage"
)

// ReadScenario reads a what-if scenario: {"name": "...", "add": <GeoJSON
// FeatureCollection of facilities>, "remove": ["id", ...]}. The facilities
// in add are validated as ReadFacilities does (duplicate ids among them are
// problems); whether the removed ids exist is for coverage.EvaluateScenario
// to say, since only the baseline knows.
func ReadScenario(name string, r io.Reader, opt Options) (coverage.Scenario, []Problem, error) {
	var sc coverage.Scenario
	b, err := io.ReadAll(r)
	if err != nil {
		return sc, nil, fmt.Errorf("data: %s: %w", name, err)
	}
	ps := &problems{file: name}
	var raw struct {
		Name   string          `json:"name"`
		Add    json.RawMessage `json:"add"`
		Remove []any           `json:"remove"`
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		ps.add(0, "", "", "not a scenario object {\"name\", \"add\", \"remove\"}: %s", jsonError(b, err))
		return sc, ps.list, nil
	}
	if !json.Valid(b) {
		ps.add(0, "", "", "the body must be one JSON object and nothing after it")
	}
	sc.Name = strings.TrimSpace(raw.Name)
	if sc.Name == "" {
		ps.add(0, "", "name", "missing")
	}
	for i, v := range raw.Remove {
		id, ok := v.(string)
		if f, isNum := v.(float64); isNum {
			id, ok = fmt.Sprint(f), true
		}
		if !ok || strings.TrimSpace(id) == "" {
			ps.add(0, "", fmt.Sprintf("remove[%d]", i), "must be a facility id (a non-empty string)")
			continue
		}
		sc.Remove = append(sc.Remove, strings.TrimSpace(id))
	}
	if len(raw.Add) > 0 && string(raw.Add) != "null" {
		fs, fps, err := ReadFacilities(name+": add", bytes.NewReader(raw.Add), opt)
		if err != nil {
			return sc, nil, err
		}
		sc.Add = fs
		ps.list = append(ps.list, fps...)
	}
	return sc, ps.list, nil
}

// ReadScenarioFor reads a scenario (ReadScenario) and checks it against
// base (coverage.Scenario.Check): every problem of either, in one
// *InvalidError, so that one answer names them all. When the body has
// problems of its own, those of the facilities to add are the reader's.
func ReadScenarioFor(name string, r io.Reader, base *coverage.World, opt Options) (coverage.Scenario, error) {
	sc, ps, err := ReadScenario(name, r, opt)
	if err != nil {
		return sc, err
	}
	read := HasErrors(ps)
	for _, p := range sc.Check(base) {
		if !read || !strings.HasPrefix(p, "add:") {
			ps = append(ps, Problem{File: name, Reason: p})
		}
	}
	var errs []Problem
	for _, p := range ps {
		if !p.Warning {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return sc, &InvalidError{Problems: errs}
	}
	return sc, nil
}

// HasErrors reports whether problems hold an error (not only warnings).
func HasErrors(problems []Problem) bool {
	for _, p := range problems {
		if !p.Warning {
			return true
		}
	}
	return false
}
