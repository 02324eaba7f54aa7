// panel.js: HTML for the side panel (one unit), facility popups and gap rows.
// Everything the API sends is rendered generically, so new fields show up.

import { t, has, getLang } from './i18n.js';
import { facilitiesOf } from './api.js';

/** esc makes any value safe to put in HTML. */
export function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** num formats a number for the current language. */
export function num(v, digits = 1) {
  const n = Number(v);
  if (!Number.isFinite(n)) return esc(v);
  const locale = getLang() === 'zh' ? 'zh-CN' : 'en';
  return n.toLocaleString(locale, { maximumFractionDigits: digits });
}

/** people formats a head count (万 in Chinese). */
export function people(v) {
  const n = Number(v);
  if (!Number.isFinite(n)) return '—';
  if (getLang() === 'zh' && n >= 10000) return `${num(n / 10000, 2)} ${t('wan')}${t('persons')}`;
  return num(n, 0);
}

/** ruleName is a rule's label, or its id when it has none. */
export const ruleName = (id) => t(`rule.${id}`, null, id);

/** figure writes a number as the Go wording does: one decimal at most,
 *  thousands separated by commas. */
const figure = (v) => Number(v).toLocaleString('en-US', { maximumFractionDigits: 1 });

/** detailText says a gap's or unit rule's fact ({kind, largest_m2, ...}) in
 *  the current language with the templates of words.js (the same ones the
 *  API fills); the API's detail when there is no fact. */
export function detailText(x) {
  const f = x?.fact;
  if (!f || !has(`detail.${f.kind}`)) return x?.detail || '';
  const vars = { largest_m2: '0', target_m2: '0', nearest_km: '0', reach_km: '0', count: '0', target: '0' };
  for (const [k, v] of Object.entries(f)) if (typeof v === 'number' || typeof v === 'string') vars[k] = typeof v === 'number' ? figure(v) : v;
  vars.component = f.component ? t(`component.${f.component}`, null, f.component) : '';
  let s = t(`detail.${f.kind}`, vars);
  if (Array.isArray(f.next) && f.next.length) {
    s += t('detail.mobile_next', { next: f.next.map((p) => p.name || p.code).join(getLang() === 'zh' ? '、' : ', ') });
  }
  return s;
}

const fieldName = (k) => (has(`field.${k}`) ? t(`field.${k}`) : k);

// names maps facility ids to names, so that rule results listing ids read well.
const names = new Map();

/** rememberNames records names for id (facilities) or code (units) lookups. */
export function rememberNames(list) {
  for (const x of list) {
    const id = x.id ?? x.code;
    if (id && x.name) names.set(String(id), x.name);
  }
}

/** statsHTML renders an object of figures (the check's region section),
 *  leaving out members too big to read in a panel. */
function statsHTML(stats) {
  const small = (v) => typeof v !== 'object' || v === null || Array.isArray(v)
    || Object.keys(v).length <= 8;
  // The region's names and extent head the panel already; they are not figures.
  const names = /^(code|name|name_en|kind|plan|bounds|targets_from|(league|county)_word(_en)?)$/;
  const rows = Object.entries(stats || {}).filter(([k, v]) => small(v) && !names.test(k));
  if (!rows.length) return '';
  return `<h3>${t('regionStats')}</h3><dl class="kv small">${rows.map(([k, v]) =>
    `<dt>${esc(fieldName(k))}</dt><dd>${v && typeof v === 'object' && !Array.isArray(v)
      ? Object.entries(v).filter(([, b]) => small(b))
        .map(([a, b]) => `${esc(t(`baseLevel.${a}`, null, fieldName(a)))} ${value(b)}`).join(' · ')
      : value(v)}</dd>`).join('')}</dl>`;
}

const maxListed = 6;

/** value renders any JSON value compactly. */
function value(v) {
  if (v === true) return t('yes');
  if (v === false) return t('no');
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return num(v, 2);
  if (Array.isArray(v)) {
    if (!v.length) return '—';
    const shown = v.slice(0, maxListed).map((x) => (typeof x === 'object' ? value(x) : esc(names.get(String(x)) ?? x)));
    return shown.join('、') + (v.length > maxListed ? ` … (+${v.length - maxListed})` : '');
  }
  if (typeof v === 'object') {
    if (v.name) return esc(v.name) + (v.distance_km != null ? ` (${num(v.distance_km)} ${t('km')})` : '');
    return Object.entries(v).map(([k, x]) => `${esc(fieldName(k))}: ${value(x)}`).join('；');
  }
  return esc(v);
}

const badge = (pass) => (pass === undefined ? ''
  : `<span class="badge ${pass ? 'ok' : 'bad'}">${t(pass ? 'pass' : 'fail')}</span>`);

/** rulesHTML renders a unit's rules object {id: {pass, ...}} (or an array). */
function rulesHTML(rules) {
  const entries = Array.isArray(rules)
    ? rules.map((r) => [r.id ?? r.rule, r])
    : Object.entries(rules || {});
  if (!entries.length) return '';
  const passes = (r) => (typeof r === 'object' && r !== null ? r.pass : r) === true;
  entries.sort((a, b) => passes(a[1]) - passes(b[1]));
  const items = entries.map(([id, r]) => {
    const res = typeof r === 'object' && r !== null ? r : { pass: r };
    const extra = Object.entries(res).filter(([k]) => !['pass', 'id', 'rule', 'scope', 'fact', 'detail'].includes(k));
    const detail = detailText(res);
    return `<li><div class="rule-head"><span>${esc(ruleName(id))}</span>${badge(res.pass)}</div>
      ${extra.length ? `<dl class="kv small">${extra.map(([k, v]) => `<dt>${esc(fieldName(k))}</dt><dd>${value(v)}</dd>`).join('')}</dl>` : ''}
      ${detail ? `<p class="muted">${esc(detail)}</p>` : ''}</li>`;
  });
  return `<h3>${t('rules')}</h3><ul class="rules">${items.join('')}</ul>`;
}

/** removeButtonHTML is the "remove in scenario" toggle for a registry
 *  facility; the planning module keeps its label and state in step. */
export function removeButtonHTML(f) {
  const c = f.geometry?.coordinates;
  if (!f.id || f.proposed) return '';
  const attrs = { 'data-scenario-remove': f.id, 'data-name': f.name || f.id, 'data-category': f.category || '' };
  if (Array.isArray(c)) Object.assign(attrs, { 'data-lon': c[0], 'data-lat': c[1] });
  return ` <button type="button" class="mini ghost" ${Object.entries(attrs).map(([k, v]) => `${k}="${esc(v)}"`).join(' ')}>${t('removeInScenario')}</button>`;
}

/** facilityLine is one facility as a short line of text. */
export function facilityLine(f) {
  const bits = [];
  if (f.category === 'venue' && f.floor_area_m2 != null) bits.push(`${num(f.floor_area_m2, 0)} ${t('m2')}`);
  if (f.category === 'base' && f.level) bits.push(t(`baseLevel.${f.level}`, null, f.level));
  if (f.category === 'caravan' && f.reach_km != null) bits.push(`${num(f.reach_km, 0)} ${t('km')}`);
  if (f.located_by === 'county') bits.push(t('locatedBySeat'));
  const status = f.status && f.status !== 'open'
    ? `<span class="status ${esc(f.status)}">${esc(t(`status.${f.status}`, null, f.status))}</span>` : '';
  return `<span class="fname">${esc(f.name || f.id)}</span> <span class="muted">${bits.map(esc).join(' · ')}</span> ${status}`;
}

function facilitiesHTML(list) {
  if (!list.length) return `<h3>${t('facilities')}</h3><p class="muted">${t('noFacilities')}</p>`;
  const groups = new Map();
  for (const f of list) {
    const c = f.category || 'other';
    if (!groups.has(c)) groups.set(c, []);
    groups.get(c).push(f);
  }
  const order = ['venue', 'caravan', 'base'];
  const keys = [...groups.keys()].sort((a, b) => ((order.indexOf(a) + 9) % 9) - ((order.indexOf(b) + 9) % 9));
  return `<h3>${t('facilities')} <span class="muted">(${list.length})</span></h3>` + keys.map((c) => {
    const rows = groups.get(c).sort((a, b) => (Number(b.floor_area_m2) || 0) - (Number(a.floor_area_m2) || 0));
    return `<details class="fac-group" ${c !== 'base' ? 'open' : ''}><summary><i class="dot ${esc(c)}"></i>${esc(t(`category.${c}`, null, c))} <span class="muted">${rows.length}</span></summary>
      <ul class="facilities">${rows.map((f) => `<li>${facilityLine(f)}${removeButtonHTML(f)}</li>`).join('')}</ul></details>`;
  }).join('');
}

function nearestHTML(u) {
  const n = u.nearest_venue ?? u.nearest_compliant_venue ?? u.rules?.venue_1000?.nearest;
  if (!n || typeof n !== 'object') return '';
  const dist = n.distance_km ?? (n.distance_m != null ? n.distance_m / 1000 : null);
  return `<h3>${t('nearestVenue')}</h3><p class="nearest"><b>${esc(n.name || n.id)}</b>
    ${n.floor_area_m2 != null ? ` · ${num(n.floor_area_m2, 0)} ${t('m2')}` : ''}
    ${dist != null ? ` · ${t('distance')} ${num(dist)} ${t('km')}` : ''}</p>`;
}

/** partsOf returns a gap's priority parts as {part, score, weight, measure,
 *  unit} objects, from an array of {part, score, ...} or an object {name: score}. */
export function partsOf(parts) {
  if (Array.isArray(parts)) return parts.map((p) => ({ ...p, part: p.part ?? p.name ?? p.id, score: Number(p.score ?? p.value) }));
  if (parts && typeof parts === 'object') return Object.entries(parts).map(([part, score]) => ({ part, score: Number(score) }));
  return [];
}

const partName = (k) => t(`part.${k}`, null, fieldName(k));

/** partsLine is the non-zero priority parts as a compact line,
 *  "人口 8.85 · 乡村 0.75 · 距离 0.08" (thin spaces around the dots). */
export function partsLine(parts) {
  return partsOf(parts).filter((p) => p.score > 0)
    .map((p) => `${partName(p.part)} ${num(p.score, 2)}`).join('\u2009·\u2009');
}

/** partsTip explains each part's arithmetic, for a tooltip. */
export function partsTip(parts) {
  const list = partsOf(parts);
  if (!list.length) return '';
  const lines = list.map((p) => {
    const measure = p.unit === 'flag' ? num(p.measure, 1) : `${num(p.measure, p.unit === 'km' ? 1 : 0)}${p.unit === 'km' ? ` ${t('km')}` : ''}`;
    const how = p.weight != null && p.measure != null
      ? ` = ${t('weight')} ${num(p.weight, 2)} × ${measure} (${t(`partScale.${p.part}`, null, '')})` : '';
    return `${partName(p.part)} ${num(p.score, 2)}${how}`;
  });
  return [t('priorityTip'), ...lines].join('\n');
}

/** partsBarHTML is a thin stacked bar of the parts, each segment's width
 *  its share of the total. */
export function partsBarHTML(parts) {
  const list = partsOf(parts).filter((p) => p.score > 0);
  const total = list.reduce((s, p) => s + p.score, 0);
  if (!total) return '';
  return `<span class="parts-bar" aria-hidden="true">${list.map((p) =>
    `<i class="part-${esc(p.part)}" style="width:${(100 * p.score / total).toFixed(1)}%"></i>`).join('')}</span>`;
}

/** gapHTML explains one gap row: rule, actual against target, priority parts. */
export function gapHTML(g) {
  if (!g) return '';
  const rows = [['actual', g.actual], ['target', g.target], ['shortfall', g.shortfall], ['priority', g.priority]]
    .filter(([, v]) => v !== undefined && v !== null && v !== '');
  const parts = partsLine(g.parts);
  return `<section class="gap-box"><div class="rule-head"><span>${esc(ruleName(g.rule))}</span>${badge(false)}</div>
    <dl class="kv small">${rows.map(([k, v]) => `<dt>${t(k)}</dt><dd>${value(v)}</dd>`).join('')}
    ${parts ? `<dt>${t('field.parts')}</dt><dd title="${esc(partsTip(g.parts))}">${esc(parts)}${partsBarHTML(g.parts)}</dd>` : ''}</dl>
    ${detailText(g) ? `<p class="muted">${esc(detailText(g))}</p>` : ''}</section>`;
}

/** tableButtonHTML opens a county's or league's facility table (facilitytable.js). */
function tableButtonHTML(u) {
  if (!u.code || (u.level !== 'county' && u.level !== 'league')) return '';
  return `<p class="ft-open"><button type="button" class="mini" data-ftable="${esc(u.code)}" title="${esc(t('ftOpenHint'))}">${esc(t('ftOpen'))}</button></p>`;
}

/** unitHTML renders the side panel for one unit; leagueName maps codes to names. */
export function unitHTML(u, leagueName, gap) {
  const facts = [
    u.code ? ['code', u.code] : null,
    u.parent ? ['league', leagueName(u.parent) || u.parent] : null,
    u.population != null ? ['population', people(u.population)] : null,
    u.population_urban != null ? ['populationUrban', people(u.population_urban)] : null,
    u.population_rural != null ? ['populationRural', people(u.population_rural)] : null,
    u.largest_venue_m2 != null ? ['largestVenue', `${num(u.largest_venue_m2, 0)} ${t('m2')}`] : null,
    u.bases != null ? ['bases', typeof u.bases === 'object'
      ? Object.entries(u.bases).filter(([, v]) => Number(v) !== 0)
        .map(([k, v]) => `${esc(t(`baseLevel.${k}`, null, k))} ${num(v, 0)}`).join(' · ') || '0'
      : num(u.bases, 0)] : null,
    typeof u.facilities === 'number' ? ['facilities', num(u.facilities, 0)] : null,
  ].filter(Boolean);
  const list = facilitiesOf(u);
  rememberNames(list);
  const level = u.level ? t(`level.${u.level}`, null, u.level) : '';
  return `<header class="detail-head"><p class="muted">${esc(level)}</p><h2>${esc(u.name || u.code)}</h2></header>
    ${gapHTML(gap)}<dl class="kv">${facts.map(([k, v]) => `<dt>${t(k)}</dt><dd>${k === 'code' ? esc(v) : v}</dd>`).join('')}</dl>
    ${tableButtonHTML(u)}${rulesHTML(u.rules)}${nearestHTML(u)}${u.level === 'region' ? statsHTML(u.stats) : ''}${list.length || Array.isArray(u.facilities?.features ?? u.facilities) ? facilitiesHTML(list) : ''}`;
}

/** popupHTML renders a facility feature's properties for a map popup. */
// plainFields are shown as written: years and dates, not 2,024.
const plainFields = new Set(['opened', 'closed', 'opened_day', 'closed_day', 'id', 'county', 'located_county']);

export function popupHTML(p, actions = '') {
  const skip = new Set(['name', 'category']);
  const rows = Object.entries(p).filter(([k]) => !skip.has(k));
  return `<div class="popup"><p class="muted">${esc(t(`category.${p.category}`, null, p.category))}</p>
    <b>${esc(p.name || p.id)}</b><dl class="kv small">${rows.map(([k, v]) => `<dt>${esc(fieldName(k))}</dt><dd>${
      k === 'status' ? esc(t(`status.${v}`, null, v)) : k === 'level' ? esc(t(`baseLevel.${v}`, null, v))
        : plainFields.has(k) ? esc(String(v)) : value(v)}</dd>`).join('')}</dl>${actions}</div>`;
}

/** gapRowHTML renders one gap row for the list, with its priority parts. */
export function gapRowHTML(g, i, leagueName) {
  const parent = g.parent ? leagueName(g.parent) : '';
  const tip = [detailText(g), partsTip(g.parts)].filter(Boolean).join('\n\n');
  const line = partsLine(g.parts);
  return `<li data-code="${esc(g.code)}" data-index="${i}" title="${esc(tip)}" tabindex="0">
    <span class="rank">${i + 1}</span>
    <span class="gap-main"><b>${esc(g.name || g.code)}</b> <span class="muted">${esc(parent)}</span>
      <span class="gap-rule">${esc(ruleName(g.rule))}${g.shortfall != null && g.shortfall !== '' ? ` · ${t('shortfall')} ${value(g.shortfall)}` : ''}</span></span>
    <span class="prio" title="${t('priority')}">${num(g.priority, 2)}</span>
    ${line ? `<span class="gap-parts">${partsBarHTML(g.parts)}<span class="parts-text">${esc(line)}</span></span>` : ''}</li>`;
}
