package coverage

import (
	"bytes"
	"fmt"
	"time"

	"gopkg.in/yaml.v3"
)

// Rule ids, as the design names them.
const (
	RuleVenue1000        = "venue_1000"
	RuleLeagueMuseum     = "league_museum"
	RuleCaravanReach     = "caravan_reach"
	RuleMobileMuseum     = "mobile_museum_rotation"
	RuleBaseTotals       = "base_totals"
	RuleBaseDistribution = "base_distribution"
)

// RuleIDs lists every rule in the order results show them.
var RuleIDs = []string{RuleVenue1000, RuleLeagueMuseum, RuleCaravanReach,
	RuleMobileMuseum, RuleBaseTotals, RuleBaseDistribution}

// Ruleset holds every threshold and weight the evaluation uses. Defaults
// returns the plan's figures; a rules file overrides any of them.
type Ruleset struct {
	Period Period `json:"period" yaml:"period"`
	// AsOf is the day the registry is evaluated on (YYYY-MM-DD); "" means
	// the period's end. Events count from the period's start to it.
	AsOf             string           `json:"as_of,omitempty" yaml:"as_of,omitempty"`
	Venue1000        Venue1000        `json:"venue_1000" yaml:"venue_1000"`
	LeagueMuseum     LeagueMuseum     `json:"league_museum" yaml:"league_museum"`
	CaravanReach     CaravanReach     `json:"caravan_reach" yaml:"caravan_reach"`
	MobileMuseum     MobileMuseum     `json:"mobile_museum_rotation" yaml:"mobile_museum_rotation"`
	BaseTotals       BaseTotals       `json:"base_totals" yaml:"base_totals"`
	BaseDistribution BaseDistribution `json:"base_distribution" yaml:"base_distribution"`
	Priority         Weights          `json:"priority" yaml:"priority"`
	Costs            Costs            `json:"costs" yaml:"costs"`
	// Region renames the data's region or names its levels; empty fields
	// leave the data's own.
	Region Region `json:"region" yaml:"region"`
}

// Period is the evaluation period, both ends inclusive, as YYYY-MM-DD.
type Period struct {
	From string `json:"from" yaml:"from"`
	To   string `json:"to" yaml:"to"`
}

// Contains reports whether the date (YYYY-MM-DD) lies in the period.
func (p Period) Contains(date string) bool { return date >= p.From && date <= p.To }

// Venue1000 configures venue_1000.
type Venue1000 struct {
	MinFloorAreaM2 float64 `json:"min_floor_area_m2" yaml:"min_floor_area_m2"`
	PlanText       string  `json:"plan_text,omitempty" yaml:"plan_text"` // the plan's sentence behind the rule
}

// LeagueMuseum configures league_museum after the national standard 建标101-2007.
type LeagueMuseum struct {
	M2Per10k      float64 `json:"m2_per_10k_urban" yaml:"m2_per_10k_urban"`
	M2Per10kSmall float64 `json:"m2_per_10k_urban_small" yaml:"m2_per_10k_urban_small"`
	SmallBelow    int     `json:"small_below_urban" yaml:"small_below_urban"`
	MinimumM2     float64 `json:"minimum_m2" yaml:"minimum_m2"`
	PlanText      string  `json:"plan_text,omitempty" yaml:"plan_text"` // the plan's sentence behind the rule
}

// Target is the floor area a league of the given urban population needs.
func (r LeagueMuseum) Target(urban int) float64 {
	per := r.M2Per10k
	if urban < r.SmallBelow {
		per = r.M2Per10kSmall
	}
	t := float64(urban) / 10000 * per
	if t < r.MinimumM2 {
		return r.MinimumM2
	}
	return t
}

// CaravanReach configures caravan_reach.
type CaravanReach struct {
	DefaultReachKm float64 `json:"default_reach_km" yaml:"default_reach_km"`
	PlanText       string  `json:"plan_text,omitempty" yaml:"plan_text"` // the plan's sentence behind the rule
}

// MobileMuseum configures mobile_museum_rotation.
type MobileMuseum struct {
	MinLeagues int    `json:"min_leagues" yaml:"min_leagues"`
	PlanText   string `json:"plan_text,omitempty" yaml:"plan_text"` // the plan's sentence behind the rule
}

// BaseTotals configures base_totals.
type BaseTotals struct {
	National int      `json:"national" yaml:"national"`
	Regional int      `json:"regional" yaml:"regional"`
	Themed   int      `json:"themed" yaml:"themed"`
	Themes   []string `json:"themes" yaml:"themes"`
	PlanText string   `json:"plan_text,omitempty" yaml:"plan_text"` // the plan's sentence behind the rule
}

// BaseDistribution configures base_distribution.
type BaseDistribution struct {
	MinBases int    `json:"min_bases" yaml:"min_bases"`
	PlanText string `json:"plan_text,omitempty" yaml:"plan_text"` // the plan's sentence behind the rule
}

// Weights are the priority score's weights; each part of a gap's score is
// its weight times a normalised measure (see Priority).
type Weights struct {
	Population    float64 `json:"population" yaml:"population"`         // per 100,000 residents affected
	Rural         float64 `json:"rural" yaml:"rural"`                   // per 100,000 rural residents, on top
	Distance      float64 `json:"distance" yaml:"distance"`             // per 100 km to the nearest compliant facility
	FormerPoverty float64 `json:"former_poverty" yaml:"former_poverty"` // national list; half for regional
	Border        float64 `json:"border" yaml:"border"`
}

// Defaults returns the plan's rules: period 2021–2025 and the figures of the design.
func Defaults() Ruleset {
	return Ruleset{
		Period:           Period{From: "2021-01-01", To: "2025-12-31"},
		Venue1000:        Venue1000{MinFloorAreaM2: 1000, PlanText: planText[RuleVenue1000]},
		LeagueMuseum:     LeagueMuseum{M2Per10k: 75, M2Per10kSmall: 80, SmallBelow: 1_000_000, MinimumM2: 4000, PlanText: planText[RuleLeagueMuseum]},
		CaravanReach:     CaravanReach{DefaultReachKm: 100, PlanText: planText[RuleCaravanReach]},
		MobileMuseum:     MobileMuseum{MinLeagues: 5, PlanText: planText[RuleMobileMuseum]},
		BaseTotals:       BaseTotals{National: 50, Regional: 500, Themed: 100, Themes: []string{"culture", "tourism"}, PlanText: planText[RuleBaseTotals]},
		BaseDistribution: BaseDistribution{MinBases: 1, PlanText: planText[RuleBaseDistribution]},
		Priority:         Weights{Population: 1, Rural: 0.5, Distance: 1, FormerPoverty: 1, Border: 0.5},
		Costs:            DefaultCosts(),
	}
}

// PlanText is the plan's sentence behind a rule under these rules.
func (rs Ruleset) PlanText(rule string) string {
	switch rule {
	case RuleVenue1000:
		return rs.Venue1000.PlanText
	case RuleLeagueMuseum:
		return rs.LeagueMuseum.PlanText
	case RuleCaravanReach:
		return rs.CaravanReach.PlanText
	case RuleMobileMuseum:
		return rs.MobileMuseum.PlanText
	case RuleBaseTotals:
		return rs.BaseTotals.PlanText
	case RuleBaseDistribution:
		return rs.BaseDistribution.PlanText
	}
	return ""
}

// TargetsFrom says where the region-scope targets (base_totals,
// mobile_museum_rotation) of rs come from for the region: "rules" when they
// differ from the embedded defaults, "plan" when they are the defaults and
// the region is Inner Mongolia (whose plan they are), "default" otherwise.
func (rs Ruleset) TargetsFrom(r Region) string {
	d := Defaults()
	same := rs.BaseTotals.National == d.BaseTotals.National && rs.BaseTotals.Regional == d.BaseTotals.Regional &&
		rs.BaseTotals.Themed == d.BaseTotals.Themed && rs.MobileMuseum.MinLeagues == d.MobileMuseum.MinLeagues
	switch {
	case !same:
		return "rules"
	case r.IsInnerMongolia():
		return "plan"
	}
	return "default"
}

// ParseRules reads a rules file (YAML or JSON: JSON is read as YAML) over
// the defaults, so a file need name only what it changes. Unknown keys are
// refused, so a misspelt threshold cannot pass unnoticed.
func ParseRules(b []byte) (Ruleset, error) {
	rs := Defaults()
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(b)) == 0 {
		return rs, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&rs); err != nil {
		return rs, fmt.Errorf("rules: %w", err)
	}
	markPlaceholder(b, &rs)
	return rs, rs.Validate()
}

// Validate checks that every threshold makes sense.
func (rs Ruleset) Validate() error {
	for _, d := range []struct{ name, v string }{{"period.from", rs.Period.From}, {"period.to", rs.Period.To}} {
		if _, err := time.Parse("2006-01-02", d.v); err != nil {
			return fmt.Errorf("rules: %s: %q is not a YYYY-MM-DD date", d.name, d.v)
		}
	}
	if rs.AsOf != "" {
		if _, err := time.Parse("2006-01-02", rs.AsOf); err != nil {
			return fmt.Errorf("rules: as_of: %q is not a YYYY-MM-DD date", rs.AsOf)
		}
	}
	if rs.Period.From > rs.Period.To {
		return fmt.Errorf("rules: period: from %s is after to %s", rs.Period.From, rs.Period.To)
	}
	if c := rs.Region.Code; c != "" && !isAdminCode(c) {
		return fmt.Errorf("rules: region.code: %q is not a 6-digit administrative code", c)
	}
	checks := []struct {
		name string
		v    float64
	}{
		{"venue_1000.min_floor_area_m2", rs.Venue1000.MinFloorAreaM2},
		{"league_museum.m2_per_10k_urban", rs.LeagueMuseum.M2Per10k},
		{"league_museum.m2_per_10k_urban_small", rs.LeagueMuseum.M2Per10kSmall},
		{"league_museum.minimum_m2", rs.LeagueMuseum.MinimumM2},
		{"caravan_reach.default_reach_km", rs.CaravanReach.DefaultReachKm},
		{"base_totals.national", float64(rs.BaseTotals.National)},
		{"base_totals.regional", float64(rs.BaseTotals.Regional)},
		{"base_totals.themed", float64(rs.BaseTotals.Themed)},
		{"mobile_museum_rotation.min_leagues", float64(rs.MobileMuseum.MinLeagues)},
		{"base_distribution.min_bases", float64(rs.BaseDistribution.MinBases)},
		{"priority.population", rs.Priority.Population},
		{"priority.rural", rs.Priority.Rural},
		{"priority.distance", rs.Priority.Distance},
		{"priority.former_poverty", rs.Priority.FormerPoverty},
		{"priority.border", rs.Priority.Border},
	}
	for _, c := range checks {
		if c.v < 0 || c.v != c.v {
			return fmt.Errorf("rules: %s: %v must be zero or more", c.name, c.v)
		}
	}
	return rs.Costs.validate()
}

func isAdminCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
