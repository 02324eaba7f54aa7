package coverage

import (
	"bytes"
	"fmt"
	"math"

	"gopkg.in/yaml.v3"
)

// Costs are what the investment plan's actions cost, in Unit (万元 by
// default). The defaults are placeholders, not prices: Placeholder stays
// true, and every plan says so, until a rules file names every figure of
// its costs section or sets placeholder: false.
type Costs struct {
	Placeholder bool   `json:"placeholder" yaml:"placeholder"`
	Unit        string `json:"unit" yaml:"unit"`
	// VenueBuildPerM2 and VenueBuildFixed price a new venue: fixed + m² × per m².
	VenueBuildPerM2 float64 `json:"venue_build_per_m2" yaml:"venue_build_per_m2"`
	VenueBuildFixed float64 `json:"venue_build_fixed" yaml:"venue_build_fixed"`
	// VenueExpandPerM2 prices each m² added to an existing venue.
	VenueExpandPerM2 float64 `json:"venue_expand_per_m2" yaml:"venue_expand_per_m2"`
	// CaravanVehicle is a caravan's purchase; CaravanYearly its running
	// cost for each plan year from the year it starts.
	CaravanVehicle float64 `json:"caravan_vehicle" yaml:"caravan_vehicle"`
	CaravanYearly  float64 `json:"caravan_yearly" yaml:"caravan_yearly"`
	// BaseUpgrade is raising a base one level (kept for the plan's base
	// actions; no plan action uses it yet).
	BaseUpgrade float64 `json:"base_upgrade" yaml:"base_upgrade"`
}

// costFigures are the costs section's keys that carry a price.
var costFigures = []string{"venue_build_per_m2", "venue_build_fixed", "venue_expand_per_m2",
	"caravan_vehicle", "caravan_yearly", "base_upgrade"}

// DefaultCosts are placeholder costs in 万元 (10,000 yuan): 0.6 per m²
// built plus 500 fixed, 0.8 per m² added to a venue, 150 a caravan and 30
// a year to run it, 50 a base upgrade. Set real figures in the rules file.
func DefaultCosts() Costs {
	return Costs{Placeholder: true, Unit: "万元", VenueBuildPerM2: 0.6, VenueBuildFixed: 500, VenueExpandPerM2: 0.8,
		CaravanVehicle: 150, CaravanYearly: 30, BaseUpgrade: 50}
}

// BuildCost is a new venue of m2 square metres.
func (c Costs) BuildCost(m2 float64) float64 { return c.VenueBuildFixed + m2*c.VenueBuildPerM2 }

// ExpandCost is adding m2 square metres to a venue.
func (c Costs) ExpandCost(m2 float64) float64 { return m2 * c.VenueExpandPerM2 }

// CaravanCost is a caravan bought and run for years plan years.
func (c Costs) CaravanCost(years int) float64 {
	return c.CaravanVehicle + float64(years)*c.CaravanYearly
}

func (c Costs) validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"venue_build_per_m2", c.VenueBuildPerM2}, {"venue_build_fixed", c.VenueBuildFixed},
		{"venue_expand_per_m2", c.VenueExpandPerM2}, {"caravan_vehicle", c.CaravanVehicle},
		{"caravan_yearly", c.CaravanYearly}, {"base_upgrade", c.BaseUpgrade}} {
		if f.v < 0 || math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return fmt.Errorf("rules: costs.%s: %v must be a finite number, zero or more", f.name, f.v)
		}
	}
	return nil
}

// markPlaceholder sets rs.Costs.Placeholder from the rules file b: a costs
// section that names every price, without a placeholder key, clears it.
func markPlaceholder(b []byte, rs *Ruleset) {
	var raw struct {
		Costs map[string]any `yaml:"costs"`
	}
	if yaml.NewDecoder(bytes.NewReader(b)).Decode(&raw) != nil || raw.Costs == nil {
		return
	}
	if _, set := raw.Costs["placeholder"]; set {
		return
	}
	for _, k := range costFigures {
		if _, ok := raw.Costs[k]; !ok {
			return
		}
	}
	rs.Costs.Placeholder = false
}
