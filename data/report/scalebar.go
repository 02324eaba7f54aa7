package report

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// scaleH is the strip under the map that holds the scale bar.
const scaleH = 40

// scaleLength is the scale bar for a map of bound b drawn with p: the
// longest round length (1, 2 or 5 times a power of ten, in km) no longer
// than maxPx pixels, and its length in pixels. The map's x axis runs along
// the parallel through the centre of b, so the bar is measured there: the
// geodesic length of one degree of longitude on that parallel (WGS84).
func scaleLength(p projection, b orb.Bound, maxPx float64) (km, px float64) {
	lat := (b.Min[1] + b.Max[1]) / 2
	lon := (b.Min[0] + b.Max[0]) / 2
	metresPerDeg := geo.Distance(orb.Point{lon - 0.5, lat}, orb.Point{lon + 0.5, lat})
	pxPerKm := p.kx * p.s / metresPerDeg * 1000
	if !(pxPerKm > 0) || math.IsInf(pxPerKm, 0) {
		return 0, 0
	}
	most := maxPx / pxPerKm
	km = math.Pow(10, math.Floor(math.Log10(most)))
	for _, k := range []float64{5, 2} {
		if k*km <= most {
			km *= k
			break
		}
	}
	return km, km * pxPerKm
}

// scaleBar draws the scale bar with its left end at (x, y), the bar's
// baseline: four alternating dark and white parts, 0, the middle and the
// end labelled above it.
func (r *Renderer) scaleBar(img *image.RGBA, p projection, b orb.Bound, x, y int, maxPx float64, unit string) {
	km, px := scaleLength(p, b, maxPx)
	if px < 8 {
		return
	}
	x0, y0 := float64(x), float64(y)
	const h = 7.0
	r.box(img, x0-1, y0-h-1, x0+px+1, y0+1, ink)
	for i := 0; i < 4; i++ {
		c := ink
		if i%2 == 1 {
			c = white
		}
		r.box(img, x0+px*float64(i)/4, y0-h, x0+px*float64(i+1)/4, y0, c)
	}
	label := func(v float64, s string, at float64) {
		if s == "" {
			s = fmt.Sprintf("%g", v)
		}
		r.text(img, r.small, ink, s, int(at)-r.width(r.small, s)/2, int(y0-h-4))
	}
	label(0, "0", x0)
	label(km/2, "", x0+px/2)
	end := fmt.Sprintf("%g %s", km, unit)
	r.text(img, r.small, ink, end, int(x0+px)-r.width(r.small, fmt.Sprintf("%g", km))/2, int(y0-h-4))
}

// northArrow draws an arrow pointing up, to north (every meridian is
// vertical on the map's projection), with its letter above it, centred
// on x from y down.
func (r *Renderer) northArrow(img *image.RGBA, x, y float64, letter string) {
	lw := r.width(r.small, letter)
	r.text(img, r.small, ink, letter, int(x)-lw/2, int(y)+13)
	top, bottom, notch, half := y+18, y+54, y+46, 10.0
	r.polygon(img, [][2]float64{{x, top}, {x + half, bottom}, {x, notch}, {x - half, bottom}}, ink)
	// The right half white inside a dark rim, as on printed maps.
	r.polygon(img, [][2]float64{{x + 1, top + 5}, {x + half - 2.2, bottom - 2.8}, {x + 1, notch - 1.2}}, white)
}

// box fills the rectangle from (x0, y0) to (x1, y1).
func (r *Renderer) box(img *image.RGBA, x0, y0, x1, y1 float64, c color.RGBA) {
	r.polygon(img, [][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, c)
}

// polygon fills a polygon given in pixels.
func (r *Renderer) polygon(img *image.RGBA, pts [][2]float64, c color.RGBA) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range pts {
		minX, minY, maxX, maxY = math.Min(minX, q[0]), math.Min(minY, q[1]), math.Max(maxX, q[0]), math.Max(maxY, q[1])
	}
	rect := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY))).Intersect(img.Bounds())
	if rect.Empty() {
		return
	}
	r.z.Reset(rect.Dx(), rect.Dy())
	ox, oy := float64(rect.Min.X), float64(rect.Min.Y)
	for i, q := range pts {
		if i == 0 {
			r.z.MoveTo(float32(q[0]-ox), float32(q[1]-oy))
		} else {
			r.z.LineTo(float32(q[0]-ox), float32(q[1]-oy))
		}
	}
	r.z.ClosePath()
	r.z.Draw(img, rect, image.NewUniform(c), image.Point{})
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
