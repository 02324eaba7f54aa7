package pgstore

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/storetest"
)

// TestOgrinfoOpensTheTables checks with GDAL (what QGIS reads PostGIS
// with) that the tables are point layers in EPSG:4326 with every record.
func TestOgrinfoOpensTheTables(t *testing.T) {
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		if os.Getenv("KEPU_REQUIRE_GDAL") != "" {
			t.Fatal("ogrinfo not on PATH and KEPU_REQUIRE_GDAL is set: apt-get install -y gdal-bin")
		}
		t.Skip("ogrinfo not on PATH (apt-get install -y gdal-bin)")
	}
	raw := storetest.PostgresURL(t)
	st, err := Open(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Import(context.Background(), "kepu", w.Facilities, w.Events, false, true); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(raw)
	conn := "PG:host=" + u.Hostname() + " port=" + u.Port() + " user=" + u.User.Username() + " dbname=" + strings.TrimPrefix(u.Path, "/")
	for _, c := range []struct{ layer, count string }{{"facilities", "739"}, {"events", "16"}} {
		out, err := exec.Command(ogrinfo, "-ro", "-so", conn, c.layer).CombinedOutput()
		if err != nil {
			t.Fatalf("ogrinfo %s: %v\n%s", c.layer, err, out)
		}
		for _, want := range []string{"Geometry: Point", "Feature Count: " + c.count, `ID["EPSG",4326]`} {
			if !strings.Contains(string(out), want) {
				t.Errorf("ogrinfo %s: no %q in\n%s", c.layer, want, out)
			}
		}
		if c.layer == "facilities" && !regexp.MustCompile(`(?m)^category: String`).Match(out) {
			t.Errorf("ogrinfo facilities: no category column in\n%s", out)
		}
	}
}
