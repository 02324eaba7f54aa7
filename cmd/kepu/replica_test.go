package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kepu/kepu/data/storetest"
)

// TestReplicasShareEdits runs two `kepu serve` replicas on one PostgreSQL
// database and a writer streaming edits to one of them; that one is killed
// with SIGKILL mid-stream, and every edit it acknowledged is served by the
// other, which never received a write itself, within a second.
func TestReplicasShareEdits(t *testing.T) {
	url := storetest.PostgresURL(t)
	bin := buildKepu(t)
	a, baseA := startServe(t, bin, "--db", url)
	_, baseB := startServe(t, bin, "--db", url)

	var mu sync.Mutex
	acked := map[string]bool{}
	ackedVia := map[string]int{}
	post := func(base string, n int) bool {
		ids, body := batch(n)
		req, _ := http.NewRequest(http.MethodPost, base+"/api/facilities", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+crashToken)
		resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
		if err != nil {
			return false
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			t.Errorf("POST batch %d to %s: %d, want 201", n, base, resp.StatusCode)
			return false
		}
		mu.Lock()
		for _, id := range ids {
			acked[id] = true
		}
		ackedVia[base]++
		mu.Unlock()
		return true
	}
	var wg sync.WaitGroup
	wg.Add(2)
	for stream := range 2 { // two writers, both at the replica that will be killed
		go func() {
			defer wg.Done()
			for n := stream; n < 4000 && post(baseA, n); n += 2 {
			}
		}()
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		mu.Lock()
		n := ackedVia[baseA]
		mu.Unlock()
		if n >= 60 {
			break
		}
	}
	a.Process.Signal(syscall.SIGKILL)
	a.Wait()
	wg.Wait()
	last := time.Now()
	mu.Lock()
	defer mu.Unlock()
	if ackedVia[baseA] < 10 {
		t.Fatalf("acknowledged %d batches before the kill; want a stream", ackedVia[baseA])
	}
	t.Logf("%d batches acknowledged before SIGKILL", ackedVia[baseA])

	var missing []string
	for {
		missing = missing[:0]
		served := servedIDs(t, baseB)
		for id := range acked {
			if !served[id] {
				missing = append(missing, id)
			}
		}
		if len(missing) == 0 || time.Since(last) > time.Second {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(missing) > 0 {
		t.Errorf("%d acknowledged facilities are not served by the surviving replica a second after the last write, e.g. %v", len(missing), missing[:min(5, len(missing))])
	}
}

// servedIDs is the set of facility ids a server's /api/facilities lists.
func servedIDs(t *testing.T, base string) map[string]bool {
	t.Helper()
	resp, err := http.Get(base + "/api/facilities?category=venue")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var fc struct {
		Features []struct {
			Properties struct {
				ID string `json:"id"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&fc); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, f := range fc.Features {
		out[f.Properties.ID] = true
	}
	return out
}
