package coverage

import (
	"fmt"
	"math"

	"github.com/kepu/kepu/geo"
	"github.com/paulmach/orb"
)

// Site is a place where a new facility could go: a county seat or a point
// from a candidates file.
type Site struct {
	Code  string    `json:"code"`
	Name  string    `json:"name"`
	Point orb.Point `json:"-"`
}

// DemandPoint is population (or any weight) standing at a point.
type DemandPoint struct {
	Code   string    `json:"code"`
	Name   string    `json:"name"`
	Point  orb.Point `json:"-"`
	Weight float64   `json:"weight"`
}

// SeatSites are the county seats as candidate sites, by county code.
func (m *Model) SeatSites() []Site {
	var out []Site
	for _, ci := range m.Counties {
		u := &m.World.Units[ci]
		if u.HasSeat {
			out = append(out, Site{Code: u.Code, Name: u.Name, Point: u.Seat})
		}
	}
	return out
}

// SeatDemand is each county's population standing at its seat.
func (m *Model) SeatDemand() []DemandPoint {
	var out []DemandPoint
	for _, ci := range m.Counties {
		u := &m.World.Units[ci]
		if u.HasSeat {
			out = append(out, DemandPoint{Code: u.Code, Name: u.Name, Point: u.Seat, Weight: float64(u.Population)})
		}
	}
	return out
}

// checkSites refuses sites whose point is not a valid lon/lat.
func checkSites(sites []Site) error {
	for i, s := range sites {
		if !geo.Valid(s.Point) {
			return fmt.Errorf("coverage: candidate %d (%s): invalid point %v", i+1, s.Code, s.Point)
		}
	}
	return nil
}

func checkDemand(demand []DemandPoint) error {
	for i, d := range demand {
		if !geo.Valid(d.Point) {
			return fmt.Errorf("coverage: demand point %d (%s): invalid point %v", i+1, d.Code, d.Point)
		}
		if d.Weight < 0 || math.IsNaN(d.Weight) || math.IsInf(d.Weight, 0) {
			return fmt.Errorf("coverage: demand point %d (%s): weight %v must be a finite number, zero or more", i+1, d.Code, d.Weight)
		}
	}
	return nil
}
