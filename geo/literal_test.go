package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// Literal expectations for tile space, search boxes and circles: each
// figure below is worked out by hand, not by kepu.

// TestTileBoundLiteral: tile z2 x1 y2 spans x 1/4…2/4 and y 2/4…3/4 of the
// unit square; a buffer of a quarter tile adds 1/16 on every side.
func TestTileBoundLiteral(t *testing.T) {
	got := TileBound(maptile.New(1, 2, 2), 0.25)
	want := orb.Bound{Min: orb.Point{0.25 - 0.0625, 0.5 - 0.0625}, Max: orb.Point{0.5 + 0.0625, 0.75 + 0.0625}}
	if !got.Equal(want) {
		t.Errorf("TileBound(z2 1/2, 0.25): got %v, want %v", got, want)
	}
}

// TestPixelLiteral: at z2 with extent 4096 the unit square is 16384 pixels
// wide; tile x1 y2 starts at pixel 4096, 8192.
func TestPixelLiteral(t *testing.T) {
	tg := TileGrid{Tile: maptile.New(1, 2, 2), Extent: 4096}
	if got, want := tg.Pixel(orb.Point{0.3, 0.6}), (orb.Point{0.3*16384 - 4096, 0.6*16384 - 8192}); math.Abs(got[0]-want[0]) > 1e-9 || math.Abs(got[1]-want[1]) > 1e-9 {
		t.Errorf("Pixel: got %v, want %v", got, want)
	}
}

// TestTileGridPointBuffer: a point 10 pixels beyond either edge is kept
// with a 64-pixel buffer; one 100 pixels beyond is not.
func TestTileGridPointBuffer(t *testing.T) {
	tg := TileGrid{Tile: maptile.New(0, 0, 0), Extent: 4096, Buffer: 64}
	px := 1.0 / 4096
	for _, tc := range []struct {
		p    orb.Point
		want orb.Geometry
	}{
		{orb.Point{-10 * px, 2048 * px}, orb.Point{-10, 2048}},
		{orb.Point{(4096 + 10) * px, (4096 + 10) * px}, orb.Point{4106, 4106}},
		{orb.Point{2048 * px, -10 * px}, orb.Point{2048, -10}},
		{orb.Point{-100 * px, 2048 * px}, nil},
		{orb.Point{2048 * px, (4096 + 100) * px}, nil},
	} {
		got := tg.Geometry(tc.p)
		if (got == nil) != (tc.want == nil) || got != nil && !orb.Equal(got, tc.want) {
			t.Errorf("Geometry(%v px): got %v, want %v", orb.Point{tc.p[0] * 4096, tc.p[1] * 4096}, got, tc.want)
		}
	}
}

// TestTileGridRingsLiteral pins the pixel rings themselves: a triangle
// stays a triangle (three corners and the closing point), a square with a
// collinear midpoint keeps it at tolerance 0 ("only removes repeats") and
// loses it at tolerance 1. The exterior comes out with positive planar
// area (orb's CCW: clockwise on screen, y down), whichever way it came in.
func TestTileGridRingsLiteral(t *testing.T) {
	px := 1.0 / 4096
	at := func(x, y float64) orb.Point { return orb.Point{x * px, y * px} }
	tri := orb.Polygon{{at(100, 100), at(200, 100), at(100, 200), at(100, 100)}}
	sq := orb.Polygon{{at(100, 100), at(150, 100), at(200, 100), at(200, 200), at(100, 200), at(100, 100)}}
	for _, tc := range []struct {
		name string
		tol  float64
		in   orb.Polygon
		want orb.Ring
	}{
		{"triangle", 0, tri, orb.Ring{{100, 100}, {200, 100}, {100, 200}, {100, 100}}},
		{"square, tolerance 0", 0, sq, orb.Ring{{100, 100}, {150, 100}, {200, 100}, {200, 200}, {100, 200}, {100, 100}}},
		{"square, tolerance 1", 1, sq, orb.Ring{{100, 100}, {200, 100}, {200, 200}, {100, 200}, {100, 100}}},
		{"square given the other way round", 1, orb.Polygon{reverse(sq[0])}, orb.Ring{{100, 100}, {200, 100}, {200, 200}, {100, 200}, {100, 100}}},
	} {
		tg := TileGrid{Tile: maptile.New(0, 0, 0), Extent: 4096, Buffer: 64, Tolerance: tc.tol}
		got, ok := tg.Geometry(tc.in).(orb.Polygon)
		if !ok || len(got) != 1 || !orb.Equal(got[0], tc.want) {
			t.Errorf("%s: got %v, want the ring %v", tc.name, got, tc.want)
		}
	}
}

// TestSearchBoundHoldsTheCircle: the box around a 100 km or 500 km circle
// holds the points at exactly that distance at every whole degree of
// azimuth (Destination), at 40° and at 60° north, and is not much larger: at
// most 2 % more than the circle's extent in latitude, and in longitude at
// most what the circle needs at its poleward edge, 2 % more.
func TestSearchBoundHoldsTheCircle(t *testing.T) {
	for _, c := range []orb.Point{{111, 40}, {111, 60}, {-70, -45}} {
		for _, metres := range []float64{100_000, 500_000} {
			b := SearchBound(c, metres)
			for az := 0.0; az < 360; az++ {
				if p := Destination(c, az, metres); !b.Contains(p) {
					t.Errorf("SearchBound(%v, %v m) = %v misses %v at azimuth %v", c, metres, b, p, az)
				}
			}
			north, south := Destination(c, 0, metres), Destination(c, 180, metres)
			if h, need := b.Max[1]-b.Min[1], north[1]-south[1]; h > need*1.02 {
				t.Errorf("SearchBound(%v, %v m): %v° of latitude for a circle of %v°", c, metres, h, need)
			}
			pole := math.Abs(c[1]) + (north[1]-south[1])/2
			need := 2 * metres / (111_320 * math.Cos(pole*math.Pi/180))
			if w := b.Max[0] - b.Min[0]; w > need*1.02 {
				t.Errorf("SearchBound(%v, %v m): %v° of longitude, at most %v° needed", c, metres, w, need)
			}
		}
	}
}

// TestZeroRadiusFindsTheCentre: Within and Near are inclusive, so a point
// at the centre itself is within 0 m; nothing else is.
func TestZeroRadiusFindsTheCentre(t *testing.T) {
	ps := NewPoints([]orb.Point{{111, 40}, {111.00001, 40}})
	var within, near []int
	ps.Within(orb.Point{111, 40}, 0, func(i int, d float64) bool { within = append(within, i); return true })
	ps.Near(orb.Point{111, 40}, 0, func(i int) bool { near = append(near, i); return true })
	if len(within) != 1 || within[0] != 0 || len(near) != 1 || near[0] != 0 {
		t.Errorf("0 m around point 0: Within %v, Near %v, want [0] and [0]", within, near)
	}
}

// TestCircleIsCounterClockwise: the ring runs counter-clockwise in lon/lat
// (positive planar area), as GeoJSON exterior rings do.
func TestCircleIsCounterClockwise(t *testing.T) {
	c := orb.Point{111, 40}
	ring := Circle(c, 50_000, 16)[0]
	if len(ring) != 17 || ring[0] != ring[16] || ring.Orientation() != orb.CCW {
		t.Errorf("Circle: %d points, closed %v, orientation %v; want 17, closed, counter-clockwise", len(ring), ring[0] == ring[len(ring)-1], ring.Orientation())
	}
	// 16 points 22.5° apart on a 50 km circle: neighbours 2 × 50 km × sin(11.25°) = 19.5 km apart.
	for i := 1; i < len(ring); i++ {
		if d := Distance(ring[i-1], ring[i]); math.Abs(d-19_509) > 100 {
			t.Errorf("Circle: points %d and %d are %.0f m apart, want 19,509 m", i-1, i, d)
		}
		if d := Distance(c, ring[i]); math.Abs(d-50_000) > 0.01 {
			t.Errorf("Circle: point %d is %.3f m from the centre, want 50,000", i, d)
		}
	}
}
