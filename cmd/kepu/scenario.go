package main

import (
	"io"
	"os"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

// evaluateScenario reads the scenario file and evaluates it against w.
func evaluateScenario(file string, w *coverage.World, rs coverage.Ruleset, crs string) (*coverage.ScenarioResult, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc, err := data.ReadScenarioFor(file, f, w, data.Options{CRS: crs})
	if err != nil {
		return nil, err
	}
	sr, err := coverage.EvaluateScenario(w, rs, sc)
	if err != nil {
		return nil, words.Errorf("%s: %w", file, err)
	}
	return sr, nil
}

// runCheckScenario is `kepu check --scenario FILE`: the scenario's result
// and what changed (json: the same document as POST /api/scenarios).
func runCheckScenario(file string, w *coverage.World, rs coverage.Ruleset, in inputs, format string, worst int, stdout, stderr io.Writer) int {
	sr, err := evaluateScenario(file, w, rs, in.crs)
	if err != nil {
		return fail(stderr, "check", err)
	}
	lang := in.language()
	switch format {
	case "json":
		err = data.WriteJSON(stdout, words.Scenario(sr, lang))
	case "csv":
		err = data.WriteCheckCSV(stdout, sr.Result, lang)
	default:
		if err = data.WriteCheckText(stdout, sr.Result, lang, worst); err == nil {
			err = data.WriteScenarioText(stdout, sr, lang)
		}
	}
	if err != nil {
		return fail(stderr, "check", err)
	}
	return status(sr.Result)
}
