package words

import "github.com/kepu/kepu/coverage"

// Catalog is the wording the web map says itself, by the map's keys:
// rule.ID (rule names), detail.KIND (coverage.Fact templates, {name}
// places as in Fill), component.NAME, action.KIND (investment actions) and
// field.NAME (data fields). web/ui/src/words.js holds it for both
// languages, so the map and the API say the same words.
func Catalog(lang Lang) map[string]string {
	out := map[string]string{}
	for id, n := range ruleNames {
		out["rule."+id] = lang.Pick(n[0], n[1])
	}
	for kind, t := range detailTemplates {
		out["detail."+kind] = lang.Pick(t[0], t[1])
	}
	for c, n := range componentWords {
		out["component."+c] = lang.Pick(n[0], n[1])
	}
	for _, kind := range []string{coverage.ActionExpandVenue, coverage.ActionBuildVenue, coverage.ActionCaravan,
		coverage.ActionExpandMuseum, coverage.ActionBuildMuseum} {
		out["action."+kind] = PlanWord(kind, lang)
	}
	for f, n := range fieldNames {
		out["field."+f] = lang.Pick(n[0], n[1])
	}
	return out
}
