package web

import (
	"context"
	"fmt"
	"net/http"

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

func (ed *editor) postFacilities(c echo.Context) error {
	who, err := ed.who(c)
	if err != nil {
		return ed.respond(c, err)
	}
	b, err := body(c, "")
	if err != nil {
		return ed.respond(c, err)
	}
	fs, err := readFacilities(c, b)
	if err != nil {
		return ed.respond(c, err)
	}
	if err := ed.reg.CreateFacilities(c.Request().Context(), who, fs); err != nil {
		return ed.respond(c, err)
	}
	if err := ed.refresh(); err != nil {
		return err
	}
	feats := make([]*geojson.Feature, len(fs))
	for i, f := range fs {
		feats[i] = data.FacilityFeature(f)
	}
	return answer(c, http.StatusCreated, feats, isCollection(b))
}

func (ed *editor) putFacility(c echo.Context) error {
	who, err := ed.who(c)
	if err != nil {
		return ed.respond(c, err)
	}
	b, err := body(c, c.Param("id"))
	if err != nil {
		return ed.respond(c, err)
	}
	fs, err := readFacilities(c, b)
	if err != nil {
		return ed.respond(c, err)
	}
	if _, err := ed.reg.UpdateFacility(c.Request().Context(), who, fs[0]); err != nil {
		return ed.respond(c, err)
	}
	if err := ed.refresh(); err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, data.FacilityFeature(fs[0]))
}

func (ed *editor) deleteFacility(c echo.Context) error {
	who, err := ed.who(c)
	if err != nil {
		return ed.respond(c, err)
	}
	before, err := ed.reg.DeleteFacility(c.Request().Context(), who, c.Param("id"))
	if err != nil {
		return ed.respond(c, err)
	}
	if err := ed.refresh(); err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, data.FacilityFeature(before))
}

func (ed *editor) postEvents(c echo.Context) error {
	who, err := ed.who(c)
	if err != nil {
		return ed.respond(c, err)
	}
	b, err := body(c, "")
	if err != nil {
		return ed.respond(c, err)
	}
	es, err := readEvents(c, b)
	if err != nil {
		return ed.respond(c, err)
	}
	if err := ed.reg.CreateEvents(c.Request().Context(), who, es); err != nil {
		return ed.respond(c, err)
	}
	if err := ed.refresh(); err != nil {
		return err
	}
	feats := make([]*geojson.Feature, len(es))
	for i, e := range es {
		feats[i] = data.EventFeature(e)
	}
	return answer(c, http.StatusCreated, feats, isCollection(b))
}

func (ed *editor) putEvent(c echo.Context) error {
	who, err := ed.who(c)
	if err != nil {
		return ed.respond(c, err)
	}
	b, err := body(c, c.Param("id"))
	if err != nil {
		return ed.respond(c, err)
	}
	es, err := readEvents(c, b)
	if err != nil {
		return ed.respond(c, err)
	}
	if _, err := ed.reg.UpdateEvent(c.Request().Context(), who, es[0]); err != nil {
		return ed.respond(c, err)
	}
	if err := ed.refresh(); err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, data.EventFeature(es[0]))
}

func (ed *editor) deleteEvent(c echo.Context) error {
	who, err := ed.who(c)
	if err != nil {
		return ed.respond(c, err)
	}
	before, err := ed.reg.DeleteEvent(c.Request().Context(), who, c.Param("id"))
	if err != nil {
		return ed.respond(c, err)
	}
	if err := ed.refresh(); err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, data.EventFeature(before))
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
