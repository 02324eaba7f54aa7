package report

import (
	_ "embed"
	"fmt"
	"image"
	"image/color"
	"math"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The maps' and charts' fonts: subsets of Noto Sans CJK SC made by
// fonts/subset.py (SIL Open Font License 1.1, fonts/OFL.txt). The regular
// face holds every GB2312 character and every character of the embedded
// data; the bold one, for titles and labels, only the characters of the
// embedded data and kepu's own words.
var (
	//go:embed fonts/map-regular.otf
	regularOTF []byte
	//go:embed fonts/map-bold.otf
	boldOTF []byte
)

// typeface is one size of text in faces tried in order: a string is drawn
// in the first face whose font has all its characters, else in the last
// (where a missing character shows as a box).
type typeface struct {
	faces []font.Face
	fonts []*sfnt.Font
}

// fonts are the renderer's parsed fonts, regular and bold.
type fonts struct{ regular, bold *sfnt.Font }

func parseFonts() (fonts, error) {
	reg, err := opentype.Parse(regularOTF)
	if err != nil {
		return fonts{}, fmt.Errorf("report: font: %w", err)
	}
	bold, err := opentype.Parse(boldOTF)
	if err != nil {
		return fonts{}, fmt.Errorf("report: font: %w", err)
	}
	return fonts{regular: reg, bold: bold}, nil
}

// typeface makes faces of the size from the fonts, in order.
func (fs fonts) typeface(size float64, order ...*sfnt.Font) (typeface, error) {
	var t typeface
	for _, f := range order {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return typeface{}, fmt.Errorf("report: font: %w", err)
		}
		t.faces, t.fonts = append(t.faces, face), append(t.fonts, f)
	}
	return t, nil
}

// covers reports whether the font has a glyph for every visible character of s.
func (r *Renderer) covers(f *sfnt.Font, s string) bool {
	for _, c := range s {
		if unicode.IsSpace(c) || unicode.IsControl(c) {
			continue
		}
		if i, err := f.GlyphIndex(&r.buf, c); err != nil || i == 0 {
			return false
		}
	}
	return true
}

// face is the face of t that draws s: the first that has all its characters.
func (r *Renderer) face(t typeface, s string) font.Face {
	for i, f := range t.fonts {
		if r.covers(f, s) {
			return t.faces[i]
		}
	}
	return t.faces[len(t.faces)-1]
}

// drawable reports whether some face of t has every character of s.
func (r *Renderer) drawable(t typeface, s string) bool {
	for _, f := range t.fonts {
		if r.covers(f, s) {
			return true
		}
	}
	return false
}

func (r *Renderer) text(img *image.RGBA, t typeface, c color.RGBA, s string, x, y int) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: r.face(t, s), Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// width is the advance of s in pixels.
func (r *Renderer) width(t typeface, s string) int {
	return font.MeasureString(r.face(t, s), s).Round()
}

// placeLabel finds where a label for the point (x, y) can go without
// covering one already placed: gap pixels under the point (clear of a mark there),
// then above it, then to either side. ok is false when every place is taken:
// in dense districts a missing name is better than an unreadable pile.
func (r *Renderer) placeLabel(t typeface, s string, x, y, gap float64, placed []image.Rectangle) (box image.Rectangle, ok bool) {
	f := r.face(t, s)
	w, h := font.MeasureString(f, s).Ceil(), f.Metrics().Height.Ceil()
	fw, fh := float64(w), float64(h)
	spots := [][2]float64{{x - fw/2, y + gap}, {x - fw/2, y - gap - fh}, {x + fw/2 + gap, y - fh/2}, {x - fw/2 - gap - fw, y - fh/2}}
	for _, sp := range spots {
		b := image.Rect(int(math.Round(sp[0])), int(math.Round(sp[1])), int(math.Round(sp[0]))+w, int(math.Round(sp[1]))+h)
		free := true
		for _, p := range placed {
			if b.Inset(-1).Overlaps(p) {
				free = false
				break
			}
		}
		if free {
			return b, true
		}
	}
	return image.Rectangle{}, false
}

// halo draws s in the box in dark ink over a white halo.
func (r *Renderer) halo(img *image.RGBA, t typeface, s string, box image.Rectangle) {
	f := r.face(t, s)
	x0, y0 := box.Min.X, box.Max.Y-f.Metrics().Descent.Ceil()
	for _, o := range [][2]int{{-2, 0}, {2, 0}, {0, -2}, {0, 2}, {-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}} {
		r.text(img, t, white, s, x0+o[0], y0+o[1])
	}
	r.text(img, t, ink, s, x0, y0)
}
