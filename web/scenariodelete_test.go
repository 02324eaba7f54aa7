package web

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/gpkg"
)

// authorServer keeps scenarios in a GeoPackage and takes edits from the
// tokens of 甲 (ja-token) and 乙 (yi-token).
func authorServer(t *testing.T) (*Server, *gpkg.Store) {
	t.Helper()
	st, w := seededStore(t)
	s, err := New(Config{World: w, Rules: coverage.Defaults(), Log: log.New(io.Discard, "", 0), Scenarios: st})
	if err != nil {
		t.Fatal(err)
	}
	s.EnableEdits(st, []Token{{Name: "甲", Value: "ja-token"}, {Name: "乙", Value: "yi-token"}})
	return s, st
}

const venueScenario = `{"name":"赛罕区新馆","add":{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[111.70,40.80]},"properties":{"id":"NEWVE1","category":"venue","floor_area_m2":3000}}]}}`

// postAs posts venueScenario with token ("" for none) and returns its id and author.
func postAs(t *testing.T, s *Server, token string) (id, author string) {
	t.Helper()
	rec := send(t, s, http.MethodPost, "/api/scenarios", token, venueScenario)
	wantStatus(t, rec, http.StatusCreated)
	var doc struct{ ID, Author string }
	decode(t, rec, &doc)
	return doc.ID, doc.Author
}

func TestScenarioAuthor(t *testing.T) {
	s, _ := authorServer(t)
	if _, author := postAs(t, s, "ja-token"); author != "甲" {
		t.Errorf("author with 甲's token: got %q, want 甲", author)
	}
	if _, author := postAs(t, s, ""); author != "" {
		t.Errorf("author without a token: got %q, want none", author)
	}
	rec := send(t, s, http.MethodPost, "/api/scenarios", "wrong", venueScenario)
	wantStatus(t, rec, http.StatusUnauthorized)
	var body errorBody
	decode(t, rec, &body)
	if body.Error != "the bearer token is not valid" {
		t.Errorf("error %q, want the token refused", body.Error)
	}
	var list struct {
		Scenarios []struct{ Name, Author string } `json:"scenarios"`
	}
	decode(t, get(t, s, "/api/scenarios"), &list)
	if len(list.Scenarios) != 2 || list.Scenarios[0].Author != "" || list.Scenarios[1].Author != "甲" || list.Scenarios[1].Name != "赛罕区新馆" {
		t.Errorf("listing %+v, want the anonymous scenario, then 甲's 赛罕区新馆", list.Scenarios)
	}
}

func TestDeleteScenario(t *testing.T) {
	s, st := authorServer(t)
	mine, _ := postAs(t, s, "ja-token")
	anon, _ := postAs(t, s, "")
	for _, tc := range []struct {
		name, id, token string
		status          int
		body            string
	}{
		{"no token", mine, "", http.StatusUnauthorized, `{"error":"writes need an Authorization: Bearer TOKEN header"}`},
		{"bad token", mine, "nope", http.StatusUnauthorized, `{"error":"the bearer token is not valid"}`},
		{"unknown id", "0000000000000000", "ja-token", http.StatusNotFound, `{"error":"scenario \"0000000000000000\": no such scenario"}`},
		{"someone else's", mine, "yi-token", http.StatusForbidden,
			`{"error":"scenario \"` + mine + `\" was posted by \"甲\": only its author may delete it (this token is \"乙\")"}`},
		{"anonymous", anon, "ja-token", http.StatusForbidden,
			`{"error":"scenario \"` + anon + `\" was posted without a token: it has no author, so nobody may delete it"}`},
		{"the author's", mine, "ja-token", http.StatusOK, `{"author":"甲","deleted":"` + mine + `","name":"赛罕区新馆"}`},
		{"deleted already", mine, "ja-token", http.StatusNotFound, `{"error":"scenario \"` + mine + `\": no such scenario"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := send(t, s, http.MethodDelete, "/api/scenarios/"+tc.id, tc.token, "")
			wantStatus(t, rec, tc.status)
			if got := compactJSON(t, rec.Body.Bytes()); got != tc.body {
				t.Errorf("body %s, want %s", got, tc.body)
			}
		})
	}
	wantStatus(t, get(t, s, "/api/scenarios/"+mine), http.StatusNotFound)
	wantStatus(t, get(t, s, "/api/scenarios/"+anon), http.StatusOK)
	if _, err := st.Scenario(context.Background(), mine); err == nil {
		t.Errorf("scenario %s is still in the store", mine)
	}
}

// TestDeleteScenarioWithoutEdits: a server without write tokens (no --db)
// says why nothing can be deleted.
func TestDeleteScenarioWithoutEdits(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	id, _ := postAs(t, s, "")
	rec := send(t, s, http.MethodDelete, "/api/scenarios/"+id, "any", "")
	wantStatus(t, rec, http.StatusUnauthorized)
	want := `{"error":"this server has no write tokens (start it with --db and KEPU_TOKEN or --token-file): scenarios have no authors and cannot be deleted"}`
	if got := compactJSON(t, rec.Body.Bytes()); got != want {
		t.Errorf("body %s, want %s", got, want)
	}
	wantStatus(t, get(t, s, "/api/scenarios/"+id), http.StatusOK)
}

// compactJSON re-encodes b with its keys sorted.
func compactJSON(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not JSON: %s", b)
	}
	out, _ := json.Marshal(v)
	return string(out)
}
