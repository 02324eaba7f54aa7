package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestDocumentsAreCachedPerWorldVersion pins the validators of the API's
// documents: one ETag per world version and encoding, 304 on a match, the
// precomputed gzip equal to the plain body, and a new ETag (and body) after
// the world changes.
func TestDocumentsAreCachedPerWorldVersion(t *testing.T) {
	w := loadWorld(t)
	s := newServer(t, w, nil)
	first := get(t, s, "/api/check")
	wantStatus(t, first, http.StatusOK)
	etag := first.Header().Get("ETag")
	if etag == "" || first.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("GET /api/check: ETag %q, Cache-Control %q; want an ETag and no-cache", etag, first.Header().Get("Cache-Control"))
	}
	var doc struct {
		Dataset struct{ Facilities int } `json:"dataset"`
	}
	decode(t, first, &doc)
	if doc.Dataset.Facilities != 739 {
		t.Fatalf("dataset.facilities = %d, want 739", doc.Dataset.Facilities)
	}
	again := get(t, s, "/api/check", "If-None-Match", etag)
	if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Errorf("If-None-Match %s: got %d with %d bytes, want 304 and none", etag, again.Code, again.Body.Len())
	}
	gz := get(t, s, "/api/check", "Accept-Encoding", "gzip")
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Header().Get("ETag") == etag {
		t.Fatalf("gzip: Content-Encoding %q, ETag %q (plain %q): want gzip and its own ETag", gz.Header().Get("Content-Encoding"), gz.Header().Get("ETag"), etag)
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, _ := io.ReadAll(zr)
	if !bytes.Equal(unzipped, first.Body.Bytes()) {
		t.Errorf("the gzipped /api/check (%d bytes unzipped) differs from the plain one (%d)", len(unzipped), first.Body.Len())
	}

	w2 := *w
	w2.Facilities = w.Facilities[1:]
	s.SetWorld(&w2)
	after := get(t, s, "/api/check", "If-None-Match", etag)
	wantStatus(t, after, http.StatusOK)
	decode(t, after, &doc)
	if doc.Dataset.Facilities != 738 || after.Header().Get("ETag") == etag {
		t.Errorf("after SetWorld: facilities %d, ETag %q (before %q); want 738 and a new ETag", doc.Dataset.Facilities, after.Header().Get("ETag"), etag)
	}
}

// TestQueryVariantsAreCachedApart: each query variant is its own document.
func TestQueryVariantsAreCachedApart(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	for _, c := range []struct {
		target, ctype, starts string
	}{
		{"/api/gaps?rule=venue_1000", "application/json", "[\n  {\n    \"rule\": \"venue_1000\""},
		{"/api/gaps?rule=venue_1000&format=csv", "text/csv; charset=utf-8", "rule,code,name"},
		{"/api/gaps?rule=caravan_reach&format=csv", "text/csv; charset=utf-8", "rule,code,name"},
		{"/api/units?level=league", "application/json", "[\n  {\n    \"code\": \"150100\""},
	} {
		for range 2 { // the second answer comes from the cache
			rec := get(t, s, c.target)
			wantStatus(t, rec, http.StatusOK)
			body := strings.TrimPrefix(rec.Body.String(), "\ufeff")
			if rec.Header().Get("Content-Type") != c.ctype || !strings.HasPrefix(body, c.starts) {
				t.Errorf("GET %s: %q, %.60q; want %q starting %q", c.target, rec.Header().Get("Content-Type"), body, c.ctype, c.starts)
			}
		}
	}
	venue := get(t, s, "/api/gaps?rule=venue_1000&format=csv").Body.String()
	caravan := get(t, s, "/api/gaps?rule=caravan_reach&format=csv").Body.String()
	if strings.Contains(venue, "caravan_reach,") || !strings.Contains(caravan, "caravan_reach,") {
		t.Errorf("the rule variants of /api/gaps share a cached body")
	}
}

// TestHeadAnswersEveryGet asks HEAD over real HTTP: the GET's status and
// headers, no body.
func TestHeadAnswersEveryGet(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	for _, path := range []string{"/api/health", "/api/check", "/api/gaps?format=csv", "/api/units/150102", "/tiles/counties/0/0/0.mvt", "/tiles/counties.json", "/api/nope"} {
		getResp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(getResp.Body)
		getResp.Body.Close()
		req, _ := http.NewRequest(http.MethodHead, ts.URL+path, nil)
		headResp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, headResp.Body)
		headResp.Body.Close()
		if headResp.StatusCode != getResp.StatusCode || n != 0 {
			t.Errorf("HEAD %s: %d with %d body bytes; GET gave %d", path, headResp.StatusCode, n, getResp.StatusCode)
		}
		if cl := headResp.Header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(body)) {
			t.Errorf("HEAD %s: Content-Length %s, GET's body has %d bytes", path, cl, len(body))
		}
	}
}

func BenchmarkCheckDocument(b *testing.B) {
	s := newServer(b, loadWorld(b), nil)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodGet, "/api/check", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d", rec.Code)
			}
		}
	})
}

// TestDocCacheBuildsOncePerVersion: concurrent asks for one document build
// it once; a new version builds again; variants past the bound are built
// per request and not kept.
func TestDocCacheBuildsOncePerVersion(t *testing.T) {
	var d docCache
	builds := 0
	var mu sync.Mutex
	build := func() (*docEntry, error) {
		mu.Lock()
		builds++
		mu.Unlock()
		return newDocEntry(1, "text/plain", []byte("x"))
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() { defer wg.Done(); d.get(1, "check", build) }()
	}
	wg.Wait()
	if builds != 1 {
		t.Errorf("16 concurrent gets of one document built it %d times, want 1", builds)
	}
	d.get(2, "check", build)
	if builds != 2 {
		t.Errorf("after a new version: %d builds, want 2", builds)
	}
	for i := range maxDocVariants + 10 {
		d.get(2, "v"+strconv.Itoa(i), build)
	}
	if n := len(d.docs); n != maxDocVariants {
		t.Errorf("kept %d variants, want the bound %d", n, maxDocVariants)
	}
}
