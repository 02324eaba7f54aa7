package coverage

import (
	"fmt"
	"strings"
)

// Scenario is a what-if: proposed facilities to add and registry ids to
// remove, evaluated against the baseline world.
type Scenario struct {
	Name   string     `json:"name"`
	Add    []Facility `json:"add"`
	Remove []string   `json:"remove"`
	// VenueRadiusKm is the radius for "population within reach of a
	// compliant venue" in the changes (0: 50 km).
	VenueRadiusKm float64 `json:"venue_radius_km,omitempty"`
}

// ScenarioError lists everything wrong with a scenario (unknown ids to
// remove, duplicate ids to add); nothing is evaluated.
type ScenarioError struct {
	Problems []string
}

// ErrorCode is EINVALID.
func (e *ScenarioError) ErrorCode() string { return EINVALID }

func (e *ScenarioError) Error() string {
	return fmt.Sprintf("scenario: %d problem(s):\n  %s", len(e.Problems), strings.Join(e.Problems, "\n  "))
}

// ScenarioResult is the scenario's world evaluated, and what changed
// against the baseline.
type ScenarioResult struct {
	Name    string          `json:"name"`
	Result  *Result         `json:"result"`
	Changes ScenarioChanges `json:"changes"`
	// Added are the proposed facilities, for maps (as GeoJSON in the API).
	Added   []Facility `json:"-"`
	Removed []string   `json:"removed"`
}

// ScenarioChanges says what the scenario changes.
type ScenarioChanges struct {
	// Rules are every rule whose outcome or passing count changed.
	Rules []RuleChange `json:"rules"`
	// Units are the unit-level rule outcomes that flipped.
	Units      []UnitFlip  `json:"units"`
	GapsClosed []Gap       `json:"gaps_closed"`
	GapsOpened []Gap       `json:"gaps_opened"`
	Reach      ReachChange `json:"reach"`
}

// RuleChange is one rule before and after.
type RuleChange struct {
	ID            string `json:"id"`
	Flipped       bool   `json:"flipped"`
	PassBefore    bool   `json:"pass_before"`
	PassAfter     bool   `json:"pass_after"`
	PassingBefore int    `json:"passing_before"`
	PassingAfter  int    `json:"passing_after"`
	Total         int    `json:"total"`
}

// UnitFlip is one unit whose outcome under one rule changed.
type UnitFlip struct {
	Rule   string `json:"rule"`
	Code   string `json:"code"`
	Name   string `json:"name"`
	Before bool   `json:"pass_before"`
	After  bool   `json:"pass_after"`
}

// ReachChange is the population (at county seats) that comes within reach,
// or falls out of it: of an open venue meeting venue_1000's floor area
// within VenueRadiusKm, and of a caravan (caravan_reach passing).
type ReachChange struct {
	VenueRadiusKm      float64  `json:"venue_radius_km"`
	VenueNewly         int      `json:"venue_newly_within_population"`
	VenueLost          int      `json:"venue_no_longer_within_population"`
	VenueNewlyCounties []string `json:"venue_newly_within_counties"`
	VenueLostCounties  []string `json:"venue_no_longer_within_counties"`
	CaravanNewly       int      `json:"caravan_newly_within_population"`
	CaravanLost        int      `json:"caravan_no_longer_within_population"`
	CaravanNewlyCounty []string `json:"caravan_newly_within_counties"`
	CaravanLostCounty  []string `json:"caravan_no_longer_within_counties"`
}

// EvaluateScenario builds the scenario's world from base (removing, then
// adding), evaluates it under rs and diffs it against the baseline. What
// Check finds is a *ScenarioError.
func EvaluateScenario(base *World, rs Ruleset, sc Scenario) (*ScenarioResult, error) {
	bm := NewModel(base)
	return bm.EvaluateScenario(bm.Evaluate(rs), rs, sc)
}

// EvaluateScenario is EvaluateScenario on the baseline m already placed
// and evaluated under rs (before): only the scenario's world is evaluated
// (a server keeps both for every request). What Check finds is a *ScenarioError.
func (m *Model) EvaluateScenario(before *Result, rs Ruleset, sc Scenario) (*ScenarioResult, error) {
	next, err := sc.apply(m.World)
	if err != nil {
		return nil, err
	}
	if sc.VenueRadiusKm == 0 {
		sc.VenueRadiusKm = 50
	}
	// The scenario changes the registry only: place it on the baseline's county index.
	am := m.WithRegistry(next.Facilities, next.Events)
	am.World.Sources = next.Sources
	after := am.Evaluate(rs)
	out := &ScenarioResult{Name: sc.Name, Result: after, Added: sc.Add, Removed: append([]string{}, sc.Remove...)}
	out.Changes = diffResults(before, after)
	out.Changes.Reach = reachChange(m, am, before, after, rs, sc.VenueRadiusKm)
	return out, nil
}

// Check lists what is wrong with the scenario against base: unknown or
// repeated ids to remove, ids to add that are missing, duplicated or
// already in the registry (and not removed), facilities to add without a
// category and a venue radius that is not a positive number; nil when
// nothing is.
func (sc Scenario) Check(base *World) []string {
	var problems []string
	have := map[string]bool{}
	for _, f := range base.Facilities {
		have[f.ID] = true
	}
	removed := map[string]bool{}
	for _, id := range sc.Remove {
		switch {
		case !have[id]:
			problems = append(problems, fmt.Sprintf("remove: %q: no facility with this id in the registry", id))
		case removed[id]:
			problems = append(problems, fmt.Sprintf("remove: %q: listed twice", id))
		}
		removed[id] = true
	}
	added := map[string]bool{}
	for i, f := range sc.Add {
		switch {
		case f.ID == "":
			problems = append(problems, fmt.Sprintf("add: facility %d: id: missing", i+1))
		case added[f.ID]:
			problems = append(problems, fmt.Sprintf("add: facility %d (%s): id: duplicate within add", i+1, f.ID))
		case have[f.ID] && !removed[f.ID]:
			problems = append(problems, fmt.Sprintf("add: facility %d (%s): id: already in the registry (remove it too to replace it)", i+1, f.ID))
		}
		if f.Category == "" {
			problems = append(problems, fmt.Sprintf("add: facility %d (%s): category: missing", i+1, f.ID))
		}
		added[f.ID] = true
	}
	if r := sc.VenueRadiusKm; r < 0 || r != r {
		problems = append(problems, fmt.Sprintf("venue_radius_km: %v must be more than 0", r))
	}
	return problems
}

// apply checks the scenario against base and returns the new world.
func (sc Scenario) apply(base *World) (*World, error) {
	if problems := sc.Check(base); len(problems) > 0 {
		return nil, &ScenarioError{Problems: problems}
	}
	removed := map[string]bool{}
	for _, id := range sc.Remove {
		removed[id] = true
	}
	next := *base
	next.Facilities = make([]Facility, 0, len(base.Facilities)+len(sc.Add))
	for _, f := range base.Facilities {
		if !removed[f.ID] {
			next.Facilities = append(next.Facilities, f)
		}
	}
	for _, f := range sc.Add {
		if f.Status == "" {
			f.Status = StatusOpen
		}
		next.Facilities = append(next.Facilities, f)
	}
	next.Sources = append(append([]string{}, base.Sources...), "scenario: "+sc.Name)
	return &next, nil
}

func diffResults(before, after *Result) ScenarioChanges {
	ch := ScenarioChanges{Rules: []RuleChange{}, Units: []UnitFlip{}, GapsClosed: []Gap{}, GapsOpened: []Gap{}}
	for _, a := range after.Rules {
		b, ok := before.Rule(a.ID)
		if !ok || (b.Pass == a.Pass && b.Passing == a.Passing) {
			continue
		}
		ch.Rules = append(ch.Rules, RuleChange{ID: a.ID, Flipped: b.Pass != a.Pass, PassBefore: b.Pass, PassAfter: a.Pass,
			PassingBefore: b.Passing, PassingAfter: a.Passing, Total: a.Total})
	}
	for _, au := range after.Units {
		bu, ok := before.Unit(au.Code)
		if !ok {
			continue
		}
		for _, id := range RuleIDs {
			ar, aok := au.Rules[id]
			br, bok := bu.Rules[id]
			if aok && bok && ar.Pass != br.Pass {
				ch.Units = append(ch.Units, UnitFlip{Rule: id, Code: au.Code, Name: au.Name, Before: br.Pass, After: ar.Pass})
			}
		}
	}
	key := func(g Gap) string { return fmt.Sprintf("%s|%s|%v", g.Rule, g.Code, g.Target) }
	bg, ag := map[string]bool{}, map[string]bool{}
	for _, g := range before.gaps {
		bg[key(g)] = true
	}
	for _, g := range after.gaps {
		ag[key(g)] = true
		if !bg[key(g)] {
			ch.GapsOpened = append(ch.GapsOpened, g)
		}
	}
	for _, g := range before.gaps {
		if !ag[key(g)] {
			ch.GapsClosed = append(ch.GapsClosed, g)
		}
	}
	return ch
}

func reachChange(bm, am *Model, before, after *Result, rs Ruleset, km float64) ReachChange {
	rc := ReachChange{VenueRadiusKm: km, VenueNewlyCounties: []string{}, VenueLostCounties: []string{},
		CaravanNewlyCounty: []string{}, CaravanLostCounty: []string{}}
	seats := bm.SeatDemand()
	min := rs.Venue1000.MinFloorAreaM2
	vb := bm.coveredByVenues(seats, min, km*1000, rs.AsOfDate())
	va := am.coveredByVenues(seats, min, km*1000, rs.AsOfDate())
	for i, s := range seats {
		switch {
		case va[i] && !vb[i]:
			rc.VenueNewly += int(s.Weight)
			rc.VenueNewlyCounties = append(rc.VenueNewlyCounties, s.Code)
		case vb[i] && !va[i]:
			rc.VenueLost += int(s.Weight)
			rc.VenueLostCounties = append(rc.VenueLostCounties, s.Code)
		}
	}
	for _, au := range after.Units {
		bu, ok := before.Unit(au.Code)
		if au.Level != LevelCounty || !ok {
			continue
		}
		a, b := au.Rules[RuleCaravanReach].Pass, bu.Rules[RuleCaravanReach].Pass
		switch {
		case a && !b:
			rc.CaravanNewly += au.Population
			rc.CaravanNewlyCounty = append(rc.CaravanNewlyCounty, au.Code)
		case b && !a:
			rc.CaravanLost += au.Population
			rc.CaravanLostCounty = append(rc.CaravanLostCounty, au.Code)
		}
	}
	return rc
}
