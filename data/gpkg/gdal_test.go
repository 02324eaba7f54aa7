package gpkg_test

import (
	"database/sql"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
)

// rawDB opens the file with the SQLite driver alone, bypassing the store.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestOgrinfoOpensStore checks with GDAL, an independent GeoPackage reader,
// that the file is a valid GeoPackage with the right feature counts. It
// skips when ogrinfo is not installed, unless KEPU_REQUIRE_GDAL=1 (CI).
func TestOgrinfoOpensStore(t *testing.T) {
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		if os.Getenv("KEPU_REQUIRE_GDAL") != "" {
			t.Fatal("ogrinfo not on PATH and KEPU_REQUIRE_GDAL is set: apt-get install -y gdal-bin")
		}
		t.Skip("ogrinfo not on PATH (apt-get install -y gdal-bin); set KEPU_REQUIRE_GDAL=1 to make this a failure")
	}
	s, path := seeded(t)
	c, err := s.Count(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	out, err := exec.Command(ogrinfo, "-so", "-al", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	text := string(out)
	if m := regexp.MustCompile(`(?m)^(ERROR|Warning).*$`).FindAllString(text, -1); len(m) > 0 {
		t.Errorf("ogrinfo complains: %q", m)
	}
	if !regexp.MustCompile(`(?s)INFO: Open of .*?using driver .GPKG. successful`).MatchString(text) {
		t.Errorf("ogrinfo did not open the file with the GPKG driver:\n%s", text)
	}
	counts := map[string]int{}
	re := regexp.MustCompile(`(?s)Layer name: (\w+)\n.*?Feature Count: (\d+)`)
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		counts[m[1]], _ = strconv.Atoi(m[2])
	}
	want := map[string]int{"facilities": c.Facilities, "events": c.Events, "scenarios": c.Scenarios, "audit": c.Audit}
	for layer, n := range want {
		if got, ok := counts[layer]; !ok || got != n {
			t.Errorf("ogrinfo %s Feature Count: got %d (listed %v), want %d", layer, got, ok, n)
		}
	}
	if !regexp.MustCompile(`(?s)Layer name: facilities.*?Geometry: Point.*?(EPSG",?4326|WGS 84)`).MatchString(text) {
		t.Errorf("ogrinfo: facilities is not a WGS 84 Point layer:\n%s", text)
	}
}
