package main

import (
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/gpkg"
	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := runKepu(args...)
	if code != 0 {
		t.Fatalf("kepu %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

// TestImportExportRoundTrip exports the sample, imports it into a new
// registry and exports again: GeoJSON and CSV come back byte for byte.
func TestImportExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"geojson", "csv"} {
		t.Run(format, func(t *testing.T) {
			file := filepath.Join(dir, "sample."+format)
			mustRun(t, "export", "--format", format, "--out", file)
			db := filepath.Join(dir, format+".gpkg")
			mustRun(t, "import", "--db", db, file)
			got := mustRun(t, "export", "--db", db, "--format", format)
			want, _ := os.ReadFile(file)
			if got != string(want) {
				t.Errorf("export after import differs from the file imported (%d vs %d bytes)", len(got), len(want))
			}
		})
	}
}

func TestImportRefusesInvalidWhole(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("id,name,category,lon,lat,floor_area_m2\nV1,ok,venue,111.7,40.8,1200\nV2,bad,venue,511.7,40.8,-3\nV3,,,111,40,\n"), 0o644)
	db := filepath.Join(dir, "kepu.gpkg")
	code, _, errs := runKepu("import", "--db", db, bad)
	if code != exitUsage {
		t.Fatalf("exit: got %d, want %d", code, exitUsage)
	}
	for _, want := range []string{"第 3 行（V2）：lon：[511.7, 40.8] 超出范围", "第 3 行（V2）：floor_area_m2", "第 4 行（V3）：category"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	st, err := gpkg.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := st.Count(context.Background())
	st.Close()
	if c.Facilities != 0 || c.Audit != 0 {
		t.Errorf("store after a refused import: got %+v, want empty", c)
	}
	out := mustRun(t, "import", "--db", db, "--skip-invalid", bad)
	if !strings.Contains(out, "已导入 1 处设施") {
		t.Errorf("--skip-invalid: got %q, want 1 facility imported", out)
	}
	// A registry seeded from the sample is only replaced on purpose.
	sample := filepath.Join(dir, "sample.gpkg")
	st, _ = gpkg.Open(context.Background(), sample)
	data.SeedSample(context.Background(), st)
	st.Close()
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("id,category,lon,lat\nV9,venue,111.7,40.8\n"), 0o644)
	if code, _, errs := runKepu("import", "--db", sample, good); code != exitUsage || !strings.Contains(errs, "--replace") {
		t.Errorf("import into the sample: got %d %q, want refusal naming --replace", code, errs)
	}
	if out := mustRun(t, "import", "--db", sample, "--replace", good); !strings.Contains(out, "现有 1 处设施、0 项活动") {
		t.Errorf("--replace: got %q", out)
	}
}

func TestImportConvertsCRS(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "gcj.csv")
	in := orb.Point{111.7, 40.8}
	os.WriteFile(file, []byte("id,category,lon,lat\nV1,venue,111.7,40.8\n"), 0o644)
	db := filepath.Join(dir, "kepu.gpkg")
	mustRun(t, "import", "--db", db, "--crs", "gcj02", file)
	st, _ := gpkg.Open(context.Background(), db)
	defer st.Close()
	f, err := st.Facility(context.Background(), "V1")
	if err != nil {
		t.Fatal(err)
	}
	want := geo.GCJ02ToWGS84(in)
	if d := geo.Distance(f.Point, want); d > 0.01 || geo.Distance(f.Point, in) < 100 {
		t.Errorf("stored point: got %v, want %v (GCJ-02 converted; %v m off)", f.Point, want, d)
	}
}

// kmlDoc is just enough of KML to check placemarks with an XML decoder.
type kmlDoc struct {
	Placemarks []struct {
		Name        string `xml:"name"`
		Description string `xml:"description"`
		Coordinates string `xml:"Point>coordinates"`
	} `xml:"Document>Placemark"`
}

// TestExportGapsKML decodes the KML and checks each placemark against the
// gap list: one per gap, in priority order, at the county seat.
func TestExportGapsKML(t *testing.T) {
	out := mustRun(t, "export", "--what", "gaps", "--format", "kml")
	var doc kmlDoc
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	w, _ := data.Load(data.Sources{})
	res := coverage.Evaluate(w, coverage.Defaults())
	gaps := res.Gaps(coverage.GapFilter{})
	if len(doc.Placemarks) != len(gaps) {
		t.Fatalf("placemarks: got %d, want %d gaps", len(doc.Placemarks), len(gaps))
	}
	for i, g := range gaps {
		pm := doc.Placemarks[i]
		if !strings.Contains(pm.Name, g.Name) || !strings.Contains(pm.Description, "优先级 "+strconv.FormatFloat(g.Priority, 'f', -1, 64)) {
			t.Errorf("placemark %d: got %q / %q, want gap %s %s with its priority", i, pm.Name, pm.Description, g.Code, g.Rule)
		}
		if u, ok := res.Unit(g.Code); ok && u.Level == coverage.LevelCounty {
			want := strconv.FormatFloat(u.SeatLon, 'f', -1, 64) + "," + strconv.FormatFloat(u.SeatLat, 'f', -1, 64)
			if strings.TrimSpace(pm.Coordinates) != want {
				t.Errorf("placemark %d (%s): got %s, want the seat %s", i, g.Code, pm.Coordinates, want)
			}
		}
	}
	if !strings.Contains(out, "示例数据") {
		t.Error("the sample's gap map is not labelled 示例数据")
	}
}

// TestExportOpensInGDAL reads kepu's KML and GeoPackage exports with ogrinfo.
func TestExportOpensInGDAL(t *testing.T) {
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		if os.Getenv("KEPU_REQUIRE_GDAL") != "" {
			t.Fatal("ogrinfo not on PATH and KEPU_REQUIRE_GDAL is set: apt-get install -y gdal-bin")
		}
		t.Skip("ogrinfo not on PATH (apt-get install -y gdal-bin); set KEPU_REQUIRE_GDAL=1 to make this a failure")
	}
	dir := t.TempDir()
	w, _ := data.Load(data.Sources{})
	res := coverage.Evaluate(w, coverage.Defaults())
	tests := []struct {
		args  []string
		file  string
		count int
	}{
		{[]string{"--what", "gaps", "--format", "kml"}, "gaps.kml", len(res.Gaps(coverage.GapFilter{}))},
		{[]string{"--what", "facilities", "--format", "kml"}, "facilities.kml", len(w.Facilities)},
		{[]string{"--what", "facilities", "--format", "gpkg"}, "facilities.gpkg", len(w.Facilities)},
		{[]string{"--what", "gaps", "--format", "geojson"}, "gaps.geojson", len(res.Gaps(coverage.GapFilter{}))},
		{[]string{"--what", "gaps", "--format", "gpkg"}, "gaps.gpkg", len(res.Gaps(coverage.GapFilter{}))},
		{[]string{"--what", "gaps", "--format", "gpkg", "--league", "150400"}, "gaps-150400.gpkg", len(res.Gaps(coverage.GapFilter{League: "150400"}))},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			mustRun(t, append(append([]string{"export"}, tt.args...), "--out", path)...)
			out, err := exec.Command(ogrinfo, "-so", "-al", path).CombinedOutput()
			if err != nil {
				t.Fatalf("ogrinfo: %v\n%s", err, out)
			}
			m := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(string(out))
			if m == nil {
				t.Fatalf("ogrinfo printed no feature count:\n%s", out)
			}
			if got, _ := strconv.Atoi(m[1]); got != tt.count {
				t.Errorf("ogrinfo %s first layer: got %d features, want %d", tt.file, got, tt.count)
			}
		})
	}
}
