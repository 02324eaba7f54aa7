// investment.js: the investment plan panel of the web map — a budget, the
// plan's years and yearly budgets sent to POST /api/plan; the answer listed
// (actions, budget used, proof) and drawn (numbered points, reach circles).

import { t } from './i18n.js';
import * as view from './investmentview.js';

const $ = (sel) => document.querySelector(sel);

/** postPlan asks the server for a plan; a refusal throws its error message. */
async function postPlan(body) {
  const res = await fetch('/api/plan', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  let doc = null;
  try { doc = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) throw new Error(doc?.error || `HTTP ${res.status}`);
  return doc;
}

/** createInvestment wires the panel. ctx: kepu (the test handle),
 *  selectUnit(code) to open a county named in the list. */
export function createInvestment(ctx) {
  const state = { doc: null, error: null, busy: false };
  let map = null, Marker = null, markers = [];
  ctx.kepu.investment = state;
  ctx.kepu.investmentFeatures = () => (map?.getSource('investment') ? view.planFeatures(state.doc).features.length : 0);

  function render() {
    const out = $('#iv-result');
    if (!out) return;
    const btn = $('#iv-run');
    if (btn) btn.disabled = state.busy;
    if (state.busy) out.innerHTML = `<p class="muted">${t('loading')}</p>`;
    else if (state.error) out.innerHTML = `<p class="error">${t('investError')}: ${state.error}</p>`;
    else out.innerHTML = state.doc ? view.planHTML(state.doc) : '';
  }

  function draw() {
    if (!map?.getSource('investment')) return;
    const data = view.planFeatures(state.doc);
    map.getSource('investment').setData(data);
    for (const m of markers) m.remove();
    markers = [];
    for (const f of data.features) {
      if (f.geometry?.type !== 'Point') continue;
      const el = document.createElement('div');
      el.className = 'invest-marker';
      el.style.background = view.kindColor[f.properties.action] || '#888';
      el.textContent = f.properties.rank;
      el.title = `${t(`action.${f.properties.action}`)} · ${f.properties.name}`;
      markers.push(new Marker({ element: el }).setLngLat(f.geometry.coordinates).addTo(map));
    }
  }

  async function run() {
    const req = view.planRequest($('#iv-budget')?.value, $('#iv-years')?.value, $('#iv-yearly')?.value);
    if (req.error) {
      state.error = t(req.error);
      render();
      return;
    }
    state.busy = true;
    state.error = null;
    render();
    try {
      state.doc = await postPlan(req.body);
    } catch (err) {
      state.doc = null;
      state.error = err.message;
      console.error('kepu: plan:', err.message);
    } finally {
      state.busy = false;
      draw();
      render();
    }
  }

  function wire() {
    $('#iv-run')?.addEventListener('click', run);
    $('#iv-result')?.addEventListener('click', (e) => {
      const li = e.target.closest('li[data-index]');
      if (!li) return;
      map?.flyTo({ center: [Number(li.dataset.lon), Number(li.dataset.lat)], zoom: Math.max(map.getZoom(), 7) });
      if (li.dataset.code) ctx.selectUnit?.(li.dataset.code);
    });
  }

  /** attach adds the plan's source and layers to a loaded map. */
  function attach(m, maplibregl) {
    map = m;
    ({ Marker } = maplibregl);
    map.addSource('investment', { type: 'geojson', data: view.planFeatures(null) });
    map.addLayer({ id: 'investment-reach', type: 'line', source: 'investment', filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': view.kindColor.caravan_station, 'line-width': 1.4, 'line-dasharray': [1, 1.5] } });
    map.addLayer({ id: 'investment-points', type: 'circle', source: 'investment', filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 11, 'circle-color': ['match', ['get', 'action'], ...Object.entries(view.kindColor).flat(), '#888'],
        'circle-opacity': 0.25, 'circle-stroke-width': 1.5, 'circle-stroke-color': '#fff' } });
    draw();
  }

  return { wire, attach, render };
}
