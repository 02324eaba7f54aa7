package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// postHTTP sends one authenticated POST over a real connection.
func postHTTP(b *testing.B, client *http.Client, url, body string) int {
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// BenchmarkEditsOverHTTP measures sustained edits per second: parallel
// clients POST one facility each over loopback HTTP into a GeoPackage
// store (durable commit, re-evaluation and tile invalidation included).
// TestConcurrentEditsAndReads pins what it does.
func BenchmarkEditsOverHTTP(b *testing.B) {
	s, _ := editServer(b, Token{Value: testToken})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	var n atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(4)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		client := &http.Client{}
		for pb.Next() {
			i := n.Add(1)
			if code := postHTTP(b, client, ts.URL+"/api/facilities", venueJSON(fmt.Sprint("BE", i), 111+float64(i%100)/50, 41, 800)); code != http.StatusCreated {
				b.Fatalf("POST: got %d", code)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "edits/s")
}

// BenchmarkEditToCheck measures the time from sending an edit to a
// /api/check that shows it, one edit at a time over loopback HTTP.
func BenchmarkEditToCheck(b *testing.B) {
	s, _ := editServer(b, Token{Value: testToken})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	client := &http.Client{}
	want := len(s.snapshot().world.Facilities)
	var total time.Duration
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if code := postHTTP(b, client, ts.URL+"/api/facilities", venueJSON(fmt.Sprint("BC", i), 112, 42, 1200)); code != http.StatusCreated {
			b.Fatalf("POST: got %d", code)
		}
		want++
		resp, err := client.Get(ts.URL + "/api/check")
		if err != nil {
			b.Fatal(err)
		}
		var doc struct {
			Dataset struct{ Facilities int } `json:"dataset"`
		}
		json.NewDecoder(resp.Body).Decode(&doc)
		resp.Body.Close()
		total += time.Since(start)
		if doc.Dataset.Facilities != want {
			b.Fatalf("/api/check right after the 201: got %d facilities, want %d", doc.Dataset.Facilities, want)
		}
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-edit-to-check")
}
