package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites the golden files from what kepu prints now:
//
//	go test ./cmd/kepu -run Golden -update
//
// Review the diff (git diff cmd/kepu/testdata) before committing it.
var update = flag.Bool("update", false, "rewrite testdata/golden/* from the current output")

// TestGolden pins what a person or a program reads from kepu on the
// embedded sample, byte for byte: the check and gap summaries as text (in
// Chinese and in English), the gap list as CSV, the check document as JSON,
// and the KML exports of the gaps and the facilities.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		args []string
		code int
	}{
		{"check.txt", []string{"check"}, exitGap},
		{"check.en.txt", []string{"check", "--lang", "en"}, exitGap},
		{"check.json", []string{"check", "--format", "json"}, exitGap},
		{"gaps.txt", []string{"gaps"}, exitGap},
		{"gaps.en.txt", []string{"gaps", "--lang", "en"}, exitGap},
		{"gaps.csv", []string{"gaps", "--format", "csv"}, exitGap},
		{"gaps-venue_1000-150400.txt", []string{"gaps", "--rule", "venue_1000", "--league", "150400"}, exitGap},
		{"gaps.kml", []string{"export", "--what", "gaps", "--format", "kml"}, exitPass},
		{"facilities.kml", []string{"export", "--format", "kml"}, exitPass},
	} {
		t.Run(tc.file, func(t *testing.T) {
			code, out, errs := runKepu(tc.args...)
			if code != tc.code || errs != "" {
				t.Fatalf("kepu %s: exit %d, want %d; stderr: %s", strings.Join(tc.args, " "), code, tc.code, errs)
			}
			golden(t, filepath.Join("testdata", "golden", tc.file), out)
		})
	}
}

// golden compares got with the file, or rewrites the file under -update.
func golden(t *testing.T, path, got string) {
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
		t.Fatalf("%v (run go test ./cmd/kepu -run Golden -update to create it)", err)
	}
	want := string(b)
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Errorf("%s differs first at line %d:\ngot  %q\nwant %q\n(%d lines, golden %d; if the change is intended: go test ./cmd/kepu -run Golden -update)",
				path, i+1, g, w, len(gl), len(wl))
			return
		}
	}
}
