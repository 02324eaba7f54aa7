package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

// runImport adds facility files (GeoJSON or CSV) and event files to a
// GeoPackage registry in one transaction: any invalid record refuses the
// whole import with the full problem list, unless --skip-invalid.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the registry to add to: a GeoPackage file (created when missing) or postgres://... (default $KEPU_DB, else kepu.gpkg)")
	var events listFlag
	fs.Var(&events, "events", "events GeoJSON to import (repeatable)")
	crs := fs.String("crs", "", "coordinate system of the files: wgs84 (default), gcj02 or bd09")
	skip := fs.Bool("skip-invalid", false, "import the valid records and list the skipped ones instead of refusing the import")
	replace := fs.Bool("replace", false, "empty the registry first (every removal is audited); needed to replace the sample")
	who := fs.String("who", "import", "name recorded in the audit log")
	merge := fs.Bool("merge", false, "update by id: add new facilities, change those that differ, keep the rest")
	sheet := fs.String("sheet", "", "the workbook sheet to read (default: the first)")
	columns := fs.String("columns", "", "YAML file mapping other spreadsheet headers to fields (header: field)")
	const usageLine = "usage: kepu import [--db kepu.gpkg|postgres://...] [--merge] [--crs gcj02|bd09] [--sheet NAME] [--columns FILE] [--events FILE]... FILE..."
	if code, ok := parseFlags(fs, args, stderr, usageLine); !ok {
		return code
	}
	files := fs.Args()
	if len(files) == 0 && len(events) == 0 {
		fmt.Fprintln(stderr, words.Say(langOfOutput(stderr), usageLine))
		return exitUsage
	}
	if *merge && (*replace || len(events) > 0 || len(files) == 0) {
		fmt.Fprintln(stderr, words.Say(langOfOutput(stderr), "kepu import: --merge takes facility files, without --replace or --events"))
		return exitUsage
	}
	src := data.Sources{CRS: *crs, SkipInvalid: *skip, Sheet: *sheet}
	if *columns != "" {
		cols, err := data.ReadColumns(*columns)
		if err != nil {
			return fail(stderr, "import", err)
		}
		src.Columns = cols
	}
	facilities, evs, diags, err := readImport(files, events, src)
	if err != nil {
		return fail(stderr, "import", err)
	}
	for _, d := range diags {
		at := fmt.Sprintf("feature %d", d.Feature)
		if d.Row > 0 {
			at = fmt.Sprintf("row %d", d.Row)
		}
		fmt.Fprint(stderr, words.Sayf(langOfOutput(stderr), "kepu import: skipped: %s %s (%s): %s: %s\n", d.File, at, d.Facility, d.Field, d.Message))
	}
	ctx := context.Background()
	*db = dbOr(*db, "kepu.gpkg")
	st, err := openRegistry(ctx, *db)
	if err != nil {
		return fail(stderr, "import", err)
	}
	defer st.Close()
	// A running server would never see records written behind its back.
	if err := st.Lock(); err != nil {
		return fail(stderr, "import", words.Errorf("%w (stop that server first, or post the records to its /api/facilities)", err))
	}
	if sample, err := st.Sample(ctx); err != nil {
		return fail(stderr, "import", err)
	} else if sample && !*replace {
		return fail(stderr, "import", words.Errorf("%s holds the synthetic sample registry; add --replace to replace it with these files", dbDisplay(*db)))
	}
	if *merge {
		m, err := st.MergeFacilities(ctx, *who, facilities)
		if err != nil {
			return fail(stderr, "import", err)
		}
		printMerged(stdout, langOfOutput(stderr), dbDisplay(*db), m)
		return exitPass
	}
	if err := st.Import(ctx, *who, facilities, evs, *replace, false); err != nil {
		return fail(stderr, "import", err)
	}
	c, err := st.Count(ctx)
	if err != nil {
		return fail(stderr, "import", err)
	}
	fmt.Fprint(stdout, words.Sayf(langOfOutput(stderr), "imported %d facilities and %d events into %s (now %d facilities, %d events)\n",
		len(facilities), len(evs), dbDisplay(*db), c.Facilities, c.Events))
	return exitPass
}

// readImport reads and validates the files as kepu check would, with ids
// unique across them.
func readImport(files, events []string, src data.Sources) ([]coverage.Facility, []coverage.Event, []coverage.Diagnostic, error) {
	crs, skip := src.CRS, src.SkipInvalid
	var out []coverage.Event
	var diags []coverage.Diagnostic
	var facilities []coverage.Facility
	if len(files) > 0 {
		ev := ""
		if len(events) > 0 {
			ev = events[0]
			events = events[1:]
		}
		src.Facilities, src.Events = files, ev
		w, err := data.Load(src)
		if err != nil {
			return nil, nil, nil, err
		}
		facilities, out = w.Facilities, w.Events
		for _, d := range w.Diagnostics {
			if d.Code == "skipped_invalid" {
				diags = append(diags, d)
			}
		}
	}
	var problems []data.Problem
	for _, name := range events {
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, nil, err
		}
		es, ps, err := data.ReadEvents(name, f, data.Options{CRS: crs, Sheet: src.Sheet, Columns: src.Columns})
		f.Close()
		if err != nil {
			return nil, nil, nil, err
		}
		out = append(out, es...)
		problems = append(problems, ps...)
	}
	for _, p := range problems {
		if p.Warning {
			continue
		}
		if !skip {
			return nil, nil, nil, &data.InvalidError{Problems: problems}
		}
		diags = append(diags, p.Diagnostic("skipped_invalid"))
	}
	return facilities, out, diags, nil
}

// printMerged prints what a merge did in lang: counts, with at most 10
// example ids a line.
func printMerged(w io.Writer, lang words.Lang, db string, m data.Merged) {
	fmt.Fprint(w, words.Sayf(lang, "merged into %s: %d added, %d changed, %d unchanged\n", db, len(m.Added), len(m.Changed), len(m.Unchanged)))
	for _, part := range []struct {
		what string
		ids  []string
	}{{"added", m.Added}, {"changed", m.Changed}, {"unchanged", m.Unchanged}} {
		if len(part.ids) == 0 {
			continue
		}
		line := strings.Join(part.ids[:min(10, len(part.ids))], ", ")
		if more := len(part.ids) - 10; more > 0 {
			line += words.Sayf(lang, ", … (%d more)", more)
		}
		fmt.Fprint(w, words.Sayf(lang, "  %s %d: %s\n", words.Say(lang, part.what), len(part.ids), line))
	}
}
