package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/report"
	"github.com/kepu/kepu/data/words"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

func runReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	var in inputs
	in.register(fs)
	out := fs.String("out", "", "directory to write the report into (created when missing)")
	quiet := fs.Bool("quiet", false, "no progress bar")
	budget := fs.Float64("budget", report.PlanBudget, "the 投资计划 sheet's budget, in the rules file's cost unit")
	var rec recordedFlags
	rec.register(fs)
	limit := fs.Duration("time-limit", 60*time.Second, "bound each planning suggestion's search (0: no limit); the best answer found and its proven bound are reported")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if *out == "" {
		return fail(stderr, "report", words.Errorf("--out DIR is required"))
	}
	if _, err := words.ParseLang(in.lang); err != nil {
		return fail(stderr, "report", words.Errorf("--%w", err))
	}
	if !(*budget >= 0) || math.IsInf(*budget, 0) {
		return fail(stderr, "report", words.Errorf("--budget %v: want an amount, zero or more", *budget))
	}
	w, rs, err := rec.load(&in)
	if err != nil {
		return fail(stderr, "report", err)
	}
	m := coverage.NewModel(w)
	res := m.Evaluate(rs)
	if *limit < 0 {
		return fail(stderr, "report", words.Errorf("--time-limit %v: must not be negative", *limit))
	}
	opt := report.Options{Dir: *out, Lang: in.language(), Generated: time.Now(), SuggestLimit: *limit,
		Plan: &coverage.PlanOptions{Budget: *budget, TimeLimit: *limit}}
	if f, ok := stderr.(*os.File); ok && !*quiet && term.IsTerminal(int(f.Fd())) {
		bar := progressbar.NewOptions(report.Steps(m), progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("kepu report"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		opt.Progress = func(done, total int, step string) {
			bar.Describe(step)
			_ = bar.Set(done)
		}
	}
	if err := report.Write(context.Background(), m, res, opt); err != nil {
		return fail(stderr, "report", err)
	}
	fmt.Fprintf(stdout, "%s\n", *out)
	return exitPass
}
