package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/gpkg"
)

func post(t testing.TB, s *Server, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func TestScenarioRoutes(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	good := `{"name":"new venue","add":{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[111.70,40.80]},"properties":{"id":"NEWVE1","category":"venue","floor_area_m2":3000}}]}}`
	rec := post(t, s, "/api/scenarios", good)
	wantStatus(t, rec, http.StatusCreated)
	var doc struct {
		ID      string `json:"id"`
		Changes struct {
			Units []struct{ Code, Rule string } `json:"units"`
		} `json:"changes"`
		Features struct {
			Features []struct {
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		} `json:"features"`
	}
	decode(t, rec, &doc)
	if doc.ID == "" || len(doc.Changes.Units) != 1 || doc.Changes.Units[0].Code != "150105" || len(doc.Features.Features) != 1 {
		t.Fatalf("got %+v, want an id, 150105 flipped and one proposed feature", doc)
	}
	wantStatus(t, get(t, s, "/api/scenarios/"+doc.ID), http.StatusOK)
	wantStatus(t, get(t, s, "/api/scenarios/nope"), http.StatusNotFound)

	bad := `{"name":"bad","remove":["NOPE"],"add":{"type":"FeatureCollection","features":[
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[111,41]},"properties":{"id":"X","category":"venue"}},
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[111,41]},"properties":{"id":"X","category":"venue"}}]}}`
	rec = post(t, s, "/api/scenarios", bad)
	wantStatus(t, rec, http.StatusBadRequest)
	var body struct {
		Problems []struct{ Reason string } `json:"problems"`
	}
	decode(t, rec, &body)
	if len(body.Problems) != 2 || !strings.Contains(body.Problems[0].Reason+body.Problems[1].Reason, "NOPE") {
		t.Errorf("got problems %+v, want the duplicate and the unknown id", body.Problems)
	}
}

func TestSuggestionRoutes(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	for _, tc := range []struct {
		target string
		status int
	}{
		{"/api/suggestions/caravans?reach_km=100", http.StatusOK},
		{"/api/suggestions/venues?k=2&radius_km=50", http.StatusOK},
		{"/api/suggestions/venues?k=0", http.StatusBadRequest},
		{"/api/suggestions/caravans?reach_km=-1", http.StatusBadRequest},
	} {
		t.Run(tc.target, func(t *testing.T) {
			rec := get(t, s, tc.target)
			wantStatus(t, rec, tc.status)
			if tc.status != http.StatusOK {
				return
			}
			var doc struct {
				Optimal  bool `json:"optimal"`
				Features struct {
					Type     string `json:"type"`
					Features []any  `json:"features"`
				} `json:"features"`
			}
			decode(t, rec, &doc)
			if !doc.Optimal || doc.Features.Type != "FeatureCollection" || len(doc.Features.Features) == 0 {
				t.Errorf("got %+v, want an optimal answer with features", doc)
			}
		})
	}
}

// scenarioServer is a server over the embedded world that keeps scenarios
// in st (nil: in memory).
func scenarioServer(t testing.TB, st ScenarioStore) *Server {
	t.Helper()
	s, err := New(Config{World: loadWorld(t), Rules: coverage.Defaults(), Log: log.New(io.Discard, "", 0), Scenarios: st})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// scenarioList is GET /api/scenarios decoded.
type scenarioList struct {
	Scenarios []struct {
		ID           string `json:"id"`
		Name         string `json:"name"`
		Created      string `json:"created"`
		UnitsFlipped int    `json:"units_flipped"`
		Added        int    `json:"added"`
		Removed      int    `json:"removed"`
		Rules        []struct {
			ID            string `json:"id"`
			Flipped       bool   `json:"flipped"`
			PassingBefore int    `json:"passing_before"`
			PassingAfter  int    `json:"passing_after"`
		} `json:"rules"`
	} `json:"scenarios"`
}

// TestScenariosPersistAcrossRestart posts scenarios to a server that keeps
// them in a GeoPackage, stops it, starts another on the same file, and
// finds each scenario as it was posted, with the listing summing them up.
func TestScenariosPersistAcrossRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kepu.gpkg")
	st, err := gpkg.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s := scenarioServer(t, st)
	venue := `{"name":"new venue","add":{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[111.70,40.80]},"properties":{"id":"NEWVE1","category":"venue","floor_area_m2":3000}}]}}`
	first := post(t, s, "/api/scenarios", venue)
	wantStatus(t, first, http.StatusCreated)
	removal := `{"name":"close a caravan","remove":["` + firstCaravan(t, s) + `"]}`
	second := post(t, s, "/api/scenarios", removal)
	wantStatus(t, second, http.StatusCreated)
	var ids [2]string
	for i, rec := range []*httptest.ResponseRecorder{first, second} {
		var d struct{ ID string }
		decode(t, rec, &d)
		ids[i] = d.ID
	}
	st.Close()

	st, err = gpkg.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s = scenarioServer(t, st)
	for i, tc := range []struct {
		posted *httptest.ResponseRecorder
		input  string
	}{{first, venue}, {second, removal}} {
		rec := get(t, s, "/api/scenarios/"+ids[i])
		wantStatus(t, rec, http.StatusOK)
		var got, want map[string]any
		decode(t, rec, &got)
		decode(t, tc.posted, &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("scenario %s after a restart differs from the POST answer", ids[i])
		}
		var in, wantIn any
		json.Unmarshal([]byte(tc.input), &wantIn)
		in = got["input"]
		if !reflect.DeepEqual(in, wantIn) {
			t.Errorf("scenario %s input: got %v, want %v", ids[i], in, wantIn)
		}
	}
	wantStatus(t, get(t, s, "/api/scenarios/nope"), http.StatusNotFound)

	var list scenarioList
	decode(t, get(t, s, "/api/scenarios"), &list)
	if len(list.Scenarios) != 2 {
		t.Fatalf("GET /api/scenarios: got %d scenarios, want 2", len(list.Scenarios))
	}
	newest, oldest := list.Scenarios[0], list.Scenarios[1]
	if newest.ID != ids[1] || newest.Name != "close a caravan" || newest.Removed != 1 || newest.Added != 0 {
		t.Errorf("newest: got %+v, want %s, close a caravan, 1 removed", newest, ids[1])
	}
	if oldest.ID != ids[0] || oldest.Name != "new venue" || oldest.Added != 1 || oldest.UnitsFlipped != 1 || oldest.Created == "" {
		t.Errorf("oldest: got %+v, want %s, new venue, 1 added, 1 unit flipped, a creation time", oldest, ids[0])
	}
	if len(oldest.Rules) != 1 || oldest.Rules[0].ID != coverage.RuleVenue1000 || oldest.Rules[0].PassingAfter != oldest.Rules[0].PassingBefore+1 {
		t.Errorf("oldest rules: got %+v, want venue_1000 passing in one more county", oldest.Rules)
	}
}

// firstCaravan is the id of the first open caravan of the served world.
func firstCaravan(t testing.TB, s *Server) string {
	t.Helper()
	for _, f := range s.snapshot().world.Facilities {
		if f.Category == coverage.CategoryCaravan && f.Open() {
			return f.ID
		}
	}
	t.Fatal("no open caravan in the world")
	return ""
}

// TestScenarioListInMemory lists scenarios kept in memory, newest first,
// and drops the oldest beyond the bound.
func TestScenarioListInMemory(t *testing.T) {
	s := scenarioServer(t, nil)
	var list scenarioList
	decode(t, get(t, s, "/api/scenarios"), &list)
	if list.Scenarios == nil || len(list.Scenarios) != 0 {
		t.Errorf("GET /api/scenarios with none: got %+v, want an empty list", list)
	}
	for _, name := range []string{"a", "b", "c"} {
		wantStatus(t, post(t, s, "/api/scenarios", `{"name":"`+name+`","remove":[]}`), http.StatusCreated)
	}
	decode(t, get(t, s, "/api/scenarios"), &list)
	var got []string
	for _, sc := range list.Scenarios {
		got = append(got, sc.Name)
	}
	if want := []string{"c", "b", "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("names: got %q, want %q", got, want)
	}

	st := newMemScenarios(2)
	for _, id := range []string{"1", "2", "3"} {
		st.SaveScenario(context.Background(), "", id, id, json.RawMessage(`"`+id+`"`), json.RawMessage(`{}`))
	}
	sums, _ := st.ScenarioSummaries(context.Background())
	if _, err := st.ScenarioBody(context.Background(), "1"); !errors.Is(err, fs.ErrNotExist) || len(sums) != 2 || string(sums[0]) != `"3"` {
		t.Errorf("bounded store: got %q and %v for the oldest, want 3 then 2 and the oldest gone", sums, err)
	}
}

// TestScenarioTrailingDataIsRefused keeps the stored input valid JSON.
func TestScenarioTrailingDataIsRefused(t *testing.T) {
	s := scenarioServer(t, nil)
	wantStatus(t, post(t, s, "/api/scenarios", `{"name":"a","remove":[]} {"x":1}`), http.StatusBadRequest)
}

// TestScenarioPostsAreRateLimited checks that one client cannot post
// scenarios without end, while another client still can.
func TestScenarioPostsAreRateLimited(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	postFrom := func(addr string) int {
		req := httptest.NewRequest(http.MethodPost, "/api/scenarios", strings.NewReader(`{"name":"x","remove":["NO-SUCH-ID"]}`))
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code == http.StatusTooManyRequests && !strings.Contains(rec.Body.String(), `"error"`) {
			t.Errorf("429 body = %s, want a JSON error", rec.Body)
		}
		return rec.Code
	}
	limited := 0
	for i := 0; i < scenarioBurst+5; i++ {
		if postFrom("127.0.0.2:1234") == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited == 0 || limited > 5 {
		t.Errorf("%d of %d posts were limited, want between 1 and 5", limited, scenarioBurst+5)
	}
	if code := postFrom("127.0.0.3:1234"); code != http.StatusBadRequest {
		t.Errorf("another client's post = %d, want 400 (not limited)", code)
	}
}
