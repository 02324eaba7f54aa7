package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kepu/kepu/data/gpkg"
)

// buildKepu builds the kepu binary into a temporary directory.
func buildKepu(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kepu")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startServe starts `kepu serve` on a free loopback port and returns its
// base URL once it listens.
func startServe(t *testing.T, bin string, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "KEPU_TOKEN="+crashToken)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`listening on (http://[0-9.:]+)/`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case a := <-addr:
		return cmd, a
	case <-time.After(60 * time.Second):
		t.Fatal("kepu serve did not start listening within 60 s")
	}
	return nil, ""
}

const crashToken = "crash-test-token"

// batch is one POST of three facilities: all three or none may survive.
func batch(n int) (ids []string, body string) {
	var feats []string
	for i := 0; i < 3; i++ {
		id := fmt.Sprintf("KILL-%04d-%d", n, i)
		ids = append(ids, id)
		feats = append(feats, fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Point","coordinates":[%v,%v]},`+
			`"properties":{"id":%q,"name":"batch %d","category":"venue","floor_area_m2":%d,"note":"n%d"}}`,
			110+float64(n%40)/4, 40+float64(i)/2, id, n, 1000+n, n))
	}
	return ids, `{"type":"FeatureCollection","features":[` + strings.Join(feats, ",") + `]}`
}

// TestKillDuringEdits streams edits at a server, kills it with SIGKILL
// mid-stream, restarts it on the same file and finds every acknowledged
// edit and no half-written one.
func TestKillDuringEdits(t *testing.T) {
	bin := buildKepu(t)
	db := filepath.Join(t.TempDir(), "kepu.gpkg")
	cmd, base := startServe(t, bin, "--db", db)

	var mu sync.Mutex
	var acked [][]string
	sent := 0
	stop := make(chan struct{})
	done := make(chan struct{})
	const streams = 3
	var wg sync.WaitGroup
	for s := 0; s < streams; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			client := &http.Client{Timeout: 10 * time.Second}
			for n := s; n < 3000; n += streams { // bounded: stops at the kill at the latest
				select {
				case <-stop:
					return
				default:
				}
				ids, body := batch(n)
				req, _ := http.NewRequest(http.MethodPost, base+"/api/facilities", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+crashToken)
				mu.Lock()
				sent++
				mu.Unlock()
				resp, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusCreated {
					mu.Lock()
					acked = append(acked, ids)
					mu.Unlock()
				} else {
					t.Errorf("POST batch %d: got %d, want 201", n, resp.StatusCode)
				}
			}
		}(s)
	}
	go func() { wg.Wait(); close(done) }()
	// Kill once a good number of edits went through, mid-stream.
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 60 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	close(stop)
	<-done
	mu.Lock()
	defer mu.Unlock()
	if len(acked) < 10 {
		t.Fatalf("only %d batches acknowledged before the kill; want a stream", len(acked))
	}
	t.Logf("sent %d batches, %d acknowledged before SIGKILL", sent, len(acked))

	// Restart on the same file: every acknowledged id is served.
	_, base = startServe(t, bin, "--db", db)
	for _, ids := range acked {
		for _, id := range ids {
			resp, err := http.Get(base + "/api/facilities/" + id)
			if err != nil {
				t.Fatal(err)
			}
			var f struct {
				Properties map[string]any `json:"properties"`
			}
			json.NewDecoder(resp.Body).Decode(&f)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || f.Properties["id"] != id || f.Properties["note"] == nil {
				t.Errorf("GET %s after the restart: got %d %v, want the acknowledged record", id, resp.StatusCode, f.Properties)
			}
		}
	}
	// No half-written batch: each batch is all there or not at all, with
	// its audit rows.
	st, err := gpkg.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fs, err := st.Facilities(context.Background())
	if err != nil {
		t.Fatalf("reading the store after the kill: %v", err)
	}
	perBatch := map[string]int{}
	for _, f := range fs {
		if strings.HasPrefix(f.ID, "KILL-") {
			perBatch[f.ID[:len("KILL-0000")]]++
		}
	}
	for b, n := range perBatch {
		if n != 3 {
			t.Errorf("batch %s: got %d of 3 facilities, want all or none", b, n)
		}
	}
	if len(perBatch) < len(acked) {
		t.Errorf("batches in the store: got %d, want at least the %d acknowledged", len(perBatch), len(acked))
	}
	db2, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	var audited int
	db2.QueryRow("SELECT count(*) FROM audit WHERE action = 'create' AND record_id LIKE 'KILL-%'").Scan(&audited)
	if audited != 3*len(perBatch) {
		t.Errorf("audit rows of the stream: got %d, want %d (one per stored facility)", audited, 3*len(perBatch))
	}
	c, _ := st.Count(context.Background())
	var check struct {
		Dataset struct{ Facilities int } `json:"dataset"`
	}
	resp, err := http.Get(base + "/api/check")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&check)
	resp.Body.Close()
	if check.Dataset.Facilities != c.Facilities {
		t.Errorf("/api/check facilities after the restart: got %d, want the store's %d", check.Dataset.Facilities, c.Facilities)
	}
}
