package web

import (
	"bytes"
	"net/http"
	"slices"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
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
}

// regionWords are the region's words for its levels, as data.Speech has them.
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
	sp := data.RegionSpeech(reg)
	doc := aboutDoc{Attribution: loadedAttribution(snap), Credit: attribution(snap), Sample: snap.world.Sample,
		Sources: snap.world.Sources, Version: snap.version, Region: reg,
		Title: data.CheckTitle(sp, "zh"), TitleEN: data.CheckTitle(sp, "en"), TargetsFrom: snap.result.TargetsFrom,
		Words: regionWords{League: sp.League, County: sp.County, Whole: sp.Whole, Own: sp.Own,
			LeagueEN: sp.LeagueEN, CountyEN: sp.CountyEN, OwnEN: sp.OwnEN, Native: sp.Native()}}
	if doc.Sample {
		doc.SampleNote = "设施登记为合成示例数据，并非真实设施 (the facility registry is synthetic sample data)"
	}
	return writeJSON(c, http.StatusOK, doc)
}

// check serves GET /api/check: the check document of `kepu check --format
// json`; with view=summary, its summary for the map's first load.
func (s *Server) check(c echo.Context) error {
	lean, err := view(c, "summary")
	if err != nil {
		return err
	}
	if lean {
		return writeCompact(c, summarise(s.snapshot().result))
	}
	return writeJSON(c, http.StatusOK, s.snapshot().result)
}

// gaps serves GET /api/gaps?rule=&league=&format=json|csv.
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
	gaps := snap.result.Gaps(coverage.GapFilter{Rule: rule, League: league})
	if gaps == nil {
		gaps = []coverage.Gap{}
	}
	if format == "json" && lean {
		return writeCompact(c, leanGaps(gaps))
	}
	if format == "json" {
		return writeJSON(c, http.StatusOK, gaps)
	}
	var buf bytes.Buffer
	if err := data.WriteGapsCSV(&buf, gaps); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="kepu-gaps.csv"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}
