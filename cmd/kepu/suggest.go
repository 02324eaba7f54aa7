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
		fmt.Fprintln(stderr, "usage: kepu suggest caravans [--reach-km R] | kepu suggest venues [--k N] [--radius-km R]  (-h for flags)")
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
			fmt.Fprintf(stderr, "kepu suggest caravans: time limit %v reached: %d stations, at least %d needed (not proven minimal)\n", *limit, plan.NewStations, plan.LowerBound)
		}
		if err != nil {
			return fail(stderr, "suggest", err)
		}
		if *format == "json" {
			err = data.WriteJSON(stdout, plan)
		} else {
			err = writeCaravanText(stdout, plan, m, lang, w.Sample)
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
		fmt.Fprintf(stderr, "kepu suggest venues: time limit %v reached: newly covers %.0f, at most %.0f possible (not proven optimal)\n", *limit, plan.NewlyCoveredPopulation, plan.UpperBound)
	}
	if err != nil {
		return fail(stderr, "suggest", err)
	}
	if *format == "json" {
		err = data.WriteJSON(stdout, plan)
	} else {
		err = writeVenueText(stdout, plan, lang, w.Sample)
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

func pick(lang words.Lang, zh, en string) string {
	if lang == "en" {
		return en
	}
	return zh
}

func writeCaravanText(w io.Writer, p *coverage.CaravanPlan, m *coverage.Model, lang words.Lang, sample bool) error {
	var b strings.Builder
	name := func(code string) string {
		if u, ok := m.Unit(code); ok {
			return u.Name
		}
		return code
	}
	if sample {
		b.WriteString(pick(lang, "【示例数据】\n", "[sample data]\n"))
	}
	fmt.Fprintf(&b, pick(lang, "科普大篷车新站点建议（覆盖半径 %.0f 公里，候选 %d 处）\n", "New caravan stations (reach %.0f km, %d candidates)\n"), p.ReachKm, p.Candidates)
	fmt.Fprintf(&b, pick(lang, "目前未覆盖的旗县 %d 个：%s\n", "Counties failing caravan_reach now: %d: %s\n"), len(p.Failing), strings.Join(p.Failing, ", "))
	for i, s := range p.Stations {
		var closes []string
		for _, c := range s.Closes {
			closes = append(closes, c+" "+name(c))
		}
		fmt.Fprintf(&b, "%3d. %s %s (%.4f, %.4f)  %s %s\n", i+1, s.Code, s.Name, s.Lon, s.Lat, pick(lang, "覆盖", "closes"), strings.Join(closes, ", "))
	}
	fmt.Fprintf(&b, pick(lang, "新增站点 %d 个", "%d new stations"), p.NewStations)
	switch {
	case p.Optimal:
		b.WriteString(pick(lang, "，已证明为最少（不存在更少的方案）", ", proven minimal (no smaller set exists)"))
	default:
		fmt.Fprintf(&b, pick(lang, "，未能证明最优：至少需要 %d 个，差距至多 %d 个", ", not proven optimal: at least %d are needed, so at most %d too many"), p.LowerBound, p.NewStations-p.LowerBound)
	}
	fmt.Fprintf(&b, pick(lang, "（贪心法 %d 个）\n", " (greedy: %d)\n"), p.Greedy)
	if len(p.Uncoverable) > 0 {
		fmt.Fprintf(&b, pick(lang, "无候选点可覆盖：%s\n", "No candidate reaches: %s\n"), strings.Join(p.Uncoverable, ", "))
	}
	_, err := io.WriteString(w, words.RegionSpeech(m.World.Region).Say(b.String()))
	return err
}

func writeVenueText(w io.Writer, p *coverage.VenuePlan, lang words.Lang, sample bool) error {
	var b strings.Builder
	if sample {
		b.WriteString(pick(lang, "【示例数据】\n", "[sample data]\n"))
	}
	fmt.Fprintf(&b, pick(lang, "新建科普场馆选址建议：%d 处，服务半径 %.0f 公里，场馆面积 ≥ %.0f 平方米（候选 %d 处，需求点 %d 个）\n",
		"New venue sites: %d, service radius %.0f km, floor area ≥ %.0f m² (%d candidates, %d demand points)\n"), p.K, p.RadiusKm, p.MinM2, p.Candidates, p.Demand)
	for i, s := range p.Sites {
		fmt.Fprintf(&b, pick(lang, "%3d. %s %s (%.4f, %.4f)  新增覆盖 %.0f 人\n", "%3d. %s %s (%.4f, %.4f)  newly covers %.0f\n"), i+1, s.Code, s.Name, s.Lon, s.Lat, s.Gain)
	}
	if len(p.Sites) < p.K {
		fmt.Fprintf(&b, pick(lang, "只有 %d 处有新增覆盖，其余需求已全部覆盖或无法覆盖\n", "only %d sites add anything; the rest of the demand is covered or out of reach\n"), len(p.Sites))
	}
	pct := func(x float64) float64 { return 100 * x / max(p.TotalPopulation, 1) }
	fmt.Fprintf(&b, pick(lang, "覆盖人口 %.0f → %.0f（共 %.0f，%.1f%% → %.1f%%），新增 %.0f\n", "Covered %.0f → %.0f of %.0f (%.1f%% → %.1f%%), newly %.0f\n"),
		p.BaselineCovered, p.CoveredPopulation, p.TotalPopulation, pct(p.BaselineCovered), pct(p.CoveredPopulation), p.NewlyCoveredPopulation)
	if p.Optimal {
		b.WriteString(pick(lang, "已证明最优（", "Proven optimal ("))
	} else {
		fmt.Fprintf(&b, pick(lang, "未证明最优：任何 %d 处至多新增 %.0f，本方案达上界的 %.2f%%（", "Not proven optimal: no %d sites newly cover more than %.0f; this is %.2f%% of that ("),
			p.K, p.UpperBound, 100*p.NewlyCoveredPopulation/max(p.UpperBound, 1))
	}
	fmt.Fprintf(&b, pick(lang, "方法 %s，贪心法新增 %.0f）\n", "method %s; greedy newly covers %.0f)\n"), p.Method, p.Greedy)
	_, err := io.WriteString(w, b.String())
	return err
}
