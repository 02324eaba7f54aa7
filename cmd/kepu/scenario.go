package main

import (
	"fmt"
	"io"
	"os"
	"strings"

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
	sc, ps, err := data.ReadScenario(file, f, data.Options{CRS: crs})
	if err != nil {
		return nil, err
	}
	if data.HasErrors(ps) {
		for _, p := range sc.Check(w) { // name unknown ids to remove too
			if !strings.HasPrefix(p, "add:") {
				ps = append(ps, data.Problem{File: file, Reason: p})
			}
		}
		return nil, &data.InvalidError{Problems: ps}
	}
	sr, err := coverage.EvaluateScenario(w, rs, sc)
	if err != nil {
		return nil, words.Errorf("%s: %w", file, err)
	}
	return sr, nil
}

// writeScenarioText writes what the scenario changes, for a person.
func writeScenarioText(w io.Writer, sr *coverage.ScenarioResult, lang words.Lang) error {
	var b strings.Builder
	ch := sr.Changes
	fmt.Fprintf(&b, pick(lang, "\n方案「%s」：新增 %d 处设施，移除 %d 处\n", "\nScenario %q: %d facilities added, %d removed\n"), sr.Name, len(sr.Added), len(sr.Removed))
	yes := func(p bool) string {
		if p {
			return pick(lang, "达标", "pass")
		}
		return pick(lang, "未达标", "fail")
	}
	for _, r := range ch.Rules {
		fmt.Fprintf(&b, "  %-24s %d/%d → %d/%d  %s → %s\n", words.RuleName(r.ID, lang), r.PassingBefore, r.Total, r.PassingAfter, r.Total, yes(r.PassBefore), yes(r.PassAfter))
	}
	for _, u := range ch.Units {
		fmt.Fprintf(&b, "  %s %s [%s] %s → %s\n", u.Code, u.Name, words.RuleName(u.Rule, lang), yes(u.Before), yes(u.After))
	}
	fmt.Fprintf(&b, pick(lang, "  消除差距 %d 项，新增差距 %d 项\n", "  %d gaps closed, %d opened\n"), len(ch.GapsClosed), len(ch.GapsOpened))
	rc := ch.Reach
	fmt.Fprintf(&b, pick(lang, "  %.0f 公里内有达标场馆的人口：新增 %d（%s），减少 %d\n", "  population newly within %.0f km of a compliant venue: %d (%s), no longer: %d\n"),
		rc.VenueRadiusKm, rc.VenueNewly, strings.Join(rc.VenueNewlyCounties, ","), rc.VenueLost)
	fmt.Fprintf(&b, pick(lang, "  大篷车覆盖人口：新增 %d（%s），减少 %d\n", "  population newly within caravan reach: %d (%s), no longer: %d\n"),
		rc.CaravanNewly, strings.Join(rc.CaravanNewlyCounty, ","), rc.CaravanLost)
	_, err := io.WriteString(w, b.String())
	return err
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
			err = writeScenarioText(stdout, sr, lang)
		}
	}
	if err != nil {
		return fail(stderr, "check", err)
	}
	return status(sr.Result)
}
