package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage/coveragetest"
)

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
			coveragetest.Golden(t, filepath.Join("testdata", "golden", tc.file), out)
		})
	}
}
