package data

import (
	"math"
	"strconv"
	"unsafe"
)

// numScanner parses GeoJSON coordinate arrays (nested arrays of numbers)
// without reflection. It accepts only well-formed input and reports false
// on anything else, leaving the naming of the problem to the generic path.
type numScanner struct {
	b []byte
	i int
}

func (s *numScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// next skips white space and reports whether the next byte is c, consuming it.
func (s *numScanner) next(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// number reads one finite JSON number.
func (s *numScanner) number() (float64, bool) {
	s.space()
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			s.i++
			continue
		}
		break
	}
	if s.i == start {
		return 0, false
	}
	// The bytes are not modified while the string is alive.
	f, err := strconv.ParseFloat(unsafe.String(&s.b[start], s.i-start), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// list reads "[" item ("," item)* "]" with at least one item.
func (s *numScanner) list(item func() bool) bool {
	if !s.next('[') {
		return false
	}
	for {
		if !item() {
			return false
		}
		if s.next(']') {
			return true
		}
		if !s.next(',') {
			return false
		}
	}
}

// position reads [lon, lat] or [lon, lat, altitude].
func (s *numScanner) position() ([2]float64, bool) {
	var p [2]float64
	n := 0
	ok := s.list(func() bool {
		v, ok := s.number()
		if n < 2 {
			p[n] = v
		}
		n++
		return ok && n <= 3
	})
	return p, ok && n >= 2
}

func (s *numScanner) ring() ([][2]float64, bool) {
	var r [][2]float64
	ok := s.list(func() bool {
		p, ok := s.position()
		r = append(r, p)
		return ok
	})
	return r, ok
}

func (s *numScanner) polygon() ([][][2]float64, bool) {
	var p [][][2]float64
	ok := s.list(func() bool {
		r, ok := s.ring()
		p = append(p, r)
		return ok
	})
	return p, ok
}

func (s *numScanner) multiPolygon() ([][][][2]float64, bool) {
	var mp [][][][2]float64
	ok := s.list(func() bool {
		p, ok := s.polygon()
		mp = append(mp, p)
		return ok
	})
	return mp, ok
}

// done reports whether only white space is left.
func (s *numScanner) done() bool {
	s.space()
	return s.i == len(s.b)
}

// scanPolygons parses Polygon (depth 3) or MultiPolygon (depth 4)
// coordinates, always as a list of polygons.
func scanPolygons(b []byte, multi bool) ([][][][2]float64, bool) {
	s := &numScanner{b: b}
	if multi {
		mp, ok := s.multiPolygon()
		return mp, ok && s.done()
	}
	p, ok := s.polygon()
	return [][][][2]float64{p}, ok && s.done()
}
