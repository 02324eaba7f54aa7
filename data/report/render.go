package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

	"github.com/paulmach/orb"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/vector"
)

// Map is a picture of counties filled by class, with thicker outlines for
// leagues, a title, a legend, a scale bar and a north arrow. Text is drawn
// in the CJK fonts kepu ships (fonts/), so it may be Chinese.
type Map struct {
	Title    string
	Subtitle string
	Areas    []Area
	Outlines []orb.Geometry // drawn thick over the areas (leagues)
	Labels   []Label
	Marks    []Mark // facilities, drawn as dots over the areas
	Legend   []LegendEntry
	// OutlineLabel names the thick outlines in the legend ("" leaves it out).
	OutlineLabel string
	Width        int // pixels; 0 means 1200
	// North is the north arrow's letter and Km the scale bar's unit
	// ("" means "N" and "km").
	North, Km string
}

// Area is one filled polygon (a county).
type Area struct {
	Geometry orb.Geometry
	Fill     color.RGBA
}

// Label is a short text centred on a point, with a white halo. Fallback
// is drawn instead when the fonts lack a character of Text (a name outside
// the fonts' subset drawn as its code).
type Label struct {
	Point    orb.Point
	Text     string
	Fallback string
}

// Mark is a facility drawn as a dot with a white rim, or a suggested one
// drawn as a star with a dark and a white rim.
type Mark struct {
	Point  orb.Point
	Fill   color.RGBA
	Radius float64 // pixels
	Shape  Shape
	Text   string // drawn under the mark ("" for none)
}

// Shape is how a mark or legend swatch is drawn.
type Shape int

// Shapes of marks and swatches.
const (
	Dot  Shape = iota // a disc (a square swatch in the legend)
	Star              // a five-pointed star
)

// LegendEntry is a swatch and what it means.
type LegendEntry struct {
	Fill  color.RGBA
	Label string
	Shape Shape
}

// Renderer draws maps. It holds parsed font faces, so it is not safe for
// concurrent use; make one per goroutine.
type Renderer struct {
	title, body, small typeface
	buf                sfnt.Buffer
	z                  vector.Rasterizer
}

// NewRenderer parses the CJK fonts (fonts/) the maps are labelled with:
// titles and labels in bold where the bold subset has every character,
// else in regular.
func NewRenderer() (*Renderer, error) {
	fs, err := parseFonts()
	if err != nil {
		return nil, err
	}
	r := &Renderer{}
	if r.title, err = fs.typeface(24, fs.bold, fs.regular); err != nil {
		return nil, err
	}
	if r.body, err = fs.typeface(16, fs.regular); err != nil {
		return nil, err
	}
	if r.small, err = fs.typeface(13, fs.bold, fs.regular); err != nil {
		return nil, err
	}
	return r, nil
}

// Layout in pixels.
const (
	margin   = 24
	headerH  = 72
	legendH  = 44
	outlineW = 0.8 // county outlines
	leagueW  = 2.4 // league outlines
)

var (
	white     = color.RGBA{255, 255, 255, 255}
	ink       = color.RGBA{33, 37, 41, 255}
	mutedInk  = color.RGBA{95, 99, 104, 255}
	countyInk = color.RGBA{230, 230, 230, 230} // white at 90 %, premultiplied
	leagueInk = color.RGBA{40, 44, 52, 255}
)

// projection maps lon/lat to pixels: equirectangular scaled by the cosine
// of the central latitude, fitted into a box.
type projection struct {
	minLon, maxLat, kx, s float64
	ox, oy                float64
}

func (p projection) xy(pt orb.Point) (float32, float32) {
	return float32(p.ox + (pt[0]-p.minLon)*p.kx*p.s), float32(p.oy + (p.maxLat-pt[1])*p.s)
}

// fit returns the projection of b into the box (x, y, w, hmax) and the
// height it takes.
func fit(b orb.Bound, x, y, w, hmax float64) (projection, float64) {
	lat0 := (b.Min[1] + b.Max[1]) / 2
	kx := math.Cos(lat0 * math.Pi / 180)
	dw := math.Max((b.Max[0]-b.Min[0])*kx, 1e-9)
	dh := math.Max(b.Max[1]-b.Min[1], 1e-9)
	s := w / dw
	if dh*s > hmax {
		s = hmax / dh
	}
	p := projection{minLon: b.Min[0], maxLat: b.Max[1], kx: kx, s: s, ox: x + (w-dw*s)/2, oy: y}
	return p, dh * s
}

// Render draws the map.
func (r *Renderer) Render(m Map) *image.RGBA {
	w := m.Width
	if w <= 0 {
		w = 1200
	}
	b := bounds(m.Areas)
	inner := float64(w - 2*margin)
	proj, h := fit(b, margin, headerH, inner, inner*0.85)
	rows := r.legendRows(m.Legend, m.OutlineLabel, w)
	mapBottom := headerH + int(math.Ceil(h))
	height := mapBottom + scaleH + legendH + (len(rows)-1)*legendRowH + margin/2
	img := image.NewRGBA(image.Rect(0, 0, w, height))
	draw.Draw(img, img.Bounds(), image.NewUniform(white), image.Point{}, draw.Src)
	for _, a := range m.Areas {
		r.fill(img, proj, a.Geometry, a.Fill)
	}
	for _, a := range m.Areas {
		r.stroke(img, proj, a.Geometry, outlineW, countyInk)
	}
	for _, g := range m.Outlines {
		r.stroke(img, proj, g, leagueW, leagueInk)
	}
	for _, mk := range m.Marks {
		x, y := proj.xy(mk.Point)
		r.mark(img, float64(x), float64(y), mk)
	}
	// Numbered marks get their place first; county codes fit around them.
	var placed []image.Rectangle
	markBox := make([]image.Rectangle, len(m.Marks))
	for i, mk := range m.Marks {
		if mk.Text == "" {
			continue
		}
		x, y := proj.xy(mk.Point)
		if box, ok := r.placeLabel(r.small, mk.Text, float64(x), float64(y), mk.Radius, placed); ok {
			markBox[i] = box
			placed = append(placed, box)
		}
	}
	for _, l := range m.Labels {
		x, y := proj.xy(l.Point)
		text := l.Text
		if !r.drawable(r.small, text) && l.Fallback != "" {
			text = l.Fallback
		}
		if box, ok := r.placeLabel(r.small, text, float64(x), float64(y), 6, placed); ok {
			r.halo(img, r.small, text, box)
			placed = append(placed, box)
		}
	}
	for i, mk := range m.Marks {
		if !markBox[i].Empty() {
			r.halo(img, r.small, mk.Text, markBox[i])
		}
	}
	r.text(img, r.title, ink, m.Title, margin, 34)
	r.text(img, r.body, mutedInk, m.Subtitle, margin, 58)
	r.northArrow(img, float64(w-margin-16), 14, orDefault(m.North, "N"))
	r.scaleBar(img, proj, b, margin, mapBottom+scaleH-14, inner/4, orDefault(m.Km, "km"))
	r.legend(img, rows, height-legendH-(len(rows)-1)*legendRowH+8)
	return img
}

// mark draws a facility: a dot with a white rim, or a star with a dark
// rim inside a white one, so it reads over any fill.
func (r *Renderer) mark(img *image.RGBA, x, y float64, mk Mark) {
	if mk.Shape == Star {
		r.star(img, x, y, mk.Radius+3, white)
		r.star(img, x, y, mk.Radius+1.5, ink)
		r.star(img, x, y, mk.Radius, mk.Fill)
		return
	}
	r.dot(img, x, y, mk.Radius+1.2, white)
	r.dot(img, x, y, mk.Radius, mk.Fill)
}

// EncodePNG renders the map and encodes it as PNG.
func (r *Renderer) EncodePNG(m Map) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, r.Render(m)); err != nil {
		return nil, fmt.Errorf("report: png: %w", err)
	}
	return buf.Bytes(), nil
}

func bounds(areas []Area) orb.Bound {
	var b orb.Bound
	for i, a := range areas {
		if a.Geometry == nil {
			continue
		}
		if i == 0 {
			b = a.Geometry.Bound()
		} else {
			b = b.Union(a.Geometry.Bound())
		}
	}
	return b
}

// polygons lists the polygons of a Polygon or MultiPolygon.
func polygons(g orb.Geometry) []orb.Polygon {
	switch g := g.(type) {
	case orb.Polygon:
		return []orb.Polygon{g}
	case orb.MultiPolygon:
		return g
	}
	return nil
}

// pixelRect is the pixel box around a geometry, clipped to the image, with
// a pad for strokes.
func pixelRect(p projection, g orb.Geometry, pad float64, clip image.Rectangle) image.Rectangle {
	b := g.Bound()
	x0, y0 := p.xy(orb.Point{b.Min[0], b.Max[1]})
	x1, y1 := p.xy(orb.Point{b.Max[0], b.Min[1]})
	r := image.Rect(int(math.Floor(float64(x0)-pad)), int(math.Floor(float64(y0)-pad)),
		int(math.Ceil(float64(x1)+pad)), int(math.Ceil(float64(y1)+pad)))
	return r.Intersect(clip)
}

// fill draws the polygons with holes cut: exterior rings are wound one way
// and holes the other, whatever their input winding, because the
// rasteriser adds signed coverage.
func (r *Renderer) fill(img *image.RGBA, p projection, g orb.Geometry, c color.RGBA) {
	rect := pixelRect(p, g, 1, img.Bounds())
	if rect.Empty() {
		return
	}
	r.z.Reset(rect.Dx(), rect.Dy())
	for _, poly := range polygons(g) {
		for k, ring := range poly {
			pts := project(p, ring, rect.Min)
			if len(pts) < 3 {
				continue
			}
			if (signedArea(pts) > 0) != (k == 0) {
				reverse(pts)
			}
			r.z.MoveTo(pts[0][0], pts[0][1])
			for _, q := range pts[1:] {
				r.z.LineTo(q[0], q[1])
			}
			r.z.ClosePath()
		}
	}
	r.z.Draw(img, rect, image.NewUniform(c), image.Point{})
}

// stroke draws every ring's outline as square-capped quads of width w, all
// wound the same way so that overlaps add up rather than cancel.
func (r *Renderer) stroke(img *image.RGBA, p projection, g orb.Geometry, w float64, c color.RGBA) {
	rect := pixelRect(p, g, w+1, img.Bounds())
	if rect.Empty() {
		return
	}
	r.z.Reset(rect.Dx(), rect.Dy())
	h := w / 2
	for _, poly := range polygons(g) {
		for _, ring := range poly {
			pts := project(p, ring, rect.Min)
			for i := 1; i < len(pts); i++ {
				a, b := pts[i-1], pts[i]
				r.segment(float64(a[0]), float64(a[1]), float64(b[0]), float64(b[1]), h)
			}
		}
	}
	r.z.Draw(img, rect, image.NewUniform(c), image.Point{})
}

// dot fills a disc of radius rad pixels centred on (x, y).
func (r *Renderer) dot(img *image.RGBA, x, y, rad float64, c color.RGBA) {
	r.radial(img, x, y, rad, 20, 0, 1, c)
}

// star fills a five-pointed star of outer radius rad centred on (x, y),
// point up.
func (r *Renderer) star(img *image.RGBA, x, y, rad float64, c color.RGBA) {
	r.radial(img, x, y, rad, 10, -math.Pi/2, 0.45, c)
}

// radial fills the polygon of n vertices around (x, y), the first at angle
// start, the even ones rad from the centre and the odd ones rad×inner.
func (r *Renderer) radial(img *image.RGBA, x, y, rad float64, n int, start, inner float64, c color.RGBA) {
	rect := image.Rect(int(math.Floor(x-rad-1)), int(math.Floor(y-rad-1)),
		int(math.Ceil(x+rad+1)), int(math.Ceil(y+rad+1)))
	if !rect.In(img.Bounds()) {
		return
	}
	r.z.Reset(rect.Dx(), rect.Dy())
	ox, oy := x-float64(rect.Min.X), y-float64(rect.Min.Y)
	for i := 0; i < n; i++ {
		a, k := start+2*math.Pi*float64(i)/float64(n), rad
		if i%2 == 1 {
			k = rad * inner
		}
		px, py := float32(ox+k*math.Cos(a)), float32(oy+k*math.Sin(a))
		if i == 0 {
			r.z.MoveTo(px, py)
		} else {
			r.z.LineTo(px, py)
		}
	}
	r.z.ClosePath()
	r.z.Draw(img, rect, image.NewUniform(c), image.Point{})
}

func (r *Renderer) segment(ax, ay, bx, by, h float64) {
	dx, dy := bx-ax, by-ay
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	ux, uy := dx/l*h, dy/l*h // along, half width long
	nx, ny := -uy, ux        // left normal
	ax, ay, bx, by = ax-ux, ay-uy, bx+ux, by+uy
	r.z.MoveTo(float32(ax+nx), float32(ay+ny))
	r.z.LineTo(float32(bx+nx), float32(by+ny))
	r.z.LineTo(float32(bx-nx), float32(by-ny))
	r.z.LineTo(float32(ax-nx), float32(ay-ny))
	r.z.ClosePath()
}

// minStep is the shortest segment, in pixels, worth drawing: shorter ones
// are merged into the next, which keeps the boundary within a fraction of a
// pixel and spares most of the rasteriser's work on a region-wide map.
const minStep = 0.5

// project maps a ring into pixels relative to origin, dropping points
// closer than minStep to the last one kept (never the ring's last point).
func project(p projection, ring orb.Ring, origin image.Point) [][2]float32 {
	ox, oy := float32(origin.X), float32(origin.Y)
	pts := make([][2]float32, 0, len(ring))
	for i, pt := range ring {
		x, y := p.xy(pt)
		q := [2]float32{x - ox, y - oy}
		if n := len(pts); n > 0 && i < len(ring)-1 {
			dx, dy := q[0]-pts[n-1][0], q[1]-pts[n-1][1]
			if dx*dx+dy*dy < minStep*minStep {
				continue
			}
		}
		pts = append(pts, q)
	}
	return pts
}

func signedArea(pts [][2]float32) float64 {
	var a float64
	for i := range pts {
		j := (i + 1) % len(pts)
		a += float64(pts[i][0])*float64(pts[j][1]) - float64(pts[j][0])*float64(pts[i][1])
	}
	return a / 2
}

func reverse(pts [][2]float32) {
	for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
		pts[i], pts[j] = pts[j], pts[i]
	}
}

// legendRowH is the height of each further row of a legend too wide for one.
const legendRowH = 24

// legendItem is a legend entry placed at x on its row; outline marks the
// thick-line entry.
type legendItem struct {
	LegendEntry
	x       int
	outline bool
}

// legendRows lays the entries and the outline entry out left to right,
// starting a new row where the next would pass the right margin.
func (r *Renderer) legendRows(entries []LegendEntry, outline string, width int) [][]legendItem {
	items := make([]legendItem, 0, len(entries)+1)
	for _, e := range entries {
		items = append(items, legendItem{LegendEntry: e})
	}
	if outline != "" {
		items = append(items, legendItem{LegendEntry: LegendEntry{Fill: leagueInk, Label: outline}, outline: true})
	}
	rows := [][]legendItem{nil}
	x := margin
	for _, it := range items {
		w := 30 + r.width(r.body, it.Label)
		if x > margin && x+w > width-margin {
			rows, x = append(rows, nil), margin
		}
		it.x = x
		rows[len(rows)-1] = append(rows[len(rows)-1], it)
		x += w + 28
	}
	return rows
}

func (r *Renderer) legend(img *image.RGBA, rows [][]legendItem, y int) {
	for _, row := range rows {
		for _, it := range row {
			x := it.x
			switch {
			case it.outline:
				draw.Draw(img, image.Rect(x, y+7, x+22, y+10), image.NewUniform(it.Fill), image.Point{}, draw.Src)
			case it.Shape == Star:
				r.mark(img, float64(x+11), float64(y+8), Mark{Fill: it.Fill, Radius: 8, Shape: Star})
			default:
				draw.Draw(img, image.Rect(x, y, x+22, y+16), image.NewUniform(it.Fill), image.Point{}, draw.Src)
			}
			r.text(img, r.body, ink, it.Label, x+30, y+14)
		}
		y += legendRowH
	}
}
