// Command kepu checks Inner Mongolia's science-literacy plan targets place by
// place: `kepu check`, `kepu gaps`, `kepu serve`, `kepu suggest`, `kepu report`.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/kepu/kepu/data/words"
)

// Exit statuses.
const (
	exitPass  = 0 // every rule passes
	exitGap   = 1 // some rule has a gap
	exitUsage = 2 // bad input or usage
)

type command struct {
	run     func(args []string, stdout, stderr io.Writer) int
	summary string
}

func commands() map[string]command {
	return map[string]command{
		"check":    {runCheck, "evaluate every rule and print a summary"},
		"gaps":     {runGaps, "the gap list, ranked by priority"},
		"serve":    {runServe, "the HTTP API, vector tiles and web map"},
		"suggest":  {runSuggest, "site suggestions for caravans and venues"},
		"report":   {runReport, "batch report for the region and each league"},
		"import":   {runImport, "add facility and event files to a GeoPackage registry (--db)"},
		"export":   {runExport, "write facilities or gaps as GeoJSON, CSV, KML or GeoPackage"},
		"plan":     {runPlan, "investment plan: the actions that close the most gaps within a budget"},
		"progress": {runProgress, "each rule by year from the 2020 baseline, with the projection to the period's end"},
		"template": {runTemplate, "write the registry template workbook (Chinese headers, drop-down lists)"},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	stderr = &console{Writer: stderr, lang: langOf(args)}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitPass
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprint(stderr, words.Sayf(langOfOutput(stderr), "kepu: unknown command %q\n\n", args[0]))
		usage(stderr)
		return exitUsage
	}
	return cmd.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	lang := langOfOutput(w)
	fmt.Fprintln(w, words.Say(lang, "usage: kepu <command> [flags]\n\ncommands:"))
	for _, name := range []string{"check", "gaps", "serve", "suggest", "plan", "report", "progress", "import", "export", "template"} {
		fmt.Fprintf(w, "  %-8s %s\n", name, words.Say(lang, commands()[name].summary))
	}
	fmt.Fprintln(w, words.Say(lang, "\nRun 'kepu <command> -h' for its flags. With no input flags kepu uses the embedded\nInner Mongolia data (the facility registry is synthetic sample data, 示例数据)."))
}
