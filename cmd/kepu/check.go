package main

import (
	"flag"
	"io"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var in inputs
	in.register(fs)
	format := fs.String("format", "text", "output format: text, json or csv")
	worst := fs.Int("worst", 10, "how many of the worst gaps the text format lists")
	scenario := fs.String("scenario", "", "what-if scenario JSON {name, add, remove}: evaluate it against the baseline")
	var rec recordedFlags
	rec.register(fs)
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if !validFormat(*format) {
		return fail(stderr, "check", words.Errorf("--format %q: use text, json or csv", *format))
	}
	w, rs, err := rec.load(&in)
	if err != nil {
		return fail(stderr, "check", err)
	}
	if *scenario != "" {
		return runCheckScenario(*scenario, w, rs, in, *format, *worst, stdout, stderr)
	}
	res := coverage.Evaluate(w, rs)
	lang := in.language()
	switch *format {
	case "json":
		err = data.WriteJSON(stdout, words.Result(res, lang))
	case "csv":
		err = data.WriteCheckCSV(stdout, res, lang)
	default:
		err = data.WriteCheckText(stdout, res, lang, *worst)
	}
	if err != nil {
		return fail(stderr, "check", err)
	}
	return status(res)
}

func runGaps(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gaps", flag.ContinueOnError)
	var in inputs
	in.register(fs)
	format := fs.String("format", "text", "output format: text, json or csv")
	rule := fs.String("rule", "", "only gaps of this rule id")
	league := fs.String("league", "", "only gaps in this league (code)")
	var rec recordedFlags
	rec.register(fs)
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if !validFormat(*format) {
		return fail(stderr, "gaps", words.Errorf("--format %q: use text, json or csv", *format))
	}
	if *rule != "" && !knownRule(*rule) {
		return fail(stderr, "gaps", words.Errorf("--rule %q: unknown rule (one of %v)", *rule, coverage.RuleIDs))
	}
	w, rs, err := rec.load(&in)
	if err != nil {
		return fail(stderr, "gaps", err)
	}
	m := coverage.NewModel(w)
	if *league != "" {
		if u, ok := m.Unit(*league); !ok || u.Level != coverage.LevelLeague {
			return fail(stderr, "gaps", words.Errorf("--league %q: no such league", *league))
		}
	}
	res := m.Evaluate(rs)
	gaps := res.Gaps(coverage.GapFilter{Rule: *rule, League: *league})
	if gaps == nil {
		gaps = []coverage.Gap{}
	}
	lang, sp := in.language(), words.RegionSpeech(res.Region.Region)
	gaps = words.Gaps(gaps, lang, sp)
	switch *format {
	case "json":
		err = data.WriteJSON(stdout, gaps)
	case "csv":
		err = data.WriteGapsCSV(stdout, gaps)
	default:
		err = data.WriteGapsTextIn(stdout, gaps, lang, sp)
	}
	if err != nil {
		return fail(stderr, "gaps", err)
	}
	return status(res)
}

func validFormat(f string) bool { return f == "text" || f == "json" || f == "csv" }

func knownRule(id string) bool {
	for _, r := range coverage.RuleIDs {
		if r == id {
			return true
		}
	}
	return false
}

// status is 0 when every rule passes, 1 when some gap remains.
func status(res *coverage.Result) int {
	if res.Pass() {
		return exitPass
	}
	return exitGap
}
