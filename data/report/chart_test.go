package report

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/xuri/excelize/v2"
)

// readSeries reads a chart's lines back from its pixels: for series k, the
// middle of the rows in pixel column x that have exactly its colour, as a
// value on the y axis. It knows only the chart's layout constants.
func readSeries(img image.Image, c Chart, k, x int) (float64, bool) {
	want := c.Series[k].Colour
	lo, hi := math.MaxInt, -1
	y0, y1 := chartH-chartBottom, chartTop
	for y := y1 - 10; y <= y0+10; y++ {
		r, g, b, a := img.At(x, y).RGBA()
		if uint8(r>>8) == want.R && uint8(g>>8) == want.G && uint8(b>>8) == want.B && uint8(a>>8) == 255 {
			lo, hi = min(lo, y), max(hi, y)
		}
	}
	if hi < 0 {
		return 0, false
	}
	mid := float64(lo+hi) / 2
	return (float64(y0) - mid) / float64(y0-y1) * float64(c.Max), true
}

// TestProgressChart draws the sample's region chart and reads it back: the
// PNG decodes, it has one line per county rule, and at each year the line
// sits at the passing count of the progress series.
func TestProgressChart(t *testing.T) {
	m, res := sample(t)
	b, err := newBuilder(m, res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := scope{counties: b.counties}
	c := b.progressChart(s)
	p := coverage.ProgressOf(m, coverage.Defaults())
	county := coverage.UnitRules(coverage.LevelCounty)
	if len(c.Series) != len(county) {
		t.Fatalf("series: got %d, want one per county rule (%d)", len(c.Series), len(county))
	}
	raw, err := b.r.EncodeChartPNG(c)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the chart does not decode: %v", err)
	}
	w := img.Bounds().Dx()
	// The series are named in Chinese, by the shared rule names.
	names := map[string]string{"venue_1000": "旗县1000平方米以上科普场馆", "caravan_reach": "科普大篷车旗县全覆盖", "base_distribution": "科普教育基地分布"}
	for k, id := range county {
		if c.Series[k].Name != names[id] {
			t.Errorf("series %d: got %s, want %s", k, c.Series[k].Name, names[id])
		}
		for i, y := range p.Years {
			var want int
			for _, r := range y.Rules {
				if r.ID == id {
					want = r.Passing
				}
			}
			if c.Series[k].Values[i] != want {
				t.Errorf("%s %s: chart value %d, progress %d", id, y.AsOf, c.Series[k].Values[i], want)
			}
			x0, x1, _, _ := panel(w, len(c.Series), k)
			x := int(math.Round(pointX(x0, x1, i, len(p.Years))))
			got, ok := readSeries(img, c, k, x)
			if !ok || math.Abs(got-float64(want)) > 1 {
				t.Errorf("%s %s: the picture shows %.1f (drawn %v), want %d", id, y.AsOf, got, ok, want)
			}
		}
	}
}

// TestProgressSheet: the workbook's 进展 sheet has a row per day and rule;
// venue_1000's counts are the sample's (counted from the file by declared
// county in cmd/kepu's sampleVenueOracle: 53 59 62 65 70 70).
func TestProgressSheet(t *testing.T) {
	m, res := sample(t)
	var buf bytes.Buffer
	if err := WriteWorkbook(context.Background(), &buf, m, res, Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("进展")
	if err != nil {
		t.Fatal(err)
	}
	var venue []string
	for _, r := range rows[1 : 1+6*6] {
		if r[2] == coverage.RuleVenue1000 {
			venue = append(venue, r[0]+":"+r[5])
		}
	}
	want := "2020-12-31:53 2021-12-31:59 2022-12-31:62 2023-12-31:65 2024-12-31:70 2025-12-31:70"
	if got := strings.Join(venue, " "); got != want {
		t.Errorf("进展 venue_1000: got %s, want %s", got, want)
	}
	found := false
	for _, r := range rows {
		found = found || (len(r) >= 6 && r[0] == "150622" && r[3] == coverage.RuleVenue1000 && r[4] == "旗县1000平方米以上科普场馆" && r[5] == "2024")
	}
	if !found {
		t.Error("进展: no row saying 准格尔旗 (150622) first passed venue_1000 in 2024")
	}
}
