package report

import (
	"image"
	"image/color"
	"testing"

	"github.com/paulmach/orb"
)

func square(x0, y0, x1, y1 float64, ccw bool) orb.Ring {
	r := orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	if !ccw {
		r.Reverse()
	}
	return r
}

// TestRenderFill draws a square with a square hole, in every combination of
// ring windings, and looks at the pixels: the ring filled, the hole and the
// outside left white.
func TestRenderFill(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	fill := color.RGBA{200, 0, 0, 255}
	for _, tc := range []struct {
		name              string
		outerCCW, holeCCW bool
	}{
		{"rfc7946 winding", true, false},
		{"both clockwise", false, false},
		{"both counter-clockwise", true, true},
		{"reversed", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			poly := orb.Polygon{square(110, 40, 111, 41, tc.outerCCW), square(110.4, 40.4, 110.6, 40.6, tc.holeCCW)}
			m := Map{Width: 400, Areas: []Area{{Geometry: poly, Fill: fill}}}
			img := r.Render(m)
			proj, _ := fit(poly.Bound(), margin, headerH, float64(400-2*margin), float64(400-2*margin)*0.85)
			at := func(lon, lat float64) color.RGBA {
				x, y := proj.xy(orb.Point{lon, lat})
				return img.RGBAAt(int(x), int(y))
			}
			for _, p := range []struct {
				name     string
				lon, lat float64
				want     color.RGBA
			}{
				{"in the ring", 110.2, 40.2, fill},
				{"in the ring, far corner", 110.8, 40.85, fill},
				{"in the hole", 110.5, 40.5, white},
				{"outside, left of the square", 109.95, 40.5, white},
			} {
				if got := at(p.lon, p.lat); got != p.want {
					t.Errorf("%s: got %v, want %v", p.name, got, p.want)
				}
			}
		})
	}
}

// TestRenderRegionMap pins what BenchmarkRenderRegionMap measures: the
// region's venue_1000 map at 1200 px, with all three classes drawn.
func TestRenderRegionMap(t *testing.T) {
	m, res := sample(t)
	b, err := newBuilder(m, res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	img := b.r.Render(b.countyMap(scope{counties: b.counties}, "venue_1000"))
	if got := img.Bounds().Dx(); got != 1200 {
		t.Errorf("width: got %d, want 1200", got)
	}
	count := map[color.RGBA]int{}
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			count[img.RGBAAt(x, y)]++
		}
	}
	for _, c := range []color.RGBA{passFill, warnFill, failFill} {
		if count[c] < 500 {
			t.Errorf("class colour %v: %d pixels, want a visible area", c, count[c])
		}
	}
	// Most of the region passes venue_1000 in the sample (70 of 103
	// counties, and the largest ones): green must outweigh red.
	if count[passFill] < 3*count[failFill] {
		t.Errorf("green %d pixels, red %d: want green well ahead", count[passFill], count[failFill])
	}
	for _, c := range []color.RGBA{{0, 0, 0, 255}, {0, 0, 0, 0}} {
		if count[c] > 0 {
			t.Errorf("%d pixels of %v: compositing went wrong", count[c], c)
		}
	}
}

func BenchmarkRenderRegionMap(b *testing.B) {
	m, res := sample(b)
	bl, err := newBuilder(m, res, Options{})
	if err != nil {
		b.Fatal(err)
	}
	spec := bl.countyMap(scope{counties: bl.counties}, "venue_1000")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bl.r.EncodePNG(spec); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMapMarks checks that each rule map marks exactly the open facilities
// that rule counts, and that the marks are drawn.
func TestMapMarks(t *testing.T) {
	m, res := sample(t)
	b, err := newBuilder(m, res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	region := scope{counties: b.counties}
	want := map[string]int{}
	for i, f := range m.World.Facilities {
		if !f.Open() || m.FacilityCounty[i] == "" {
			continue
		}
		switch {
		case f.Category == "venue" && f.FloorArea >= 1000:
			want["venue_1000"]++
		case f.Category == "caravan":
			want["caravan_reach"]++
		case f.Category == "base":
			want["base_distribution"]++
		}
	}
	for _, rule := range MapRules {
		mp := b.countyMap(region, rule)
		if len(mp.Marks) != want[rule] || want[rule] == 0 {
			t.Errorf("%s: %d marks, want %d", rule, len(mp.Marks), want[rule])
		}
		img := b.r.Render(mp)
		fill := mp.Marks[0].Fill
		n := 0
		for y := 0; y < img.Bounds().Dy()-legendH; y++ { // above the legend's swatch
			for x := 0; x < img.Bounds().Dx(); x++ {
				if img.RGBAAt(x, y) == fill {
					n++
				}
			}
		}
		if n < len(mp.Marks) {
			t.Errorf("%s: %d pixels of the mark colour for %d marks", rule, n, len(mp.Marks))
		}
	}
}

// TestLabelsDoNotOverlap places labels for points that coincide: each takes
// a free spot around the point, and once all four are taken the next is left out.
func TestLabelsDoNotOverlap(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var placed []image.Rectangle
	for i := 0; i < 5; i++ {
		box, ok := r.placeLabel(r.small, "150402", 300, 300, 6, placed)
		if i < 4 && !ok {
			t.Fatalf("label %d found no place", i)
		}
		if i == 4 {
			if ok {
				t.Errorf("a fifth label at the same point was placed at %v over the others", box)
			}
			break
		}
		for _, p := range placed {
			if box.Overlaps(p) {
				t.Errorf("label %d at %v overlaps %v", i, box, p)
			}
		}
		placed = append(placed, box)
	}
}
