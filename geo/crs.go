package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// GCJ-02 ("Mars coordinates") is WGS84 with a deliberate, non-invertible
// offset used by Chinese web maps; BD-09 is Baidu's further offset of GCJ-02.
// The forward formulas are public; the inverse is found by fixed-point
// iteration, which converges to well under a centimetre in a few steps.

const (
	krasovskyA  = 6378245.0
	krasovskyE2 = 0.00669342162296594323
	bdFactor    = math.Pi * 3000.0 / 180.0
)

// inChina reports whether the offset applies: outside this box GCJ-02 equals WGS84.
func inChina(p orb.Point) bool {
	return p[0] >= 72.004 && p[0] <= 137.8347 && p[1] >= 0.8293 && p[1] <= 55.8271
}

// WGS84ToGCJ02 applies the GCJ-02 offset to a WGS84 point.
func WGS84ToGCJ02(p orb.Point) orb.Point {
	if !inChina(p) {
		return p
	}
	x, y := p[0]-105.0, p[1]-35.0
	dLat := -100.0 + 2.0*x + 3.0*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	dLat += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	dLat += (20.0*math.Sin(y*math.Pi) + 40.0*math.Sin(y/3.0*math.Pi)) * 2.0 / 3.0
	dLat += (160.0*math.Sin(y/12.0*math.Pi) + 320*math.Sin(y*math.Pi/30.0)) * 2.0 / 3.0
	dLon := 300.0 + x + 2.0*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	dLon += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	dLon += (20.0*math.Sin(x*math.Pi) + 40.0*math.Sin(x/3.0*math.Pi)) * 2.0 / 3.0
	dLon += (150.0*math.Sin(x/12.0*math.Pi) + 300.0*math.Sin(x/30.0*math.Pi)) * 2.0 / 3.0
	radLat := p[1] / 180.0 * math.Pi
	magic := 1 - krasovskyE2*math.Sin(radLat)*math.Sin(radLat)
	sqrtMagic := math.Sqrt(magic)
	dLat = (dLat * 180.0) / ((krasovskyA * (1 - krasovskyE2)) / (magic * sqrtMagic) * math.Pi)
	dLon = (dLon * 180.0) / (krasovskyA / sqrtMagic * math.Cos(radLat) * math.Pi)
	return orb.Point{p[0] + dLon, p[1] + dLat}
}

// GCJ02ToWGS84 removes the GCJ-02 offset by iterating the forward formula.
func GCJ02ToWGS84(p orb.Point) orb.Point {
	return invert(p, WGS84ToGCJ02)
}

// GCJ02ToBD09 applies Baidu's offset to a GCJ-02 point.
func GCJ02ToBD09(p orb.Point) orb.Point {
	x, y := p[0], p[1]
	z := math.Sqrt(x*x+y*y) + 0.00002*math.Sin(y*bdFactor)
	theta := math.Atan2(y, x) + 0.000003*math.Cos(x*bdFactor)
	return orb.Point{z*math.Cos(theta) + 0.0065, z*math.Sin(theta) + 0.006}
}

// BD09ToGCJ02 removes Baidu's offset.
func BD09ToGCJ02(p orb.Point) orb.Point {
	return invert(p, GCJ02ToBD09)
}

// WGS84ToBD09 converts WGS84 to BD-09.
func WGS84ToBD09(p orb.Point) orb.Point { return GCJ02ToBD09(WGS84ToGCJ02(p)) }

// BD09ToWGS84 converts BD-09 to WGS84.
func BD09ToWGS84(p orb.Point) orb.Point { return GCJ02ToWGS84(BD09ToGCJ02(p)) }

// invert solves forward(x) = target for x by fixed-point iteration.
func invert(target orb.Point, forward func(orb.Point) orb.Point) orb.Point {
	if math.IsNaN(target[0]) || math.IsNaN(target[1]) {
		return target
	}
	x := target
	for i := 0; i < 30; i++ {
		f := forward(x)
		dx, dy := target[0]-f[0], target[1]-f[1]
		x = orb.Point{x[0] + dx, x[1] + dy}
		if math.Abs(dx) < 1e-10 && math.Abs(dy) < 1e-10 {
			break
		}
	}
	return x
}

// Converter returns the function that takes coordinates in the named system
// to WGS84: "" , "wgs84", "cgcs2000" and "epsg:4326"/"epsg:4490" are the
// identity; "gcj02" and "bd09" remove the offsets. ok is false for any other name.
func Converter(name string) (convert func(orb.Point) orb.Point, ok bool) {
	switch name {
	case "", "wgs84", "cgcs2000", "epsg:4326", "epsg:4490":
		return func(p orb.Point) orb.Point { return p }, true
	case "gcj02":
		return GCJ02ToWGS84, true
	case "bd09":
		return BD09ToWGS84, true
	}
	return nil, false
}
