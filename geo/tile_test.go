package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

func TestMercatorUnitAgreesWithMaptile(t *testing.T) {
	tests := []struct {
		name string
		p    orb.Point
	}{
		{"Hohhot", orb.Point{111.75, 40.84}},
		{"Hulunbuir north", orb.Point{121.5, 53.3}},
		{"origin", orb.Point{0, 0}},
		{"south west", orb.Point{-70.2, -33.4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for z := maptile.Zoom(0); z <= 16; z += 4 {
				u := MercatorUnit(tt.p)
				n := math.Exp2(float64(z))
				got := maptile.New(uint32(u[0]*n), uint32(u[1]*n), z)
				want := maptile.At(tt.p, z)
				if got != want {
					t.Errorf("z%d: got tile %v, want %v", z, got, want)
				}
			}
		})
	}
}

func square(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

func TestTileGridGeometry(t *testing.T) {
	tile := maptile.New(0, 0, 0)
	tg := TileGrid{Tile: tile, Extent: 4096, Buffer: 64, Tolerance: 1}
	px := 1.0 / 4096 // one pixel in unit space at z0
	hole := square(0.3, 0.3, 0.4, 0.4)
	tests := []struct {
		name      string
		in        orb.Geometry
		wantNil   bool
		wantRings int
	}{
		{"square with hole", orb.Polygon{square(0.2, 0.2, 0.6, 0.6), hole}, false, 2},
		{"reversed winding is fixed", orb.Polygon{reverse(square(0.2, 0.2, 0.6, 0.6))}, false, 1},
		{"sub-pixel area becomes a pixel", orb.Polygon{square(0.5, 0.5, 0.5+px/10, 0.5+px/10)}, false, 1},
		{"outside the buffer", orb.Polygon{square(1.1, 0.1, 1.2, 0.2)}, true, 0},
		{"crossing the edge is clipped", orb.Polygon{square(0.9, 0.1, 1.5, 0.2)}, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := orb.Clone(tt.in)
			got := tg.Geometry(tt.in)
			if !orb.Equal(before, tt.in) {
				t.Fatalf("input was modified: got %v, want %v", tt.in, before)
			}
			if tt.wantNil {
				if got != nil {
					t.Fatalf("got %v, want nil", got)
				}
				return
			}
			p, ok := got.(orb.Polygon)
			if !ok {
				t.Fatalf("got %T, want orb.Polygon", got)
			}
			if len(p) != tt.wantRings {
				t.Fatalf("got %d rings, want %d", len(p), tt.wantRings)
			}
			checkRings(t, p)
			if b := p.Bound(); b.Min[0] < -64 || b.Max[0] > 4096+64 {
				t.Errorf("got bound %v, want within the buffer", b)
			}
		})
	}
}

func TestTileGridDropsRepeatedPixels(t *testing.T) {
	// 2,000 points on a circle 100 px round: neighbours 0.3 px apart snap
	// onto the same pixel unless repeats are dropped.
	var r orb.Ring
	for i := 0; i < 2000; i++ {
		a := -2 * math.Pi * float64(i) / 2000
		r = append(r, orb.Point{0.5 + 16.0/4096*math.Cos(a), 0.5 + 16.0/4096*math.Sin(a)})
	}
	r = append(r, r[0])
	for _, tol := range []float64{0, 1} {
		tg := TileGrid{Tile: maptile.New(0, 0, 0), Extent: 4096, Buffer: 64, Tolerance: tol}
		got, ok := tg.Geometry(orb.Polygon{r}).(orb.Polygon)
		if !ok {
			t.Fatalf("tolerance %v: got %T, want a polygon", tol, got)
		}
		checkRings(t, got)
	}
}

func reverse(r orb.Ring) orb.Ring {
	c := r.Clone()
	c.Reverse()
	return c
}

// checkRings asserts the MVT rules: integer points, closed rings, no
// zero-length segment, exterior positive surveyor's area, holes negative.
func checkRings(t *testing.T, p orb.Polygon) {
	t.Helper()
	for i, r := range p {
		if !r.Closed() {
			t.Errorf("ring %d: not closed", i)
		}
		for k := 1; k < len(r); k++ {
			if r[k] == r[k-1] {
				t.Errorf("ring %d: zero-length segment at %v", i, r[k])
			}
			if r[k][0] != math.Round(r[k][0]) || r[k][1] != math.Round(r[k][1]) {
				t.Errorf("ring %d: got point %v, want integers", i, r[k])
			}
		}
		want := orb.CCW // positive shoelace area: clockwise on screen with y down
		if i > 0 {
			want = orb.CW
		}
		if got := r.Orientation(); got != want {
			t.Errorf("ring %d: got orientation %v, want %v", i, got, want)
		}
	}
}

func TestTileBoundContainsTile(t *testing.T) {
	tile := maptile.New(25, 11, 5)
	b := TileBound(tile, 0)
	c := MercatorUnit(tile.Center())
	if !b.Contains(c) {
		t.Errorf("TileBound(%v) = %v: want it to contain the tile centre %v", tile, b, c)
	}
	wide := TileBound(tile, 64.0/4096)
	if got, want := wide.Max[0]-wide.Min[0], (1+128.0/4096)/32; math.Abs(got-want) > 1e-12 {
		t.Errorf("buffered width: got %v, want %v", got, want)
	}
}
