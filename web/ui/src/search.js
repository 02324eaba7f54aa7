// search.js: the search box. Counties and leagues match at once from the
// units the page holds; facilities (by name or id) come from GET
// /api/search. A unit hit opens its panel, a facility hit flies to the
// facility and opens its popup. The pure parts (ranking, the list's HTML)
// are tested by node (web/ui/test/find.test.mjs).

import { t } from './i18n.js';
import { esc, num } from './panel.js';
import * as api from './api.js';

/** matchRank says how well a record with id and name matches q, as the
 *  server ranks (web/search.go): 1 the id itself, 2 the name itself, 3 an
 *  id starting with q, 4 a name starting with q, 5 a name holding q, 6 an
 *  id holding q; 0 no match. Case does not matter. */
export function matchRank(id, name, q) {
  const i = String(id ?? '').toLowerCase(), n = String(name ?? '').toLowerCase(), s = String(q ?? '').trim().toLowerCase();
  if (!s) return 0;
  if (i === s) return 1;
  if (n === s) return 2;
  if (i.startsWith(s)) return 3;
  if (n.startsWith(s)) return 4;
  if (n.includes(s)) return 5;
  if (i.includes(s)) return 6;
  return 0;
}

/** searchUnits are the units matching q, best first, ties by code, at most limit. */
export function searchUnits(units, q, limit = 8) {
  return units.map((u) => ({ u, r: matchRank(u.code, u.name, q) }))
    .filter((h) => h.r > 0)
    .sort((a, b) => a.r - b.r || String(a.u.code).localeCompare(String(b.u.code)))
    .slice(0, limit).map((h) => h.u);
}

/** facilityNote is a facility hit's second line: category, size, county, id. */
export function facilityNote(f, unitName = () => '') {
  const bits = [t(`category.${f.category}`, null, f.category || '')];
  if (f.category === 'venue' && f.floor_area_m2 != null) bits.push(`${num(f.floor_area_m2, 0)} ${t('m2')}`);
  if (f.category === 'base' && f.level) bits.push(t(`baseLevel.${f.level}`, null, f.level));
  const county = f.located_county || f.county;
  if (county) bits.push(unitName(county) || county);
  if (f.status && f.status !== 'open') bits.push(t(`status.${f.status}`, null, f.status));
  return bits.filter(Boolean).join(' · ');
}

/** resultsHTML is the list under the search box: unit hits, then facility
 *  hits (data-facility is the index in facilities), then a note while the
 *  facilities load or when they failed. */
export function resultsHTML({ units = [], facilities = [], leagueName = () => '', unitName = () => '', pending = false, error = null, limit = 8 }) {
  const unitRows = units.map((u) => `<li data-code="${esc(u.code)}" tabindex="0"><b>${esc(u.name)}</b> <span class="muted">${esc(u.parent ? leagueName(u.parent) : t(`level.${u.level || 'league'}`, null, ''))}</span></li>`);
  const facRows = facilities.map((f, i) => `<li data-facility="${i}" data-id="${esc(f.id)}" tabindex="0"><i class="dot ${esc(f.category || 'other')}"></i><b>${esc(f.name || f.id)}</b>
    <span class="sr-id">${esc(f.id)}</span><span class="muted sr-note">${esc(facilityNote(f, unitName))}</span></li>`);
  const parts = [];
  if (unitRows.length) parts.push(`<li class="sr-head" aria-hidden="true">${t('searchUnits')}</li>`, ...unitRows);
  if (facRows.length) parts.push(`<li class="sr-head" aria-hidden="true">${t('searchFacilities')}</li>`, ...facRows);
  if (facilities.length >= limit) parts.push(`<li class="muted sr-more">${esc(t('searchMore', { n: limit }))}</li>`);
  if (error) parts.push(`<li class="error sr-more">${esc(t('searchFailed'))}: ${esc(error)}</li>`);
  else if (pending && !parts.length) parts.push(`<li class="muted">${t('loading')}</li>`);
  return parts.join('') || `<li class="muted">${t('noMatch')}</li>`;
}

const $ = (sel) => document.querySelector(sel);

/** createSearch wires #search and #search-results. ctx: units() → the
 *  counties and leagues, leagueName(code), unitName(code), selectUnit(code),
 *  showFacility(plain facility). */
export function createSearch(ctx) {
  const limit = 8;
  const st = { q: '', units: [], facilities: [], pending: false, error: null };
  let timer = null, seq = 0;

  function render() {
    const list = $('#search-results');
    if (!st.q) { list.hidden = true; return; }
    list.innerHTML = resultsHTML({ ...st, leagueName: ctx.leagueName, unitName: ctx.unitName, limit });
    list.hidden = false;
  }

  async function fetchFacilities(q, mine) {
    try {
      const doc = await api.search(q, limit);
      if (mine !== seq) return;
      st.facilities = doc.facilities;
      st.error = null;
    } catch (err) {
      if (mine !== seq) return;
      st.facilities = [];
      st.error = err.message;
    }
    st.pending = false;
    render();
  }

  function input() {
    st.q = $('#search').value.trim();
    st.units = st.q ? searchUnits(ctx.units(), st.q, limit) : [];
    st.facilities = [];
    st.error = null;
    seq += 1;
    clearTimeout(timer);
    st.pending = !!st.q;
    if (st.q) { const q = st.q, mine = seq; timer = setTimeout(() => fetchFacilities(q, mine), 180); }
    render();
  }

  function pick(li) {
    const list = $('#search-results');
    if (li.dataset.code) {
      ctx.selectUnit(li.dataset.code);
      $('#search').value = st.units.find((u) => u.code === li.dataset.code)?.name || li.dataset.code;
    } else if (li.dataset.facility !== undefined) {
      const f = st.facilities[Number(li.dataset.facility)];
      if (!f) return;
      ctx.showFacility(f);
      $('#search').value = f.name || f.id;
    }
    close();
  }

  // close hides the list and drops the answers still on their way.
  function close() {
    seq += 1;
    clearTimeout(timer);
    st.q = '';
    st.pending = false;
    $('#search-results').hidden = true;
  }

  function wire() {
    const box = $('#search'), list = $('#search-results');
    box.addEventListener('input', input);
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { const first = list.querySelector('li[data-code], li[data-facility]'); if (first) pick(first); }
      if (e.key === 'Escape') close();
      if (e.key === 'ArrowDown') { e.preventDefault(); list.querySelector('li[tabindex]')?.focus(); }
    });
    const onPick = (e) => {
      const li = e.target.closest('li[data-code], li[data-facility]');
      if (!li || (e.type === 'keydown' && e.key !== 'Enter')) return;
      pick(li);
    };
    list.addEventListener('click', onPick);
    list.addEventListener('keydown', onPick);
    // A click elsewhere folds the list; focusing the box again reopens it.
    document.addEventListener('click', (e) => { if (!e.target.closest('.search')) list.hidden = true; });
    box.addEventListener('focus', () => { if (box.value.trim()) input(); });
  }

  return { wire, render, input, state: st };
}
