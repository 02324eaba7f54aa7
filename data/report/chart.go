package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strconv"
)

// Chart is a line chart of counts by year: one series per rule, on a
// y axis from 0 to Max, its text in the maps' CJK fonts.
type Chart struct {
	Title    string
	Subtitle string
	Years    []string // x axis labels, one per point
	Max      int      // top of the y axis (the number of units)
	Series   []Series
	Width    int // pixels; 0 means 900
}

// Series is one line: a rule's passing count on each day of the series.
type Series struct {
	Rule   string // the rule's id
	Name   string // the rule's name, drawn over its panel
	Colour color.RGBA
	Values []int
}

// SeriesColours are the chart's line colours, in series order: distinct
// enough to tell apart and to find in the picture again.
var SeriesColours = []color.RGBA{
	{31, 119, 180, 255}, // blue
	{214, 39, 40, 255},  // red
	{44, 160, 44, 255},  // green
	{148, 103, 189, 255},
	{255, 127, 14, 255},
}

// Chart layout in pixels: one panel per series, side by side, so that
// series with equal counts never hide each other.
const (
	chartH      = 356
	chartTop    = 128 // the plot's top edge
	chartBottom = 44  // below the plot's bottom edge
	panelGap    = 28
	axisW       = 34 // room for the y axis labels
	plotPad     = 16 // between the y axis and the first and last points
	lineW       = 3
	pointR      = 5
)

// panel is the pixel box of series k's plot.
func panel(width, n, k int) (x0, x1, y0, y1 float64) {
	inner := float64(width-2*margin) - float64(n-1)*panelGap
	pw := inner / float64(n)
	x0 = float64(margin) + float64(k)*(pw+panelGap) + axisW
	return x0, x0 + pw - axisW, float64(chartH - chartBottom), chartTop
}

// pointX is the x of point i of n in a panel from x0 to x1.
func pointX(x0, x1 float64, i, n int) float64 {
	if n < 2 {
		return (x0 + x1) / 2
	}
	return x0 + plotPad + (x1-x0-2*plotPad)*float64(i)/float64(n-1)
}

// pointY is the y of value v on a panel from y0 (0) up to y1 (max).
func pointY(y0, y1 float64, v, max int) float64 {
	return y0 - (y0-y1)*float64(v)/math.Max(1, float64(max))
}

// RenderChart draws the chart: a title, then one panel per series with
// its name, a y axis from 0 to Max, the line, and each point's value.
func (r *Renderer) RenderChart(c Chart) *image.RGBA {
	w := c.Width
	if w <= 0 {
		w = 900
	}
	img := image.NewRGBA(image.Rect(0, 0, w, chartH))
	draw.Draw(img, img.Bounds(), image.NewUniform(white), image.Point{}, draw.Src)
	r.text(img, r.title, ink, c.Title, margin, 34)
	r.text(img, r.body, mutedInk, c.Subtitle, margin, 58)
	grid := color.RGBA{225, 228, 232, 255}
	for k, s := range c.Series {
		x0, x1, y0, y1 := panel(w, len(c.Series), k)
		r.dot(img, x0-axisW+6, 84, 6, s.Colour)
		r.text(img, r.body, ink, s.Name, int(x0)-axisW+18, 90)
		for _, v := range gridValues(c.Max) {
			y := pointY(y0, y1, v, c.Max)
			r.line(img, x0, y, x1, y, 1, grid)
			label := strconv.Itoa(v)
			r.text(img, r.small, mutedInk, label, int(x0)-6-r.width(r.small, label), int(y)+4)
		}
		r.line(img, x0, y0, x1, y0, 1.5, mutedInk)
		n := len(s.Values)
		for i, year := range c.Years {
			if i < n {
				r.text(img, r.small, mutedInk, year, int(pointX(x0, x1, i, n))-r.width(r.small, year)/2, int(y0)+18)
			}
		}
		for i := 1; i < n; i++ {
			r.line(img, pointX(x0, x1, i-1, n), pointY(y0, y1, s.Values[i-1], c.Max),
				pointX(x0, x1, i, n), pointY(y0, y1, s.Values[i], c.Max), lineW, s.Colour)
		}
		for i, v := range s.Values {
			x, y := pointX(x0, x1, i, n), pointY(y0, y1, v, c.Max)
			r.dot(img, x, y, pointR+1.5, white)
			r.dot(img, x, y, pointR, s.Colour)
			label := strconv.Itoa(v)
			r.text(img, r.small, ink, label, int(x)-r.width(r.small, label)/2, int(y)-pointR-5)
		}
	}
	return img
}

// EncodeChartPNG renders the chart and encodes it as PNG.
func (r *Renderer) EncodeChartPNG(c Chart) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, r.RenderChart(c)); err != nil {
		return nil, fmt.Errorf("report: png: %w", err)
	}
	return buf.Bytes(), nil
}

// line draws a segment of width w.
func (r *Renderer) line(img *image.RGBA, ax, ay, bx, by, w float64, c color.RGBA) {
	rect := image.Rect(int(math.Floor(math.Min(ax, bx)-w-1)), int(math.Floor(math.Min(ay, by)-w-1)),
		int(math.Ceil(math.Max(ax, bx)+w+1)), int(math.Ceil(math.Max(ay, by)+w+1))).Intersect(img.Bounds())
	if rect.Empty() {
		return
	}
	r.z.Reset(rect.Dx(), rect.Dy())
	ox, oy := float64(rect.Min.X), float64(rect.Min.Y)
	r.segment(ax-ox, ay-oy, bx-ox, by-oy, w/2)
	r.z.Draw(img, rect, image.NewUniform(c), image.Point{})
}

// gridValues are round values from 0 to max for the y axis, about five.
func gridValues(max int) []int {
	step := 1
	for _, s := range []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000} {
		step = s
		if max/s <= 5 {
			break
		}
	}
	var out []int
	for v := 0; v <= max; v += step {
		out = append(out, v)
	}
	if last := out[len(out)-1]; float64(max-last) >= 0.6*float64(step) {
		out = append(out, max)
	}
	return out
}
