package web

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/gpkg"
)

// failingRegistry is a store whose writes fail with err.
type failingRegistry struct {
	*gpkg.Store
	err error
}

func (r failingRegistry) CreateFacilities(context.Context, string, []coverage.Facility) error {
	return fmt.Errorf("gpkg: commit: %w", r.err)
}

// TestStorageErrorsSaySo: a full disk is 507 and a read-only database 503
// with Retry-After, each a JSON error that says nothing was saved.
func TestStorageErrorsSaySo(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
		says   string
		retry  string
	}{
		{gpkg.ErrFull, http.StatusInsufficientStorage, "disk is full", ""},
		{gpkg.ErrReadOnly, http.StatusServiceUnavailable, "read-only", "60"},
	} {
		t.Run(c.says, func(t *testing.T) {
			s, st := editServer(t, Token{Name: "t", Value: testToken})
			s.EnableEdits(failingRegistry{st, c.err}, []Token{{Name: "t", Value: testToken}})
			rec := send(t, s, http.MethodPost, "/api/facilities", testToken, venueJSON("VENEW", 111.7, 40.8, 1500))
			var body errorBody
			decode(t, rec, &body)
			if rec.Code != c.status || !strings.Contains(body.Error, c.says) || !strings.Contains(body.Error, "not saved") {
				t.Errorf("POST with %v: got %d %q, want %d saying %q and not saved", c.err, rec.Code, body.Error, c.status, c.says)
			}
			if got := rec.Header().Get("Retry-After"); got != c.retry {
				t.Errorf("Retry-After %q, want %q", got, c.retry)
			}
		})
	}
}

// TestNonFiniteQueryNumbersAre400: NaN and infinities are refused by name.
func TestNonFiniteQueryNumbersAre400(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	for _, target := range []string{
		"/api/suggestions/caravans?reach_km=NaN", "/api/suggestions/caravans?reach_km=Inf",
		"/api/suggestions/venues?radius_km=nan", "/api/suggestions/venues?radius_km=-Inf", "/api/suggestions/venues?radius_km=1e400",
	} {
		rec := get(t, s, target)
		var body errorBody
		decode(t, rec, &body)
		if rec.Code != http.StatusBadRequest || !strings.Contains(body.Error, "_km=") {
			t.Errorf("GET %s: %d %q, want 400 naming the parameter", target, rec.Code, body.Error)
		}
	}
}

// TestBusyPoolIs503: with every worker taken, an expensive request waits,
// then is told to come back (503, Retry-After); a document still answers.
func TestBusyPoolIs503(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	for range cap(s.work) {
		s.work <- struct{}{}
	}
	for _, target := range []string{"/api/report.xlsx", "/api/suggestions/venues?k=2"} {
		rec := get(t, s, target)
		var body errorBody
		decode(t, rec, &body)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "5" || !strings.Contains(body.Error, "busy") {
			t.Errorf("GET %s with the pool full: %d, Retry-After %q, %q; want 503, 5 and busy", target, rec.Code, rec.Header().Get("Retry-After"), body.Error)
		}
	}
	wantStatus(t, get(t, s, "/api/check"), http.StatusOK)
	for range cap(s.work) {
		<-s.work
	}
	wantStatus(t, get(t, s, "/api/suggestions/venues?k=2"), http.StatusOK)
}

// TestRateLimitKeysOnTheConnection: a forged X-Forwarded-For does not buy
// more scenario posts; from a trusted proxy it names the client.
func TestRateLimitKeysOnTheConnection(t *testing.T) {
	post := func(s *Server, xff string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/api/scenarios", strings.NewReader(`{"name":"x","remove":[]}`))
		req.RemoteAddr = "192.0.2.7:40000"
		req.Header.Set("X-Forwarded-For", xff)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec
	}
	// The limit refills one post every 2 s while the posts run, so the
	// 429 comes a few posts past the burst, not exactly at it.
	const tries = scenarioBurst + 10
	limited := func(s *Server) (int, string) {
		for i := range tries {
			if rec := post(s, fmt.Sprintf("203.0.113.%d", i)); rec.Code == http.StatusTooManyRequests {
				return i + 1, rec.Header().Get("Retry-After")
			}
		}
		return 0, ""
	}
	direct := newServer(t, loadWorld(t), nil)
	if n, retry := limited(direct); n == 0 || retry != "2" {
		t.Errorf("%d posts, each with a new forged X-Forwarded-For: first 429 at post %d with Retry-After %q; want one, with 2", tries, n, retry)
	}
	proxies, err := ParseCIDRs([]string{"192.0.2.0/24"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{World: loadWorld(t), TrustedProxies: proxies, Log: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := limited(s); n != 0 {
		t.Errorf("behind a trusted proxy, %d clients with one post each: post %d was limited", tries, n)
	}
}

// TestOversizedChunkedBodyIs413: a body without a length that passes the
// limit while read is 413, not a 400 about reading.
func TestOversizedChunkedBodyIs413(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	big := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
	req := httptest.NewRequest(http.MethodPost, "/api/scenarios", io.NopCloser(strings.NewReader(big)))
	req.ContentLength = -1
	req.TransferEncoding = []string{"chunked"}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	var body errorBody
	decode(t, rec, &body)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked 2 MiB scenario: %d %q, want 413", rec.Code, body.Error)
	}
}

// TestServerPathsStayPrivate: the database's and input files' directories
// are not shown to anonymous readers; their base names are.
func TestServerPathsStayPrivate(t *testing.T) {
	w := loadWorld(t)
	w.Sources = append(append([]string{}, w.Sources...), "/srv/secret/kepu.gpkg", "postgres://kepu:pw@db.internal:5432/kepu")
	w.Diagnostics = append(append([]coverage.Diagnostic{}, w.Diagnostics...),
		coverage.Diagnostic{Code: "input_warning", Severity: "warning", File: "/srv/secret/units.geojson", Message: "x"})
	s := newServer(t, w, nil)
	for _, target := range []string{"/api/check", "/api/about"} {
		body := get(t, s, target).Body.String()
		if strings.Contains(body, "/srv/secret") || strings.Contains(body, "db.internal") || !strings.Contains(body, `"kepu.gpkg"`) {
			t.Errorf("GET %s shows the server's directory or lost the file name: %.400s", target, body)
		}
	}
}
