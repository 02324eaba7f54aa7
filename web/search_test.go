package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestMatchRank(t *testing.T) {
	for _, tc := range []struct {
		name, id, label, q string
		want               int
	}{
		{"id itself, any case", "VE2600001", "新城区科技馆", "ve2600001", 1},
		{"name itself", "VE1", "科技馆", "科技馆", 2},
		{"id prefix", "VE2600001", "新城区科技馆", "VE26", 3},
		{"name prefix", "VE1", "新城区科技馆", "新城", 4},
		{"name holds", "VE1", "新城区科技馆", "科技", 5},
		{"id holds", "VE2600001", "新城区科技馆", "600001", 6},
		{"no match", "VE1", "科技馆", "大篷车", 0},
		{"empty query matches nothing", "VE1", "科技馆", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := matchRank(tc.id, tc.label, tc.q); got != tc.want {
				t.Errorf("matchRank(%q, %q, %q) = %d, want %d", tc.id, tc.label, tc.q, got, tc.want)
			}
		})
	}
}

func TestSearchRoute(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	type hit struct{ Code, Name, Level, Parent string }
	for _, tc := range []struct {
		target     string
		status     int
		units      []hit
		facilities []string // "id name located_county"
		errText    string
	}{
		{target: "/api/search?q=VE2600001", status: http.StatusOK, units: []hit{},
			facilities: []string{"VE2600001 新城区科技馆 150102"}},
		{target: "/api/search?q=ca26000&limit=3", status: http.StatusOK, units: []hit{},
			facilities: []string{"CA2600002 新城区科普大篷车 150102", "CA2600005 回民区科普大篷车 150103", "CA2600007 玉泉区科普大篷车 150104"}},
		{target: "/api/search?q=1501&limit=3", status: http.StatusOK,
			units:      []hit{{"150100", "呼和浩特市", "league", ""}, {"150102", "新城区", "county", "150100"}, {"150103", "回民区", "county", "150100"}},
			facilities: []string{}},
		{target: "/api/search?q=%E6%96%B0%E5%9F%8E%E5%8C%BA&limit=2", status: http.StatusOK, // 新城区
			units:      []hit{{"150102", "新城区", "county", "150100"}},
			facilities: []string{"BA2600239 新城区科普教育基地238 150102", "BA2600398 新城区科普教育基地397 150102"}},
		{target: "/api/search?q=", status: http.StatusBadRequest, errText: "q: give a name or an id to search for"},
		{target: "/api/search?q=x&limit=0", status: http.StatusBadRequest, errText: `limit="0": want a whole number from 1 to 100`},
	} {
		t.Run(tc.target, func(t *testing.T) {
			rec := get(t, s, tc.target)
			wantStatus(t, rec, tc.status)
			if tc.status != http.StatusOK {
				var body errorBody
				decode(t, rec, &body)
				if body.Error != tc.errText {
					t.Errorf("error %q, want %q", body.Error, tc.errText)
				}
				return
			}
			var doc struct {
				Units      []hit `json:"units"`
				Facilities struct {
					Type     string `json:"type"`
					Features []struct {
						Properties map[string]any `json:"properties"`
					} `json:"features"`
				} `json:"facilities"`
			}
			decode(t, rec, &doc)
			if len(doc.Units) != len(tc.units) {
				t.Fatalf("units %+v, want %+v", doc.Units, tc.units)
			}
			for i := range tc.units {
				if doc.Units[i] != tc.units[i] {
					t.Errorf("unit %d: got %+v, want %+v", i, doc.Units[i], tc.units[i])
				}
			}
			var got []string
			for _, f := range doc.Facilities.Features {
				p := f.Properties
				got = append(got, strings.Join([]string{p["id"].(string), p["name"].(string), p["located_county"].(string)}, " "))
			}
			if doc.Facilities.Type != "FeatureCollection" || strings.Join(got, "|") != strings.Join(tc.facilities, "|") {
				t.Errorf("facilities %q (%s), want %q", got, doc.Facilities.Type, tc.facilities)
			}
		})
	}
}
