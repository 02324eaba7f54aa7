package web

import (
	"bytes"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/labstack/echo/v4"
)

// loadWorld reads the embedded Inner Mongolia world, or the embedded units
// with the given facility files. The embedded world is read once per test
// binary (0.2 s a read, for some fifty tests); each caller gets its own
// copy of the record slices, so a test that changes its world changes no
// other test's.
func loadWorld(t testing.TB, facilities ...string) *coverage.World {
	t.Helper()
	if len(facilities) == 0 {
		embeddedWorld.once.Do(func() { embeddedWorld.w, embeddedWorld.err = data.Load(data.Sources{}) })
		if embeddedWorld.err != nil {
			t.Fatalf("data.Load: %v", embeddedWorld.err)
		}
		w := *embeddedWorld.w
		w.Units = slices.Clone(w.Units)
		w.Facilities = slices.Clone(w.Facilities)
		w.Events = slices.Clone(w.Events)
		w.Sources = slices.Clone(w.Sources)
		w.Diagnostics = slices.Clone(w.Diagnostics)
		return &w
	}
	w, err := data.Load(data.Sources{Facilities: facilities})
	if err != nil {
		t.Fatalf("data.Load: %v", err)
	}
	return w
}

var embeddedWorld struct {
	once sync.Once
	w    *coverage.World
	err  error
}

// newServer builds a server over w with its log in logs.
func newServer(t testing.TB, w *coverage.World, logs io.Writer) *Server {
	t.Helper()
	if logs == nil {
		logs = io.Discard
	}
	s, err := New(Config{World: w, Rules: coverage.Defaults(), Log: log.New(logs, "", 0)})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// get sends a request to the handler and returns the recorded response.
func get(t testing.TB, s *Server, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// decode decodes a JSON response body into v, failing the test on error.
func decode(t testing.TB, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.NewDecoder(bytes.NewReader(rec.Body.Bytes())).Decode(v); err != nil {
		t.Fatalf("decoding %q: %v", rec.Body.String(), err)
	}
}

// wantStatus fails the test unless the response has the status.
func wantStatus(t testing.TB, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("got status %d, want %d (body %.300s)", rec.Code, want, rec.Body.String())
	}
}

type echoContext = echo.Context

func httptestRequest(method, target string) (*http.Request, *httptest.ResponseRecorder) {
	return httptest.NewRequest(method, target, nil), httptest.NewRecorder()
}

// syncWriter serialises writes from the server's goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
