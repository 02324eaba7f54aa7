package coverage

// Fact is what a rule found where it failed, in numbers and ids only: the
// wording (package data/words) says it in a language, so the engine holds
// no text for people. Only the fields of its Kind are set.
type Fact struct {
	Kind string `json:"kind"` // one of the Fact* kinds
	// Facility is the facility the fact is about (the largest comprehensive venue).
	Facility  string  `json:"facility,omitempty"`
	LargestM2 float64 `json:"largest_m2,omitempty"` // the largest open venue's floor area
	TargetM2  float64 `json:"target_m2,omitempty"`  // the floor area the rule asks for
	NearestKm float64 `json:"nearest_km,omitempty"` // seat to the nearest open caravan
	ReachKm   float64 `json:"reach_km,omitempty"`   // that caravan's reach (or the default)
	Count     int     `json:"count,omitempty"`      // bases or leagues counted
	Target    int     `json:"target,omitempty"`     // the count the rule asks for
	// Component is the part of a several-part rule: national, regional or themed.
	Component string `json:"component,omitempty"`
	// Next are the places that would close the gap first.
	Next []Place `json:"next,omitempty"`
}

// The kinds of Fact.
const (
	FactVenueNone    = "venue_none"     // no open venue in the county; TargetM2
	FactVenueSmall   = "venue_small"    // the largest open venue is too small; LargestM2, TargetM2
	FactMuseumNone   = "museum_none"    // no open comprehensive venue in the league; TargetM2
	FactMuseumSmall  = "museum_small"   // the largest is too small; Facility, LargestM2, TargetM2
	FactCaravanNone  = "caravan_none"   // no open caravan anywhere, no visit; ReachKm (the default)
	FactCaravanFar   = "caravan_far"    // the seat is beyond the nearest caravan's reach, no visit; NearestKm, ReachKm
	FactBasesFew     = "bases_few"      // too few open bases in the county; Count, Target
	FactMobileFew    = "mobile_few"     // the mobile museum stopped in too few leagues; Count, Target, Next
	FactBaseTotalFew = "base_total_few" // too few bases of a level region-wide; Component, Count, Target
)

// FactKinds lists every kind of Fact, in the rules' order.
var FactKinds = []string{FactVenueNone, FactVenueSmall, FactMuseumNone, FactMuseumSmall, FactCaravanNone,
	FactCaravanFar, FactBasesFew, FactMobileFew, FactBaseTotalFew}
