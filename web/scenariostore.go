package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"sync"

	"github.com/kepu/kepu/data"
)

// ScenarioStore keeps posted scenarios, so that they outlive the server
// when it is persistent (data/gpkg.Store is one; without one the server
// keeps them in memory). It stores JSON documents whose shape web owns:
// the summary that GET /api/scenarios lists, and the body that
// GET /api/scenarios/{id} answers. A missing id is an error wrapping
// data.ErrNotFound (coverage.ENOTFOUND).
type ScenarioStore interface {
	SaveScenario(ctx context.Context, who, id, name string, summary, body json.RawMessage) error
	ScenarioBody(ctx context.Context, id string) (json.RawMessage, error)
	// ScenarioSummaries lists every summary, newest first.
	ScenarioSummaries(ctx context.Context) ([]json.RawMessage, error)
	// DeleteScenario removes the scenario under id on behalf of who
	// (the caller has checked that who is its author).
	DeleteScenario(ctx context.Context, who, id string) error
}

var _ ScenarioStore = (*memScenarios)(nil)

// memScenarios is a ScenarioStore in memory, the oldest dropped beyond max.
type memScenarios struct {
	mu    sync.Mutex
	byID  map[string]memScenario
	order []string // oldest first
	max   int
}

type memScenario struct {
	summary, body json.RawMessage
}

func newMemScenarios(max int) *memScenarios {
	return &memScenarios{byID: map[string]memScenario{}, max: max}
}

func (st *memScenarios) SaveScenario(_ context.Context, _, id, _ string, summary, body json.RawMessage) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.byID[id]; !ok {
		st.order = append(st.order, id)
	}
	st.byID[id] = memScenario{summary: summary, body: body}
	for len(st.order) > st.max {
		delete(st.byID, st.order[0])
		st.order = st.order[1:]
	}
	return nil
}

func (st *memScenarios) ScenarioBody(_ context.Context, id string) (json.RawMessage, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	sc, ok := st.byID[id]
	if !ok {
		return nil, fmt.Errorf("scenario %q: %w (without --db scenarios live in memory until the server restarts)", id, data.ErrNotFound)
	}
	return sc.body, nil
}

func (st *memScenarios) ScenarioSummaries(context.Context) ([]json.RawMessage, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]json.RawMessage, 0, len(st.order))
	for i := len(st.order) - 1; i >= 0; i-- {
		out = append(out, st.byID[st.order[i]].summary)
	}
	return out, nil
}

func (st *memScenarios) DeleteScenario(_ context.Context, _, id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.byID[id]; !ok {
		return fmt.Errorf("scenario %q: %w", id, fs.ErrNotExist)
	}
	delete(st.byID, id)
	for i, o := range st.order {
		if o == id {
			st.order = append(st.order[:i:i], st.order[i+1:]...)
			break
		}
	}
	return nil
}
