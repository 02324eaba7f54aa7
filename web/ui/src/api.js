// api.js: the kepu HTTP API as the page uses it, read defensively: every
// list may come bare or wrapped in an object, every unit as a plain object or
// a GeoJSON feature.

import { authHeaders } from './auth.js';

/** getJSON fetches a same-origin path and decodes it, throwing on HTTP errors. */
export async function getJSON(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    let msg = `HTTP ${res.status}`;
    try { msg = (await res.json()).error || msg; } catch { /* not JSON */ }
    throw new Error(`${path}: ${msg}`);
  }
  return res.json();
}

/** listOf returns the array inside doc: doc itself, or its first array member
 *  among the usual wrapper names. */
export function listOf(doc) {
  if (Array.isArray(doc)) return doc;
  for (const key of ['units', 'gaps', 'rows', 'items', 'features', 'data']) {
    if (Array.isArray(doc?.[key])) return doc[key];
  }
  return [];
}

/** plain turns a GeoJSON feature into its properties (keeping the geometry
 *  aside); other objects pass through. */
export function plain(x) {
  if (x && x.type === 'Feature') return { ...(x.properties || {}), geometry: x.geometry };
  return x || {};
}

/** units fetches the units of one level, as plain objects: the lean view
 *  (names, places, pass or fail); a unit's detail comes with unit(code). */
export async function units(level) {
  return listOf(await getJSON(`/api/units?level=${level}&view=lean`)).map((u) => ({ level, ...plain(u) }));
}

/** unit fetches one unit with its facilities and rule results. */
export async function unit(code) {
  const doc = await getJSON(`/api/units/${encodeURIComponent(code)}`);
  return plain(doc.unit && !doc.code ? { ...doc, ...doc.unit } : doc);
}

/** facilitiesOf returns a unit's facilities as plain objects. */
export function facilitiesOf(u) {
  const f = u?.facilities;
  if (Array.isArray(f)) return f.map(plain);
  if (Array.isArray(f?.features)) return f.features.map(plain);
  return [];
}

/** gaps fetches the gap list, highest priority first. */
export async function gaps() {
  const rows = listOf(await getJSON('/api/gaps?format=json&view=lean')).map(plain);
  return rows.sort((a, b) => (Number(b.priority) || 0) - (Number(a.priority) || 0));
}

/** about fetches where the data comes from and the region it covers. */
export function about() { return getJSON('/api/about'); }

/** check fetches the check's summary (dataset, rules, region): the map's
 *  first load stays small at national scale. */
export function check() { return getJSON('/api/check?view=summary'); }

const finite = (v) => v !== null && v !== '' && Number.isFinite(Number(v));

/** pointOf returns [lon, lat] for a unit: its label point, else its seat,
 *  else the centre of its bbox, else null. */
export function pointOf(u) {
  for (const [lo, la] of [['label_lon', 'label_lat'], ['seat_lon', 'seat_lat'], ['lon', 'lat']]) {
    if (finite(u?.[lo]) && finite(u?.[la])) return [Number(u[lo]), Number(u[la])];
  }
  for (const key of ['label', 'seat', 'center', 'centroid']) {
    const p = u?.[key];
    if (Array.isArray(p) && p.length >= 2 && finite(p[0]) && finite(p[1])) return [Number(p[0]), Number(p[1])];
  }
  const b = bboxOf(u);
  return b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : null;
}

/** bboxOf returns [west, south, east, north] for a unit when it has one. */
export function bboxOf(u) {
  const b = u?.bbox;
  if (Array.isArray(b) && b.length >= 4 && b.slice(0, 4).every(finite)) {
    return b.length >= 6 ? [b[0], b[1], b[3], b[4]].map(Number) : b.slice(0, 4).map(Number);
  }
  // orb.Bound marshals as {"Min": [lon, lat], "Max": [lon, lat]}.
  const min = b?.Min ?? b?.min, max = b?.Max ?? b?.max;
  if (Array.isArray(min) && Array.isArray(max)) return bboxOf({ bbox: [...min, ...max] });
  if (b && ['west', 'south', 'east', 'north'].every((k) => finite(b[k]))) return [b.west, b.south, b.east, b.north].map(Number);
  return null;
}

/** suggestCaravans fetches the fewest new caravan stations for a reach. */
export function suggestCaravans(reachKm) {
  return getJSON(`/api/suggestions/caravans?reach_km=${encodeURIComponent(reachKm)}`);
}

/** suggestVenues fetches the k venue sites covering the most people. */
export function suggestVenues(k, radiusKm) {
  return getJSON(`/api/suggestions/venues?k=${encodeURIComponent(k)}&radius_km=${encodeURIComponent(radiusKm)}`);
}

/** postScenario evaluates a what-if. A refusal throws an Error carrying the
 *  answer's problems ([{file, feature, id, field, reason}]) and status. */
export async function postScenario(body) {
  const res = await fetch('/api/scenarios', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...authHeaders() },
    body: JSON.stringify(body),
  });
  let doc = null;
  try { doc = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    const err = new Error(doc?.error || `HTTP ${res.status}`);
    err.status = res.status;
    err.problems = Array.isArray(doc?.problems) ? doc.problems : [];
    throw err;
  }
  return doc;
}

// --- find and scenarios (search.js, scenariomap.js) ---------------------------

/** search fetches the units and facilities whose name or id match q:
 *  {units: [{code, name, level, parent}], facilities: [plain facility]}. */
export async function search(q, limit = 8) {
  const doc = await getJSON(`/api/search?q=${encodeURIComponent(q)}&limit=${limit}`);
  return { units: doc.units || [], facilities: (doc.facilities?.features || []).map(plain) };
}

/** scenarios fetches the stored scenarios' summaries, newest first. */
export async function scenarios() {
  return (await getJSON('/api/scenarios')).scenarios || [];
}

/** scenario fetches one stored scenario's document. */
export function scenario(id) { return getJSON(`/api/scenarios/${encodeURIComponent(id)}`); }

/** deleteScenario deletes a stored scenario with the tab's write token. A
 *  refusal throws an Error carrying the status (401, 403, 404). */
export async function deleteScenario(id) {
  const res = await fetch(`/api/scenarios/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { Accept: 'application/json', ...authHeaders() } });
  let doc = null;
  try { doc = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    const err = new Error(doc?.error || `HTTP ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return doc;
}
