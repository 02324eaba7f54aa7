package web

import (
	"net/url"
	"strings"

	"github.com/kepu/kepu/data/words"
)

// Basemap is an online raster basemap that the web map draws beneath kepu's
// layers (`kepu serve --basemap URL`), for deployments with internet access.
// Without one the map fetches nothing from outside the server. It reaches
// the map through GET /api/about, field "basemap".
type Basemap struct {
	// Tiles holds the XYZ template, as MapLibre's raster source takes it.
	Tiles []string `json:"tiles"`
	// Attribution is the credit the map shows for the tiles.
	Attribution string `json:"attribution"`
}

// ParseBasemap checks an XYZ raster tile template (http or https, with
// {z}, {x} and {y} or {-y}; a 天地图 template carries the user's key as
// tk=KEY) and returns the basemap, credited with attribution or, when that is
// empty, a credit named after the tile host.
func ParseBasemap(template, attribution string) (*Basemap, error) {
	u, err := url.Parse(template)
	if err != nil {
		return nil, words.Errorf("basemap %q: %w", template, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, words.Errorf("basemap %q: the URL must start with http:// or https://", template)
	}
	if u.Host == "" {
		return nil, words.Errorf("basemap %q: the URL names no host", template)
	}
	var missing []string
	for _, p := range []string{"{z}", "{x}"} {
		if !strings.Contains(template, p) {
			missing = append(missing, p)
		}
	}
	if !strings.Contains(template, "{y}") && !strings.Contains(template, "{-y}") {
		missing = append(missing, "{y}")
	}
	if len(missing) > 0 {
		return nil, words.Errorf("basemap %q: the URL lacks %s (an XYZ tile template such as https://host/{z}/{x}/{y}.png)", template, strings.Join(missing, ", "))
	}
	attribution = strings.TrimSpace(attribution)
	if attribution == "" {
		attribution = defaultBasemapCredit(u.Hostname())
	}
	return &Basemap{Tiles: []string{template}, Attribution: attribution}, nil
}

// defaultBasemapCredit credits a tile host when the user named no credit.
func defaultBasemapCredit(host string) string {
	if host == "tianditu.gov.cn" || strings.HasSuffix(host, ".tianditu.gov.cn") {
		return "底图 © 天地图 (tianditu.gov.cn)"
	}
	return "底图 Basemap © " + host
}
