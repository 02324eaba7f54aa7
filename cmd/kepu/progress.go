package main

import (
	"flag"
	"io"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

// runProgress is `kepu progress`: each rule's state at the end of the
// baseline year and of every year of the period, with the projection.
func runProgress(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("progress", flag.ContinueOnError)
	var in inputs
	in.register(fs)
	var rec recordedFlags
	rec.register(fs)
	format := fs.String("format", "text", "output format: text, json or csv")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if !validFormat(*format) {
		return fail(stderr, "progress", words.Errorf("--format %q: use text, json or csv", *format))
	}
	w, rs, err := rec.load(&in)
	if err != nil {
		return fail(stderr, "progress", err)
	}
	p := coverage.ProgressOf(coverage.NewModel(w), rs)
	switch *format {
	case "json":
		err = data.WriteJSON(stdout, p)
	case "csv":
		err = data.WriteProgressCSV(stdout, p)
	default:
		err = data.WriteProgressText(stdout, p, in.language())
	}
	if err != nil {
		return fail(stderr, "progress", err)
	}
	return exitPass
}
