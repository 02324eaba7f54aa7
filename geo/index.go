package geo

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// Index finds which of a fixed set of areas (Polygons or MultiPolygons)
// cover a point. Areas are numbered by their position in the slice given to
// NewIndex. It is safe for concurrent readers once built.
type Index struct {
	tree  rtree.RTreeG[int32]
	parts []polygonIndex
	owner []int // owner[i] is the area number of parts[i]
	n     int
}

// NewIndex indexes areas; entries that are not polygons, or are empty, never cover anything.
func NewIndex(areas []orb.Geometry) *Index {
	ix := &Index{n: len(areas)}
	for i, g := range areas {
		for _, pi := range polygonsOf(g) {
			b := expanded(pi.outer.bound)
			ix.tree.Insert([2]float64(b.Min), [2]float64(b.Max), int32(len(ix.parts)))
			ix.parts = append(ix.parts, pi)
			ix.owner = append(ix.owner, i)
		}
	}
	return ix
}

// Len is the number of areas indexed.
func (ix *Index) Len() int { return ix.n }

// Covering calls fn with the number of every area that covers p, in no
// particular order, until fn returns false. A non-finite point meets nothing.
func (ix *Index) Covering(p orb.Point, fn func(area int) bool) {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
		return
	}
	pt := [2]float64(p)
	ix.tree.Search(pt, pt, func(_, _ [2]float64, part int32) bool {
		if ix.parts[part].covers(p) {
			return fn(ix.owner[part])
		}
		return true
	})
}

// First is the lowest-numbered area covering p, or -1 when none does.
func (ix *Index) First(p orb.Point) int {
	best := -1
	ix.Covering(p, func(a int) bool {
		if best < 0 || a < best {
			best = a
		}
		return true
	})
	return best
}

// All lists, in increasing order, every area covering p.
func (ix *Index) All(p orb.Point) []int {
	var out []int
	ix.Covering(p, func(a int) bool {
		out = append(out, a)
		return true
	})
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	// An area whose parts meet at p covers it once.
	return slices.Compact(out)
}
