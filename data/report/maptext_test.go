package report

import (
	"image"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/paulmach/orb"
)

// TestScaleLength checks the scale bar against the length of one degree of
// longitude on the WGS84 ellipsoid along the map's central parallel
// (π/180 · a·cosφ/√(1−e²sin²φ)): 111.3195 km at the equator, 85.3946 km
// at 40°N, 55.8000 km at 60°N. Each map is 400 px per degree of longitude.
func TestScaleLength(t *testing.T) {
	for _, tc := range []struct {
		name          string
		lat, maxPx    float64
		wantKm, wantP float64
	}{
		{"equator, 400 px at most", 0, 400, 100, 400 / 111.3195 * 100},
		{"40N, 100 px at most", 40, 100, 20, 400 / 85.3946 * 20},
		{"40N, 250 px at most: 5 × 10 km", 40, 250, 50, 400 / 85.3946 * 50},
		{"40N, 200 px at most: 2 × 10 km, not 40", 40, 200, 20, 400 / 85.3946 * 20},
		{"60N, 100 px at most", 60, 100, 10, 400 / 55.8000 * 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := orb.Bound{Min: orb.Point{110, tc.lat - 0.5}, Max: orb.Point{111, tc.lat + 0.5}}
			p, _ := fit(b, 0, 0, 400, 10000)
			km, px := scaleLength(p, b, tc.maxPx)
			if km != tc.wantKm || math.Abs(px-tc.wantP) > 0.02 {
				t.Errorf("got %g km in %.3f px, want %g km in %.3f px", km, px, tc.wantKm, tc.wantP)
			}
		})
	}
}

// dark counts the pixels of r darker than a county fill: text, bar or arrow.
func dark(img *image.RGBA, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := img.RGBAAt(x, y)
			if int(c.R)+int(c.G)+int(c.B) < 3*70 {
				n++
			}
		}
	}
	return n
}

// TestMapTextPixels draws a one-county map with a Chinese title, a county
// name and a name the fonts cannot draw, and looks for dark ink where each
// goes: the title, the name under its point, the fallback code, the north
// arrow at the top right and the scale bar under the map.
func TestMapTextPixels(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	poly := orb.Polygon{square(110, 40, 112, 41, true)}
	m := Map{Width: 600, Title: "包头市：科普大篷车旗县全覆盖", Areas: []Area{{Geometry: poly, Fill: passFill}},
		Labels: []Label{{Point: orb.Point{110.5, 40.5}, Text: "达尔罕茂明安联合旗", Fallback: "150223"},
			{Point: orb.Point{111.5, 40.5}, Text: "䶮", Fallback: "150299"}}, North: "北", Km: "公里"}
	img := r.Render(m)
	inner := float64(600 - 2*margin)
	proj, h := fit(poly.Bound(), margin, headerH, inner, inner*0.85)
	under := func(lon, lat float64, text string) image.Rectangle {
		x, y := proj.xy(orb.Point{lon, lat})
		w := r.width(r.small, text)
		return image.Rect(int(x)-w/2, int(y)+6, int(x)+w/2, int(y)+24)
	}
	mapBottom := headerH + int(math.Ceil(h))
	for _, tc := range []struct {
		name string
		box  image.Rectangle
		min  int
	}{
		{"title", image.Rect(margin, 10, margin+300, 40), 300},
		{"county name under its seat", under(110.5, 40.5, "达尔罕茂明安联合旗"), 150},
		{"code in place of a name the fonts lack", under(111.5, 40.5, "150299"), 40},
		{"north arrow", image.Rect(600-margin-30, 14, 600-margin, 70), 150},
		{"scale bar", image.Rect(margin, mapBottom, margin+int(inner/4)+10, mapBottom+scaleH), 150},
	} {
		if got := dark(img, tc.box); got < tc.min {
			t.Errorf("%s: %d dark pixels in %v, want at least %d", tc.name, got, tc.box, tc.min)
		}
	}
	if r.drawable(r.small, "䶮") || !r.drawable(r.small, "达尔罕茂明安联合旗") {
		t.Errorf("drawable: 䶮 %v (want false), 达尔罕茂明安联合旗 %v (want true)",
			r.drawable(r.small, "䶮"), r.drawable(r.small, "达尔罕茂明安联合旗"))
	}
}

// TestFontsCoverNames checks the font subset: every embedded unit name and
// province name in bold and regular, GB2312's first and last hanzi of each
// level in regular, and a character outside GB2312 in neither.
func TestFontsCoverNames(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	fs, err := parseFonts()
	if err != nil {
		t.Fatal(err)
	}
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"河北省", "新疆维吾尔自治区", "广西壮族自治区", "香港特别行政区"}
	for _, u := range w.Units {
		names = append(names, u.Name)
	}
	for _, n := range names {
		if !r.covers(fs.regular, n) || !r.covers(fs.bold, n) {
			t.Errorf("%s: regular %v, bold %v; want both", n, r.covers(fs.regular, n), r.covers(fs.bold, n))
		}
	}
	for _, c := range []string{"啊", "座", "亍", "齄", "淖", "Ⅳ", "①", "（", "："} {
		if !r.covers(fs.regular, c) {
			t.Errorf("regular lacks %s", c)
		}
	}
	if r.covers(fs.regular, "䶮") || r.covers(fs.bold, "䶮") {
		t.Errorf("䶮 (outside GB2312) is in the subset: the subset is not what fonts/subset.py says")
	}
}

// TestLeagueMapWords checks a league's map in Chinese: its title, its
// legend, and counties labelled by name.
func TestLeagueMapWords(t *testing.T) {
	m, res := sample(t)
	b, err := newBuilder(m, res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	l := b.unit["150200"]
	mp := b.countyMap(scope{league: l, counties: b.countiesOf[l.Code]}, "caravan_reach")
	if want := "包头市：科普大篷车旗县全覆盖"; mp.Title != want {
		t.Errorf("title: got %q, want %q", mp.Title, want)
	}
	if want := "9 / 9 个旗县达标  |  评估期 2021-01-01 至 2025-12-31  |  示例数据（合成，非真实情况）"; mp.Subtitle != want {
		t.Errorf("subtitle: got %q, want %q", mp.Subtitle, want)
	}
	var legend []string
	for _, e := range mp.Legend {
		legend = append(legend, e.Label)
	}
	if want := []string{"大篷车覆盖（9）", "未覆盖（0）", "开放的科普大篷车（8）"}; !slices.Equal(legend, want) {
		t.Errorf("legend: got %q, want %q", legend, want)
	}
	var labels []string
	for _, lb := range mp.Labels {
		labels = append(labels, lb.Text)
	}
	for _, want := range []string{"固阳县", "土默特右旗", "达尔罕茂明安联合旗", "白云鄂博矿区"} {
		if !slices.Contains(labels, want) {
			t.Errorf("labels %q lack %s", labels, want)
		}
	}
	if mp.OutlineLabel != "盟市界" || mp.North != "北" || mp.Km != "公里" {
		t.Errorf("outline %q, north %q, km %q; want 盟市界, 北, 公里", mp.OutlineLabel, mp.North, mp.Km)
	}
	en, err := newBuilder(m, res, Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	mp = en.countyMap(scope{counties: en.counties}, "venue_1000")
	if want := "Inner Mongolia Autonomous Region, all leagues: county venue of 1000 m² or more"; mp.Title != want {
		t.Errorf("English title: got %q, want %q", mp.Title, want)
	}
}

// TestOtherRegionMapWords: another region's map speaks that region's words
// (县区 and 市州, not 旗县 and 盟市) and names its counties.
func TestOtherRegionMapWords(t *testing.T) {
	dir := filepath.Join("..", "testdata", "china")
	w, err := data.Load(data.Sources{Units: []string{filepath.Join(dir, "ningxia-extract.geojson")},
		Facilities: []string{filepath.Join(dir, "ningxia-facilities.geojson")}})
	if err != nil {
		t.Fatal(err)
	}
	m := coverage.NewModel(w)
	b, err := newBuilder(m, m.Evaluate(coverage.Defaults()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	l := b.unit["640500"]
	mp := b.countyMap(scope{league: l, counties: b.countiesOf[l.Code]}, "venue_1000")
	if want := "中卫市：县区1000平方米以上科普场馆"; mp.Title != want {
		t.Errorf("title: got %q, want %q", mp.Title, want)
	}
	if want := "市州界"; mp.OutlineLabel != want {
		t.Errorf("outline: got %q, want %q", mp.OutlineLabel, want)
	}
	var labels []string
	for _, lb := range mp.Labels {
		labels = append(labels, lb.Text)
	}
	if want := []string{"沙坡头区", "中宁县", "海原县"}; !slices.Equal(labels, want) {
		t.Errorf("labels: got %q, want %q", labels, want)
	}
	for _, e := range mp.Legend {
		if strings.Contains(e.Label, "旗县") || strings.Contains(e.Label, "盟市") {
			t.Errorf("legend %q speaks Inner Mongolia's words", e.Label)
		}
	}
}
