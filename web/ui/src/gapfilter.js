// gapfilter.js: the gap list's filters — by rule and by league, as
// GET /api/gaps?rule=&league= filters (a league's filter keeps its
// counties' gaps and its own) — and the CSV link for what is shown. Pure:
// node tests it (web/ui/test/find.test.mjs).

/** filterGaps keeps the gaps of rule and of league ('' keeps all). */
export function filterGaps(gaps, { rule = '', league = '' } = {}) {
  return (gaps || []).filter((g) => (!rule || g.rule === rule) && (!league || g.code === league || g.parent === league));
}

/** ruleChoices are the rules the gaps name, in the order they first appear. */
export function ruleChoices(gaps) {
  return [...new Set((gaps || []).map((g) => g.rule))];
}

/** leagueChoices are the leagues with a gap under rule ('' any rule), by
 *  code: [{code, name, n}], n the gaps the league's filter keeps. */
export function leagueChoices(gaps, leagues, rule = '') {
  return (leagues || []).map((l) => ({ code: l.code, name: l.name, n: filterGaps(gaps, { rule, league: l.code }).length }))
    .filter((l) => l.n > 0)
    .sort((a, b) => String(a.code).localeCompare(String(b.code)));
}

/** gapsCSVHref is the address of the gap list as CSV, filtered as shown. */
export function gapsCSVHref({ rule = '', league = '', lang = '' } = {}) {
  const q = new URLSearchParams({ format: 'csv' });
  if (rule) q.set('rule', rule);
  if (league) q.set('league', league);
  if (lang) q.set('lang', lang);
  return `/api/gaps?${q}`;
}
