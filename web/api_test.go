package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/embedded"
	"github.com/kepu/kepu/data/words"
	"github.com/kepu/kepu/web/tiles"
)

func TestHealthAndAbout(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	rec := get(t, s, "/api/health")
	wantStatus(t, rec, http.StatusOK)
	var h map[string]string
	decode(t, rec, &h)
	if !reflect.DeepEqual(h, map[string]string{"status": "ok"}) {
		t.Errorf("health: got %v, want {status: ok}", h)
	}
	rec = get(t, s, "/api/about")
	wantStatus(t, rec, http.StatusOK)
	var a aboutDoc
	decode(t, rec, &a)
	if a.Attribution != embedded.Attribution() || !a.Sample || a.SampleNote == "" {
		t.Errorf("about: got sample %v note %q attribution %d bytes, want the sample flagged and embedded.Attribution()", a.Sample, a.SampleNote, len(a.Attribution))
	}
}

func TestCheckEqualsEvaluate(t *testing.T) {
	w := loadWorld(t)
	s := newServer(t, w, nil)
	rec := get(t, s, "/api/check")
	wantStatus(t, rec, http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type: got %q, want application/json", ct)
	}
	var buf bytes.Buffer
	if err := data.WriteJSON(&buf, words.Result(coverage.Evaluate(w, coverage.Defaults()), words.ZH)); err != nil {
		t.Fatal(err)
	}
	var got, want any
	decode(t, rec, &got)
	if err := json.Unmarshal(buf.Bytes(), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GET /api/check differs from coverage.Evaluate on the same world")
	}
}

// TestCheckLang pins the texts of the check document in each language:
// Chinese by default, English with ?lang=en, 400 for another language.
func TestCheckLang(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	for _, tc := range []struct{ query, detail, target string }{
		{"", "最大开放场馆 960 平方米，不足 1,000 平方米", "每个旗县有 1000 平方米以上的开放科普场馆"},
		{"?lang=zh", "最大开放场馆 960 平方米，不足 1,000 平方米", "每个旗县有 1000 平方米以上的开放科普场馆"},
		{"?lang=en", "largest open venue 960 m² < 1,000 m²", "every county has an open venue of at least 1000 m²"},
	} {
		var doc coverage.Result
		decode(t, get(t, s, "/api/check"+tc.query), &doc)
		u := unitOf(doc, "150404") // 松山区: its largest venue has 960 m²
		if u == nil || u.Rules[coverage.RuleVenue1000].Detail != tc.detail {
			t.Errorf("/api/check%s 150404 venue_1000 detail: got %+v, want %q", tc.query, u, tc.detail)
		}
		if f := u.Rules[coverage.RuleVenue1000].Fact; f == nil || f.Kind != coverage.FactVenueSmall || f.LargestM2 != 960 || f.TargetM2 != 1000 {
			t.Errorf("/api/check%s 150404 venue_1000 fact: got %+v, want venue_small 960/1000", tc.query, f)
		}
		if got := doc.Rules[0].Target; got != tc.target {
			t.Errorf("/api/check%s rules[0].target: got %q, want %q", tc.query, got, tc.target)
		}
	}
	if rec := get(t, s, "/api/check?lang=fr"); rec.Code != http.StatusBadRequest {
		t.Errorf("lang=fr: got %d, want 400", rec.Code)
	}
}

func TestGaps(t *testing.T) {
	w := loadWorld(t)
	s := newServer(t, w, nil)
	res := coverage.Evaluate(w, coverage.Defaults())
	tests := []struct {
		name   string
		query  string
		filter coverage.GapFilter
	}{
		{"all", "", coverage.GapFilter{}},
		{"json explicitly", "?format=json", coverage.GapFilter{}},
		{"one rule", "?rule=venue_1000", coverage.GapFilter{Rule: "venue_1000"}},
		{"one league", "?league=150700", coverage.GapFilter{League: "150700"}},
		{"rule and league", "?rule=caravan_reach&league=150700", coverage.GapFilter{Rule: "caravan_reach", League: "150700"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, s, "/api/gaps"+tt.query)
			wantStatus(t, rec, http.StatusOK)
			var got []coverage.Gap
			decode(t, rec, &got)
			want := res.Gaps(tt.filter)
			if len(got) != len(want) {
				t.Fatalf("got %d gaps, want %d", len(got), len(want))
			}
			for i := range got {
				if got[i].Rule != want[i].Rule || got[i].Code != want[i].Code || got[i].Priority != want[i].Priority {
					t.Errorf("gap %d: got %s %s %v, want %s %s %v", i, got[i].Rule, got[i].Code, got[i].Priority, want[i].Rule, want[i].Code, want[i].Priority)
				}
			}
		})
	}
}

func TestGapsCSV(t *testing.T) {
	w := loadWorld(t)
	s := newServer(t, w, nil)
	rec := get(t, s, "/api/gaps?format=csv&rule=venue_1000")
	wantStatus(t, rec, http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("Content-Type: got %q, want text/csv", ct)
	}
	body := rec.Body.String()
	if !strings.HasPrefix(body, "\ufeffrule,") {
		t.Errorf("CSV: got %.12q, want a UTF-8 byte-order mark and the header", body)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("reading CSV: %v", err)
	}
	if !reflect.DeepEqual(rows[0], data.GapColumns) {
		t.Errorf("header: got %v, want %v", rows[0], data.GapColumns)
	}
	want := coverage.Evaluate(w, coverage.Defaults()).Gaps(coverage.GapFilter{Rule: "venue_1000"})
	if got := len(rows) - 1; got != len(want) {
		t.Errorf("got %d rows, want %d", got, len(want))
	}
	for i, r := range rows[1:] {
		if r[0] != "venue_1000" || r[1] != want[i].Code {
			t.Errorf("row %d: got %s %s, want venue_1000 %s", i+1, r[0], r[1], want[i].Code)
		}
	}
}

func TestBadParameters(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	tests := []struct {
		target string
		want   int
	}{
		{"/api/gaps?format=text", http.StatusBadRequest},
		{"/api/gaps?format=xml", http.StatusBadRequest},
		{"/api/gaps?rule=venue_2000", http.StatusBadRequest},
		{"/api/gaps?league=999999", http.StatusBadRequest},
		{"/api/gaps?league=150102", http.StatusBadRequest}, // a county, not a league
		{"/api/units?level=region", http.StatusBadRequest},
		{"/api/units/999999", http.StatusNotFound},
		{"/api/units/", http.StatusNotFound},
		{"/api/facilities?unit=999999", http.StatusBadRequest},
		{"/api/nothing", http.StatusNotFound},
		{"/tiles/roads.json", http.StatusNotFound},
		{"/tiles/counties.xml", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := get(t, s, tt.target)
			wantStatus(t, rec, tt.want)
			var body map[string]string
			decode(t, rec, &body)
			if body["error"] == "" {
				t.Errorf("got body %q, want {\"error\": \"...\"}", rec.Body.String())
			}
		})
	}
}

func TestMethodNotAllowedIsJSON(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	req, rec := httptestRequest(http.MethodPost, "/api/health")
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("POST /api/health: got %d, want 405", rec.Code)
	}
	var body map[string]string
	decode(t, rec, &body)
	if body["error"] == "" {
		t.Errorf("got body %q, want a JSON error", rec.Body.String())
	}
}

func TestPanicIsA500AndLogged(t *testing.T) {
	var logs bytes.Buffer
	s := newServer(t, loadWorld(t), &logs)
	s.echo.GET("/api/boom", func(c echoContext) error { panic("boom") })
	rec := get(t, s, "/api/boom")
	wantStatus(t, rec, http.StatusInternalServerError)
	var body map[string]string
	decode(t, rec, &body)
	if body["error"] != "internal error" {
		t.Errorf("got error %q, want \"internal error\" (details stay in the log)", body["error"])
	}
	if !strings.Contains(logs.String(), "panic") || !strings.Contains(logs.String(), "GET /api/boom 500") {
		t.Errorf("log: got %q, want the panic and a request line", logs.String())
	}
}

func TestUnits(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	tests := []struct {
		level string
		want  int
	}{
		{"county", 103},
		{"league", 12},
		{"", 115},
	}
	for _, tt := range tests {
		t.Run("level="+tt.level, func(t *testing.T) {
			rec := get(t, s, "/api/units?level="+tt.level)
			wantStatus(t, rec, http.StatusOK)
			var got []map[string]any
			decode(t, rec, &got)
			if len(got) != tt.want {
				t.Fatalf("got %d units, want %d", len(got), tt.want)
			}
			for _, u := range got {
				if tt.level != "" && u["level"] != tt.level {
					t.Errorf("%v: got level %v, want %s", u["code"], u["level"], tt.level)
				}
				b, _ := u["bbox"].([]any)
				if len(b) != 4 || b[0].(float64) >= b[2].(float64) || b[1].(float64) >= b[3].(float64) {
					t.Errorf("%v: got bbox %v, want [minLon, minLat, maxLon, maxLat]", u["code"], u["bbox"])
					continue
				}
				lon, ok1 := u["label_lon"].(float64)
				lat, ok2 := u["label_lat"].(float64)
				if !ok1 || !ok2 || lon < b[0].(float64) || lon > b[2].(float64) || lat < b[1].(float64) || lat > b[3].(float64) {
					t.Errorf("%v: got label %v,%v, want a point inside bbox %v", u["code"], u["label_lon"], u["label_lat"], b)
				}
				if _, ok := u["rules"].(map[string]any); !ok {
					t.Errorf("%v: got no rules, want the unit's rule results", u["code"])
				}
			}
		})
	}
}

func TestUnitDetail(t *testing.T) {
	w := loadWorld(t)
	s := newServer(t, w, nil)
	m := coverage.NewModel(w)
	res := m.Evaluate(coverage.Defaults())
	tests := []struct {
		code      string
		level     string
		wantRules []string
	}{
		{"150102", "county", []string{"venue_1000", "caravan_reach", "base_distribution"}},
		{"150700", "league", []string{"league_museum"}},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			rec := get(t, s, "/api/units/"+tt.code)
			wantStatus(t, rec, http.StatusOK)
			var got struct {
				Code         string                       `json:"code"`
				Level        string                       `json:"level"`
				Rules        map[string]coverage.UnitRule `json:"rules"`
				NearestVenue *coverage.Nearest            `json:"nearest_venue"`
				Facilities   struct {
					Type     string `json:"type"`
					Features []struct {
						Properties map[string]any `json:"properties"`
					} `json:"features"`
				} `json:"facilities"`
				Counties []string       `json:"counties"`
				Gaps     []coverage.Gap `json:"gaps"`
			}
			decode(t, rec, &got)
			want, _ := res.Unit(tt.code)
			if got.Code != tt.code || got.Level != tt.level {
				t.Errorf("got %s %s, want %s %s", got.Code, got.Level, tt.code, tt.level)
			}
			for _, id := range tt.wantRules {
				if got.Rules[id].Pass != want.Rules[id].Pass {
					t.Errorf("rule %s: got pass %v, want %v", id, got.Rules[id].Pass, want.Rules[id].Pass)
				}
			}
			if got.Facilities.Type != "FeatureCollection" {
				t.Errorf("facilities: got type %q, want FeatureCollection", got.Facilities.Type)
			}
			wantN := 0
			for _, c := range m.FacilityCounty {
				if c == tt.code || (c != "" && m.LeagueOf(c) == tt.code) {
					wantN++
				}
			}
			if len(got.Facilities.Features) != wantN {
				t.Errorf("facilities: got %d, want %d (brute force over every facility)", len(got.Facilities.Features), wantN)
			}
			if tt.level == "county" && (got.NearestVenue == nil) != (want.NearestVenue == nil) {
				t.Errorf("nearest_venue: got %v, want %v", got.NearestVenue, want.NearestVenue)
			}
			if tt.level == "league" && len(got.Counties) == 0 {
				t.Errorf("counties: got none, want the league's counties")
			}
			for _, g := range got.Gaps {
				if g.Code != tt.code {
					t.Errorf("gaps: got a gap of %s, want only %s", g.Code, tt.code)
				}
			}
		})
	}
}

func TestFacilities(t *testing.T) {
	w := loadWorld(t)
	s := newServer(t, w, nil)
	m := coverage.NewModel(w)
	tests := []struct {
		query string
		keep  func(i int) bool
	}{
		{"", func(int) bool { return true }},
		{"?category=venue", func(i int) bool { return w.Facilities[i].Category == "venue" }},
		{"?category=museum", func(int) bool { return false }},
		{"?unit=150102", func(i int) bool { return m.FacilityCounty[i] == "150102" }},
		{"?unit=150700&category=caravan", func(i int) bool {
			return w.Facilities[i].Category == "caravan" && m.LeagueOf(m.FacilityCounty[i]) == "150700"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec := get(t, s, "/api/facilities"+tt.query)
			wantStatus(t, rec, http.StatusOK)
			var fc featureCollectionDoc
			decode(t, rec, &fc)
			var want []string
			for i := range w.Facilities {
				if tt.keep(i) {
					want = append(want, w.Facilities[i].ID)
				}
			}
			var got []string
			for _, f := range fc.Features {
				got = append(got, f.Properties["id"].(string))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %d facilities, want %d (brute force)", len(got), len(want))
			}
		})
	}
}

type featureCollectionDoc struct {
	Type     string `json:"type"`
	Features []struct {
		ID         any            `json:"id"`
		Geometry   map[string]any `json:"geometry"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
}

func TestFacilitiesPassThrough(t *testing.T) {
	w := loadWorld(t, "testdata/facilities-extra.geojson")
	s := newServer(t, w, nil)
	rec := get(t, s, "/api/facilities")
	wantStatus(t, rec, http.StatusOK)
	var fc featureCollectionDoc
	decode(t, rec, &fc)
	byID := map[string]map[string]any{}
	for _, f := range fc.Features {
		byID[f.Properties["id"].(string)] = f.Properties
	}
	tests := []struct {
		id, key string
		want    any
	}{
		{"VE-T1", "contact", "0471-0000000"},
		{"VE-T1", "located_county", "150102"},
		{"VE-T1", "floor_area_m2", 1500.0},
		{"CA-T1", "status", "open"},
		{"BA-T1", "located_county", nil},
		{"PL-T1", "category", "venue"}, // 科技馆 in the file
	}
	for _, tt := range tests {
		if got := byID[tt.id][tt.key]; got != tt.want {
			t.Errorf("%s %s: got %v, want %v", tt.id, tt.key, got, tt.want)
		}
	}
	if rec := get(t, s, "/api/about"); strings.Contains(rec.Body.String(), `"sample": true`) {
		t.Errorf("about: got sample true for a user registry, want false")
	}
}

func TestTileJSON(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	for _, layer := range tiles.Names() {
		t.Run(layer, func(t *testing.T) {
			rec := get(t, s, "/tiles/"+layer+".json")
			wantStatus(t, rec, http.StatusOK)
			var got tileJSON
			decode(t, rec, &got)
			if got.TileJSON != "3.0.0" {
				t.Errorf("tilejson: got %q, want 3.0.0", got.TileJSON)
			}
			if want := "http://example.com/tiles/" + layer + "/{z}/{x}/{y}.mvt"; len(got.Tiles) != 1 || got.Tiles[0] != want {
				t.Errorf("tiles: got %v, want [%s]", got.Tiles, want)
			}
			if len(got.VectorLayers) != 1 || got.VectorLayers[0].ID != layer || len(got.VectorLayers[0].Fields) == 0 {
				t.Errorf("vector_layers: got %+v, want one layer %q with fields", got.VectorLayers, layer)
			}
			b := got.Bounds
			if b[0] < 90 || b[2] > 130 || b[1] < 30 || b[3] > 60 || got.MaxZoom < got.MinZoom || got.Attribution == "" {
				t.Errorf("got bounds %v zooms %d-%d attribution %q, want Inner Mongolia's bounds and an attribution", b, got.MinZoom, got.MaxZoom, got.Attribution)
			}
		})
	}
	var got tileJSON
	decode(t, get(t, s, "/tiles/counties.json"), &got)
	for _, f := range []string{"code", "name", "parent", "population", "venue_1000", "caravan_reach", "largest_venue_m2", "bases", "priority"} {
		if got.VectorLayers[0].Fields[f] == "" {
			t.Errorf("counties fields: got none for %q, want it listed", f)
		}
	}
}

func TestWebMap(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	s.assets = fstest.MapFS{"index.html": {Data: []byte("<html>kepu map</html>")}, "app.js": {Data: []byte("let x")}}
	tests := []struct {
		path, want string
		status     int
	}{
		{"/", "kepu map", http.StatusOK},
		{"/app.js", "let x", http.StatusOK},
		{"/missing.js", `"error"`, http.StatusNotFound},
	}
	for _, tt := range tests {
		rec := get(t, s, tt.path)
		wantStatus(t, rec, tt.status)
		if !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("%s: got %q, want it to contain %q", tt.path, rec.Body.String(), tt.want)
		}
	}
	s.assets = nil // as when web/ui was not built
	rec := get(t, s, "/")
	wantStatus(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), "bash web/ui/build.sh") {
		t.Errorf("not built: got %q, want the build instructions", rec.Body.String())
	}
	wantStatus(t, get(t, s, "/api/health"), http.StatusOK)
}
