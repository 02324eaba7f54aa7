// yearview.js: the 年份 (year) control over the map legend and the trend
// charts in the rule panel. Moving the control recolours the counties as
// they stood at the end of that year (years.js builds the paint expression
// from GET /api/progress; no tile is fetched again); the latest year is the
// data the tiles carry. Its hooks into colourview.js are kepu.yearFill and
// kepu.yearLegend.

import { getLang } from './i18n.js';
import { esc, ruleName } from './panel.js';
import { yearFill, yearClasses, yearLabel, isLatest, series, trendSVG, countsOn } from './years.js';
import { facilityLayerIds } from './map.js';

const words = {
  zh: {
    year: '年份', latest: '（当前）', trend: '逐年达标旗县数', priorityNow: '优先级按当前数据',
    'yearPass.venue': '当年有1000㎡以上科普场馆', 'yearFail.venue': '当年无1000㎡以上科普场馆',
    'yearPass.caravan': '当年驻地在大篷车服务范围内', 'yearFail.caravan': '当年驻地无大篷车覆盖',
    'yearPass.bases': '当年有开放的科普教育基地', 'yearFail.bases': '当年无开放的科普教育基地',
    asOf: '截至 {d}',
  },
  en: {
    year: 'Year', latest: ' (now)', trend: 'Counties passing, by year', priorityNow: 'Priority is today\'s',
    'yearPass.venue': 'Had a venue ≥ 1000 m² that year', 'yearFail.venue': 'No venue ≥ 1000 m² that year',
    'yearPass.caravan': 'Seat reached by a caravan that year', 'yearFail.caravan': 'Seat not reached that year',
    'yearPass.bases': 'Had an open base that year', 'yearFail.bases': 'No open base that year',
    asOf: 'as of {d}',
  },
};

/** word is one of the year control's labels in the current language. */
export function word(key, vars) {
  let s = words[getLang()]?.[key] ?? words.zh[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, v);
  return s;
}

const $ = (sel) => document.querySelector(sel);

/** createYears builds the control; load() fetches the progress document and
 *  shows it. Exposes kepu.setYear(year), kepu.year() and kepu.progress. */
export function createYears({ kepu, colouring }) {
  let progress = null;
  let k = -1; // day index shown; the last one is the tiles' own data

  const active = () => progress && k >= 0 && !isLatest(progress, k);
  kepu.yearFill = (mode) => (active() ? yearFill(mode, progress, k) : null);
  kepu.yearLegend = (mode) => (active() ? yearClasses(mode)?.map((c) => ({ ...c, text: word(c.label) })) ?? null : null);
  kepu.yearNote = (mode) => {
    if (!active()) return '';
    const d = word('asOf', { d: progress.years[k].as_of });
    return yearClasses(mode) ? ` · ${d}` : ` · ${word('priorityNow')}`;
  };
  kepu.yearWord = word;

  function mount() {
    if ($('#year-ctl')) return;
    const div = document.createElement('div');
    div.id = 'year-ctl';
    div.className = 'year-ctl';
    div.hidden = true;
    div.innerHTML = '<h2 id="year-label-head"></h2><input id="year-range" type="range" min="0" max="0" step="1" value="0" aria-labelledby="year-label-head"><output id="year-value" for="year-range"></output>';
    $('.map-legend').prepend(div);
    const card = document.createElement('div');
    card.id = 'trend';
    card.className = 'trend-list';
    $('#summary').after(card);
    $('#year-range').addEventListener('input', (e) => show(Number(e.target.value)));
  }

  /** show recolours the map for day index i, shows only the facilities
   *  counting then, and redraws the control. */
  function show(i) {
    if (!progress) return;
    k = Math.max(0, Math.min(progress.years.length - 1, i));
    colouring.set(colouring.mode());
    filterFacilities();
    render();
  }

  // baseFilters are the facility layers' own filters, kept to add the day's to.
  const baseFilters = {};
  function filterFacilities() {
    const map = kepu.map;
    if (!map) return;
    for (const id of facilityLayerIds) {
      if (!map.getLayer(id)) continue;
      if (!(id in baseFilters)) baseFilters[id] = map.getFilter(id) ?? null;
      const base = baseFilters[id];
      const day = active() ? countsOn(progress.years[k].as_of) : null;
      map.setFilter(id, day ? (base ? ['all', base, day] : day) : base);
    }
  }

  function render() {
    if (!progress) return;
    const labels = progress.years.map((_, i) => yearLabel(progress, i));
    $('#year-ctl').hidden = false;
    $('#year-label-head').textContent = word('year');
    $('#year-range').max = String(labels.length - 1);
    $('#year-range').value = String(k);
    $('#year-value').textContent = labels[k] + (isLatest(progress, k) ? word('latest') : '');
    $('#year-ctl').dataset.asOf = progress.years[k].as_of;
    $('#trend').innerHTML = `<h3>${esc(word('trend'))}</h3>` + series(progress).map((s) =>
      `<div class="trend-row" data-rule="${esc(s.id)}"><span class="sname">${esc(ruleName(s.id))}</span><span class="sval">${s.values[k]}/${s.total}</span>${trendSVG(s, labels, k)}</div>`).join('');
  }

  async function load() {
    mount();
    try {
      const r = await fetch('/api/progress');
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      progress = await r.json();
    } catch (err) {
      console.error('kepu: progress:', err.message);
      return;
    }
    kepu.progress = progress;
    k = progress.years.length - 1;
    render();
  }

  kepu.setYear = (year) => {
    const i = progress?.years.findIndex((y) => String(y.year) === String(year) || y.as_of === year) ?? -1;
    if (i >= 0) show(i);
    return kepu.year();
  };
  kepu.year = () => (progress && k >= 0 ? progress.years[k].as_of : null);
  return { load, render, show };
}
