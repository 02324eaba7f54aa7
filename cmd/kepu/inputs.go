package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// inputs are the input flags every command shares.
type inputs struct {
	units, facilities listFlag
	events, rules     string
	crs, period       string
	asOf              string
	skipInvalid       bool
	lang              string
	sheet, columns    string
	fs                *flag.FlagSet // for notices, on its output
}

func (in *inputs) register(fs *flag.FlagSet) {
	in.fs = fs
	fs.Var(&in.units, "units", "administrative units GeoJSON (repeatable; default: embedded Inner Mongolia; without --facilities: no facilities)")
	fs.Var(&in.facilities, "facilities", "facility registry: GeoJSON, CSV or .xlsx, Chinese or English headers (repeatable; default: embedded sample)")
	fs.StringVar(&in.events, "events", "", "events GeoJSON, CSV or .xlsx (default: embedded sample events, or none when --facilities is given)")
	fs.StringVar(&in.sheet, "sheet", "", "the workbook sheet to read (default: the first)")
	fs.StringVar(&in.columns, "columns", "", "YAML file mapping other spreadsheet headers to fields (header: field)")
	fs.StringVar(&in.rules, "rules", "", "rules file (JSON or YAML) overriding thresholds and weights")
	fs.StringVar(&in.crs, "crs", "", "coordinate system of the input files: wgs84 (default), gcj02 or bd09")
	fs.StringVar(&in.period, "period", "", "evaluation period FROM/TO as YYYY-MM-DD/YYYY-MM-DD (default 2021-01-01/2025-12-31)")
	fs.StringVar(&in.asOf, "as-of", "", "evaluate the registry as of this day, YYYY-MM-DD (default: the period's end); events count from the period's start to it")
	fs.BoolVar(&in.skipInvalid, "skip-invalid", false, "leave out invalid records (listed in the diagnostics) instead of stopping")
	fs.StringVar(&in.lang, "lang", "", "language of text output: zh or en (default: zh, or en when LANG is en*)")
}

// language is --lang, else the environment's (LANG=en* is English), else Chinese.
func (in *inputs) language() words.Lang {
	if in.lang != "" {
		if l, err := words.ParseLang(in.lang); err == nil {
			return l
		}
	}
	return words.FromEnv(os.Getenv)
}

// ruleset reads the rules file and applies --period and --as-of.
func (in *inputs) ruleset() (coverage.Ruleset, error) {
	rs := coverage.Defaults()
	if _, err := words.ParseLang(in.lang); err != nil {
		return rs, words.Errorf("--%w", err)
	}
	if in.rules != "" {
		b, err := os.ReadFile(in.rules)
		if err != nil {
			return rs, err
		}
		if rs, err = coverage.ParseRules(b); err != nil {
			return rs, words.Errorf("%s: %w", in.rules, err)
		}
	}
	if in.period != "" {
		from, to, ok := strings.Cut(in.period, "/")
		if !ok {
			return rs, words.Errorf("--period %q: want FROM/TO, e.g. 2021-01-01/2025-12-31", in.period)
		}
		rs.Period = coverage.Period{From: from, To: to}
		if err := rs.Validate(); err != nil {
			return rs, words.Errorf("--period: %w", err)
		}
	}
	if in.asOf != "" {
		rs.AsOf = in.asOf
		if err := rs.Validate(); err != nil {
			return rs, words.Errorf("--as-of: %w", err)
		}
	}
	return rs, nil
}

// load reads the world and the rules.
func (in *inputs) load() (*coverage.World, coverage.Ruleset, error) {
	rs, err := in.ruleset()
	if err != nil {
		return nil, rs, err
	}
	src, err := in.sources()
	if err != nil {
		return nil, rs, err
	}
	w, err := data.Load(src)
	if err == nil && len(in.units) > 0 && len(in.facilities) == 0 && in.fs != nil {
		fmt.Fprintf(in.fs.Output(), "kepu %s: notice: --units without --facilities: %s\n", in.fs.Name(), data.NoFacilitiesNotice)
	}
	return w, rs, err
}

// sources are the input files and how to read them.
func (in *inputs) sources() (data.Sources, error) {
	src := data.Sources{Units: in.units, Facilities: in.facilities, Events: in.events,
		CRS: in.crs, SkipInvalid: in.skipInvalid, Sheet: in.sheet}
	if in.columns != "" {
		cols, err := data.ReadColumns(in.columns)
		if err != nil {
			return src, err
		}
		src.Columns = cols
	}
	return src, nil
}

// parse parses flags, reporting usage errors; ok is false when the command must stop with code.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) (code int, ok bool) {
	if code, ok := parseFlags(fs, args, stderr, ""); !ok {
		return code, false
	}
	if fs.NArg() > 0 {
		fmt.Fprint(stderr, words.Sayf(langOfOutput(stderr), "kepu %s: unexpected argument %q\n", fs.Name(), fs.Arg(0)))
		return exitUsage, false
	}
	return 0, true
}

// fail prints an input error, in the reader's language, and returns the
// bad-input status.
func fail(stderr io.Writer, cmd string, err error) int {
	lang := langOfOutput(stderr)
	fmt.Fprintf(stderr, "kepu %s%s%s\n", cmd, lang.Pick("：", ": "), sayError(err, lang))
	return exitUsage
}
