package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// refresh returns once the server's world includes every commit made
// before the call. Edits that arrive while a rebuild runs share the next
// one, so a burst of edits costs a few evaluations, not one each.
func (ed *editor) refresh() error {
	ed.mu.Lock()
	defer ed.mu.Unlock()
	ed.wanted++
	mine := ed.wanted
	if !ed.building {
		ed.building = true
		go ed.build()
	}
	for ed.built < mine {
		ed.cond.Wait()
	}
	return ed.lastErr
}

// build rebuilds the world until it has caught up with every commit.
func (ed *editor) build() {
	ed.mu.Lock()
	defer ed.mu.Unlock()
	for ed.built < ed.wanted {
		target := ed.wanted
		ed.mu.Unlock()
		err := ed.rebuild(context.Background())
		ed.mu.Lock()
		ed.built, ed.lastErr = target, err
		ed.cond.Broadcast()
	}
	ed.building = false
}

// rebuild re-reads the registry and re-evaluates the world with the same units.
func (ed *editor) rebuild(ctx context.Context) error {
	cur := ed.s.snapshot().world
	fs, err := ed.reg.Facilities(ctx)
	if err != nil {
		return fmt.Errorf("re-reading the registry: %w", err)
	}
	es, err := ed.reg.Events(ctx)
	if err != nil {
		return fmt.Errorf("re-reading the registry: %w", err)
	}
	w := &coverage.World{Units: cur.Units, Facilities: fs, Events: es, Sample: cur.Sample,
		Sources: cur.Sources, Diagnostics: cur.Diagnostics}
	ed.s.UpdateWorld(w)
	return nil
}

// recordKind describes one kind of record the write API takes — how a
// body is read into records, how the registry creates, updates and deletes
// them, and how one is shown — so that facilities and events share one
// set of handlers.
type recordKind[T any] struct {
	read    func(name string, r io.Reader, opt data.Options) ([]T, []data.Problem, error)
	noun    string // "facility", "event": for messages
	create  func(ctx context.Context, who string, rs []T) error
	update  func(ctx context.Context, who string, r T) (T, error)
	delete  func(ctx context.Context, who, id string) (T, error)
	feature func(T) *geojson.Feature
}

// editRoutes registers POST path, PUT and DELETE path/{id} for kind k.
func editRoutes[T any](ed *editor, path string, k recordKind[T]) {
	ed.s.echo.POST(path, func(c echo.Context) error {
		return ed.write(c, func(ctx context.Context, who string) (int, any, error) {
			b, rs, err := readBody(ed, c, k, "")
			if err != nil {
				return 0, nil, err
			}
			if err := k.create(ctx, who, rs); err != nil {
				return 0, nil, err
			}
			feats := make([]*geojson.Feature, len(rs))
			for i, r := range rs {
				feats[i] = k.feature(r)
			}
			return http.StatusCreated, answer(feats, isCollection(b)), nil
		})
	})
	ed.s.echo.PUT(path+"/:id", func(c echo.Context) error {
		return ed.write(c, func(ctx context.Context, who string) (int, any, error) {
			_, rs, err := readBody(ed, c, k, c.Param("id"))
			if err != nil {
				return 0, nil, err
			}
			if _, err := k.update(ctx, who, rs[0]); err != nil {
				return 0, nil, err
			}
			return http.StatusOK, k.feature(rs[0]), nil
		})
	})
	ed.s.echo.DELETE(path+"/:id", func(c echo.Context) error {
		return ed.write(c, func(ctx context.Context, who string) (int, any, error) {
			before, err := k.delete(ctx, who, c.Param("id"))
			if err != nil {
				return 0, nil, err
			}
			return http.StatusOK, k.feature(before), nil
		})
	})
}

// write authenticates the request, runs commit as its author, waits until
// the served world includes the commit and answers with what commit
// returns. Errors from commit are answered by handleError (400, 404, 409, ...).
func (ed *editor) write(c echo.Context, commit func(ctx context.Context, who string) (int, any, error)) error {
	who, err := ed.who(c)
	if err != nil {
		return err
	}
	status, v, err := commit(c.Request().Context(), who)
	if err != nil {
		return err
	}
	if err := ed.refresh(); err != nil {
		return err
	}
	return writeJSON(c, status, v)
}

// readBody reads and validates the request body as records of kind k with
// the same reader files go through; any error refuses the whole body. PUT
// bodies (pathID set) get the path's id.
func readBody[T any](ed *editor, c echo.Context, k recordKind[T], pathID string) ([]byte, []T, error) {
	b, err := body(c, pathID)
	if err != nil {
		return nil, nil, err
	}
	if ct := c.Request().Header.Get("Content-Type"); strings.HasPrefix(ct, mimeXLSX) && !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return nil, nil, invalidf("the body is not an .xlsx workbook, though its Content-Type says it is")
	}
	opt := data.Options{CRS: c.QueryParam("crs"), Sheet: c.QueryParam("sheet"), Units: ed.s.snapshot().world.Units}
	rs, ps, err := k.read("request", bytes.NewReader(b), opt)
	if err != nil {
		return nil, nil, &coverage.Error{Code: coverage.EINVALID, Message: err.Error()}
	}
	if err := invalid(ps); err != nil {
		return nil, nil, err
	}
	if len(rs) == 0 {
		return nil, nil, invalidf("no %s in the body", k.noun)
	}
	return b, rs, nil
}

// getFacility serves GET /api/facilities/{id} from the current world.
func (ed *editor) getFacility(c echo.Context) error {
	snap := ed.s.snapshot()
	id := c.Param("id")
	for i := range snap.world.Facilities {
		if snap.world.Facilities[i].ID == id {
			return writeJSON(c, http.StatusOK, snap.featureCollection([]int{i}, "").Features[0])
		}
	}
	return notFoundf("facility %q: not found", id)
}

// listEvents serves GET /api/events as a FeatureCollection.
func (ed *editor) listEvents(c echo.Context) error {
	fc := geojson.NewFeatureCollection()
	fc.Features = []*geojson.Feature{}
	for _, e := range ed.s.snapshot().world.Events {
		fc.Append(data.EventFeature(e))
	}
	return writeJSON(c, http.StatusOK, fc)
}

// getEvent serves GET /api/events/{id}.
func (ed *editor) getEvent(c echo.Context) error {
	id := c.Param("id")
	for _, e := range ed.s.snapshot().world.Events {
		if e.ID == id {
			return writeJSON(c, http.StatusOK, data.EventFeature(e))
		}
	}
	return notFoundf("event %q: not found", id)
}
