package web

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// Registry is the persistent store edits go to (data/gpkg.Store is one).
// Its errors carry coverage error codes, as data's store errors do
// (data.ErrNotFound for a missing id, data.ErrConflict for a taken one).
type Registry = data.Editor

// Token is a bearer token that may write, and the name the audit log keeps.
type Token struct {
	Name  string
	Value string
}

// ParseTokens reads a token file: one token per line, either "TOKEN" or
// "NAME TOKEN"; blank lines and lines starting with # are skipped.
func ParseTokens(text string) ([]Token, error) {
	var out []Token
	seen := map[string]int{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		switch len(f) {
		case 1:
			out = append(out, Token{Name: "token", Value: f[0]})
		case 2:
			out = append(out, Token{Name: f[0], Value: f[1]})
		default:
			return nil, fmt.Errorf("line %d: want TOKEN or NAME TOKEN", n+1)
		}
		v := out[len(out)-1].Value
		if first, dup := seen[v]; dup {
			return nil, fmt.Errorf("line %d: the same token as line %d: each editor needs a token of their own, or the audit cannot tell them apart", n+1, first)
		}
		seen[v] = n + 1
	}
	return out, nil
}

// editor serves the write API over a Registry and keeps the server's world
// in step with it.
type editor struct {
	s      *Server
	reg    Registry
	tokens [][sha256.Size]byte
	names  []string

	mu       sync.Mutex // guards the fields below
	cond     *sync.Cond
	wanted   uint64 // commits that need a rebuilt world
	built    uint64 // commits the current world includes
	building bool
	lastErr  error
}

// EnableEdits adds the write routes — POST /api/facilities, PUT and
// DELETE /api/facilities/{id}, the same for /api/events — and the reads of
// single records. Writes need "Authorization: Bearer TOKEN" with one of
// tokens; with no tokens every write is refused. Each accepted edit is
// committed to reg, then the world is re-read and re-evaluated before the
// response, so /api/check, the gaps and the tiles show it at once.
func (s *Server) EnableEdits(reg Registry, tokens []Token) {
	ed := &editor{s: s, reg: reg}
	ed.cond = sync.NewCond(&ed.mu)
	s.ed.Store(ed)
	for _, t := range tokens {
		ed.tokens = append(ed.tokens, sha256.Sum256([]byte(t.Value)))
		ed.names = append(ed.names, t.Name)
	}
	e := s.echo
	e.GET("/api/facilities/:id", ed.getFacility)
	e.GET("/api/events", ed.listEvents)
	e.GET("/api/events/:id", ed.getEvent)
	editRoutes(ed, "/api/facilities", recordKind[coverage.Facility]{read: data.ReadFacilities, noun: "facility",
		create: reg.CreateFacilities, update: reg.UpdateFacility, delete: reg.DeleteFacility, feature: func(f coverage.Facility) *geojson.Feature {
			return facilityFeature(f, s.snapshot().model.CountyOf(&f)) // the units, and so the county, stay
		}})
	editRoutes(ed, "/api/events", recordKind[coverage.Event]{read: data.ReadEvents, noun: "event",
		create: reg.CreateEvents, update: reg.UpdateEvent, delete: reg.DeleteEvent, feature: data.EventFeature})
}

// RegistryChanged tells the server that another process committed to its
// registry (a replica sharing the database): the world is re-read and the
// tiles the change touched are dropped, as after an edit here. It returns
// at once; changes that arrive while a rebuild runs share the next one.
func (s *Server) RegistryChanged() {
	if ed := s.ed.Load(); ed != nil {
		go ed.refresh()
	}
}

// who authenticates the request and names its token for the audit log.
func (ed *editor) who(c echo.Context) (string, error) {
	if len(ed.tokens) == 0 {
		// No token can be valid: 401 like any other write without one, saying why.
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="kepu", error="invalid_token"`)
		return "", &coverage.Error{Code: coverage.EUNAUTHORISED, Message: "edits are disabled: the server has no write token (start it with KEPU_TOKEN or --token-file)"}
	}
	h := c.Request().Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="kepu"`)
		return "", &coverage.Error{Code: coverage.EUNAUTHORISED, Message: "writes need an Authorization: Bearer TOKEN header"}
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	who := -1
	for i, t := range ed.tokens { // compare with every token, in constant time
		if subtle.ConstantTimeCompare(sum[:], t[:]) == 1 {
			who = i
		}
	}
	if who < 0 {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="kepu", error="invalid_token"`)
		return "", &coverage.Error{Code: coverage.EUNAUTHORISED, Message: "the bearer token is not valid"}
	}
	return ed.names[who], nil
}

// body reads the request body; PUT bodies get the path id when they have none.
func body(c echo.Context, pathID string) ([]byte, error) {
	b, err := requestBody(c)
	if err != nil {
		return nil, err
	}
	if pathID == "" {
		return b, nil
	}
	var f map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		return nil, invalidf("the body is not a GeoJSON Feature: %v", err)
	}
	if t := string(f["type"]); t != `"Feature"` {
		return nil, invalidf("PUT takes one GeoJSON Feature, got type %s", t)
	}
	var props map[string]any
	if p := f["properties"]; len(p) > 0 && string(p) != "null" {
		d := json.NewDecoder(bytes.NewReader(p))
		d.UseNumber()
		if err := d.Decode(&props); err != nil {
			return nil, invalidf("properties: not an object: %v", err)
		}
	}
	if props == nil {
		props = map[string]any{}
	}
	if id, ok := props["id"]; ok && fmt.Sprint(id) != pathID {
		return nil, invalidf("the body's id %v differs from the path's %q", id, pathID)
	}
	if len(f["id"]) > 0 && string(f["id"]) != "null" && strings.Trim(string(f["id"]), `"`) != pathID {
		return nil, invalidf("the feature id %s differs from the path's %q", f["id"], pathID)
	}
	props["id"] = pathID
	f["properties"], _ = json.Marshal(props)
	return json.Marshal(f)
}

// invalid is an *data.InvalidError when ps holds an error.
func invalid(ps []data.Problem) error {
	for _, p := range ps {
		if !p.Warning {
			return &data.InvalidError{Problems: ps}
		}
	}
	return nil
}

// isCollection reports whether a POST body was a FeatureCollection.
func isCollection(b []byte) bool {
	var top struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(b, &top) != nil {
		return true // a table: CSV or a workbook holds rows
	}
	return top.Type == "FeatureCollection"
}

// answer is how the stored records are shown: one Feature, or a
// FeatureCollection when the request sent one.
func answer(feats []*geojson.Feature, collection bool) any {
	if !collection && len(feats) == 1 {
		return feats[0]
	}
	fc := geojson.NewFeatureCollection()
	fc.Features = feats
	return fc
}
