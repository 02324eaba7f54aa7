package main

import (
	"context"
	"flag"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

// runPlan is `kepu plan --budget AMOUNT [--years 2026-2030] [--yearly-budget A[,B...]]`.
func runPlan(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	var in inputs
	in.register(fs)
	format := fs.String("format", "text", "output format: text, json or csv")
	budget := fs.String("budget", "", "money for the whole plan, in the rules file's cost unit (default 万元)")
	years := fs.String("years", "2026-2030", "the plan's years FROM-TO")
	yearly := fs.String("yearly-budget", "", "phase the plan by year: one amount for every year, or one per year separated by commas")
	radius := fs.Float64("radius-km", 50, "a venue's service radius, for the population it serves and its site")
	reach := fs.Float64("reach-km", 0, "a new caravan station's reach (default: the caravan_reach rule's)")
	cands := fs.String("candidates", "", "candidate sites besides the seats (towns): GeoJSON Points with id/name, or CSV lon,lat")
	demand := fs.String("demand", "", "demand points: GeoJSON Points with weight or population, or CSV lon,lat,weight (default: population at the seats)")
	nodes := fs.Int("node-limit", 200_000, "branch-and-bound nodes before giving up on proving optimality")
	limit := fs.Duration("time-limit", 0, "stop the branch and bound after this long (e.g. 30s; default: no limit); the plan then says optimal: false")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	opt, err := planOptions(*budget, *years, *yearly)
	if err != nil {
		return fail(stderr, "plan", err)
	}
	if *format != "text" && *format != "json" && *format != "csv" {
		return fail(stderr, "plan", words.Errorf("--format %q: use text, json or csv", *format))
	}
	if !(*radius > 0) || math.IsInf(*radius, 0) || *reach < 0 || math.IsNaN(*reach) || math.IsInf(*reach, 0) || *nodes < 1 {
		return fail(stderr, "plan", words.Errorf("--radius-km %v, --reach-km %v, --node-limit %d: need a radius and reach above 0 and a node limit of 1 or more", *radius, *reach, *nodes))
	}
	if *limit < 0 {
		return fail(stderr, "plan", words.Errorf("--time-limit %v: must not be negative", *limit))
	}
	opt.RadiusKm, opt.ReachKm, opt.NodeLimit, opt.TimeLimit = *radius, *reach, *nodes, *limit
	w, rs, err := in.load()
	if err != nil {
		return fail(stderr, "plan", err)
	}
	popt := data.Options{CRS: in.crs}
	if *cands != "" {
		if opt.Candidates, err = readPoints(*cands, popt, data.ReadSites); err != nil {
			return fail(stderr, "plan", err)
		}
	}
	if *demand != "" {
		if opt.Demand, err = readPoints(*demand, popt, data.ReadDemand); err != nil {
			return fail(stderr, "plan", err)
		}
	}
	p, err := coverage.PlanInvestment(context.Background(), coverage.NewModel(w), rs, opt)
	if err != nil {
		return fail(stderr, "plan", err)
	}
	switch *format {
	case "json":
		err = data.WriteJSON(stdout, struct {
			Sample bool `json:"sample"`
			*coverage.InvestmentPlan
		}{w.Sample, p})
	case "csv":
		err = data.WritePlanCSV(stdout, p)
	default:
		err = data.WritePlanText(stdout, p, in.language(), w.Sample)
	}
	if err != nil {
		return fail(stderr, "plan", err)
	}
	return exitPass
}

// planOptions reads --budget, --years and --yearly-budget.
func planOptions(budget, years, yearly string) (coverage.PlanOptions, error) {
	var opt coverage.PlanOptions
	amount := func(flag, s string) (float64, error) {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, words.Errorf("%s %q: want an amount, zero or more", flag, s)
		}
		return v, nil
	}
	if budget == "" && yearly == "" {
		return opt, words.Errorf("--budget: give the money for the plan (or --yearly-budget)")
	}
	var err error
	if budget != "" {
		if opt.Budget, err = amount("--budget", budget); err != nil {
			return opt, err
		}
	}
	from, to, ok := strings.Cut(years, "-")
	a, errA := strconv.Atoi(strings.TrimSpace(from))
	b, errB := strconv.Atoi(strings.TrimSpace(to))
	if !ok || errA != nil || errB != nil || a > b {
		return opt, words.Errorf("--years %q: want FROM-TO, e.g. 2026-2030", years)
	}
	opt.FromYear, opt.ToYear = a, b
	if yearly != "" {
		for _, s := range strings.Split(yearly, ",") {
			v, err := amount("--yearly-budget", s)
			if err != nil {
				return opt, err
			}
			opt.YearlyBudget = append(opt.YearlyBudget, v)
		}
	}
	return opt, nil
}
