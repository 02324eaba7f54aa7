package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/gpkg"
	"github.com/kepu/kepu/data/pgstore"
	"github.com/kepu/kepu/data/words"
)

// runExport writes the facilities or the gap list as GeoJSON, CSV, KML or
// a GeoPackage, reading the registry from --db or the usual input flags.
func runExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	var in inputs
	in.register(fs)
	db := fs.String("db", "", "read the registry from this GeoPackage instead of the input flags")
	what := fs.String("what", "facilities", "what to export: facilities or gaps")
	format := fs.String("format", "geojson", "output format: geojson, csv, kml or gpkg")
	out := fs.String("out", "", "output file (default stdout; required for gpkg)")
	rule := fs.String("rule", "", "gaps: only this rule id")
	league := fs.String("league", "", "gaps: only this league (code)")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if err := checkExportFlags(*what, *format, *out); err != nil {
		return fail(stderr, "export", err)
	}
	ctx := context.Background()
	w, rs, err := exportWorld(ctx, *db, &in)
	if err != nil {
		return fail(stderr, "export", err)
	}
	if *format == "gpkg" && *what == "gaps" {
		res := coverage.Evaluate(w, rs)
		gaps := words.Gaps(res.Gaps(coverage.GapFilter{Rule: *rule, League: *league}), in.language(), words.RegionSpeech(res.Region.Region))
		if err := gpkg.WriteGaps(ctx, *out, gaps, data.GapPlaces(res)); err != nil {
			return fail(stderr, "export", err)
		}
		fmt.Fprint(stdout, words.Sayf(langOfOutput(stderr), "wrote %d gaps to %s\n", len(gaps), *out))
		return exitPass
	}
	if *format == "gpkg" {
		return exportGPKG(ctx, w, *out, stdout, stderr)
	}
	dst, closeOut, err := output(*out, stdout)
	if err != nil {
		return fail(stderr, "export", err)
	}
	if *what == "facilities" {
		err = writeFacilities(dst, w, *format, in.language())
	} else {
		res := coverage.Evaluate(w, rs)
		gaps := words.Gaps(res.Gaps(coverage.GapFilter{Rule: *rule, League: *league}), in.language(), words.RegionSpeech(res.Region.Region))
		err = writeGaps(dst, res, gaps, *format, w.Sample, in.language())
	}
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(stderr, "export", err)
	}
	return exitPass
}

func checkExportFlags(what, format, out string) error {
	if what != "facilities" && what != "gaps" {
		return words.Errorf("--what %q: use facilities or gaps", what)
	}
	switch format {
	case "geojson", "csv", "kml":
	case "gpkg":
		if out == "" {
			return words.Errorf("--format gpkg needs --out FILE")
		}
	default:
		return words.Errorf("--format %q: use geojson, csv, kml or gpkg", format)
	}
	return nil
}

// exportWorld is the world in the store, or from the input flags.
func exportWorld(ctx context.Context, db string, in *inputs) (*coverage.World, coverage.Ruleset, error) {
	db = dbOr(db, "")
	if db == "" {
		return in.load()
	}
	rs, err := in.ruleset()
	if err != nil {
		return nil, rs, err
	}
	if _, err := os.Stat(db); err != nil && !pgstore.IsURL(db) {
		return nil, rs, err
	}
	st, err := openRegistry(ctx, db)
	if err != nil {
		return nil, rs, err
	}
	defer st.Close()
	w, err := data.StoreWorld(ctx, st, data.Sources{Units: in.units, CRS: in.crs, SkipInvalid: in.skipInvalid})
	return w, rs, err
}

// output opens --out, or stdout.
func output(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

func writeFacilities(w io.Writer, world *coverage.World, format string, lang words.Lang) error {
	switch format {
	case "csv":
		return data.WriteFacilitiesCSV(w, world.Facilities)
	case "kml":
		return data.WriteFacilitiesKML(w, world.Facilities, world.Sample, lang)
	}
	return data.WriteJSON(w, data.FacilityCollection(world.Facilities))
}

func writeGaps(w io.Writer, res *coverage.Result, gaps []coverage.Gap, format string, sample bool, lang words.Lang) error {
	switch format {
	case "csv":
		return data.WriteGapsCSV(w, gaps)
	case "kml":
		return data.WriteGapsKML(w, res, gaps, sample, lang)
	}
	return data.WriteJSON(w, data.GapCollection(res, gaps))
}

// exportGPKG writes the registry (facilities and events) as a new GeoPackage.
func exportGPKG(ctx context.Context, w *coverage.World, path string, stdout, stderr io.Writer) int {
	if _, err := os.Stat(path); err == nil {
		return fail(stderr, "export", words.Errorf("%s exists; kepu export writes a new GeoPackage", path))
	}
	st, err := gpkg.Open(ctx, path)
	if err != nil {
		return fail(stderr, "export", err)
	}
	defer st.Close()
	if err := st.Import(ctx, "export", w.Facilities, w.Events, false, w.Sample); err != nil {
		return fail(stderr, "export", err)
	}
	fmt.Fprint(stdout, words.Sayf(langOfOutput(stderr), "wrote %d facilities and %d events to %s\n", len(w.Facilities), len(w.Events), path))
	return exitPass
}
