// years.js: the counties as they stood at the end of each year of the plan
// period, from GET /api/progress. Builds the county fill for a chosen year
// (a MapLibre `match` on the county code listing the counties that passed
// then), its legend, and the rule panel's small trend chart. Pure: no DOM,
// no map, so node can test it (web/ui/test/years.test.mjs).

import { classes } from './colour.js';

/** yearRule is the county rule each colour-by mode shows for a past year
 *  (priority has no yearly history: it always shows the current data). */
export const yearRule = { venue: 'venue_1000', caravan: 'caravan_reach', bases: 'base_distribution' };

const pass = classes.venue[0].color; // the map's green
const fail = classes.venue[2].color; // and red

/** yearClasses are the legend entries for mode in a past year: passed or not. */
export function yearClasses(mode) {
  if (!yearRule[mode]) return null;
  return [
    { key: 'pass', color: pass, label: `yearPass.${mode}` },
    { key: 'fail', color: fail, label: `yearFail.${mode}` },
  ];
}

/** passingCodes are the counties passing rule on day index k of the series. */
export function passingCodes(progress, rule, k) {
  return (progress?.units || [])
    .filter((u) => u.level === 'county' && u.by_year?.[rule]?.[k] === true)
    .map((u) => u.code).sort();
}

/** isLatest reports whether k is the series' last day: the data the tiles carry. */
export const isLatest = (progress, k) => k === (progress?.years?.length ?? 0) - 1;

/** yearFill is the fill-color expression for mode on day index k, or null
 *  when the tiles' own colouring applies (the latest day, or priority). */
export function yearFill(mode, progress, k) {
  const rule = yearRule[mode];
  if (!rule || !progress || isLatest(progress, k) || k < 0) return null;
  const codes = passingCodes(progress, rule, k);
  if (codes.length === 0) return fail;
  return ['match', ['to-string', ['get', 'code']], codes, pass, fail];
}

/** yearLabel names day index k: its year for a 31 December, else the date. */
export function yearLabel(progress, k) {
  const y = progress?.years?.[k];
  if (!y) return '';
  return y.as_of.endsWith('-12-31') ? String(y.year) : y.as_of;
}

/** series is each county rule's passing count by day: [{id, total, values}]. */
export function series(progress) {
  const years = progress?.years || [];
  const ids = (years[0]?.rules || []).filter((r) => r.scope === 'county').map((r) => r.id);
  return ids.map((id) => ({
    id,
    total: years[0].rules.find((r) => r.id === id).total,
    values: years.map((y) => y.rules.find((r) => r.id === id).passing),
  }));
}

/** trendSVG draws one rule's passing count by year as a small line chart
 *  (width × height pixels, y from 0 to total) with the chosen day marked. */
export function trendSVG({ values, total }, labels, k, width = 200, height = 44) {
  const n = values.length;
  const x = (i) => (n < 2 ? width / 2 : 6 + ((width - 12) * i) / (n - 1));
  const y = (v) => height - 12 - ((height - 18) * v) / Math.max(1, total);
  const pts = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const dots = values.map((v, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="${i === k ? 3.5 : 2}" class="${i === k ? 'on' : ''}"><title>${labels[i]}: ${v}/${total}</title></circle>`).join('');
  const ends = `<text x="2" y="${height - 1}" class="yr">${labels[0] ?? ''}</text><text x="${width - 2}" y="${height - 1}" text-anchor="end" class="yr">${labels[n - 1] ?? ''}</text>`;
  return `<svg class="trend" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${values.join(', ')}"><polyline points="${pts}" fill="none"/>${dots}${ends}</svg>`;
}

/** countsOn is the filter keeping the facilities that count on day (YYYY-MM-DD):
 *  opened on or before it (when a day is given) and not closed by then. The
 *  tiles carry opened_day (a year's 31 December) and closed_day (its 1 January). */
export function countsOn(day) {
  return ['all',
    ['<=', ['coalesce', ['get', 'opened_day'], '0000-00-00'], day],
    ['>', ['coalesce', ['get', 'closed_day'], '9999-12-31'], day]];
}
