// facilitytable.js: a county's or league's facilities as a sortable table
// (name, id, category, status, floor area or level, opened, closed, how
// the point was located), in a dialog opened from the unit's panel. A row
// flies to its facility. The pure parts (rows, sorting, HTML) are tested
// by node (web/ui/test/find.test.mjs).

import { t } from './i18n.js';
import { esc, num } from './panel.js';

/** columns are the table's columns, in order; county shows for a league. */
export const columns = ['name', 'id', 'category', 'status', 'size', 'opened', 'closed', 'located_by', 'county'];

const categoryOrder = { venue: 0, caravan: 1, base: 2 };
const levelOrder = { national: 5, regional: 4, league: 3, county: 2, other: 1 };
const statusOrder = { open: 0, under_construction: 1, planned: 2, closed: 3 };

const blank = (v) => v === undefined || v === null || v === '';

/** sizeOf is a facility's size as [sort value, text]: a venue's floor area,
 *  a caravan's reach, a base's level. */
function sizeOf(f) {
  if (f.category === 'venue' && !blank(f.floor_area_m2)) return [Number(f.floor_area_m2), `${num(f.floor_area_m2, 0)} ${t('m2')}`];
  if (f.category === 'caravan' && !blank(f.reach_km)) return [Number(f.reach_km), `${num(f.reach_km, 0)} ${t('km')}`];
  if (f.category === 'base' && f.level) return [levelOrder[f.level] ?? 0, t(`baseLevel.${f.level}`, null, f.level)];
  return [null, ''];
}

/** tableRows turns plain facilities into rows: for each column a sort
 *  value (`v`) and a text (`text`), and the facility itself (`f`). */
export function tableRows(facilities, unitName = () => '') {
  return (facilities || []).map((f) => {
    const [size, sizeText] = sizeOf(f);
    const county = f.located_county || f.county || '';
    const year = (v) => (blank(v) ? null : String(v));
    return {
      f,
      v: {
        name: f.name || '', id: f.id || '', category: categoryOrder[f.category] ?? 9, status: statusOrder[f.status || 'open'] ?? 9,
        size, opened: year(f.opened), closed: year(f.closed), located_by: f.located_by ? 1 : 0, county,
      },
      text: {
        name: f.name || f.id || '', id: f.id || '', category: t(`category.${f.category}`, null, f.category || ''),
        status: t(`status.${f.status || 'open'}`, null, f.status || ''), size: sizeText,
        opened: year(f.opened) ?? '', closed: year(f.closed) ?? '',
        located_by: t(f.located_by ? 'locatedSeat' : 'locatedPoint'), county: county ? (unitName(county) || county) : '',
      },
    };
  });
}

/** sortRows sorts rows by column key, up (dir 1) or down (-1): numbers as
 *  numbers, text in the language's order, blanks last either way; ties by
 *  id. Size sorts within each category (venues by area, bases by level). */
export function sortRows(rows, key = 'name', dir = 1) {
  const cmp = (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a).localeCompare(String(b), 'zh-CN', { numeric: true });
  };
  return [...rows].sort((x, y) => {
    if (key === 'size' && x.v.category !== y.v.category) return x.v.category - y.v.category;
    const a = x.v[key], b = y.v[key];
    if (blank(a) !== blank(b)) return blank(a) ? 1 : -1;
    const c = blank(a) ? 0 : cmp(a, b) * dir;
    return c || cmp(x.v.id, y.v.id);
  });
}

/** tableHTML is the table for rows sorted by {key, dir}; league adds the
 *  county column. */
export function tableHTML(rows, { key = 'name', dir = 1 } = {}, { league = false } = {}) {
  if (!rows.length) return `<p class="muted">${t('ftEmpty')}</p>`;
  const cols = columns.filter((c) => c !== 'county' || league);
  const head = cols.map((c) => {
    const on = c === key;
    const aria = on ? (dir > 0 ? 'ascending' : 'descending') : 'none';
    return `<th scope="col" aria-sort="${aria}" data-col="${c}"><button type="button" data-sort="${c}">${esc(t(`ft.${c}`))}<span class="sort-mark" aria-hidden="true">${on ? (dir > 0 ? '▲' : '▼') : ''}</span></button></th>`;
  }).join('');
  const body = rows.map((r) => `<tr data-id="${esc(r.f.id)}" tabindex="0">${cols.map((c) =>
    `<td data-col="${c}"${c === 'status' ? ` class="st-${esc(r.f.status || 'open')}"` : ''}>${esc(r.text[c])}</td>`).join('')}</tr>`).join('');
  return `<table class="ftable"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const $ = (sel) => document.querySelector(sel);

/** createFacilityTable makes the dialog. ctx: unitName(code),
 *  showFacility(plain facility). open(unit, facilities) shows it. */
export function createFacilityTable(ctx) {
  const st = { unit: null, rows: [], key: 'name', dir: 1 };

  function mount() {
    if ($('#ftable-dialog')) return $('#ftable-dialog');
    const d = document.createElement('dialog');
    d.id = 'ftable-dialog';
    d.className = 'ftable-dialog';
    d.innerHTML = `<header class="ft-head"><div><h2 id="ft-title"></h2><p id="ft-count" class="muted"></p></div>
      <button type="button" class="close" id="ft-close">×</button></header><div id="ft-body" class="ft-body"></div>`;
    document.body.append(d);
    d.addEventListener('click', (e) => {
      if (e.target === d || e.target.closest('#ft-close')) { d.close(); return; }
      const s = e.target.closest('[data-sort]');
      if (s) { sortBy(s.dataset.sort); return; }
      const tr = e.target.closest('tr[data-id]');
      if (tr) go(tr.dataset.id);
    });
    d.addEventListener('keydown', (e) => {
      const tr = e.target.closest?.('tr[data-id]');
      if (tr && e.key === 'Enter') go(tr.dataset.id);
    });
    return d;
  }

  function go(id) {
    const r = st.rows.find((x) => x.f.id === id);
    if (!r) return;
    $('#ftable-dialog').close();
    ctx.showFacility(r.f);
  }

  function sortBy(key) {
    st.dir = st.key === key ? -st.dir : 1;
    st.key = key;
    render();
  }

  function render() {
    const d = $('#ftable-dialog');
    if (!d || !st.unit) return;
    st.rows = sortRows(tableRows(st.facilities, ctx.unitName), st.key, st.dir);
    $('#ft-title').textContent = t('ftTitle', { name: st.unit.name || st.unit.code });
    $('#ft-count').textContent = `${t('ftCount', { n: st.rows.length })} · ${t('ftSortHint')}`;
    $('#ft-close').title = t('close');
    $('#ft-body').innerHTML = tableHTML(st.rows, st, { league: st.unit.level === 'league' });
  }

  /** open shows unit's facilities (plain objects) in the dialog. */
  function open(unit, facilities) {
    const d = mount();
    st.unit = unit;
    st.facilities = facilities || [];
    render();
    if (!d.open) d.showModal();
    d.querySelector('#ft-body').scrollTop = 0;
  }

  return { open, render, state: st };
}
