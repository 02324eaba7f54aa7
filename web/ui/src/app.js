// app.js: the kepu web map. Wires the MapLibre map, the left panel (search,
// summary, layers, legend, gap list) and the right detail panel together.

import './findwords.js'; // find-and-filter and scenario-view labels, before anything renders
import { t, getLang, setLang, applyStatic, setRegion, regionBounds } from './i18n.js';
import * as api from './api.js';
import { buildStyle, region, toggleLayers, facilityLayerIds } from './map.js';
import { esc, num, ruleName, unitHTML, popupHTML, gapRowHTML, rememberNames } from './panel.js';
import { createPlanning } from './plan.js';
import { createColouring } from './colourview.js';
import { createInvestment } from './investment.js';
import { createYears } from './yearview.js';
// find and filter, scenarios on the map (issue 13 parts 4 and 5)
import { createSearch } from './search.js';
import { filterGaps, ruleChoices, leagueChoices, gapsCSVHref } from './gapfilter.js';
import { createFacilityTable } from './facilitytable.js';
import { createScenarioMap } from './scenariomap.js';
// i13m: context basemap, seats, labels; print and PNG export.
import { attachSeats, setLabelLang, foldAttribution } from './basemap.js';
import { createExport } from './export.js';

const $ = (sel) => document.querySelector(sel);

const state = { counties: [], leagues: [], gaps: [], check: null, selected: null, panel: null, bounds: region };
const kepu = { ready: false, map: null, renderedCounties: () => 0, state };
window.kepu = kepu;

// colouring: what the county fill shows, its control and legend (colourview.js).
const colouring = createColouring({ kepu });
// years: the year control and the rule panel's trend charts (yearview.js).
const years = createYears({ kepu, colouring });
// exporter: the 打印 / 导出图片 buttons and the print sheet (export.js).
const exporter = createExport({ kepu });

const byCode = (code) => state.counties.find((u) => u.code === code) || state.leagues.find((u) => u.code === code);
const leagueName = (code) => state.leagues.find((u) => u.code === code)?.name || '';

// scenarioMap: a what-if result on the map, kept proposals, stored scenarios (scenariomap.js).
let scenarioMap = null;

// planning: suggestions and what-if scenarios (plan.js).
const planning = createPlanning({
  kepu,
  showResult: showScenario,
  closeResult: () => { if (state.panel === 'scenario') closeDetail(); scenarioMap?.baseline(); },
  changed: () => scenarioMap?.save(),
  unitName: (code) => byCode(code)?.name || '',
  countyAt,
});

scenarioMap = createScenarioMap({ kepu, colouring, planning, showResult: () => showScenario() });

// search: units and facilities by name or id (search.js); facilityTable: a unit's facilities (facilitytable.js).
const search = createSearch({
  units: () => [...state.counties, ...state.leagues],
  leagueName, unitName: (code) => byCode(code)?.name || '',
  selectUnit: (code) => selectUnit(code), showFacility,
});
const facilityTable = createFacilityTable({ unitName: (code) => byCode(code)?.name || '', showFacility });

// investment: the investment plan panel (investment.js).
const investment = createInvestment({ kepu, selectUnit: (code) => selectUnit(code) });

/** countyAt is the county under [lon, lat]: from the rendered tiles when the
 *  point is on screen, else the county with the nearest seat. */
function countyAt(lngLat) {
  const map = kepu.map;
  if (map) {
    const p = map.project(lngLat);
    const c = map.getCanvas();
    if (p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight) {
      const f = map.queryRenderedFeatures(p, { layers: ['counties-fill'] })[0];
      if (f) return { code: f.properties.code, name: f.properties.name };
    }
  }
  let best = null, bestD = Infinity;
  const cos = Math.cos((lngLat[1] * Math.PI) / 180);
  for (const u of state.counties) {
    const q = api.pointOf(u);
    if (!q) continue;
    const d = ((q[0] - lngLat[0]) * cos) ** 2 + (q[1] - lngLat[1]) ** 2;
    if (d < bestD) { bestD = d; best = u; }
  }
  return best ? { code: best.code, name: best.name } : null;
}

function showMessage(text) {
  kepu.error = text;
  const el = $('#map-message');
  el.textContent = text;
  el.hidden = !text;
}

async function loadMapLibre() {
  try {
    return await import('./maplibre-gl.mjs');
  } catch (err) {
    console.error('kepu: MapLibre GL JS missing', err);
    showMessage(t('mapMissing'));
    return null;
  }
}

function createMap(maplibregl) {
  const map = new maplibregl.Map({
    container: 'map',
    style: buildStyle(location.origin, colouring.mode(), { basemap: state.about?.basemap, lang: getLang() }),
    // Keep the last frame, so print and export can copy the map.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    bounds: state.bounds,
    // On a phone the legend covers the map's top: the region fits below it.
    fitBoundsOptions: { padding: window.matchMedia?.('(max-width: 600px)').matches ? { top: 120, bottom: 30, left: 16, right: 16 } : 24 },
    minZoom: 3,
    maxZoom: 14,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
  map.addControl(new maplibregl.AttributionControl({
    compact: true,
    customAttribution: `${state.credit || 'kepu'} · MapLibre`,
  }), 'bottom-right');
  kepu.map = map;
  kepu.renderedCounties = () => map.queryRenderedFeatures({ layers: ['counties-fill'] }).length;
  map.on('idle', () => {
    if (!kepu.ready && kepu.renderedCounties() > 0) kepu.ready = true;
  });
  map.on('error', (e) => console.error('kepu map:', e.error?.message || e));
  wireMapEvents(maplibregl, map);
  return map;
}

function wireMapEvents(maplibregl, map) {
  let hovered = null;
  const setHover = (code) => {
    if (hovered === code) return;
    if (hovered) map.setFeatureState({ source: 'counties', sourceLayer: 'counties', id: hovered }, { hover: false });
    hovered = code;
    if (code) map.setFeatureState({ source: 'counties', sourceLayer: 'counties', id: code }, { hover: true });
  };
  map.on('mousemove', (e) => {
    const fac = visibleFacilityAt(map, e.point);
    const county = map.queryRenderedFeatures(e.point, { layers: ['counties-fill'] })[0];
    setHover(county?.properties?.code ?? null);
    if (document.body.classList.contains('placing')) { map.getCanvas().style.cursor = 'crosshair'; return; }
    map.getCanvas().style.cursor = fac || county ? 'pointer' : '';
  });
  map.on('mouseout', () => setHover(null));
  map.on('click', (e) => {
    if (planning.click(e)) return;
    const fac = visibleFacilityAt(map, e.point);
    if (fac) {
      new maplibregl.Popup({ maxWidth: '300px' }).setLngLat(fac.geometry.coordinates)
        .setHTML(popupHTML(fac.properties, planning.popupActions(fac.properties, fac.geometry.coordinates))).addTo(map);
      return;
    }
    const county = map.queryRenderedFeatures(e.point, { layers: ['counties-fill'] })[0];
    if (county) selectUnit(county.properties.code, { fly: false, fallback: county.properties });
  });
}

function visibleFacilityAt(map, p) {
  const layers = facilityLayerIds.filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none');
  const box = [[p.x - 5, p.y - 5], [p.x + 5, p.y + 5]];
  return map.queryRenderedFeatures(box, { layers })[0];
}

/** showFacility flies to a facility (a plain object with its geometry, from
 *  search or a facility table) and opens its popup. */
function showFacility(f) {
  const map = kepu.map, gl = kepu.maplibregl;
  const at = f?.geometry?.coordinates;
  if (!map || !gl || !Array.isArray(at)) return;
  const { geometry, ...props } = f;
  // On a phone the legend spans the top of the map: the facility goes just
  // below it, its popup under the point, and the map scrolls into view (it
  // sits above the panel the pick came from).
  const phone = window.matchMedia?.('(max-width: 600px)').matches;
  const c = map.getCanvas().getBoundingClientRect(), legend = $('.map-legend')?.getBoundingClientRect();
  const y = phone && legend ? Math.min(c.height * 0.55, legend.bottom - c.top + 30) - c.height / 2 : 0;
  map.flyTo({ center: at, zoom: Math.max(map.getZoom(), 10), duration: 800, offset: [0, y] });
  kepu.facilityPopup?.remove();
  kepu.facilityPopup = new gl.Popup({ maxWidth: '300px', anchor: phone ? 'top' : undefined }).setLngLat(at)
    .setHTML(popupHTML(props, planning.popupActions(props, at))).addTo(map);
  kepu.facilityShown = f.id;
  if (phone) $('.map-wrap').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

// --- detail panel -------------------------------------------------------------

function flyTo(u) {
  const map = kepu.map;
  if (!map || !u) return;
  const fit = (b) => map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 60, maxZoom: 9 });
  const b = api.bboxOf(u) || tileBounds(map, u);
  if (b) return fit(b);
  const seats = state.counties.filter((c) => c.parent === u.code).map(api.pointOf).filter(Boolean);
  if (seats.length > 1) {
    const xs = seats.map((p) => p[0]), ys = seats.map((p) => p[1]);
    return fit([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  }
  const p = api.pointOf(u);
  if (p) return map.flyTo({ center: p, zoom: u.level === 'league' ? 6.5 : 8 });
  if (u.level === 'region' || !u.level) fit(state.bounds);
}

// tileBounds is a county's extent from the tiles already loaded (whole at the
// overview zoom), or null when none holds it.
function tileBounds(map, u) {
  if (u.level !== 'county' && u.parent === undefined) return null;
  const feats = map.querySourceFeatures('counties', { sourceLayer: 'counties', filter: ['==', ['get', 'code'], u.code] });
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
    } else c.forEach(walk);
  };
  for (const f of feats) walk(f.geometry.coordinates);
  return b[0] <= b[2] ? b : null;
}

async function selectUnit(code, { fly = true, fallback = null, gap = null } = {}) {
  const known = byCode(code) || fallback || { code, name: gap?.name, level: gap?.level, parent: gap?.parent };
  if (known.level === 'region') known.stats = state.check?.region;
  state.selected = code;
  state.gap = gap;
  state.detail = known;
  state.panel = 'unit';
  kepu.map?.setFilter('counties-selected', ['==', ['get', 'code'], code ?? '']);
  if (fly) flyTo(known);
  const body = $('#detail-body');
  $('#detail').hidden = false;
  body.innerHTML = unitHTML(known, leagueName, gap) + `<p class="muted">${t('loading')}</p>`;
  if (!code || gap?.level === 'region') { body.innerHTML = unitHTML(known, leagueName, gap); return; }
  try {
    const u = await api.unit(code);
    if (state.selected !== code) return;
    state.detail = { ...known, ...u };
    body.innerHTML = unitHTML(state.detail, leagueName, gap);
    planning.syncRemoveButtons(body);
  } catch (err) {
    if (state.selected === code) body.innerHTML = unitHTML(known, leagueName, gap) + `<p class="error">${t('loadError')}: ${esc(err.message)}</p>`;
  }
}

/** showScenario opens the detail panel on the last what-if result. */
function showScenario() {
  state.selected = null;
  state.detail = null;
  state.gap = null;
  state.panel = 'scenario';
  kepu.map?.setFilter('counties-selected', ['==', ['get', 'code'], '']);
  $('#detail-body').innerHTML = planning.resultHTML();
  $('#detail').hidden = false;
  $('#detail').scrollTop = 0;
  scenarioMap?.show(kepu.plan?.result);
  scenarioMap?.refreshStored();
}

function closeDetail() {
  $('#detail').hidden = true;
  state.panel = null;
  state.selected = null;
  state.detail = null;
  state.gap = null;
  kepu.map?.setFilter('counties-selected', ['==', ['get', 'code'], '']);
}

// --- left panel ---------------------------------------------------------------

function renderSummary() {
  const rules = state.check?.rules || [];
  $('#summary').innerHTML = rules.map((r) => {
    const counted = r.total > 1 && r.scope !== 'region';
    const frac = counted ? r.passing / r.total : null;
    const stat = counted ? `${num(r.passing, 0)}/${num(r.total, 0)}` : '';
    return `<li class="${r.pass ? 'ok' : 'bad'}"><span class="sname">${esc(ruleName(r.id))}</span>
      <span class="sval">${stat || `<span class="badge ${r.pass ? 'ok' : 'bad'}">${t(r.pass ? 'pass' : 'fail')}</span>`}</span>
      ${frac != null ? `<span class="bar"><i style="width:${(frac * 100).toFixed(1)}%"></i></span>` : ''}</li>`;
  }).join('') || `<li class="muted">${state.check ? '' : t('loading')}</li>`;
}

function renderGaps() {
  const sel = $('#gap-rule'), lsel = $('#gap-league');
  const current = sel.value, league = lsel.value;
  const rules = ruleChoices(state.gaps);
  sel.innerHTML = `<option value="">${t('gapsAll')}</option>` +
    rules.map((r) => `<option value="${esc(r)}">${esc(ruleName(r))}</option>`).join('');
  sel.value = rules.includes(current) ? current : '';
  const leagues = leagueChoices(state.gaps, state.leagues, sel.value);
  lsel.innerHTML = `<option value="">${t('gapLeagueAll')}</option>` +
    leagues.map((l) => `<option value="${esc(l.code)}">${esc(l.name)} (${l.n})</option>`).join('');
  lsel.value = leagues.some((l) => l.code === league) ? league : '';
  const filter = { rule: sel.value, league: lsel.value };
  const rows = filterGaps(state.gaps, filter);
  const filtered = filter.rule || filter.league;
  $('#gap-count').textContent = !rows.length ? t('gapsEmpty')
    : filtered ? t('gapsFiltered', { n: rows.length, all: state.gaps.length }) : t('gapsCount', { n: rows.length });
  $('#gap-csv').href = gapsCSVHref({ ...filter, lang: getLang() });
  state.gapRows = rows;
  $('#gap-list').innerHTML = rows.map((g, i) => gapRowHTML(g, i, leagueName)).join('');
}

function renderSample() {
  const sample = state.check?.dataset?.sample === true;
  $('#sample-badge').hidden = !sample;
  $('#map-sample').hidden = !sample;
  // The about box credits what was loaded: the embedded data's sources, or the user's files.
  const sources = state.about?.sources;
  const embeddedUnits = !Array.isArray(sources) || sources.includes('embedded/counties.geojson');
  for (const li of document.querySelectorAll('[data-embedded-units]')) li.hidden = !embeddedUnits;
  for (const li of document.querySelectorAll('[data-sample-only]')) li.hidden = !sample;
  const loaded = $('#attr-loaded');
  loaded.hidden = embeddedUnits;
  if (!embeddedUnits) loaded.textContent = `${t('attrLoaded')}: ${sources.filter((f) => !f.startsWith('embedded/')).join(', ')}`;
}

// syncDownload points the workbook link at the current language's workbook.
function syncDownload() {
  $('#xlsx-link').href = `/api/report.xlsx?lang=${getLang()}`;
}

function renderAll() {
  applyStatic();
  syncDownload();
  renderSummary();
  renderGaps();
  renderSample();
  colouring.render();
  years.render();
  planning.render();
  investment.render();
  search.render();
  facilityTable.render();
  scenarioMap.render();
  if (state.panel === 'scenario') $('#detail-body').innerHTML = planning.resultHTML();
  else if (state.detail) $('#detail-body').innerHTML = unitHTML(state.detail, leagueName, state.gap);
  planning.syncRemoveButtons();
  exporter.render();
  if (kepu.map) setLabelLang(kepu.map, getLang());
}

function wireUI() {
  $('#lang-btn').addEventListener('click', () => { setLang(getLang() === 'zh' ? 'en' : 'zh'); renderAll(); });
  $('#about-btn').addEventListener('click', () => $('#about').showModal());
  $('#detail-close').addEventListener('click', closeDetail);
  $('#gap-rule').addEventListener('change', renderGaps);
  $('#gap-league').addEventListener('change', renderGaps);
  search.wire();
  scenarioMap.wire();
  const pick = (e) => {
    const li = e.target.closest('li[data-code]');
    if (!li) return;
    if (e.type === 'keydown' && e.key !== 'Enter') return;
    const gap = li.closest('#gap-list') ? state.gapRows?.[Number(li.dataset.index)] : null;
    selectUnit(li.dataset.code, { gap });
  };
  // Counties named in a what-if result open their panel.
  $('#detail-body').addEventListener('click', (e) => {
    const li = state.panel === 'scenario' && e.target.closest('li[data-code]');
    if (li) selectUnit(li.dataset.code);
    const ft = e.target.closest('[data-ftable]');
    if (ft) openFacilityTable(ft.dataset.ftable);
  });
  $('#gap-list').addEventListener('click', pick);
  $('#gap-list').addEventListener('keydown', pick);
  for (const box of document.querySelectorAll('[data-toggle]')) {
    box.addEventListener('change', () => {
      for (const id of toggleLayers[box.dataset.toggle]) {
        if (kepu.map?.getLayer(id)) kepu.map.setLayoutProperty(id, 'visibility', box.checked ? 'visible' : 'none');
      }
    });
  }
}

/** openFacilityTable shows a county's or league's facilities as a table,
 *  from the open panel's unit when it is loaded, else from the API. */
async function openFacilityTable(code) {
  const have = state.detail?.code === code && Array.isArray(state.detail.facilities?.features ?? state.detail.facilities);
  const u = have ? state.detail : { ...byCode(code), ...(await api.unit(code)) };
  facilityTable.open(u, api.facilitiesOf(u));
}

async function load(what, fn) {
  try { return await fn(); } catch (err) { console.error(`kepu: ${what}:`, err.message); return null; }
}

async function main() {
  setLang(getLang());
  applyStatic();
  syncDownload();
  wireUI();
  colouring.wire();
  investment.wire();
  exporter.wire();
  renderSummary();
  const [maplibregl, about, check, counties, leagues, gaps] = await Promise.all([
    loadMapLibre(),
    load('about', api.about),
    load('check', api.check),
    load('counties', () => api.units('county')),
    load('leagues', () => api.units('league')),
    load('gaps', api.gaps),
    years.load(),
  ]);
  Object.assign(state, { check, counties: counties || [], leagues: leagues || [], gaps: gaps || [] });
  setRegion(about);
  state.about = about;
  state.bounds = regionBounds(about) || region;
  state.credit = about?.credit;
  kepu.bounds = state.bounds;
  rememberNames(state.leagues);
  rememberNames(state.counties);
  renderAll();
  scenarioMap.restore();
  if (!maplibregl) return;
  kepu.maplibregl = maplibregl;
  const map = createMap(maplibregl);
  // Apply the initial toggle state (the style hides some layers by default).
  map.once('load', () => {
    for (const box of document.querySelectorAll('[data-toggle]')) box.dispatchEvent(new Event('change'));
    attachSeats(map, state.counties, state.leagues);
    foldAttribution(map);
    exporter.attach(map);
    planning.attach(map, maplibregl);
    investment.attach(map, maplibregl);
    scenarioMap.attach(map);
  });
}

main();
