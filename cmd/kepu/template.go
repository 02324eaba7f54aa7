package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

// runTemplate writes the registry template workbook: Chinese headers,
// drop-down lists of the allowed values and one example row.
func runTemplate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("template", flag.ContinueOnError)
	out := fs.String("out", "", "the .xlsx file to write (default: standard output)")
	var units listFlag
	fs.Var(&units, "units", "administrative units GeoJSON whose counties fill the 所在旗县 list (default: embedded Inner Mongolia)")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	w, err := data.Load(data.Sources{Units: units, Facilities: []string{}, Events: ""})
	if err != nil {
		return fail(stderr, "template", err)
	}
	var buf bytes.Buffer
	if err := data.WriteTemplate(&buf, w.Units); err != nil {
		return fail(stderr, "template", err)
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	if err != nil {
		return fail(stderr, "template", err)
	}
	if *out != "" {
		fmt.Fprint(stderr, words.Sayf(langOfOutput(stderr), "kepu template: wrote %s (sheet %s)\n", *out, data.TemplateSheet))
	}
	return exitPass
}
