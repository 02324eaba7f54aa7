package web

import (
	"bytes"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/embedded"
	"github.com/kepu/kepu/data/words"
	"github.com/labstack/echo/v4"
)

// health serves GET /api/health.
func (s *Server) health(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// aboutDoc is GET /api/about: where the data comes from.
type aboutDoc struct {
	Attribution string   `json:"attribution"`
	Credit      string   `json:"credit"`
	Sample      bool     `json:"sample"`
	SampleNote  string   `json:"sample_note,omitempty"`
	Sources     []string `json:"sources"`
	Version     uint64   `json:"data_version"`
	// Region names the data's region with its bounds (the map's first
	// extent), its plan, and the words its places are called by.
	Region      coverage.Region `json:"region"`
	Title       string          `json:"title"`
	TitleEN     string          `json:"title_en"`
	Words       regionWords     `json:"words"`
	TargetsFrom string          `json:"targets_from"`
	// Basemap is the online raster basemap `kepu serve --basemap` names.
	Basemap *Basemap `json:"basemap,omitempty"`
}

// regionWords are the region's words for its levels, as words.Speech has them.
type regionWords struct {
	League   string `json:"league"`
	County   string `json:"county"`
	Whole    string `json:"whole"`
	Own      string `json:"own_level"`
	LeagueEN string `json:"league_en"`
	CountyEN string `json:"county_en"`
	OwnEN    string `json:"own_level_en"`
	Native   bool   `json:"native"`
}

func (s *Server) about(c echo.Context) error {
	snap := s.snapshot()
	reg := snap.result.Region.Region
	sp := words.RegionSpeech(reg)
	doc := aboutDoc{Attribution: loadedAttribution(snap), Credit: attribution(snap), Sample: snap.world.Sample,
		Sources: publicSources(snap.world.Sources), Version: snap.version, Region: reg,
		Title: data.CheckTitle(sp, "zh"), TitleEN: data.CheckTitle(sp, "en"), TargetsFrom: snap.result.TargetsFrom, Basemap: s.cfg.Basemap,
		Words: regionWords{League: sp.League, County: sp.County, Whole: sp.Whole, Own: sp.Own,
			LeagueEN: sp.LeagueEN, CountyEN: sp.CountyEN, OwnEN: sp.OwnEN, Native: sp.Native()}}
	if doc.Sample {
		doc.SampleNote = "设施登记为合成示例数据，并非真实设施 (the facility registry is synthetic sample data)"
	}
	return s.serveJSON(c, snap, "about", func() any { return doc })
}

// precompressed are the routes whose bodies are gzipped once, when cached,
// rather than by the gzip middleware on every response.
var precompressed = map[string]bool{
	"/tiles/:layer/:z/:x/:y": true, "/api/report.xlsx": true, "/api/template.xlsx": true,
	"/api/check": true, "/api/gaps": true, "/api/units": true, "/api/about": true, "/api/progress": true, "/api/plan": true,
	"/api/suggestions/caravans": true, "/api/suggestions/venues": true,
}

// serveJSON answers with v, encoded once per world version under key.
func (s *Server) serveJSON(c echo.Context, snap *snapshot, key string, v func() any) error {
	return s.serveDoc(c, snap, key, echo.MIMEApplicationJSON, func(b *bytes.Buffer) error {
		return data.WriteJSON(b, v())
	})
}

// check serves GET /api/check?as_of=: the check document of `kepu check --format json`.
func (s *Server) check(c echo.Context) error {
	lean, err := view(c, "summary")
	if err != nil {
		return err
	}
	lang, err := langParam(c)
	if err != nil {
		return err
	}
	snap := s.snapshot()
	res, err := s.resultAt(c, snap)
	if err != nil {
		return err
	}
	key := "\x00" + res.AsOf + "\x00" + string(lang)
	if lean {
		return s.serveCompact(c, snap, "check/summary"+key, func() any { return summarise(words.Result(res, lang)) })
	}
	return s.serveJSON(c, snap, "check"+key, func() any { return publicResult(words.Result(res, lang)) })
}

// publicResult is the check document as anonymous readers see it: files
// named by their base name, so that the server's directories (where the
// database lives, say) stay private.
func publicResult(r *coverage.Result) *coverage.Result {
	out := *r
	out.Dataset.Sources = publicSources(r.Dataset.Sources)
	out.Diagnostics = make([]coverage.Diagnostic, len(r.Diagnostics))
	for i, d := range r.Diagnostics {
		if d.File != "" {
			d.File = filepath.Base(d.File)
		}
		out.Diagnostics[i] = d
	}
	return &out
}

// publicSources names each source file by its base name; the embedded
// data keeps its name.
func publicSources(sources []string) []string {
	out := make([]string, len(sources))
	for i, src := range sources {
		switch {
		case embedded.Is(src):
			out[i] = src
		case strings.HasPrefix(src, "postgres://"), strings.HasPrefix(src, "postgresql://"):
			out[i] = "PostgreSQL" // the host and credentials stay private
		default:
			out[i] = filepath.Base(src)
		}
	}
	return out
}

// gaps serves GET /api/gaps?rule=&league=&format=json|csv&as_of=.
func (s *Server) gaps(c echo.Context) error {
	snap := s.snapshot()
	rule, league := c.QueryParam("rule"), c.QueryParam("league")
	format := c.QueryParam("format")
	if format == "" {
		format = "json"
	}
	if format != "json" && format != "csv" {
		return invalidf("format %q: use json or csv", format)
	}
	if rule != "" && !slices.Contains(coverage.RuleIDs, rule) {
		return invalidf("rule %q: unknown rule (one of %s)", rule, strings.Join(coverage.RuleIDs, ", "))
	}
	if league != "" {
		if u, ok := snap.model.Unit(league); !ok || u.Level != coverage.LevelLeague {
			return invalidf("league %q: no such league", league)
		}
	}
	lean, err := view(c, "lean")
	if err != nil {
		return err
	}
	lang, err := langParam(c)
	if err != nil {
		return err
	}
	res, err := s.resultAt(c, snap)
	if err != nil {
		return err
	}
	gapList := func() []coverage.Gap {
		gaps := res.Gaps(coverage.GapFilter{Rule: rule, League: league})
		if gaps == nil {
			gaps = []coverage.Gap{}
		}
		return words.Gaps(gaps, lang, words.RegionSpeech(res.Region.Region))
	}
	key := "gaps\x00" + rule + "\x00" + league + "\x00" + format + "\x00" + res.AsOf + "\x00" + string(lang)
	switch {
	case format == "json" && lean:
		return s.serveCompact(c, snap, key+"\x00lean", func() any { return leanGaps(gapList()) })
	case format == "json":
		return s.serveJSON(c, snap, key, func() any { return gapList() })
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="kepu-gaps.csv"`)
	return s.serveDoc(c, snap, key, "text/csv; charset=utf-8", func(b *bytes.Buffer) error {
		return data.WriteGapsCSV(b, gapList())
	})
}
