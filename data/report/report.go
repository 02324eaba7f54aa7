// Package report writes the batch evaluation report: an HTML page for the
// region and one per league (maps drawn by kepu itself, embedded as PNG
// data URIs), a workbook, and the same gap CSV and check JSON the CLI prints.
package report

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
	"golang.org/x/sync/errgroup"
)

// Options configure a report.
type Options struct {
	Dir       string     // where to write; created when missing
	Lang      words.Lang // "zh" (default) or "en"
	Generated time.Time  // shown on the pages; zero leaves it out
	MapWidth  int        // map width in pixels; 0 means 1200
	// Plan sets the 投资计划 sheet's plan (nil: a budget of PlanBudget).
	Plan *coverage.PlanOptions
	// Progress, when set, is told after each step how many of how many are done.
	Progress func(done, total int, step string)
	// SuggestLimit bounds each planning solver's search (0: no limit); a
	// solver stopped by it gives its best answer with its proven bound.
	SuggestLimit time.Duration
	// StreamRows is the sheet size beyond which the workbook streams the
	// sheet (0: 20,000 rows).
	StreamRows int
}

// Files written into Options.Dir, besides leagues/<code>.html and maps/*.png.
const (
	IndexFile    = "index.html"
	WorkbookFile = "report.xlsx"
	GapsFile     = "gaps.csv"
	CheckFile    = "check.json"
	LeagueDir    = "leagues"
	MapDir       = "maps"
)

// builder carries one report's inputs and lookups.
type builder struct {
	m          *coverage.Model
	res        *coverage.Result
	opt        Options
	L          map[string]string
	sp         words.Speech // the region's words
	r          *Renderer
	renderers  chan *Renderer // r and one more per further CPU, for pages drawn at once
	tmpl       *template.Template
	unit       map[string]*coverage.Unit
	facility   map[string]*coverage.Facility
	leagues    []*coverage.Unit
	counties   []*coverage.Unit
	countiesOf map[string][]*coverage.Unit
	// caravans and venues are the planning suggestions; nil until suggest.
	caravans *coverage.CaravanPlan
	venues   *coverage.VenuePlan
	// investment is the 投资计划 sheet's plan; nil until suggest.
	investment *coverage.InvestmentPlan
	// progress is the series from the baseline to the report's day.
	progress *coverage.Progress
}

func newBuilder(m *coverage.Model, res *coverage.Result, opt Options) (*builder, error) {
	r, err := NewRenderer()
	if err != nil {
		return nil, err
	}
	tmpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	sp := words.RegionSpeech(res.Region.Region)
	b := &builder{m: m, res: res, opt: opt, L: labelsFor(opt.Lang, sp), sp: sp, r: r, tmpl: tmpl,
		unit: map[string]*coverage.Unit{}, facility: map[string]*coverage.Facility{}, countiesOf: map[string][]*coverage.Unit{},
		progress: coverage.ProgressOf(m, res.Ruleset)}
	w := m.World
	for i := range w.Units {
		b.unit[w.Units[i].Code] = &w.Units[i]
	}
	for i := range w.Facilities {
		b.facility[w.Facilities[i].ID] = &w.Facilities[i]
	}
	for _, i := range m.Leagues {
		b.leagues = append(b.leagues, &w.Units[i])
	}
	for _, i := range m.Counties {
		c := &w.Units[i]
		b.counties = append(b.counties, c)
		b.countiesOf[c.Parent] = append(b.countiesOf[c.Parent], c)
	}
	return b, nil
}

// moreRenderers gives the builder one renderer per CPU, for pages drawn at once.
func (b *builder) moreRenderers() error {
	workers := runtime.GOMAXPROCS(0)
	b.renderers = make(chan *Renderer, workers)
	b.renderers <- b.r
	for i := 1; i < workers; i++ {
		more, err := NewRenderer()
		if err != nil {
			return err
		}
		b.renderers <- more
	}
	return nil
}

// Write writes the whole report for the evaluated model into opt.Dir.
func Write(ctx context.Context, m *coverage.Model, res *coverage.Result, opt Options) error {
	b, err := newBuilder(m, res, opt)
	if err != nil {
		return err
	}
	if err := b.moreRenderers(); err != nil {
		return err
	}
	if err := b.suggest(ctx); err != nil {
		return err
	}
	for _, d := range []string{opt.Dir, filepath.Join(opt.Dir, LeagueDir), filepath.Join(opt.Dir, MapDir)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	type step struct {
		name string
		run  func() error
	}
	steps := []step{{IndexFile, func() error { return b.writePage(scope{counties: b.counties}, IndexFile) }}}
	for _, l := range b.leagues {
		s := scope{league: l, counties: b.countiesOf[l.Code]}
		name := filepath.Join(LeagueDir, l.Code+".html")
		steps = append(steps, step{name, func() error { return b.writePage(s, name) }})
	}
	steps = append(steps,
		step{WorkbookFile, func() error { return b.writeFile(WorkbookFile, b.workbook) }},
		step{GapsFile, func() error { return b.writeFile(GapsFile, b.gapsCSV) }},
		step{CheckFile, func() error { return b.writeFile(CheckFile, b.checkJSON) }})
	// Pages, workbook and files are independent: write them on every CPU.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(cap(b.renderers))
	var mu sync.Mutex
	done := 0
	for _, st := range steps {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			if err := st.run(); err != nil {
				return fmt.Errorf("report: %s: %w", st.name, err)
			}
			if opt.Progress != nil {
				mu.Lock()
				done++
				opt.Progress(done, len(steps), st.name)
				mu.Unlock()
			}
			return nil
		})
	}
	return g.Wait()
}

// WriteWorkbook writes the report's workbook to w: the same sheets and
// cells Write puts in opt.Dir/report.xlsx (opt.Dir is not used here).
func WriteWorkbook(ctx context.Context, w io.Writer, m *coverage.Model, res *coverage.Result, opt Options) error {
	b, err := newBuilder(m, res, opt)
	if err != nil {
		return err
	}
	if err := b.suggest(ctx); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := b.workbook(&buf); err != nil {
		return fmt.Errorf("report: %s: %w", WorkbookFile, err)
	}
	_, err = buf.WriteTo(w)
	return err
}

// Steps is how many steps Write reports progress for.
func Steps(m *coverage.Model) int { return 1 + len(m.Leagues) + 3 }

// utf8BOM starts every CSV the report writes, so that Excel on a Chinese
// Windows reads it as UTF-8.
const utf8BOM = "\uFEFF"

// gapsCSV is what `kepu gaps --format csv` prints, behind a UTF-8 BOM
// (one, whether or not the shared writer starts with one).
func (b *builder) gapsCSV(buf *bytes.Buffer) error {
	var csv bytes.Buffer
	if err := data.WriteGapsCSV(&csv, words.Gaps(b.res.Gaps(coverage.GapFilter{}), b.opt.Lang, b.sp)); err != nil {
		return err
	}
	buf.WriteString(utf8BOM)
	_, err := buf.Write(bytes.TrimPrefix(csv.Bytes(), []byte(utf8BOM)))
	return err
}

// checkJSON is exactly what `kepu check --format json` prints.
func (b *builder) checkJSON(buf *bytes.Buffer) error {
	return data.WriteJSON(buf, words.Result(b.res, b.opt.Lang))
}

func (b *builder) writeFile(name string, fill func(*bytes.Buffer) error) error {
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(b.opt.Dir, name), buf.Bytes(), 0o644)
}

// writePage renders the scope's maps and writes its HTML page.
func (b *builder) writePage(s scope, name string) error {
	p := b.page(s)
	prefix := "region"
	if s.league != nil {
		prefix = s.league.Code
	}
	r := <-b.renderers
	defer func() { b.renderers <- r }()
	for _, rule := range MapRules {
		png, err := r.EncodePNG(b.countyMap(s, rule))
		if err != nil {
			return err
		}
		file := filepath.Join(MapDir, prefix+"-"+rule+".png")
		if err := os.WriteFile(filepath.Join(b.opt.Dir, file), png, 0o644); err != nil {
			return err
		}
		p.Maps = append(p.Maps, mapView{Rule: rule, Title: words.RuleName(rule, b.opt.Lang), Caption: mapCaption(rule, b.opt.Lang),
			URI:  template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png)),
			File: p.Root + filepath.ToSlash(file)})
	}
	png, err := r.EncodeChartPNG(b.progressChart(s))
	if err != nil {
		return err
	}
	file := filepath.Join(MapDir, prefix+"-progress.png")
	if err := os.WriteFile(filepath.Join(b.opt.Dir, file), png, 0o644); err != nil {
		return err
	}
	p.Progress.ChartURI, p.Progress.ChartFile = chartURI(png), p.Root+filepath.ToSlash(file)
	return b.writeFile(name, func(buf *bytes.Buffer) error {
		var html bytes.Buffer
		if err := b.tmpl.ExecuteTemplate(&html, "page", p); err != nil {
			return err
		}
		_, err := buf.WriteString(b.say(html.String()))
		return err
	})
}

// say puts a Chinese text for people in the region's words. English texts
// are left alone, since their words would also match rule ids and paths.
func (b *builder) say(s string) string {
	if b.opt.Lang == "en" {
		return s
	}
	return b.sp.Say(s)
}
