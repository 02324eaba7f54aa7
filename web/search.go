package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// searchLimit bounds each list of GET /api/search.
const (
	searchLimit    = 20
	searchLimitMax = 100
)

// searchUnit is one unit hit of GET /api/search.
type searchUnit struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Level  string `json:"level"`
	Parent string `json:"parent,omitempty"`
}

// searchDoc is GET /api/search?q=: the counties and leagues, and the
// facilities (as GeoJSON, with located_county), whose name or id match q,
// best match first.
type searchDoc struct {
	Query      string                     `json:"query"`
	Units      []searchUnit               `json:"units"`
	Facilities *geojson.FeatureCollection `json:"facilities"`
}

// findRoutes registers GET /api/search.
func (s *Server) findRoutes(e *echo.Echo) {
	e.GET("/api/search", s.search)
}

// search serves GET /api/search?q=&limit=.
func (s *Server) search(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	if q == "" {
		return invalidf("q: give a name or an id to search for")
	}
	limit := searchLimit
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > searchLimitMax {
			return invalidf("limit=%q: want a whole number from 1 to %d", v, searchLimitMax)
		}
		limit = n
	}
	snap := s.snapshot()
	doc := searchDoc{Query: q, Units: []searchUnit{}}
	us := snap.world.Units
	for _, i := range bestMatches(len(us), func(i int) (string, string) { return us[i].Code, us[i].Name }, q, limit,
		func(i int) bool { return us[i].Level == coverage.LevelCounty || us[i].Level == coverage.LevelLeague }) {
		u := &us[i]
		doc.Units = append(doc.Units, searchUnit{Code: u.Code, Name: u.Name, Level: u.Level, Parent: u.Parent})
	}
	fs := snap.world.Facilities
	idx := bestMatches(len(fs), func(i int) (string, string) { return fs[i].ID, fs[i].Name }, q, limit, nil)
	doc.Facilities = snap.featureCollection(idx, "")
	return writeJSON(c, http.StatusOK, doc)
}

// matchRank says how well a record with id and name matches the query q
// (both compared without case): 1 the id itself, 2 the name itself, 3 an
// id starting with q, 4 a name starting with q, 5 a name holding q, 6 an
// id holding q; 0 no match.
func matchRank(id, name, q string) int {
	id, name, q = strings.ToLower(id), strings.ToLower(name), strings.ToLower(q)
	switch {
	case q == "":
		return 0
	case id == q:
		return 1
	case name == q:
		return 2
	case strings.HasPrefix(id, q):
		return 3
	case strings.HasPrefix(name, q):
		return 4
	case strings.Contains(name, q):
		return 5
	case strings.Contains(id, q):
		return 6
	}
	return 0
}

// bestMatches are the indexes (of n records, keyed by key) matching q,
// best rank first, ties by id, at most limit; keep, when not nil, says
// which records may match at all.
func bestMatches(n int, key func(int) (id, name string), q string, limit int, keep func(int) bool) []int {
	type hit struct {
		i, rank int
		id      string
	}
	var hits []hit
	for i := 0; i < n; i++ {
		if keep != nil && !keep(i) {
			continue
		}
		id, name := key(i)
		if r := matchRank(id, name, q); r > 0 {
			hits = append(hits, hit{i, r, id})
		}
	}
	sort.Slice(hits, func(a, b int) bool {
		if hits[a].rank != hits[b].rank {
			return hits[a].rank < hits[b].rank
		}
		return hits[a].id < hits[b].id
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]int, len(hits))
	for k, h := range hits {
		out[k] = h.i
	}
	return out
}
