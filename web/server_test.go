package web

import (
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServeAndShutDown(t *testing.T) {
	var logs bytes.Buffer
	s := newServer(t, loadWorld(t), &syncWriter{w: &logs})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	for _, path := range []string{"/api/health", "/tiles/counties/0/0/0.mvt", "/tiles/counties.json"} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || len(body) == 0 {
			t.Errorf("GET %s: got %d with %d bytes, want 200 with a body", path, res.StatusCode, len(body))
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel: got %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
	if _, err := http.Get(base + "/api/health"); err == nil {
		t.Errorf("after shutdown: got a response, want the connection refused")
	}
	for _, want := range []string{"listening on " + base, "GET /api/health 200", "GET /tiles/counties/0/0/0.mvt 200", "stopped"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log: got %q, want a line with %q", logs.String(), want)
		}
	}
}

// TestShutdownCutsWhatOutlastsTheGrace: a request still running when the
// grace period ends is cut and counted, and Serve returns nil (exit 0).
func TestShutdownCutsWhatOutlastsTheGrace(t *testing.T) {
	var logs bytes.Buffer
	sw := &syncWriter{w: &logs} // the cut request's handler may still log after Serve returns
	s, err := New(Config{World: loadWorld(t), ShutdownTimeout: 100 * time.Millisecond, Workers: 1,
		Log: log.New(sw, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	s.work <- struct{}{} // the one worker is busy, so the workbook waits
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	go http.Get("http://" + ln.Addr().String() + "/api/report.xlsx")
	for s.inflight.Load() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve with a request outlasting the grace period: %v, want nil", err)
	}
	sw.mu.Lock()
	got := logs.String()
	sw.mu.Unlock()
	if want := "100ms grace period ended with 1 request(s) in flight"; !strings.Contains(got, want) {
		t.Errorf("log %q does not say %q", got, want)
	}
}
