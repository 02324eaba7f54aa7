package coverage_test

import "math"

// vincenty is the WGS84 geodesic distance in metres by Vincenty's inverse
// formula (1975): an oracle written apart from geo.Distance (which follows
// Karney), good to well under a millimetre away from antipodal points.
func vincenty(p, q [2]float64) float64 {
	const a, f = 6378137.0, 1 / 298.257223563
	const b = a * (1 - f)
	rad := math.Pi / 180
	L := (q[0] - p[0]) * rad
	U1, U2 := math.Atan((1-f)*math.Tan(p[1]*rad)), math.Atan((1-f)*math.Tan(q[1]*rad))
	sU1, cU1, sU2, cU2 := math.Sin(U1), math.Cos(U1), math.Sin(U2), math.Cos(U2)
	lam := L
	var sSig, cSig, sig, c2a, c2sm float64
	for i := 0; i < 200; i++ {
		sl, cl := math.Sin(lam), math.Cos(lam)
		sSig = math.Hypot(cU2*sl, cU1*sU2-sU1*cU2*cl)
		if sSig == 0 {
			return 0
		}
		cSig = sU1*sU2 + cU1*cU2*cl
		sig = math.Atan2(sSig, cSig)
		sa := cU1 * cU2 * sl / sSig
		c2a = 1 - sa*sa
		c2sm = 0
		if c2a != 0 {
			c2sm = cSig - 2*sU1*sU2/c2a
		}
		C := f / 16 * c2a * (4 + f*(4-3*c2a))
		prev := lam
		lam = L + (1-C)*f*sa*(sig+C*sSig*(c2sm+C*cSig*(-1+2*c2sm*c2sm)))
		if math.Abs(lam-prev) < 1e-13 {
			break
		}
	}
	u2 := c2a * (a*a - b*b) / (b * b)
	A := 1 + u2/16384*(4096+u2*(-768+u2*(320-175*u2)))
	B := u2 / 1024 * (256 + u2*(-128+u2*(74-47*u2)))
	dSig := B * sSig * (c2sm + B/4*(cSig*(-1+2*c2sm*c2sm)-B/6*c2sm*(-3+4*sSig*sSig)*(-3+4*c2sm*c2sm)))
	return b * A * (sig - dSig)
}
