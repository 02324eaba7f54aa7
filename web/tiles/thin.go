package tiles

import (
	"math"

	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
)

// Thinning keeps a tile small however many features meet it: a national
// registry puts a million facilities (and a hundred thousand reach
// circles) into a few low-zoom tiles, tens of megabytes each. Past
// MaxPoints facilities (MaxCircles reach circles) a tile keeps one feature per grid cell of
// thinCell tile units (per value of the layer's thinBy property, and per
// size class for polygons). The kept feature is the cell's first in
// registry order, with "count": how many features it stands for.
const (
	MaxPoints  = 3000
	MaxCircles = 300
	thinCell   = 128 // tile units of 4096: 16 px on a 512 px tile
)

// thinKey names the cell a feature falls in.
type thinKey struct {
	cx, cy, size int32
	by           string
}

// thin picks, among the features idx of a crowded tile t, one per cell and
// returns them with their properties (each with its count).
func thin(l *Layer, t maptile.Tile, features []feature, idx []int) ([]int, []geojson.Properties) {
	scale := math.Exp2(float64(t.Z)) * Extent / thinCell // unit Mercator → cells
	first := map[thinKey]int{}                           // cell → position in keep
	var keep, count []int
	for _, i := range idx {
		f := &features[i]
		c := f.bound.Center()
		k := thinKey{cx: int32(math.Floor(c[0] * scale)), cy: int32(math.Floor(c[1] * scale))}
		if w := f.bound.Max[0] - f.bound.Min[0]; w > 0 {
			k.size = int32(math.Round(math.Log2(w*scale + 1)))
		}
		if l.thinBy != "" {
			k.by = l.thinValue(f)
		}
		if j, ok := first[k]; ok {
			count[j]++
			continue
		}
		first[k] = len(keep)
		keep = append(keep, i)
		count = append(count, 1)
	}
	props := make([]geojson.Properties, len(keep))
	for j, i := range keep {
		own := l.featureProps(&features[i])
		p := make(geojson.Properties, len(own)+1)
		for key, v := range own {
			p[key] = v
		}
		p["count"] = count[j]
		props[j] = p
	}
	return keep, props
}
