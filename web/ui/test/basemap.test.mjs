// Unit tests of the context basemap's style pieces, the seats and the export
// sheet's pure helpers, and of the built context.geojson: node --test web/ui/test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seatFeatures, basemapSources, layersBelow } from '../src/basemap.js';
import { buildStyle } from '../src/map.js';
import { niceLength, lengthLabel, exportName, isoDate } from '../src/sheet.js';

const here = dirname(fileURLToPath(import.meta.url));

test('seatFeatures puts counties at their seats and leagues at their label points', () => {
  const counties = [
    { code: '150102', name: '新城区', seat_lon: 111.665544, seat_lat: 40.858289, label_lon: 111.8, label_lat: 40.9 },
    { code: '150103', name: '回民区', label_lon: '111.6', label_lat: '40.8' },
    { code: '150104', name: '玉泉区' },
  ];
  const leagues = [{ code: '150100', name: '呼和浩特市', label_lon: 111.701355, label_lat: 40.792667 }];
  const got = seatFeatures(counties, leagues).features.map((f) => [f.properties.kind, f.properties.code, f.properties.name, ...f.geometry.coordinates]);
  assert.deepEqual(got, [
    ['county', '150102', '新城区', 111.665544, 40.858289],
    ['county', '150103', '回民区', 111.6, 40.8],
    ['league', '150100', '呼和浩特市', 111.701355, 40.792667],
  ]);
});

test('without a raster basemap the style fetches only from its own origin', () => {
  const style = buildStyle('http://127.0.0.1:8080', 'venue');
  const urls = Object.values(style.sources).flatMap((s) => [s.data, ...(s.tiles || [])]).filter((u) => typeof u === 'string');
  assert.deepEqual(urls.filter((u) => !u.startsWith('http://127.0.0.1:8080/')), []);
  assert.equal(style.glyphs, undefined, 'no glyphs URL: labels use the browser\'s fonts');
  assert.equal(style.layers.find((l) => l.id === 'basemap'), undefined);
  assert.deepEqual(style.layers.slice(0, 6).map((l) => l.id),
    ['background', 'context-land', 'context-country', 'context-province', 'context-province-border', 'context-national-border']);
  assert.equal(style.layers.at(-1).id, 'seats-league-label', 'league names are drawn last and win collisions');
});

test('a raster basemap goes right above the background', () => {
  const raster = { tiles: ['https://t0.tianditu.gov.cn/x?z={z}&x={x}&y={y}&tk=K'], attribution: '天地图' };
  const style = buildStyle('http://h', 'venue', { basemap: raster });
  assert.deepEqual(style.sources.basemap, { type: 'raster', tiles: raster.tiles, tileSize: 256, attribution: '天地图', maxzoom: 18 });
  assert.deepEqual(style.layers.slice(0, 2).map((l) => l.id), ['background', 'basemap']);
  assert.equal(layersBelow(raster).find((l) => l.id === 'context-land').paint['fill-opacity'], 0.25);
  assert.equal(basemapSources('http://h', { tiles: [] }).basemap, undefined);
});

test('the scale bar takes the longest 1, 2 or 5 × 10ⁿ that fits', () => {
  for (const [max, want] of [[0, 0], [-3, 0], [1, 1], [9.99, 5], [10, 10], [199999, 100000], [200000, 200000], [480000, 200000], [500000, 500000], [999, 500]]) {
    assert.equal(niceLength(max), want, `niceLength(${max})`);
  }
  assert.equal(lengthLabel(200000, 'zh'), '200 公里');
  assert.equal(lengthLabel(5000, 'en'), '5 km');
  assert.equal(lengthLabel(500, 'zh'), '500 m');
});

test('the export is named after the local date', () => {
  const d = new Date(2026, 0, 5, 23, 59);
  assert.equal(isoDate(d), '2026-01-05');
  assert.equal(exportName(d), 'kepu-map-20260105.png');
});

test('the built context basemap has the provinces, neighbours and borders', (t) => {
  const file = join(here, '..', 'dist', 'context.geojson');
  if (!existsSync(file)) { t.skip('dist/context.geojson not built (bash web/ui/build.sh)'); return; }
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const names = (kind) => doc.features.filter((f) => f.properties.kind === kind).map((f) => f.properties.name);
  const provinces = names('province');
  assert.equal(provinces.length, 34);
  for (const p of ['内蒙古自治区', '黑龙江省', '吉林省', '辽宁省', '河北省', '山西省', '陕西省', '宁夏回族自治区', '甘肃省']) assert.ok(provinces.includes(p), p);
  for (const c of ['蒙古国', '俄罗斯']) assert.ok(names('country').includes(c) && names('country-label').includes(c), c);
  assert.deepEqual(names('province-label').sort(), [...provinces].sort());
  const border = doc.features.filter((f) => f.properties.kind === 'national-border');
  assert.ok(border.length >= 1 && border.every((f) => f.geometry.type === 'MultiLineString' && f.geometry.coordinates.length > 0));
  // The 二连浩特 crossing (111.98° E, 43.65° N) lies on the drawn border, within 0.1°.
  const near = border.some((f) => f.geometry.coordinates.some((l) => l.some(([x, y]) => Math.hypot(x - 111.98, y - 43.65) < 0.1)));
  assert.ok(near, 'the border passes 二连浩特');
  // The coast is no land border: nothing drawn near Tianjin's or Dalian's shore.
  for (const [name, x0, y0] of [['天津', 117.75, 38.95], ['大连', 121.65, 38.9]]) {
    const coast = border.some((f) => f.geometry.coordinates.some((l) => l.some(([x, y]) => Math.hypot(x - x0, y - y0) < 0.3)));
    assert.ok(!coast, `a national border drawn on the coast at ${name}`);
  }
});
