package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSecondServerOnOneGeoPackage starts `kepu serve --db F`, then a second
// one on F: the second exits 2 naming the first one's pid, and the first
// still holds the file.
func TestSecondServerOnOneGeoPackage(t *testing.T) {
	bin := buildKepu(t)
	db := filepath.Join(t.TempDir(), "kepu.gpkg")
	first, _ := startServe(t, bin, "--db", db)
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", db)
	out, err := cmd.CombinedOutput()
	code := -1
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	if code != exitUsage {
		t.Fatalf("second kepu serve: exit %d (%v), want %d; output:\n%s", code, err, exitUsage, out)
	}
	if want := "kepu pid " + strconv.Itoa(first.Process.Pid); !strings.Contains(string(out), want) {
		t.Errorf("second kepu serve said %q, want it to name the holder (%q)", out, want)
	}
}

// TestTokenFileCheckedBeforeTheDatabase: a token file that cannot be used
// stops `kepu serve` before it creates the GeoPackage.
func TestTokenFileCheckedBeforeTheDatabase(t *testing.T) {
	dir := t.TempDir()
	dup := filepath.Join(dir, "tokens")
	os.WriteFile(dup, []byte("alice s3cret\nbob s3cret\n"), 0o600)
	for _, c := range []struct{ name, file, want string }{
		{"missing", filepath.Join(dir, "nope"), "文件不存在"},
		{"duplicate", dup, "line 2: the same token as line 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := filepath.Join(dir, c.name+".gpkg")
			code, _, stderr := runKepu("serve", "--addr", "127.0.0.1:0", "--db", db, "--token-file", c.file)
			if code != exitUsage || !strings.Contains(stderr, c.want) {
				t.Errorf("kepu serve --token-file (%s): exit %d, %q; want %d and %q", c.name, code, stderr, exitUsage, c.want)
			}
			if _, err := os.Stat(db); !os.IsNotExist(err) {
				t.Errorf("kepu serve --token-file (%s) created %s (stat: %v)", c.name, db, err)
			}
		})
	}
}
