package web

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
)

func TestParseBasemap(t *testing.T) {
	const tdt = "https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY"
	tests := []struct {
		name, url, credit string
		want              *Basemap
		err               string
	}{
		{"tianditu template, default credit", tdt, "",
			&Basemap{Tiles: []string{tdt}, Attribution: "底图 © 天地图 (tianditu.gov.cn)"}, ""},
		{"xyz with own credit", "http://tiles.example.org/{z}/{x}/{y}.png", " © Example ",
			&Basemap{Tiles: []string{"http://tiles.example.org/{z}/{x}/{y}.png"}, Attribution: "© Example"}, ""},
		{"tms {-y}, credit from the host", "https://tms.example.org/{z}/{x}/{-y}.png", "",
			&Basemap{Tiles: []string{"https://tms.example.org/{z}/{x}/{-y}.png"}, Attribution: "底图 Basemap © tms.example.org"}, ""},
		{"no placeholders", "https://tiles.example.org/tile.png", "", nil, "lacks {z}, {x}, {y}"},
		{"no y", "https://tiles.example.org/{z}/{x}.png", "", nil, "lacks {y}"},
		{"not http", "file:///srv/tiles/{z}/{x}/{y}.png", "", nil, "must start with http:// or https://"},
		{"no host", "https:///{z}/{x}/{y}.png", "", nil, "names no host"},
		{"not a URL", "https://tiles example.org/{z}/{x}/{y}.png", "", nil, "invalid character"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseBasemap(tc.url, tc.credit)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseBasemap(%q): got error %v, want one saying %q", tc.url, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseBasemap(%q): %v", tc.url, err)
			}
			if strings.Join(got.Tiles, " ") != strings.Join(tc.want.Tiles, " ") || got.Attribution != tc.want.Attribution {
				t.Errorf("ParseBasemap(%q): got %+v, want %+v", tc.url, got, tc.want)
			}
		})
	}
}

// TestAboutNamesTheBasemap: /api/about carries the basemap the server was
// given, and no "basemap" field at all without one (the map then fetches
// nothing from outside).
func TestAboutNamesTheBasemap(t *testing.T) {
	w := loadWorld(t)
	bm := &Basemap{Tiles: []string{"https://tiles.example.org/{z}/{x}/{y}.png?tk=K"}, Attribution: "© Example"}
	for _, tc := range []struct {
		name    string
		basemap *Basemap
		want    string // the basemap field as JSON with sorted keys, "" for absent
	}{
		{"none", nil, ""},
		{"given", bm, `{"attribution":"© Example","tiles":["https://tiles.example.org/{z}/{x}/{y}.png?tk=K"]}`}, // keys sorted
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := New(Config{World: w, Rules: coverage.Defaults(), Log: log.New(io.Discard, "", 0), Basemap: tc.basemap})
			if err != nil {
				t.Fatal(err)
			}
			rec := get(t, s, "/api/about")
			wantStatus(t, rec, http.StatusOK)
			var doc map[string]json.RawMessage
			decode(t, rec, &doc)
			got := ""
			if raw, ok := doc["basemap"]; ok {
				var v any
				if err := json.Unmarshal(raw, &v); err != nil {
					t.Fatal(err)
				}
				b, _ := json.Marshal(v)
				got = string(b)
			}
			if got != tc.want {
				t.Errorf("about.basemap: got %s, want %s", got, tc.want)
			}
		})
	}
}
