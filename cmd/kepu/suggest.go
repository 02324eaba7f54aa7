package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
	"golang.org/x/term"
)

// runSuggest is `kepu suggest caravans|venues`.
func runSuggest(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "caravans" && args[0] != "venues") {
		fmt.Fprintln(stderr, words.Say(langOfOutput(stderr), "usage: kepu suggest caravans [--reach-km R] | kepu suggest venues [--k N] [--radius-km R]  (-h for flags)"))
		return exitUsage
	}
	what := args[0]
	fs := flag.NewFlagSet("suggest "+what, flag.ContinueOnError)
	var in inputs
	in.register(fs)
	format := fs.String("format", "text", "output format: text or json")
	cands := fs.String("candidates", "", "candidate sites: GeoJSON Points with id/name, or CSV lon,lat (default: the county seats)")
	reach := fs.Float64("reach-km", 100, "caravans: each new station's reach in km")
	k := fs.Int("k", 1, "venues: how many new venues")
	radius := fs.Float64("radius-km", 50, "venues: service radius in km")
	limit := fs.Duration("time-limit", 60*time.Second, "stop the search after this long with the best answer and its proven bound (0: no limit)")
	demand := fs.String("demand", "", "venues: demand points: GeoJSON Points with weight or population, or CSV lon,lat,weight (default: population at the seats)")
	if code, ok := parse(fs, args[1:], stderr); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		return fail(stderr, "suggest", words.Errorf("--format %q: use text or json", *format))
	}
	w, rs, err := in.load()
	if err != nil {
		return fail(stderr, "suggest", err)
	}
	opt := data.Options{CRS: in.crs}
	var sites []coverage.Site
	if *cands != "" {
		if sites, err = readPoints(*cands, opt, data.ReadSites); err != nil {
			return fail(stderr, "suggest", err)
		}
	}
	if *limit < 0 {
		return fail(stderr, "suggest", words.Errorf("--time-limit %v: must not be negative", *limit))
	}
	m := coverage.NewModel(w)
	ctx := context.Background()
	if *limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *limit)
		defer cancel()
	}
	stop := searching(stderr, "kepu suggest "+what, *limit)
	lang := in.language()
	if what == "caravans" {
		if *reach <= 0 {
			return fail(stderr, "suggest", words.Errorf("--reach-km %v: must be more than 0", *reach))
		}
		plan, err := coverage.SuggestCaravans(ctx, m, rs, coverage.CaravanOptions{ReachKm: *reach, Candidates: sites})
		stop()
		if err == nil && plan.TimeLimited {
			fmt.Fprint(stderr, words.Sayf(langOfOutput(stderr), "kepu suggest caravans: time limit %v reached: %d stations, at least %d needed (not proven minimal)\n", *limit, plan.NewStations, plan.LowerBound))
		}
		if err != nil {
			return fail(stderr, "suggest", err)
		}
		if *format == "json" {
			err = data.WriteJSON(stdout, plan)
		} else {
			err = data.WriteCaravanText(stdout, plan, m, lang, w.Sample)
		}
		if err != nil {
			return fail(stderr, "suggest", err)
		}
		return exitPass
	}
	if *k < 1 || *radius <= 0 {
		return fail(stderr, "suggest", words.Errorf("--k %d, --radius-km %v: need k ≥ 1 and a radius more than 0", *k, *radius))
	}
	var dem []coverage.DemandPoint
	if *demand != "" {
		if dem, err = readPoints(*demand, opt, data.ReadDemand); err != nil {
			return fail(stderr, "suggest", err)
		}
	}
	plan, err := coverage.SuggestVenues(ctx, m, rs, coverage.VenueOptions{K: *k, RadiusKm: *radius, Candidates: sites, Demand: dem})
	stop()
	if err == nil && plan.TimeLimited {
		fmt.Fprint(stderr, words.Sayf(langOfOutput(stderr), "kepu suggest venues: time limit %v reached: newly covers %.0f, at most %.0f possible (not proven optimal)\n", *limit, plan.NewlyCoveredPopulation, plan.UpperBound))
	}
	if err != nil {
		return fail(stderr, "suggest", err)
	}
	if *format == "json" {
		err = data.WriteJSON(stdout, plan)
	} else {
		err = data.WriteVenueText(stdout, plan, lang, w.Sample)
	}
	if err != nil {
		return fail(stderr, "suggest", err)
	}
	return exitPass
}

// readPoints opens a candidates or demand file (CSV by its extension) and
// stops on any invalid record, listing all of them.
func readPoints[T any](name string, opt data.Options, read func(string, io.Reader, bool, data.Options) ([]T, []data.Problem, error)) ([]T, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out, ps, err := read(name, f, strings.EqualFold(filepath.Ext(name), ".csv"), opt)
	if err != nil {
		return nil, err
	}
	if data.HasErrors(ps) {
		return nil, &data.InvalidError{Problems: ps}
	}
	if len(out) == 0 {
		return nil, words.Errorf("%s: no points", name)
	}
	return out, nil
}

// searching shows, on a terminal, how long the search has run against its
// limit, once a second, until the returned stop is called (which clears it).
func searching(stderr io.Writer, what string, limit time.Duration) (stop func()) {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return func() {}
	}
	start, done, finished := time.Now(), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(f, "\r\033[K")
				return
			case <-tick.C:
				of := ""
				if limit > 0 {
					of = fmt.Sprintf(" of %v", limit)
				}
				fmt.Fprintf(f, "\r\033[K%s: searching… %v%s", what, time.Since(start).Round(time.Second), of)
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done); <-finished }) }
}
