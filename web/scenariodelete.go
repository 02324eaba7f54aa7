package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"

	"github.com/kepu/kepu/coverage"
	"github.com/labstack/echo/v4"
)

// scenarioAuthor names who posts a scenario: nobody ("") without an
// Authorization header, else the write token's name, checked as for edits
// (editor.who). A header that names no valid token is refused with 401, so
// a mistyped token does not silently post an anonymous scenario.
func (s *Server) scenarioAuthor(c echo.Context) (string, error) {
	if c.Request().Header.Get("Authorization") == "" {
		return "", nil
	}
	return s.writer(c)
}

// writer authenticates a request the way edits do; 401 when the server
// takes no edits (it was started without --db) or the token is not valid.
func (s *Server) writer(c echo.Context) (string, error) {
	ed := s.ed.Load()
	if ed == nil {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="kepu", error="invalid_token"`)
		return "", coverage.Errorf(coverage.EUNAUTHORISED,
			"this server has no write tokens (start it with --db and KEPU_TOKEN or --token-file): scenarios have no authors and cannot be deleted")
	}
	return ed.who(c)
}

// deletedScenario is the answer of DELETE /api/scenarios/{id}.
type deletedScenario struct {
	Deleted string `json:"deleted"`
	Name    string `json:"name"`
	Author  string `json:"author"`
}

// deleteScenario serves DELETE /api/scenarios/{id}: only the scenario's
// author — the name of the write token it was posted with — may delete it.
// 401 without a valid token, 404 for an unknown id, 403 for someone
// else's scenario or one posted without a token.
func (s *Server) deleteScenario(c echo.Context, st ScenarioStore) error {
	who, err := s.writer(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	id := c.Param("id")
	body, err := st.ScenarioBody(ctx, id)
	if errors.Is(err, fs.ErrNotExist) {
		return notFoundf("scenario %q: no such scenario", id)
	}
	if err != nil {
		return fmt.Errorf("reading scenario %q: %w", id, err)
	}
	var doc struct {
		Name   string `json:"name"`
		Author string `json:"author"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return fmt.Errorf("reading scenario %q: %w", id, err)
	}
	switch {
	case doc.Author == "":
		return forbidden("scenario %q was posted without a token: it has no author, so nobody may delete it", id)
	case doc.Author != who:
		return forbidden("scenario %q was posted by %q: only its author may delete it (this token is %q)", id, doc.Author, who)
	}
	if err := st.DeleteScenario(ctx, who, id); errors.Is(err, fs.ErrNotExist) {
		return notFoundf("scenario %q: no such scenario", id)
	} else if err != nil {
		return fmt.Errorf("deleting scenario %q: %w", id, err)
	}
	return writeJSON(c, http.StatusOK, deletedScenario{Deleted: id, Name: doc.Name, Author: who})
}

// forbidden is a 403 answered as {"error": msg}.
func forbidden(format string, args ...any) error {
	return coverage.Errorf(coverage.EFORBIDDEN, format, args...)
}
