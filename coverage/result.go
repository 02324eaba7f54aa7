package coverage

// Result is the check document: the same for `kepu check --format json` and
// GET /api/check. Field names are fixed by the design.
type Result struct {
	// AsOf is the day the registry was evaluated on; AsOfBasis says where
	// its dates come from: "declared" (the records' opened and closed) or
	// "recorded" (the store's audit replayed up to that day).
	AsOf        string       `json:"as_of"`
	AsOfBasis   string       `json:"as_of_basis"`
	RecordedAt  string       `json:"recorded_at,omitempty"`
	Dataset     Dataset      `json:"dataset"`
	Rules       []RuleResult `json:"rules"`
	Units       []UnitResult `json:"units"`
	Region      RegionResult `json:"region"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	Ruleset     Ruleset      `json:"ruleset"`
	// TargetsFrom says where the region-scope targets come from: "plan"
	// (Inner Mongolia's own plan), "rules" (the rules file) or "default"
	// (another region evaluated against Inner Mongolia's embedded figures).
	TargetsFrom string `json:"targets_from"`
	index       map[string]int
	gaps        []Gap
}

// Dataset describes what was evaluated.
type Dataset struct {
	Counties   int      `json:"counties"`
	Leagues    int      `json:"leagues"`
	Facilities int      `json:"facilities"`
	Events     int      `json:"events"`
	Sample     bool     `json:"sample"`
	Period     Period   `json:"period"`
	Sources    []string `json:"sources,omitempty"`
}

// RuleResult is one rule's outcome over its scope.
type RuleResult struct {
	ID      string `json:"id"`
	Scope   string `json:"scope"`
	Pass    bool   `json:"pass"`
	Passing int    `json:"passing"`
	Total   int    `json:"total"`
	// Target and Actual say the rule's target and its state for people;
	// the wording (data/words) fills them in the reader's language.
	Target   string   `json:"target"`
	Actual   string   `json:"actual"`
	PlanText string   `json:"plan_text"`
	Failing  []string `json:"failing,omitempty"`
}

// UnitResult is a county's or league's metrics and rule outcomes.
type UnitResult struct {
	Code            string              `json:"code"`
	Name            string              `json:"name"`
	Level           string              `json:"level"`
	Kind            string              `json:"kind,omitempty"`
	Parent          string              `json:"parent,omitempty"`
	Population      int                 `json:"population"`
	PopulationUrban int                 `json:"population_urban"`
	PopulationRural int                 `json:"population_rural"`
	Border          bool                `json:"border"`
	FormerPoverty   string              `json:"former_poverty,omitempty"`
	SeatLon         float64             `json:"seat_lon,omitempty"`
	SeatLat         float64             `json:"seat_lat,omitempty"`
	LargestVenueM2  float64             `json:"largest_venue_m2"`
	Bases           BaseCounts          `json:"bases"`
	Facilities      int                 `json:"facilities"`
	NearestVenue    *Nearest            `json:"nearest_venue,omitempty"`
	Rules           map[string]UnitRule `json:"rules"`
	Priority        float64             `json:"priority"`
}

// BaseCounts counts open bases by level.
type BaseCounts struct {
	National int `json:"national"`
	Regional int `json:"regional"`
	League   int `json:"league"`
	County   int `json:"county"`
	Other    int `json:"other"`
	Total    int `json:"total"`
	Themed   int `json:"themed"`
}

// Place names a unit by code and name.
type Place struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Nearest names the closest facility of some kind and how far it is.
type Nearest struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Code       string  `json:"county,omitempty"`
	DistanceKm float64 `json:"distance_km"`
}

// UnitRule is one rule's outcome in one unit.
type UnitRule struct {
	Pass     bool     `json:"pass"`
	By       []string `json:"by,omitempty"`       // facilities or events that satisfy it
	Actual   float64  `json:"actual"`             // the measure compared with the target
	Target   float64  `json:"target"`             // the threshold
	Pipeline []string `json:"pipeline,omitempty"` // under construction or planned facilities that would close the gap
	// Fact is what a failing rule found; Detail is it said for people,
	// filled by the wording (data/words) in the reader's language.
	Fact   *Fact  `json:"fact,omitempty"`
	Detail string `json:"detail,omitempty"`
}

// RegionResult holds the region-scope figures, with the region's names.
type RegionResult struct {
	Region
	TargetsFrom         string           `json:"targets_from"`
	BaseTotals          BaseTotalsResult `json:"base_totals"`
	MobileMuseumLeagues int              `json:"mobile_museum_leagues"`
	MobileMuseumCodes   []string         `json:"mobile_museum_league_codes"`
	// MobileMuseumNext are the leagues the mobile museum has not visited in
	// the period, most rural residents first: where the plan's lean toward
	// rural and pastoral areas says the next stops should go.
	MobileMuseumNext []Place      `json:"mobile_museum_next"`
	Distribution     Distribution `json:"base_distribution"`
	Population       int          `json:"population"`
}

// BaseTotalsResult counts open bases inside the region.
type BaseTotalsResult struct {
	National int `json:"national"`
	Regional int `json:"regional"`
	Themed   int `json:"themed"`
	Total    int `json:"total"`
}

// Distribution describes how evenly bases are spread over counties.
type Distribution struct {
	// Per100k is open bases per 100,000 residents, by county code.
	Per100k map[string]float64 `json:"per_100k"`
	// Gini is the Gini coefficient of Per100k over counties (unweighted);
	// 0 is perfectly even, 1 all in one county.
	Gini float64 `json:"gini"`
	// NonUrbanBaseShare is the share of bases outside urban districts (市辖区),
	// NonUrbanPopulationShare the share of the population living there.
	NonUrbanBaseShare       float64 `json:"non_urban_base_share"`
	NonUrbanPopulationShare float64 `json:"non_urban_population_share"`
	CountiesWithoutBase     int     `json:"counties_without_base"`
}

// Unit returns the result for the unit with the given code.
func (r *Result) Unit(code string) (*UnitResult, bool) {
	i, ok := r.index[code]
	if !ok {
		return nil, false
	}
	return &r.Units[i], true
}

// Rule returns the result of the rule with the given id.
func (r *Result) Rule(id string) (*RuleResult, bool) {
	for i := range r.Rules {
		if r.Rules[i].ID == id {
			return &r.Rules[i], true
		}
	}
	return nil, false
}

// Pass reports whether every rule passes.
func (r *Result) Pass() bool {
	for _, rr := range r.Rules {
		if !rr.Pass {
			return false
		}
	}
	return true
}
