// planview.js: the planning tools' pure parts — HTML for suggestion and
// what-if results, the scenario request body, reach circles. No DOM and no
// map here, so node --test can check them against the API's documents.

import { t } from './i18n.js';
import { esc, num, people, ruleName } from './panel.js';

const earthKm = 6371.0088;
const rad = Math.PI / 180;

/** circle is a GeoJSON Polygon ring of n points at km from [lon, lat] on a
 *  sphere: close enough to the server's geodesic circles for drawing. */
export function circle(lon, lat, km, n = 64) {
  const d = km / earthKm, φ1 = lat * rad, λ1 = lon * rad;
  const ring = [];
  for (let i = 0; i < n; i++) {
    const θ = (2 * Math.PI * i) / n;
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
    const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
    ring.push([+(λ2 / rad).toFixed(6), +(φ2 / rad).toFixed(6)]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** features copies a suggestion document's features (stations, sites and
 *  their circles) for the map's GeoJSON source. */
export function features(fc) {
  return (fc?.features || []).map((f) => ({ ...f, properties: { ...(f.properties || {}) } }));
}

const svg = (body, size) => `<svg class="glyph" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true">${body}</svg>`;
const starPoints = Array.from({ length: 10 }, (_, i) => {
  const a = -Math.PI / 2 + (i * Math.PI) / 5, r = i % 2 ? 6.2 : 13;
  return `${(15 + r * Math.cos(a)).toFixed(2)},${(16 + r * Math.sin(a)).toFixed(2)}`;
}).join(' ');

/** siteColor marks suggested venue sites (stars) and their radius circles. */
export const siteColor = '#e8590c';

/** markSVG draws a planning marker: 'station' (teal diamond), 'site' (star
 *  with its rank) or 'removed' (red cross); size scales it. */
export function markSVG(kind, rank = '', size) {
  if (kind === 'station') {
    return svg('<path d="M13 2 24 13 13 24 2 13Z" fill="#0b8a96" stroke="#fff" stroke-width="2.2" stroke-linejoin="round"/><circle cx="13" cy="13" r="2.6" fill="#fff"/>', 26)
      .replace('width="26" height="26"', `width="${size ?? 26}" height="${size ?? 26}"`);
  }
  if (kind === 'site') {
    return svg(`<polygon points="${starPoints}" fill="${siteColor}" stroke="#fff" stroke-width="1.8" stroke-linejoin="round"/><text x="15" y="19.6" text-anchor="middle" font-family="sans-serif" font-size="10" font-weight="700" fill="#fff">${esc(rank)}</text>`, 30)
      .replace('width="30" height="30"', `width="${size ?? 30}" height="${size ?? 30}"`);
  }
  if (kind === 'removed') {
    return svg('<path d="M5 5 17 17M17 5 5 17" stroke="#fff" stroke-width="6" stroke-linecap="round"/><path d="M5 5 17 17M17 5 5 17" stroke="#d6453d" stroke-width="2.8" stroke-linecap="round"/>', 22)
      .replace('width="22" height="22"', `width="${size ?? 22}" height="${size ?? 22}"`);
  }
  return '';
}

const badge = (ok, text) => `<span class="badge ${ok ? 'ok' : 'warn'}">${esc(text)}</span>`;

/** caravanSummaryHTML renders GET /api/suggestions/caravans; name maps a
 *  county code to its name. */
export function caravanSummaryHTML(doc, name = (c) => c) {
  const stations = doc?.stations || [];
  const bound = doc.optimal
    ? badge(true, t('optimal'))
    : badge(false, t('lowerBoundGap', { d: num(doc.new_stations - doc.lower_bound, 0), b: num(doc.lower_bound, 0) }));
  const head = stations.length
    ? `<p class="plan-head"><b>${esc(t('newStations', { n: num(doc.new_stations ?? stations.length, 0) }))}</b> ${bound}</p>`
    : `<p class="plan-head">${badge(true, t('allReached'))}</p>`;
  const unreachable = (doc.uncoverable || []).length
    ? `<p class="error small">${esc(t('uncoverable', { names: doc.uncoverable.map(name).join('、') }))}</p>` : '';
  const list = stations.map((s, i) => `<li data-lon="${esc(s.lon)}" data-lat="${esc(s.lat)}" data-kind="station" data-index="${i}" tabindex="0">
      <i class="mark">${markSVG('station', '', 19)}</i><span><b>${esc(s.name || s.code)}</b>
      <span class="muted">${esc(t('stationLine', { n: (s.reaches || []).length, c: (s.closes || []).length }))}</span></span></li>`).join('');
  return `${head}${unreachable}${list ? `<ol class="plan-list">${list}</ol>` : ''}`;
}

/** venueSummaryHTML renders GET /api/suggestions/venues. */
export function venueSummaryHTML(doc) {
  const sites = doc?.sites || [];
  const total = Number(doc.total_population) || 0;
  const before = Number(doc.baseline_covered_population ?? (doc.covered_population - doc.newly_covered_population)) || 0;
  const after = Number(doc.covered_population) || 0;
  const pct = (v) => (total ? `${num((100 * v) / total, 1)}%` : '');
  const bound = doc.optimal
    ? badge(true, t('optimal'))
    : badge(false, t('upperBoundGap', { d: people(doc.upper_bound - doc.newly_covered_population) }));
  const list = sites.map((s, i) => `<li data-lon="${esc(s.lon)}" data-lat="${esc(s.lat)}" data-kind="site" data-index="${i}" tabindex="0">
      <i class="mark">${markSVG('site', i + 1, 23)}</i><span><b>${esc(s.name || s.code)}</b>
      <span class="muted">+${esc(people(s.gain))} · ${esc(t('siteLine', { n: (s.covers || []).length }))}</span></span></li>`).join('');
  return `<dl class="kv small plan-figures">
      <dt>${t('coveredBefore')}</dt><dd>${esc(people(before))} <span class="muted">${pct(before)}</span></dd>
      <dt>${t('coveredAfter')}</dt><dd><b>${esc(people(after))}</b> <span class="muted">${pct(after)}</span></dd>
      <dt>${t('gain')}</dt><dd class="gain">+${esc(people(doc.newly_covered_population))} ${bound}</dd></dl>
    ${total ? `<span class="cover-bar" title="${esc(`${pct(before)} → ${pct(after)}`)}"><i style="width:${((100 * before) / total).toFixed(1)}%"></i><i class="new" style="width:${((100 * (after - before)) / total).toFixed(1)}%"></i></span>` : ''}
    ${list ? `<ol class="plan-list">${list}</ol>` : ''}`;
}

/** scenarioBody is the POST /api/scenarios request for proposed items
 *  ({id, name, category, lon, lat, floor_area_m2 | reach_km}) and the ids
 *  of registry facilities to remove. */
export function scenarioBody(name, items, removed) {
  return {
    name,
    add: {
      type: 'FeatureCollection',
      features: items.map((it) => {
        const props = { id: it.id, name: it.name, category: it.category, status: 'open' };
        if (it.category === 'venue') props.floor_area_m2 = Number(it.floor_area_m2);
        if (it.category === 'caravan') props.reach_km = Number(it.reach_km);
        if (it.county) props.county = it.county;
        return { type: 'Feature', id: it.id, geometry: { type: 'Point', coordinates: [Number(it.lon), Number(it.lat)] }, properties: props };
      }),
    },
    remove: [...removed],
  };
}

/** problemsHTML renders a 400 answer's problems readably. */
export function problemsHTML(err) {
  const problems = err?.problems || [];
  const where = (p) => [p.feature ? `#${p.feature}` : '', p.id || '', p.field || ''].filter(Boolean).join(' · ');
  return `<div class="plan-error" role="alert"><b>${t('problemsTitle')}</b>
    ${problems.length
    ? `<ul>${problems.map((p) => `<li>${where(p) ? `<code>${esc(where(p))}</code> ` : ''}${esc(p.reason)}</li>`).join('')}</ul>`
    : `<p>${esc(err?.message || err)}</p>`}</div>`;
}

/** summaryLine is a one-line account of a scenario result. */
export function summaryLine(doc) {
  const ch = doc?.changes || {};
  return t('changesSummary', { r: (ch.rules || []).length, c: (ch.gaps_closed || []).length, o: (ch.gaps_opened || []).length });
}

const arrow = (before, after) => `${before ? t('pass') : t('fail')} → ${after ? t('pass') : t('fail')}`;

function gapChips(rows, cls) {
  if (!rows?.length) return `<p class="muted">${t('none')}</p>`;
  return `<ul class="chips">${rows.map((g) => `<li class="chip ${cls}" data-code="${esc(g.code)}" tabindex="0" title="${esc(ruleName(g.rule))}">${esc(g.name || g.code)}<small>${esc(ruleName(g.rule))}</small></li>`).join('')}</ul>`;
}

/** scenarioResultHTML renders POST /api/scenarios' answer for the detail
 *  panel; name maps county codes to names. */
export function scenarioResultHTML(doc, name = (c) => c) {
  const ch = doc?.changes || {};
  const rules = ch.rules || [];
  const added = doc?.features?.features || [];
  const rulesHTML = rules.length ? `<ul class="changes">${rules.map((r) => {
    const counted = r.total > 1;
    const delta = r.passing_after - r.passing_before;
    return `<li class="rule-change ${r.pass_after ? 'ok' : 'bad'}">
      <div class="rule-head"><span>${esc(ruleName(r.id))}</span>${r.flipped
    ? `<span class="badge ${r.pass_after ? 'ok' : 'bad'}">${t(r.pass_after ? 'nowPass' : 'nowFail')}</span>`
    : `<span class="badge ${r.pass_after ? 'ok' : 'bad'}">${t(r.pass_after ? 'pass' : 'fail')}</span>`}</div>
      ${counted ? `<div class="count-change"><span class="tabular">${num(r.passing_before, 0)} → <b>${num(r.passing_after, 0)}</b> / ${num(r.total, 0)}</span>
        <span class="delta ${delta >= 0 ? 'up' : 'down'}">${delta > 0 ? '+' : ''}${num(delta, 0)}</span></div>
        <span class="bar two"><i style="width:${((100 * Math.min(r.passing_before, r.passing_after)) / r.total).toFixed(1)}%"></i><i class="${delta >= 0 ? 'up' : 'down'}" style="width:${((100 * Math.abs(delta)) / r.total).toFixed(1)}%"></i></span>`
    : `<div class="muted small">${arrow(r.pass_before, r.pass_after)}</div>`}</li>`;
  }).join('')}</ul>` : `<p class="muted">${t('noRuleChange')}</p>`;

  const units = (ch.units || []).map((u) => `<li data-code="${esc(u.code)}" tabindex="0"><b>${esc(u.name || u.code)}</b>
      <span class="muted">${esc(ruleName(u.rule))}</span><span class="badge ${u.pass_after ? 'ok' : 'bad'}">${esc(arrow(u.pass_before, u.pass_after))}</span></li>`).join('');

  const r = ch.reach || {};
  const km = num(r.venue_radius_km ?? 50, 0);
  const names = (list) => (list?.length ? `<small class="muted">${esc(list.map(name).join('、'))}</small>` : '');
  const reachRows = [
    [t('venueNewly', { km }), r.venue_newly_within_population, r.venue_newly_within_counties, 'up'],
    [t('venueLost', { km }), r.venue_no_longer_within_population, r.venue_no_longer_within_counties, 'down'],
    [t('caravanNewly'), r.caravan_newly_within_population, r.caravan_newly_within_counties, 'up'],
    [t('caravanLost'), r.caravan_no_longer_within_population, r.caravan_no_longer_within_counties, 'down'],
  ];
  const reachHTML = `<dl class="kv small reach-change">${reachRows.map(([label, pop, list, dir]) =>
    `<dt>${esc(label)}</dt><dd><span class="delta ${Number(pop) ? dir : ''}">${Number(pop) ? (dir === 'up' ? '+' : '−') : ''}${esc(people(pop ?? 0))}</span>${names(list)}</dd>`).join('')}</dl>`;

  const proposed = added.map((f) => {
    const p = f.properties || {};
    const what = p.category === 'venue' ? `${num(p.floor_area_m2, 0)} ${t('m2')}` : p.category === 'caravan' ? `${num(p.reach_km, 0)} ${t('km')}` : '';
    return `<li><i class="mark proposed ${esc(p.category)}"></i>${esc(p.name || p.id)} <span class="muted">${esc(what)}</span></li>`;
  }).join('') + (doc?.removed || []).map((id) => `<li class="removed"><i class="mark">${markSVG('removed', '', 14)}</i>${esc(name(id))} <span class="muted">${t('removedTag')}</span></li>`).join('');

  return `<div id="scenario-result"><header class="detail-head"><p class="muted">${t('scenarioResult')}</p><h2>${esc(doc?.name || '')}</h2></header>
    <p class="scenario-line">${esc(summaryLine(doc))}</p>
    <h3>${t('rulesChanged')}</h3>${rulesHTML}
    ${units ? `<h3>${t('unitsFlipped')}</h3><ul class="unit-flips">${units}</ul>` : ''}
    <h3>${t('gapsClosed')} <span class="muted">(${(ch.gaps_closed || []).length})</span></h3>${gapChips(ch.gaps_closed, 'closed')}
    <h3>${t('gapsOpened')} <span class="muted">(${(ch.gaps_opened || []).length})</span></h3>${gapChips(ch.gaps_opened, 'opened')}
    <h3>${t('reachChange')}</h3>${reachHTML}
    ${proposed ? `<h3>${t('proposedAndRemoved')}</h3><ul class="proposed-list">${proposed}</ul>` : ''}</div>`;
}
