// scenariomap.js: what-if scenarios on the map. A result recolours the
// counties by the scenario's own unit results (a `match` on the county code
// per legend class of the colour-by mode, through kepu.scenarioFill in
// colourview.js), outlines the counties whose outcome flipped, and says so
// with a 方案视图 bar whose button goes back to the baseline. The proposals
// (and the last result's id) are kept in localStorage, so a reload brings
// them back; the stored scenarios are listed with a delete button for their
// author. The pure parts are tested by node (web/ui/test/scenariomap.test.mjs).

import { t } from './i18n.js';
import { esc, num } from './panel.js';
import { classes, basesBreaks, priorityBreaks, normalMode } from './colour.js';
import * as api from './api.js';
import { getToken, setToken } from './auth.js';

const truthy = (v) => v === true || v === 1 || v === 'true';
const passes = (u, rule) => truthy(u?.rules?.[rule]?.pass ?? u?.rules?.[rule]);

/** countyClass is the legend class (colour.js) county u of a scenario's
 *  result falls in under mode, by the same tests as the tiles' fill. */
export function countyClass(u, mode) {
  switch (normalMode(mode)) {
    case 'caravan':
      return passes(u, 'caravan_reach') ? 'reached' : 'unreached';
    case 'bases': {
      const n = Number(typeof u.bases === 'object' && u.bases !== null ? u.bases.total : u.bases) || 0;
      let k = 0;
      basesBreaks.forEach((b, i) => { if (n >= b) k = i + 1; });
      return `b${k}`;
    }
    case 'priority': {
      const p = Number(u.priority) || 0;
      if (p <= 0) return 'p0';
      let k = 1;
      priorityBreaks.slice(1).forEach((b, i) => { if (p >= b) k = i + 2; });
      return `p${k}`;
    }
    default:
      if (passes(u, 'venue_1000')) return 'compliant';
      return Number(u.largest_venue_m2) > 0 ? 'small' : 'none';
  }
}

/** scenarioCounties are the county results of a scenario document. */
export function scenarioCounties(doc) {
  return (doc?.result?.units || []).filter((u) => u.level === 'county' && u.code);
}

/** scenarioFill is the fill-color expression colouring each county of doc
 *  by its scenario class under mode; counties the document lacks keep
 *  base (the tiles' own colouring). Null when doc holds no county. */
export function scenarioFill(doc, mode, base) {
  const m = normalMode(mode);
  const byClass = new Map(classes[m].map((c) => [c.key, []]));
  for (const u of scenarioCounties(doc)) byClass.get(countyClass(u, m))?.push(String(u.code));
  const arms = [];
  for (const c of classes[m]) {
    const codes = byClass.get(c.key).sort();
    if (codes.length) arms.push(codes, c.color);
  }
  if (!arms.length) return null;
  return ['match', ['to-string', ['get', 'code']], ...arms, base ?? classes[m][classes[m].length - 1].color];
}

/** changedCodes are the counties whose outcome under some rule flipped. */
export function changedCodes(doc) {
  const counties = new Set(scenarioCounties(doc).map((u) => String(u.code)));
  const flipped = (doc?.changes?.units || []).map((f) => String(f.code)).filter((c) => !counties.size || counties.has(c));
  return [...new Set(flipped)].sort();
}

export const storageKey = 'kepu.scenario';

/** saveState is what survives a reload: the proposed facilities, the
 *  removals, the scenario's name, the numbering and the last result's id
 *  and whether the map showed it. */
export function saveState({ items = [], removed = [], seq = 0, name = '', result = null, view = false }) {
  return JSON.stringify({ v: 1, items, removed: [...removed], seq, name, result: result || null, view: !!view });
}

const finite = (v) => v !== null && v !== '' && Number.isFinite(Number(v));

/** loadState reads saveState's text back, dropping whatever is malformed;
 *  null when nothing usable is stored. */
export function loadState(text) {
  let s;
  try { s = JSON.parse(text); } catch { return null; }
  if (!s || s.v !== 1) return null;
  const items = (Array.isArray(s.items) ? s.items : []).filter((it) => it && typeof it.id === 'string'
    && ['venue', 'caravan'].includes(it.category) && finite(it.lon) && finite(it.lat));
  const removed = (Array.isArray(s.removed) ? s.removed : []).filter((r) => r && typeof r.id === 'string');
  const ns = items.map((it) => Number(/(\d+)$/.exec(it.id)?.[1]) || 0);
  const seq = Math.max(Number.isInteger(s.seq) ? s.seq : 0, ...ns, 0);
  const result = typeof s.result === 'string' && /^[0-9a-f]{1,64}$/i.test(s.result) ? s.result : null;
  if (!items.length && !removed.length && !result) return null;
  return { items, removed, seq, name: typeof s.name === 'string' ? s.name : '', result, view: s.view === true && !!result };
}

/** storedHTML lists the stored scenarios (summaries of GET /api/scenarios):
 *  open for each, delete for those with an author. */
export function storedHTML(list, { current = null, busy = null } = {}) {
  if (!list?.length) return `<li class="muted empty">${t('scStoredEmpty')}</li>`;
  return list.map((s) => {
    const when = String(s.created || '').replace('T', ' ').replace(/:\d\dZ$/, '').replace('Z', '');
    const by = s.author ? t('scAuthor', { name: s.author }) : t('scAnonymous');
    const flips = t('scFlipped', { n: num(s.units_flipped ?? 0, 0) });
    return `<li data-scenario="${esc(s.id)}"${s.id === current ? ' class="current"' : ''}>
      <span class="item-name"><b>${esc(s.name || s.id)}</b><span class="muted">${esc(when)} · ${esc(by)} · ${esc(flips)}</span></span>
      <span class="sc-actions"><button type="button" class="mini ghost" data-sc-open="${esc(s.id)}">${t('scOpen')}</button>${s.author
        ? `<button type="button" class="mini ghost danger" data-sc-delete="${esc(s.id)}" data-name="${esc(s.name || s.id)}"${busy === s.id ? ' disabled' : ''}>${t('scDelete')}</button>` : ''}</span></li>`;
  }).join('');
}

const $ = (sel) => document.querySelector(sel);

/** createScenarioMap wires the scenario view. ctx: kepu, colouring,
 *  planning (plan.js's handle, for render), showResult() (the result panel). */
export function createScenarioMap(ctx) {
  const { kepu, colouring } = ctx;
  const st = { doc: null, on: false, stored: [], message: '', error: false, busy: null, restored: false };
  let map = null;

  kepu.scenarioFill = (mode, base) => (st.on && st.doc ? scenarioFill(st.doc, mode, base) : null);
  kepu.scenarioNote = () => (st.on && st.doc ? t('scNote', { name: st.doc.name || st.doc.id }) : '');

  function mount() {
    if (!$('#scenario-view')) {
      const bar = document.createElement('div');
      bar.id = 'scenario-view';
      bar.className = 'scenario-view';
      bar.hidden = true;
      bar.setAttribute('role', 'status');
      $('.map-wrap').append(bar);
      bar.addEventListener('click', (e) => { if (e.target.closest('[data-sc-baseline]')) baseline(); });
    }
    if (!$('#legend-scenario')) {
      const li = document.createElement('li');
      li.id = 'legend-scenario';
      li.hidden = true;
      li.innerHTML = '<i class="line scenario"></i><span></span>';
      $('.legend-rest').append(li);
    }
    if (!$('#sc-stored')) {
      const box = document.createElement('div');
      box.id = 'sc-stored';
      box.className = 'sc-stored';
      box.innerHTML = `<h3 id="sc-stored-head"></h3><p class="hint" id="sc-stored-hint"></p>
        <label class="token-row"><span id="sc-token-label"></span><input id="sc-token" type="password" autocomplete="off" spellcheck="false"></label>
        <p id="sc-stored-msg" class="small" role="status"></p><ul id="sc-stored-list" class="sc-list stored"></ul>`;
      $('#sc-result').after(box);
      box.addEventListener('click', onStoredClick);
      $('#sc-token').value = getToken();
      $('#sc-token').addEventListener('input', (e) => setToken(e.target.value));
    }
  }

  /** attach adds the changed-county outline to a loaded map. */
  function attach(m) {
    map = m;
    if (!map.getLayer('scenario-changed')) {
      map.addLayer({ id: 'scenario-changed', type: 'line', source: 'counties', 'source-layer': 'counties',
        filter: ['in', ['to-string', ['get', 'code']], ['literal', []]],
        layout: { 'line-join': 'round', visibility: 'none' },
        paint: { 'line-color': '#14213d', 'line-width': 3, 'line-dasharray': [2, 1.2] } },
      map.getLayer('counties-selected') ? 'counties-selected' : undefined);
    }
    apply();
  }

  function apply() {
    const codes = st.on && st.doc ? changedCodes(st.doc) : [];
    if (map?.getLayer('scenario-changed')) {
      map.setFilter('scenario-changed', ['in', ['to-string', ['get', 'code']], ['literal', codes]]);
      map.setLayoutProperty('scenario-changed', 'visibility', codes.length ? 'visible' : 'none');
    }
    colouring.set(colouring.mode());
    document.body.classList.toggle('scenario-on', st.on);
    render();
  }

  /** show colours the map by doc (a scenario document). */
  function show(doc) {
    if (!doc) return;
    st.doc = doc;
    st.on = true;
    // A scenario is evaluated on the data as it is now: leave a past year.
    const last = kepu.progress?.years?.at(-1)?.as_of;
    if (last && kepu.year?.() !== last) kepu.setYear(last);
    apply();
    save();
  }

  /** baseline goes back to the map of the data as it is. */
  function baseline() {
    st.on = false;
    apply();
    save();
  }

  function render() {
    mount();
    const bar = $('#scenario-view');
    bar.hidden = !st.on;
    if (st.on) {
      bar.innerHTML = `<span class="sv-tag">${t('scView')}</span><span class="sv-name" title="${esc(t('scViewHint'))}">${esc(st.doc.name || st.doc.id)}</span>
        <button type="button" class="mini" data-sc-baseline>${t('scBaseline')}</button>`;
    }
    const lg = $('#legend-scenario');
    lg.hidden = !st.on || !changedCodes(st.doc).length;
    lg.querySelector('span').textContent = t('scChanged');
    $('#sc-stored-head').textContent = t('scStored');
    $('#sc-stored-hint').textContent = t('scStoredHint');
    $('#sc-token-label').textContent = t('scToken');
    $('#sc-token').title = t('scTokenHint');
    $('#sc-token').placeholder = t('scTokenHint');
    const msg = $('#sc-stored-msg');
    msg.textContent = st.message;
    msg.className = `small ${st.error ? 'error' : 'muted'}`;
    $('#sc-stored-list').innerHTML = storedHTML(st.stored, { current: st.on ? st.doc?.id : null, busy: st.busy });
  }

  async function refreshStored() {
    try { st.stored = await api.scenarios(); } catch (err) { console.error('kepu: scenarios:', err.message); }
    render();
  }

  async function open(id) {
    try {
      const doc = await api.scenario(id);
      kepu.plan.result = doc;
      kepu.scenarioResult = doc;
      ctx.planning.render();
      ctx.showResult();
    } catch (err) {
      st.message = `${err.message}`;
      st.error = true;
      render();
    }
  }

  async function remove(id, name) {
    if (!getToken()) { st.message = t('scDeleteNoToken'); st.error = true; render(); return; }
    if (typeof confirm === 'function' && !confirm(t('scDeleteConfirm', { name }))) return;
    st.busy = id;
    render();
    try {
      await api.deleteScenario(id);
      st.message = t('scDeleted', { name });
      st.error = false;
      if (st.doc?.id === id) {
        st.on = false;
        st.doc = null;
        apply();
      }
      if (kepu.plan.result?.id === id) { kepu.plan.result = null; kepu.scenarioResult = null; ctx.planning.render(); }
    } catch (err) {
      st.message = `${t(`scDeleteError.${err.status}`, null, t('scDeleteError'))}（${err.message}）`;
      st.error = true;
    } finally {
      st.busy = null;
      save();
      await refreshStored();
    }
  }

  function onStoredClick(e) {
    const o = e.target.closest('[data-sc-open]');
    if (o) { open(o.dataset.scOpen); return; }
    const d = e.target.closest('[data-sc-delete]');
    if (d) remove(d.dataset.scDelete, d.dataset.name);
  }

  /** save keeps the proposals and the last result for a reload. */
  function save() {
    const plan = kepu.plan;
    if (!plan || !st.restored) return;
    const text = saveState({ items: plan.items, removed: plan.removed.values(), seq: plan.seq, name: $('#sc-name')?.value.trim() || '',
      result: plan.result?.id, view: st.on && st.doc?.id === plan.result?.id });
    try {
      if (!plan.items.length && !plan.removed.size && !plan.result) localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, text);
    } catch { /* private mode */ }
  }

  /** restore brings back what save kept; call once the planning card exists. */
  async function restore() {
    let saved = null;
    try { saved = loadState(localStorage.getItem(storageKey)); } catch { /* private mode */ }
    const plan = kepu.plan;
    if (saved && plan) {
      plan.items = saved.items;
      plan.removed = new Map(saved.removed.map((r) => [r.id, r]));
      plan.seq = saved.seq;
      if (saved.name && $('#sc-name')) $('#sc-name').value = saved.name;
      if (saved.items.length || saved.removed.length) plan.tab = 'scenario';
      ctx.planning.render();
      if (saved.result) {
        try {
          const doc = await api.scenario(saved.result);
          plan.result = doc;
          kepu.scenarioResult = doc;
          ctx.planning.render();
          if (saved.view) show(doc);
        } catch { /* gone (a server without --db restarted): keep the proposals */ }
      }
      st.message = t('scRestored');
      st.error = false;
    }
    st.restored = true;
    kepu.scenarioRestored = true;
    save();
    render();
  }

  function wire() {
    mount();
    $('#sc-name')?.addEventListener('change', save);
    for (const b of document.querySelectorAll('[data-plan-tab="scenario"]')) b.addEventListener('click', refreshStored);
    refreshStored();
  }

  Object.assign(kepu, {
    scenarioView: () => ({ on: st.on, id: st.doc?.id ?? null, name: st.doc?.name ?? null, changed: st.on ? changedCodes(st.doc) : [] }),
    baseline,
    storedScenarios: () => st.stored,
    refreshStoredScenarios: refreshStored,
  });

  return { wire, attach, show, baseline, render, save, restore, refreshStored, state: st };
}
