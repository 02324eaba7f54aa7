// plan.js: the planning tools of the web map — caravan station and venue
// site suggestions, and the what-if scenario (proposed facilities placed on
// the map, registry facilities removed, evaluated by POST /api/scenarios).

import { t } from './i18n.js';
import * as api from './api.js';
import { esc, num, people } from './panel.js';
import { colors } from './map.js';
import * as view from './planview.js';

const $ = (sel) => document.querySelector(sel);


/** createPlanning wires the planning card. ctx: kepu (the test handle),
 *  showResult() (open the detail panel on the scenario result), selectUnit(code),
 *  countyAt(lngLat) → {code, name} | null, unitName(code), facilityName(id). */
export function createPlanning(ctx) {
  const plan = {
    tab: null, // the open tool; null: the card is folded
    caravans: null, venues: null, // last suggestion documents
    items: [], // proposed facilities
    removed: new Map(), // id → {id, name, category, lon, lat}
    mode: null, // 'venue' | 'caravan' while placing
    result: null, error: null, busy: {},
    seq: 0, runs: 0,
  };
  let map = null;
  const { kepu } = ctx;

  // --- map: areas as GeoJSON layers, points as DOM markers ----------------
  // Stations, sites and proposed facilities sit at county seats, where the
  // HTML labels are; only DOM markers draw above those.

  const suggestionData = () => ({
    type: 'FeatureCollection',
    features: [...view.features(plan.caravans?.features), ...view.features(plan.venues?.features)],
  });

  function proposedData() {
    const features = [];
    for (const it of plan.items) {
      const pt = [Number(it.lon), Number(it.lat)];
      const km = it.category === 'caravan' ? Number(it.reach_km) : Number(plan.result?.changes?.reach?.venue_radius_km ?? 50);
      features.push({ type: 'Feature', geometry: view.circle(pt[0], pt[1], km), properties: { kind: 'proposed-area', category: it.category, id: it.id } });
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: pt }, properties: { ...it, kind: 'proposed', proposed: true } });
    }
    for (const r of plan.removed.values()) {
      if (r.lon !== undefined && r.lon !== '' && Number.isFinite(Number(r.lon))) {
        features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [Number(r.lon), Number(r.lat)] }, properties: { ...r, kind: 'removed' } });
      }
    }
    return { type: 'FeatureCollection', features };
  }

  let Marker = null, Popup = null, popup = null;
  const markers = { suggest: [], proposed: [] };

  function markerElement(p, lngLat) {
    const el = document.createElement('div');
    el.className = `plan-marker ${p.kind} ${p.category || ''}`;
    if (p.kind === 'station') {
      el.innerHTML = view.markSVG('station');
      el.title = `${t('legendSuggestCaravan')}: ${p.name}`;
    } else if (p.kind === 'site') {
      el.innerHTML = view.markSVG('site', p.rank);
      el.title = `${t('legendSuggestVenue')} ${p.rank}: ${p.name}`;
    } else if (p.kind === 'proposed') {
      el.title = `${t('proposedTag')}: ${p.name}`;
    } else if (p.kind === 'removed') {
      el.innerHTML = view.markSVG('removed');
      el.title = `${t('removedTag')}: ${p.name}`;
    }
    el.addEventListener('click', (e) => { e.stopPropagation(); openPopup(p, lngLat); });
    return el;
  }

  function placeMarkers(which, features) {
    for (const m of markers[which]) m.remove();
    markers[which] = [];
    if (!Marker || !map) return;
    for (const f of features) {
      if (f.geometry?.type !== 'Point') continue;
      const at = f.geometry.coordinates;
      markers[which].push(new Marker({ element: markerElement(f.properties, at) }).setLngLat(at).addTo(map));
    }
  }

  /** openPopup shows a planning marker's popup. */
  function openPopup(p, lngLat) {
    if (!Popup || !map) return;
    const count = (v) => (Array.isArray(v) ? v.length : 0);
    let html = '';
    if (p.kind === 'proposed') {
      const what = p.category === 'venue' ? `${num(p.floor_area_m2, 0)} ${t('m2')}` : `${num(p.reach_km, 0)} ${t('km')}`;
      html = `<p class="muted">${t('proposedTag')} · ${esc(t(`category.${p.category}`))}</p><b>${esc(p.name)}</b> <span class="muted">${esc(what)}</span>
        <div class="popup-actions"><button type="button" class="mini ghost" data-plan="unpropose" data-id="${esc(p.id)}">${t('deleteItem')}</button></div>`;
    } else if (p.kind === 'removed') {
      html = `<p class="muted">${t('removedTag')}</p><b>${esc(p.name)}</b>
        <div class="popup-actions"><button type="button" class="mini ghost active" data-scenario-remove="${esc(p.id)}" data-name="${esc(p.name)}">${t('undoRemove')}</button></div>`;
    } else if (p.kind === 'station') {
      html = `<p class="muted">${t('legendSuggestCaravan')}</p><b>${esc(p.name)}</b><p>${esc(t('stationLine', { n: count(p.reaches), c: count(p.closes) }))}</p>`;
    } else if (p.kind === 'site') {
      html = `<p class="muted">${t('legendSuggestVenue')} · ${esc(p.rank)}</p><b>${esc(p.name)}</b><p>${t('gain')} +${esc(people(p.gain))}</p>`;
    }
    popup?.remove();
    popup = new Popup({ maxWidth: '280px', offset: 14 }).setLngLat(lngLat).setHTML(`<div class="popup">${html}</div>`).addTo(map);
  }

  /** attach adds the planning sources, layers and markers to a loaded map. */
  function attach(m, maplibregl) {
    map = m;
    ({ Marker, Popup } = maplibregl);
    map.addSource('plan-suggest', { type: 'geojson', data: suggestionData() });
    map.addSource('plan-proposed', { type: 'geojson', data: proposedData() });
    const before = map.getLayer('bases-other') ? 'bases-other' : undefined;
    const byKind = ['match', ['get', 'kind'], 'reach', colors.caravan, 'radius', view.siteColor, '#888'];
    const isPolygon = ['==', ['geometry-type'], 'Polygon'];
    map.addLayer({ id: 'plan-areas-fill', type: 'fill', source: 'plan-suggest', filter: isPolygon,
      paint: { 'fill-color': byKind, 'fill-opacity': 0.08 } }, before);
    map.addLayer({ id: 'plan-areas-line', type: 'line', source: 'plan-suggest', filter: isPolygon,
      paint: { 'line-color': byKind, 'line-width': 1.6, 'line-dasharray': [3, 2] } }, before);
    map.addLayer({ id: 'plan-proposed-areas', type: 'line', source: 'plan-proposed', filter: isPolygon,
      paint: { 'line-color': ['match', ['get', 'category'], 'caravan', colors.caravan, colors.venue], 'line-width': 1.4,
        'line-dasharray': [2, 2], 'line-opacity': 0.9 } }, before);
    refreshMap();
  }

  function refreshMap() {
    const legend = (id, on) => { const el = $(id); if (el) el.hidden = !on; };
    legend('#legend-suggest-caravan', !!plan.caravans?.stations?.length);
    legend('#legend-suggest-venue', !!plan.venues?.sites?.length);
    legend('#legend-proposed', plan.items.length > 0);
    legend('#legend-removed', plan.removed.size > 0);
    if (!map?.getSource('plan-suggest')) { ctx.changed?.(); return; }
    const suggested = suggestionData(), proposed = proposedData();
    map.getSource('plan-suggest').setData(suggested);
    map.getSource('plan-proposed').setData(proposed);
    placeMarkers('suggest', suggested.features);
    placeMarkers('proposed', proposed.features);
    ctx.changed?.(); // scenariomap.js keeps the proposals for a reload
  }

  // --- suggestions --------------------------------------------------------

  // numberIn reads a number input; out-of-range values pass through so that
  // the server says what is wrong with them, empty ones take the default.
  const numberIn = (sel, def) => {
    const raw = $(sel)?.value.trim();
    const v = Number(raw);
    return raw && Number.isFinite(v) ? v : def;
  };

  async function run(which) {
    plan.busy[which] = true;
    plan.error = null;
    render();
    try {
      if (which === 'caravans') plan.caravans = await api.suggestCaravans(numberIn('#cv-reach', 100));
      else plan.venues = await api.suggestVenues(Math.round(numberIn('#vs-k', 3)), numberIn('#vs-radius', 50));
      plan[`${which}Error`] = null;
    } catch (err) {
      plan[`${which}Error`] = err;
      console.error(`kepu: suggestions/${which}:`, err.message);
    } finally {
      plan.busy[which] = false;
      refreshMap();
      render();
      $(`#${which === 'caravans' ? 'cv' : 'vs'}-result`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  function clearSuggestions(which) {
    plan[which] = null;
    plan[`${which}Error`] = null;
    refreshMap();
    render();
  }

  function flyTo(lon, lat) {
    map?.flyTo({ center: [Number(lon), Number(lat)], zoom: Math.max(map.getZoom(), 7) });
  }

  /** adopt turns the current suggestions into proposed facilities. */
  function adopt(which) {
    if (which === 'caravans') {
      for (const s of plan.caravans?.stations || []) {
        propose({ category: 'caravan', lon: s.lon, lat: s.lat, reach_km: plan.caravans.reach_km, county: s.code, countyName: s.name });
      }
    } else {
      const area = Math.max(numberIn('#sc-area', 1200), Number(plan.venues?.min_floor_area_m2) || 0);
      for (const s of plan.venues?.sites || []) {
        propose({ category: 'venue', lon: s.lon, lat: s.lat, floor_area_m2: area, county: s.code, countyName: s.name });
      }
    }
    setTab('scenario', true);
  }

  // --- scenario -----------------------------------------------------------

  /** propose adds a proposed facility at lon/lat; the county is looked up
   *  on the map when not given. Returns the item. */
  function propose({ category = 'venue', lon, lat, floor_area_m2, reach_km, name, county, countyName }) {
    if (!Number.isFinite(Number(lon)) || !Number.isFinite(Number(lat))) throw new Error(`propose: bad point ${lon}, ${lat}`);
    if (!county) {
      const c = ctx.countyAt([Number(lon), Number(lat)]);
      county = c?.code;
      countyName = c?.name;
    }
    plan.seq += 1;
    const item = {
      id: `PROPOSED-${plan.seq}`,
      name: name || t('proposedName', { county: countyName || '', what: t(category === 'caravan' ? 'proposedCaravan' : 'proposedVenue'), n: plan.seq })
        .replace(/^, |, $/, ''),
      category, lon: +Number(lon).toFixed(6), lat: +Number(lat).toFixed(6),
    };
    if (county) item.county = county;
    if (category === 'venue') item.floor_area_m2 = Number(floor_area_m2 ?? numberIn('#sc-area', 1200));
    if (category === 'caravan') item.reach_km = Number(reach_km ?? numberIn('#sc-reach', 100));
    plan.items.push(item);
    plan.tab = 'scenario';
    plan.error = null;
    refreshMap();
    render();
    return item;
  }

  function unpropose(id) {
    plan.items = plan.items.filter((it) => it.id !== id);
    refreshMap();
    render();
  }

  /** toggleRemoval marks a registry facility for removal, or unmarks it. */
  function toggleRemoval(f) {
    if (plan.removed.has(f.id)) plan.removed.delete(f.id);
    else plan.removed.set(f.id, { id: f.id, name: f.name || f.id, category: f.category, lon: f.lon, lat: f.lat });
    plan.error = null;
    refreshMap();
    render();
    syncRemoveButtons();
  }

  /** syncRemoveButtons keeps every "remove in scenario" button's label in step. */
  function syncRemoveButtons(root = document) {
    for (const b of root.querySelectorAll('[data-scenario-remove]:not([data-keep-label])')) {
      const on = plan.removed.has(b.dataset.scenarioRemove);
      b.textContent = t(on ? 'undoRemove' : 'removeInScenario');
      b.classList.toggle('active', on);
    }
  }

  function setMode(mode) {
    plan.mode = mode;
    document.body.classList.toggle('placing', !!mode);
    if (map) map.getCanvas().style.cursor = mode ? 'crosshair' : '';
    const banner = $('#plan-banner');
    if (banner) {
      banner.hidden = !mode;
      if (mode) {
        banner.innerHTML = `<span>${esc(mode === 'venue'
          ? t('placeVenue', { v: num(numberIn('#sc-area', 1200), 0) })
          : t('placeCaravan', { v: num(numberIn('#sc-reach', 100), 0) }))}</span> <button type="button" data-plan="cancel-place">${t('cancel')}</button>`;
      }
    }
    render();
  }

  /** click handles a map click while placing a proposed facility; true
   *  when it used the click. */
  function click(e) {
    if (!plan.mode) return false;
    propose({ category: plan.mode, lon: e.lngLat.lng, lat: e.lngLat.lat });
    setMode(null);
    return true;
  }

  /** popupActions is the action row for a registry facility's popup. */
  function popupActions(props, coords) {
    if (!props?.id) return '';
    const on = plan.removed.has(props.id);
    return `<div class="popup-actions"><button type="button" class="mini ghost${on ? ' active' : ''}" data-scenario-remove="${esc(props.id)}"
      data-name="${esc(props.name || props.id)}" data-category="${esc(props.category || '')}" data-lon="${esc(coords?.[0])}" data-lat="${esc(coords?.[1])}">${t(on ? 'undoRemove' : 'removeInScenario')}</button></div>`;
  }

  const scenarioName = () => $('#sc-name')?.value.trim() || t('scenarioDefaultName', { n: plan.runs + 1 });

  async function evaluate() {
    if (!plan.items.length && !plan.removed.size) return null;
    plan.busy.scenario = true;
    plan.error = null;
    render();
    try {
      const body = view.scenarioBody(scenarioName(), plan.items, plan.removed.keys());
      const doc = await api.postScenario(body);
      plan.runs += 1;
      plan.result = doc;
      kepu.scenarioResult = doc;
      kepu.scenarioError = null;
      ctx.showResult();
      return doc;
    } catch (err) {
      plan.error = err;
      kepu.scenarioError = { message: err.message, problems: err.problems || [] };
      return null;
    } finally {
      plan.busy.scenario = false;
      refreshMap();
      render();
      $('#sc-result')?.scrollIntoView({ block: 'nearest' });
    }
  }

  function resetScenario() {
    plan.items = [];
    plan.removed.clear();
    plan.result = null;
    plan.error = null;
    kepu.scenarioResult = null;
    setMode(null);
    refreshMap();
    syncRemoveButtons();
    ctx.closeResult?.();
  }

  const facilityName = (id) => plan.removed.get(id)?.name || ctx.facilityName?.(id) || id;

  /** resultHTML is the detail panel for the last scenario result. */
  function resultHTML() {
    if (!plan.result) return '';
    return view.scenarioResultHTML(plan.result, (code) => ctx.unitName(code) || facilityName(code));
  }

  // --- the card ----------------------------------------------------------

  /** setTab opens a tool; choosing the open one again folds the card
   *  (unless keep), so the gap list below keeps its room. */
  function setTab(tab, keep = false) {
    plan.tab = plan.tab === tab && !keep ? null : tab;
    render();
  }

  function render() {
    for (const b of document.querySelectorAll('[data-plan-tab]')) {
      const on = b.dataset.planTab === plan.tab;
      b.classList.toggle('active', on);
      b.setAttribute('aria-selected', on);
    }
    for (const p of document.querySelectorAll('[data-plan-pane]')) p.hidden = p.dataset.planPane !== plan.tab;
    $('.plan-card')?.classList.toggle('open', !!plan.tab);

    const busyBtn = (sel, busy, label) => { const b = $(sel); if (b) { b.disabled = busy; b.textContent = t(busy ? 'computing' : label); } };
    busyBtn('#cv-run', plan.busy.caravans, 'suggest');
    busyBtn('#vs-run', plan.busy.venues, 'suggest');

    const result = (which, html) => {
      const el = $(`#${which === 'caravans' ? 'cv' : 'vs'}-result`);
      const err = plan[`${which}Error`];
      const doc = plan[which];
      el.innerHTML = err ? `<p class="error">${esc(err.message)}</p>`
        : doc ? `${html(doc)}<div class="plan-actions"><button type="button" class="mini" data-plan="adopt" data-which="${which}">${t('adopt')}</button>
            <button type="button" class="mini ghost" data-plan="clear" data-which="${which}">${t('clear')}</button></div>` : '';
    };
    result('caravans', (d) => view.caravanSummaryHTML(d, ctx.unitName));
    result('venues', (d) => view.venueSummaryHTML(d));

    for (const [sel, mode] of [['#sc-add-venue', 'venue'], ['#sc-add-caravan', 'caravan']]) {
      const b = $(sel);
      if (b) b.classList.toggle('active', plan.mode === mode);
    }
    const items = plan.items.map((it) => `<li><i class="mark proposed ${esc(it.category)}"></i><span class="item-name">${esc(it.name)}
        <span class="muted">${esc(it.category === 'venue' ? `${num(it.floor_area_m2, 0)} ${t('m2')}` : `${num(it.reach_km, 0)} ${t('km')}`)}</span></span>
        <button type="button" class="icon-btn" data-plan="unpropose" data-id="${esc(it.id)}" title="${t('deleteItem')}" aria-label="${t('deleteItem')}">×</button></li>`);
    const removed = [...plan.removed.values()].map((r) => `<li class="removed"><i class="mark">${view.markSVG('removed', '', 14)}</i><span class="item-name">${esc(r.name)}
        <span class="muted">${t('removedTag')}</span></span>
        <button type="button" class="icon-btn" data-scenario-remove="${esc(r.id)}" data-keep-label title="${t('undoRemove')}" aria-label="${t('undoRemove')}">×</button></li>`);
    $('#sc-list').innerHTML = [...items, ...removed].join('') || `<li class="muted empty">${t('scenarioEmpty')}</li>`;
    const ev = $('#sc-evaluate');
    ev.disabled = plan.busy.scenario || (!plan.items.length && !plan.removed.size);
    ev.textContent = t(plan.busy.scenario ? 'evaluating' : 'evaluate');
    $('#sc-reset').disabled = !plan.items.length && !plan.removed.size && !plan.result;
    const out = $('#sc-result');
    out.innerHTML = plan.error ? view.problemsHTML(plan.error)
      : plan.result ? `<p class="scenario-line ok">${esc(view.summaryLine(plan.result))} <button type="button" class="link" data-plan="show-result">${t('showResult')}</button></p>` : '';
    const tabCount = $('#sc-count');
    if (tabCount) { const n = plan.items.length + plan.removed.size; tabCount.textContent = n ? String(n) : ''; tabCount.hidden = !n; }
  }

  function wire() {
    for (const b of document.querySelectorAll('[data-plan-tab]')) b.addEventListener('click', () => setTab(b.dataset.planTab));
    $('#cv-run').addEventListener('click', () => run('caravans'));
    $('#vs-run').addEventListener('click', () => run('venues'));
    $('#sc-add-venue').addEventListener('click', () => setMode(plan.mode === 'venue' ? null : 'venue'));
    $('#sc-add-caravan').addEventListener('click', () => setMode(plan.mode === 'caravan' ? null : 'caravan'));
    $('#sc-evaluate').addEventListener('click', evaluate);
    $('#sc-reset').addEventListener('click', resetScenario);
    for (const sel of ['#cv-reach', '#vs-k', '#vs-radius']) {
      $(sel).addEventListener('keydown', (e) => { if (e.key === 'Enter') (sel === '#cv-reach' ? $('#cv-run') : $('#vs-run')).click(); });
    }
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && plan.mode) setMode(null); });
    // One delegated handler for buttons in the card, the popups and the detail panel.
    document.addEventListener('click', (e) => {
      const rm = e.target.closest('[data-scenario-remove]');
      if (rm) {
        e.stopPropagation();
        const d = rm.dataset;
        toggleRemoval({ id: d.scenarioRemove, name: d.name, category: d.category, lon: d.lon, lat: d.lat });
        return;
      }
      const b = e.target.closest('[data-plan]');
      if (b) {
        const act = b.dataset.plan;
        if (act === 'adopt') adopt(b.dataset.which);
        if (act === 'clear') clearSuggestions(b.dataset.which);
        if (act === 'unpropose') unpropose(b.dataset.id);
        if (act === 'cancel-place') setMode(null);
        if (act === 'show-result') ctx.showResult();
        return;
      }
      const li = e.target.closest('.plan-list li[data-lon]');
      if (li) flyTo(li.dataset.lon, li.dataset.lat);
    });
    document.addEventListener('keydown', (e) => {
      const li = e.target.closest?.('.plan-list li[data-lon]');
      if (li && e.key === 'Enter') flyTo(li.dataset.lon, li.dataset.lat);
    });
  }

  wire();
  render();

  Object.assign(kepu, {
    scenarioResult: null,
    suggestionFeatures: () => suggestionData().features.length,
    renderedSuggestions: () => markers.suggest.filter((m) => m.getElement().isConnected).length
      + (map?.getLayer('plan-areas-line') ? map.queryRenderedFeatures({ layers: ['plan-areas-line'] }).length : 0),
    renderedProposed: () => markers.proposed.filter((m) => m.getElement().isConnected).length,
    propose: (f) => propose(f),
    evaluateScenario: () => evaluate(),
    plan,
  });

  return { attach, click, popupActions, resultHTML, render: () => { render(); syncRemoveButtons(); refreshMap(); }, syncRemoveButtons };
}
