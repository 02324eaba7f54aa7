package words

import (
	"fmt"

	"github.com/kepu/kepu/coverage"
)

// RuleActual says where a rule stands: how many units pass, or the
// region's figures for a region-scope rule.
func RuleActual(rr coverage.RuleResult, res *coverage.Result, lang Lang) string {
	reg := res.Region
	switch rr.ID {
	case coverage.RuleMobileMuseum:
		return fmt.Sprintf(lang.Pick("%d 个盟市", "%d leagues"), reg.MobileMuseumLeagues)
	case coverage.RuleBaseTotals:
		bt := reg.BaseTotals
		return fmt.Sprintf(lang.Pick("国家级 %d，自治区级 %d，科普+文化/旅游 %d", "national %d, regional %d, culture/tourism %d"),
			bt.National, bt.Regional, bt.Themed)
	case coverage.RuleLeagueMuseum:
		return fmt.Sprintf(lang.Pick("%d/%d 个盟市达标", "%d/%d leagues"), rr.Passing, rr.Total)
	}
	return fmt.Sprintf(lang.Pick("%d/%d 个旗县达标", "%d/%d counties"), rr.Passing, rr.Total)
}

// Result is the check document in the language: a copy of res whose rule
// targets and states and every unit rule's detail are said in it, in the
// region's words. res itself is not changed (it may be shared).
func Result(res *coverage.Result, lang Lang) *coverage.Result {
	sp := RegionSpeech(res.Region.Region)
	out := *res
	out.Rules = make([]coverage.RuleResult, len(res.Rules))
	for i, rr := range res.Rules {
		rr.Target = sp.Say(RuleTarget(rr.ID, res.Ruleset, lang))
		rr.Actual = sp.Say(RuleActual(rr, res, lang))
		out.Rules[i] = rr
	}
	out.Units = make([]coverage.UnitResult, len(res.Units))
	for i := range res.Units {
		out.Units[i] = *UnitResult(&res.Units[i], lang, sp)
	}
	return &out
}

// UnitResult is a copy of r whose rules' details are said in the language.
func UnitResult(r *coverage.UnitResult, lang Lang, sp Speech) *coverage.UnitResult {
	out := *r
	out.Rules = make(map[string]coverage.UnitRule, len(r.Rules))
	for id, ur := range r.Rules {
		ur.Detail = sp.Say(Detail(ur.Fact, lang))
		out.Rules[id] = ur
	}
	return &out
}

// Gaps says every gap's detail in the language, in the region's words,
// changing gs (the caller's copy of the list) and returning it.
func Gaps(gs []coverage.Gap, lang Lang, sp Speech) []coverage.Gap {
	for i := range gs {
		gs[i].Detail = sp.Say(Detail(gs[i].Fact, lang))
	}
	return gs
}

// Scenario is a copy of a scenario's result with its texts in the language.
func Scenario(sr *coverage.ScenarioResult, lang Lang) *coverage.ScenarioResult {
	out := *sr
	out.Result = Result(sr.Result, lang)
	sp := RegionSpeech(sr.Result.Region.Region)
	out.Changes.GapsClosed = Gaps(append([]coverage.Gap{}, sr.Changes.GapsClosed...), lang, sp)
	out.Changes.GapsOpened = Gaps(append([]coverage.Gap{}, sr.Changes.GapsOpened...), lang, sp)
	return &out
}
