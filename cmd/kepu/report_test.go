package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestReportFilesAreTheCLIOutput writes a report through the command and
// compares its gaps.csv and check.json with what `kepu gaps --format csv`
// and `kepu check --format json` print.
func TestReportFilesAreTheCLIOutput(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run([]string{"report", "--out", dir, "--quiet"}, &out, &errOut); code != exitPass {
		t.Fatalf("kepu report: got status %d, want %d; stderr %s", code, exitPass, errOut.String())
	}
	if errOut.Len() != 0 {
		t.Errorf("kepu report --quiet: stderr %q, want nothing", errOut.String())
	}
	for _, tc := range []struct {
		file string
		args []string
	}{
		{"gaps.csv", []string{"gaps", "--format", "csv"}},
		{"check.json", []string{"check", "--format", "json"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var want bytes.Buffer
			run(tc.args, &want, new(bytes.Buffer))
			got, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if tc.file == "gaps.csv" && !bytes.HasPrefix(got, utf8BOM) {
				t.Errorf("gaps.csv: no UTF-8 BOM")
			}
			if !bytes.Equal(noBOM(got), noBOM(want.Bytes())) {
				t.Errorf("%s: got %d bytes, want the %d bytes `kepu %v` prints", tc.file, len(got), want.Len(), tc.args)
			}
		})
	}
}

// utf8BOM starts the report's CSV files (Excel on Chinese Windows needs it).
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// noBOM is b without a leading UTF-8 BOM: the report's gaps.csv has one
// whether or not `kepu gaps` prints one.
func noBOM(b []byte) []byte { return bytes.TrimPrefix(b, utf8BOM) }

func TestReportUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"no --out", []string{"report"}},
		{"bad --lang", []string{"report", "--out", "x", "--lang", "fr"}},
		{"stray argument", []string{"report", "--out", "x", "y"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(tc.args, new(bytes.Buffer), new(bytes.Buffer)); got != exitUsage {
				t.Errorf("status: got %d, want %d", got, exitUsage)
			}
		})
	}
}

// TestReportBinary builds kepu and runs `kepu report` as a user would; it
// needs the go tool, so it is skipped in -short runs.
func TestReportBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "kepu")
	if out, err := exec.Command(gotool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	rep := filepath.Join(dir, "rep")
	cmd := exec.Command(bin, "report", "--out", rep, "--lang", "en")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kepu report: %v\n%s", err, out)
	}
	want, err := exec.Command(bin, "gaps", "--format", "csv", "--lang", "en").Output()
	if len(want) == 0 {
		t.Fatalf("kepu gaps --format csv printed nothing (%v)", err)
	}
	got, err := os.ReadFile(filepath.Join(rep, "gaps.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(got, utf8BOM) || !bytes.Equal(noBOM(got), noBOM(want)) {
		t.Errorf("gaps.csv: got %d bytes, want a UTF-8 BOM and the %d bytes the binary prints", len(got), len(want))
	}
	for _, f := range []string{"index.html", "report.xlsx", "check.json", "leagues/150100.html", "maps/region-venue_1000.png"} {
		if _, err := os.Stat(filepath.Join(rep, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
}
