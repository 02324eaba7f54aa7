// Package coveragetest holds what the tests of several packages share:
// golden files, compared byte for byte and rewritten under -update.
package coveragetest

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites the golden files from the current output:
//
//	go test ./cmd/kepu ./coverage -run Golden -update
//
// Review the diff (git diff '*/testdata/golden') before committing it: the
// files are the expectations.
var update = flag.Bool("update", false, "rewrite testdata/golden/* from the current output")

// Golden compares got with the file at path, or rewrites the file under
// -update. A difference is reported at its first line, with both lines and
// both line counts, and names the command that rewrites the file.
func Golden(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run Golden -update in its package creates it)", err)
	}
	want := string(b)
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Errorf("%s differs first at line %d:\ngot  %q\nwant %q\n(%d lines, golden %d; if the change is intended: go test -run Golden -update in its package)",
				path, i+1, g, w, len(gl), len(wl))
			return
		}
	}
}
