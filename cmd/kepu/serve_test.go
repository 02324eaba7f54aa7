package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestServeKeepsScenariosInTheDB posts a scenario to `kepu serve --db`,
// stops the server, starts it again on the same file and gets the
// scenario back by id and in the listing. Without --db a restart forgets.
func TestServeKeepsScenariosInTheDB(t *testing.T) {
	bin := buildKepu(t)
	db := filepath.Join(t.TempDir(), "kepu.gpkg")
	body := `{"name":"venue at Hohhot","add":{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[111.70,40.80]},"properties":{"id":"NEWVE1","category":"venue","floor_area_m2":3000}}]}}`
	for _, tc := range []struct {
		name string
		args []string
		kept bool
	}{
		{"with --db", []string{"--db", db}, true},
		{"in memory", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd, base := startServe(t, bin, tc.args...)
			resp, err := http.Post(base+"/api/scenarios", "application/json", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			var posted struct{ ID, Name string }
			json.NewDecoder(resp.Body).Decode(&posted)
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated || posted.ID == "" {
				t.Fatalf("POST /api/scenarios: got %d %+v, want 201 with an id", resp.StatusCode, posted)
			}
			cmd.Process.Signal(syscall.SIGTERM)
			cmd.Wait()

			_, base = startServe(t, bin, tc.args...)
			resp, err = http.Get(base + "/api/scenarios/" + posted.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got struct{ ID, Name string }
			json.NewDecoder(resp.Body).Decode(&got)
			resp.Body.Close()
			want := map[bool]int{true: http.StatusOK, false: http.StatusNotFound}[tc.kept]
			if resp.StatusCode != want || (tc.kept && got != posted) {
				t.Errorf("GET the scenario after a restart: got %d %+v, want %d %+v", resp.StatusCode, got, want, posted)
			}
			resp, err = http.Get(base + "/api/scenarios")
			if err != nil {
				t.Fatal(err)
			}
			var list struct {
				Scenarios []struct{ ID, Name string } `json:"scenarios"`
			}
			json.NewDecoder(resp.Body).Decode(&list)
			resp.Body.Close()
			if n := map[bool]int{true: 1, false: 0}[tc.kept]; len(list.Scenarios) != n || (n == 1 && list.Scenarios[0] != posted) {
				t.Errorf("GET /api/scenarios after a restart: got %+v, want %d entries", list.Scenarios, n)
			}
		})
	}
}
