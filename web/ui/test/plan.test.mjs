// Unit tests of the planning views and the gap list's priority parts:
// node --test web/ui/test. Documents are shaped as the server answers
// (web/scenarios.go, coverage/gaps.go), trimmed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { circle, features, scenarioBody, caravanSummaryHTML, venueSummaryHTML, scenarioResultHTML, problemsHTML, summaryLine, markSVG } from '../src/planview.js';
import { partsOf, partsLine, partsTip, partsBarHTML, gapRowHTML, removeButtonHTML } from '../src/panel.js';

const count = (html, re) => (html.match(re) || []).length;

// haversine is an independent great-circle distance in km (mean radius).
function haversine([lon1, lat1], [lon2, lat2]) {
  const r = Math.PI / 180, R = 6371.0088;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

test('circle vertices lie at the radius, in a closed ring', () => {
  for (const [lon, lat, km, n] of [[111.7, 40.79, 50, 64], [119.94, 47.18, 100, 32], [97.5, 42, 1, 8], [126, 53.3, 250, 64]]) {
    const g = circle(lon, lat, km, n);
    const ring = g.coordinates[0];
    assert.equal(g.type, 'Polygon');
    assert.equal(ring.length, n + 1, 'n points plus the closing one');
    assert.deepEqual(ring[0], ring[n], 'closed');
    for (const p of ring) {
      const got = haversine([lon, lat], p);
      assert.ok(Math.abs(got - km) < km * 1e-4 + 0.001, `${lon},${lat} r=${km}: vertex ${p} at ${got} km`);
    }
  }
});

test('scenarioBody is a scenario the server reads: FeatureCollection of facilities and ids to remove', () => {
  const body = JSON.parse(JSON.stringify(scenarioBody('试算', [
    { id: 'PROPOSED-1', name: '赛罕区拟建场馆 1', category: 'venue', lon: 111.7, lat: 40.79, floor_area_m2: '1200', county: '150105' },
    { id: 'PROPOSED-2', name: '拟建大篷车 2', category: 'caravan', lon: '119.94', lat: 47.18, reach_km: 100 },
  ], new Map([['CA2600008', {}]]).keys())));
  assert.equal(body.name, '试算');
  assert.deepEqual(body.remove, ['CA2600008']);
  assert.equal(body.add.type, 'FeatureCollection');
  const [v, c] = body.add.features;
  assert.deepEqual(v, {
    type: 'Feature', id: 'PROPOSED-1', geometry: { type: 'Point', coordinates: [111.7, 40.79] },
    properties: { id: 'PROPOSED-1', name: '赛罕区拟建场馆 1', category: 'venue', status: 'open', floor_area_m2: 1200, county: '150105' },
  });
  assert.deepEqual(c.geometry.coordinates, [119.94, 47.18]);
  assert.equal(c.properties.reach_km, 100);
  assert.equal('floor_area_m2' in c.properties, false);
  assert.equal('county' in c.properties, false);
});

const saihan = {
  rule: 'venue_1000', code: '150105', name: '赛罕区', level: 'county', parent: '150100', priority: 9.681, shortfall: 1000,
  parts: [
    { part: 'population', measure: 885321, unit: 'residents', weight: 1, score: 8.8532 },
    { part: 'rural', measure: 149734, unit: 'residents', weight: 0.5, score: 0.7487 },
    { part: 'distance', measure: 7.921, unit: 'km', weight: 1, score: 0.0792 },
    { part: 'former_poverty', measure: 0, unit: 'flag', weight: 1, score: 0 },
    { part: 'border', measure: 0, unit: 'flag', weight: 0.5, score: 0 },
  ],
};

test('priority parts: compact line without zero parts, tooltip with every weight, bar shares', () => {
  for (const [name, parts, wantLine] of [
    ['server rows', saihan.parts, '人口 8.85\u2009·\u2009乡村 0.75\u2009·\u2009距离 0.08'],
    ['object form', { population: 2, border: 0.5 }, '人口 2\u2009·\u2009边境 0.5'],
    ['no parts', [], ''],
    ['missing', undefined, ''],
  ]) assert.equal(partsLine(parts), wantLine, name);

  const tip = partsTip(saihan.parts);
  for (const want of ['人口 8.85 = 权重 1 × 885,321 (每10万人)', '乡村 0.75 = 权重 0.5 × 149,734', '距离 0.08 = 权重 1 × 7.9 公里 (每100公里)', '原贫困 0', '边境 0 = 权重 0.5']) {
    assert.ok(tip.includes(want), `tooltip lacks ${want}:\n${tip}`);
  }

  const widths = [...partsBarHTML(saihan.parts).matchAll(/width:([\d.]+)%/g)].map((m) => Number(m[1]));
  assert.equal(widths.length, 3, 'one segment per non-zero part');
  assert.ok(Math.abs(widths.reduce((a, b) => a + b, 0) - 100) < 0.2, `widths ${widths} sum to 100`);
  const total = saihan.parts.reduce((s, p) => s + p.score, 0);
  assert.ok(Math.abs(widths[0] - (100 * 8.8532) / total) < 0.06, 'population share');
  assert.equal(partsBarHTML([]), '');
  assert.deepEqual(partsOf({ a: '1.5' }), [{ part: 'a', score: 1.5 }]);
});

test('gap rows show the parts line and explain the weights in the tooltip', () => {
  const html = gapRowHTML(saihan, 0, () => '呼和浩特市');
  assert.ok(html.includes('<span class="parts-text">人口 8.85\u2009·\u2009乡村 0.75\u2009·\u2009距离 0.08</span>'), html);
  assert.equal(count(html, /<i class="part-/g), 3);
  assert.ok(/title="[^"]*权重 0.5 × 149,734/.test(html), 'tooltip in the title attribute');
  assert.ok(!gapRowHTML({ ...saihan, parts: [] }, 0, () => '').includes('gap-parts'), 'no empty parts line');
});

test('remove buttons carry the facility, escaped; proposed ones get none', () => {
  const html = removeButtonHTML({ id: 'VE"1', name: '<b>馆</b>', category: 'venue', geometry: { coordinates: [111.7, 40.79] } });
  assert.ok(html.includes('data-scenario-remove="VE&quot;1"'), html);
  assert.ok(html.includes('data-name="&lt;b&gt;馆&lt;/b&gt;"'), html);
  assert.ok(html.includes('data-lon="111.7"') && html.includes('data-lat="40.79"'), html);
  assert.equal(removeButtonHTML({ id: 'P1', proposed: true }), '');
  assert.equal(removeButtonHTML({ name: 'no id' }), '');
});

const caravans = {
  reach_km: 100, new_stations: 2, optimal: true, lower_bound: 2, uncoverable: [],
  stations: [
    { code: '150423', name: '巴林右旗', lon: 118.66518, lat: 43.534414, reaches: ['150422', '150423', '150424', '150425', '150426'], closes: ['150425'] },
    { code: '152202', name: '阿尔山市', lon: 119.943575, lat: 47.17744, reaches: ['152202'], closes: ['152202'] },
  ],
  features: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { kind: 'station' } }] },
};

test('caravan summary: stations listed with their reach, optimality or the gap to the bound', () => {
  const html = caravanSummaryHTML(caravans, (c) => ({ 150425: '阿鲁科尔沁旗' }[c] || c));
  assert.equal(count(html, /<li data-lon=/g), 2);
  assert.ok(html.includes('新增 2 个站点') && html.includes('已证明最优'), html);
  assert.ok(html.includes('覆盖 5 个驻地 · 补 1 个缺口'), html);
  assert.ok(html.includes('data-lon="118.66518" data-lat="43.534414"'), 'flies to the station');

  const open = caravanSummaryHTML({ ...caravans, optimal: false, new_stations: 5, lower_bound: 3, uncoverable: ['150425'] }, (c) => ({ 150425: '阿鲁科尔沁旗' }[c] || c));
  assert.ok(open.includes('比下界多 2（下界 3）'), open);
  assert.ok(open.includes('无法覆盖：阿鲁科尔沁旗'), open);

  const none = caravanSummaryHTML({ stations: [], new_stations: 0, optimal: true, lower_bound: 0 });
  assert.ok(none.includes('所有旗县驻地都已在大篷车服务范围内'), none);
  assert.equal(count(none, /<li/g), 0);

  const copy = features(caravans.features);
  copy[0].properties.kind = 'changed';
  assert.equal(caravans.features.features[0].properties.kind, 'station', 'features copies');
});

test('venue summary: covered population before and after, sites by gain', () => {
  const doc = {
    k: 3, radius_km: 50, optimal: false, upper_bound: 1500000,
    covered_population: 21129366, baseline_covered_population: 19723686, newly_covered_population: 1405680, total_population: 23475055,
    sites: [
      { code: '150403', name: '元宝山区', lon: 119.288611, lat: 42.038902, gain: 484397, covers: ['150429'] },
      { code: '150522', name: '科尔沁左翼后旗', lon: 122.35677, lat: 42.935105, gain: 472571, covers: ['150524', '150522'] },
    ],
  };
  const html = venueSummaryHTML(doc);
  assert.equal(count(html, /<li data-lon=/g), 2);
  for (const want of ['1,972.37 万人', '84%', '2,112.94 万人', '90%', '+140.57 万人', '+48.44 万人', '覆盖 2 个驻地', '距上界 9.43 万人']) {
    assert.ok(html.includes(want), `lacks ${want}`);
  }
  const before = (100 * 19723686) / 23475055, gained = (100 * 1405680) / 23475055;
  assert.ok(html.includes(`width:${before.toFixed(1)}%`) && html.includes(`width:${gained.toFixed(1)}%`), 'bar shares');
});

const result = {
  id: '29620d23d47d1d0d', name: '情景 1', removed: ['CA2600008'],
  changes: {
    rules: [
      { id: 'venue_1000', flipped: false, pass_before: false, pass_after: false, passing_before: 70, passing_after: 71, total: 103 },
      { id: 'mobile_museum_rotation', flipped: true, pass_before: false, pass_after: true, passing_before: 0, passing_after: 1, total: 1 },
    ],
    units: [{ rule: 'venue_1000', code: '150105', name: '赛罕区', pass_before: false, pass_after: true }],
    gaps_closed: [{ ...saihan }],
    gaps_opened: [],
    reach: { venue_radius_km: 50, venue_newly_within_population: 123456, venue_no_longer_within_population: 0, venue_newly_within_counties: ['150105'],
      caravan_newly_within_population: 0, caravan_no_longer_within_population: 8000, caravan_no_longer_within_counties: ['150125'] },
  },
  features: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [111.7, 40.79] },
    properties: { id: 'PROPOSED-1', name: '赛罕区拟建场馆 1', category: 'venue', floor_area_m2: 1200, proposed: true } }] },
};

test('what-if result: every changed rule, flips, gaps closed, reach, proposed and removed', () => {
  const names = { 150105: '赛罕区', 150125: '武川县', CA2600008: '赛罕区科普大篷车' };
  const html = scenarioResultHTML(result, (c) => names[c] || c);
  assert.equal(count(html, /class="rule-change /g), 2);
  assert.ok(/70 → <b>71<\/b> \/ 103/.test(html), 'counts before → after');
  assert.ok(html.includes('转为达标'), 'flipped rule says so');
  assert.ok(html.includes('<li class="chip closed" data-code="150105"'), 'closed gap chip');
  assert.ok(html.includes('新出现的差距 <span class="muted">(0)</span>'), 'opened count');
  assert.ok(html.includes('+12.35 万人') && html.includes('−8,000'), 'reach deltas');
  assert.ok(html.includes('武川县'), 'county lost named');
  assert.ok(html.includes('赛罕区拟建场馆 1') && html.includes('1,200 ㎡'), 'proposed venue');
  assert.ok(html.includes('赛罕区科普大篷车'), 'removed facility by name');
  assert.equal(summaryLine(result), '2 项目标变化 · 消除 1 项差距 · 新增 0 项差距');

  const none = scenarioResultHTML({ name: 'x', changes: { rules: [], units: [], gaps_closed: [], gaps_opened: [], reach: {} } });
  assert.ok(none.includes('没有规划目标发生变化'), none);
  assert.equal(count(none, /rule-change/g), 0);
});

test('problems are listed readably and escaped', () => {
  const err = Object.assign(new Error('invalid scenario: 2 problem(s)'), { problems: [
    { file: 'request', field: 'name', reason: 'missing' },
    { file: 'request: add', feature: 1, id: 'P<1>', field: 'floor_area_m2', reason: 'must be > 0' },
  ] });
  const html = problemsHTML(err);
  assert.equal(count(html, /<li>/g), 2);
  assert.ok(html.includes('<code>#1 · P&lt;1&gt; · floor_area_m2</code> must be &gt; 0'), html);
  assert.ok(problemsHTML(new Error('HTTP 500')).includes('<p>HTTP 500</p>'));
});

test('marker glyphs', () => {
  assert.ok(markSVG('site', 3).includes('>3</text>'));
  assert.ok(markSVG('station', '', 19).includes('width="19" height="19"'));
  assert.equal(markSVG('nothing'), '');
});
