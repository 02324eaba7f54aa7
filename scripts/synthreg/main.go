// Command synthreg writes a synthetic facility registry of any size as
// GeoJSON, for measuring kepu at national scale: points scattered around
// the county seats of the units given (default the embedded Inner Mongolia
// data), a fixed mix of venues, caravans and bases, seeded so that every
// run writes the same file. Every record is labelled synthetic.
//
//	go run ./scripts/synthreg -n 1000000 > /tmp/fac-1m.geojson
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

func main() {
	n := flag.Int("n", 100000, "number of facilities")
	seed := flag.Uint64("seed", 1, "random seed")
	var units multi
	flag.Var(&units, "units", "units GeoJSON (repeatable; default the embedded data)")
	flag.Parse()
	w, err := data.Load(data.Sources{Units: units})
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthreg:", err)
		os.Exit(2)
	}
	var seats []coverage.Unit
	for _, u := range w.Units {
		if u.Level == coverage.LevelCounty && u.HasSeat {
			seats = append(seats, u)
		}
	}
	if len(seats) == 0 {
		fmt.Fprintln(os.Stderr, "synthreg: no county seats in the units")
		os.Exit(2)
	}
	r := rand.New(rand.NewPCG(*seed, 2026))
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	fmt.Fprintln(out, `{"type":"FeatureCollection","features":[`)
	for i := range *n {
		u := seats[r.IntN(len(seats))]
		lon := u.Seat[0] + (r.Float64()-0.5)*0.4
		lat := u.Seat[1] + (r.Float64()-0.5)*0.3
		var props string
		switch k := r.IntN(100); {
		case k < 30:
			props = fmt.Sprintf(`"category":"venue","floor_area_m2":%d,"comprehensive":%v`, 200+r.IntN(3000), r.IntN(20) == 0)
		case k < 40:
			props = fmt.Sprintf(`"category":"caravan","reach_km":%d`, 50+r.IntN(100))
		default:
			level := []string{"national", "regional", "league", "county"}[r.IntN(4)]
			props = fmt.Sprintf(`"category":"base","level":%q`, level)
		}
		sep := ","
		if i == *n-1 {
			sep = ""
		}
		fmt.Fprintf(out, `{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,%.6f]},"properties":{"id":"SY%07d","name":"合成设施 %d",%s,"synthetic":true}}%s`+"\n",
			lon, lat, i, i, props, sep)
	}
	fmt.Fprintln(out, "]}")
}

type multi []string

func (m *multi) String() string     { return fmt.Sprint(*m) }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }
