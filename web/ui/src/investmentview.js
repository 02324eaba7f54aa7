// investmentview.js: the investment plan panel's pure parts — the request
// body for POST /api/plan, the budget bar, the action list, the map's
// features. No DOM and no map here, so node --test can check them.

import { t } from './i18n.js';
import { esc, num, people, ruleName } from './panel.js';

/** kindColor colours each action kind on the map and in the list. */
export const kindColor = {
  expand_venue: '#2b8a3e', build_venue: '#e8590c', caravan_station: '#0b8a96',
  expand_league_museum: '#7048e8', build_league_museum: '#ae3ec9',
};

/** planRequest turns the form's text into the body of POST /api/plan, or
 *  {error} naming the field (an i18n key) when a value is not an amount.
 *  budget: an amount; years: "FROM-TO" (empty: the default 2026-2030);
 *  yearly: empty, one amount, or amounts separated by commas. */
export function planRequest(budget, years, yearly) {
  const amount = (s) => {
    const v = Number(String(s).trim());
    return String(s).trim() !== '' && Number.isFinite(v) && v >= 0 ? v : null;
  };
  const body = {};
  const b = String(budget ?? '').trim();
  const y = String(yearly ?? '').trim();
  if (b === '' && y === '') return { error: 'investBadBudget' };
  if (b !== '') {
    body.budget = amount(b);
    if (body.budget === null) return { error: 'investBadBudget' };
  }
  const span = String(years ?? '').trim();
  if (span !== '') {
    const m = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(span);
    if (!m || Number(m[1]) > Number(m[2])) return { error: 'investBadYears' };
    body.years = `${m[1]}-${m[2]}`;
  }
  if (y !== '') {
    const list = y.split(/[,，、\s]+/).filter(Boolean).map(amount);
    if (!list.length || list.some((v) => v === null)) return { error: 'investBadYearly' };
    body.yearly_budget = list.length === 1 ? list[0] : list;
  }
  return { body };
}

/** budgetUsed is what the plan spends of its budget, as a fraction 0–1. */
export function budgetUsed(doc) {
  const spent = Number(doc?.spent) || 0, budget = Number(doc?.budget) || 0;
  return { spent, budget, frac: budget > 0 ? Math.min(1, spent / budget) : 0 };
}

/** actionTitle says what an action does: kind, place, floor area or reach. */
export function actionTitle(a) {
  const where = [a.county_name, a.site_name && a.site_name !== a.county_name ? a.site_name : ''].filter(Boolean).join(' ');
  let what = '';
  if (a.kind === 'expand_venue' || a.kind === 'expand_league_museum') {
    what = t('investArea', { from: num(a.from_m2, 0), to: num(a.to_m2, 0), add: num(a.add_m2, 0) });
  } else if (a.kind === 'build_venue' || a.kind === 'build_league_museum') {
    what = t('investNewArea', { to: num(a.to_m2, 0) });
  } else if (a.kind === 'caravan_station') {
    what = t('investReach', { km: num(a.reach_km, 0) });
  }
  return `${t(`action.${a.kind}`, null, a.kind)} · ${where} ${what}`.trim();
}

/** planHTML renders the answer of POST /api/plan: the placeholder warning,
 *  the budget used, whether the plan is proven optimal, and the actions,
 *  each with its cost, year, the gaps it closes and the people it serves. */
export function planHTML(doc) {
  const used = budgetUsed(doc);
  const warn = doc.costs_placeholder ? `<p class="error small invest-placeholder">${esc(t('investPlaceholder'))}</p>` : '';
  const bar = `<p class="plan-head"><b>${esc(t('investUsed', { spent: num(used.spent, 1), budget: num(used.budget, 1), unit: doc.unit || '' }))}</b></p>
    <div class="bar invest-bar" role="meter" aria-valuemin="0" aria-valuemax="${esc(used.budget)}" aria-valuenow="${esc(used.spent)}"><i style="width:${(used.frac * 100).toFixed(1)}%"></i></div>`;
  const proof = doc.optimal
    ? `<span class="badge ok">${esc(t('investOptimal'))}</span>`
    : `<span class="badge warn">${esc(t('investBound', { b: num(doc.upper_bound, 1) }))}</span>`;
  const head = `<p class="muted small">${esc(t('investClosed', { n: num(doc.gaps_closed, 0), v: num(doc.value, 1), all: num(doc.total_value, 1) }))} ${proof}</p>`;
  const actions = doc.actions || [];
  const list = actions.map((a, i) => {
    const closes = (a.closes || []).map((g) => `${ruleName(g.rule)} ${g.name || g.code}`).join('、');
    const year = a.year ? ` · ${esc(t('investYear', { y: a.year }))}` : '';
    return `<li data-lon="${esc(a.lon)}" data-lat="${esc(a.lat)}" data-code="${esc(a.county)}" data-index="${i}" tabindex="0">
      <i class="rank" style="background:${kindColor[a.kind] || '#888'}">${i + 1}</i><span><b>${esc(actionTitle(a))}</b>
      <span class="muted">${esc(t('investCost', { c: num(a.cost, 1), unit: doc.unit || '' }))}${year} · ${esc(t('investServes', { p: people(a.population_served) }))}</span>
      <span class="muted">${esc(t('investCloses'))}: ${esc(closes)}</span></span></li>`;
  }).join('');
  const none = actions.length ? '' : `<p class="muted">${esc(t('investNone'))}</p>`;
  return `${warn}${bar}${head}${none}${list ? `<ol class="plan-list invest-list">${list}</ol>` : ''}`;
}

/** planFeatures copies the answer's features (action points with their
 *  rank and kind, caravan reach circles) for the map's GeoJSON source. */
export function planFeatures(doc) {
  return {
    type: 'FeatureCollection',
    features: (doc?.features?.features || []).map((f) => ({ ...f, properties: { ...(f.properties || {}) } })),
  };
}
