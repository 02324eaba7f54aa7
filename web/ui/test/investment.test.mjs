// Unit tests of the investment plan panel's pure parts: node --test web/ui/test.
// The document is shaped as POST /api/plan answers (web/plan.go), trimmed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planRequest, budgetUsed, planHTML, planFeatures, actionTitle, kindColor } from '../src/investmentview.js';

const count = (html, re) => (html.match(re) || []).length;

test('planRequest reads the form into the body the server takes', () => {
  const cases = [
    [['10000', '2026-2030', ''], { body: { budget: 10000, years: '2026-2030' } }],
    [[' 5000 ', '2026 – 2028', '1000'], { body: { budget: 5000, years: '2026-2028', yearly_budget: 1000 } }],
    [['', '2026-2030', '1000, 2000，3000 4000、5000'], { body: { years: '2026-2030', yearly_budget: [1000, 2000, 3000, 4000, 5000] } }],
    [['0', '', ''], { body: { budget: 0 } }],
    [['', '', ''], { error: 'investBadBudget' }],
    [['-1', '2026-2030', ''], { error: 'investBadBudget' }],
    [['NaN', '2026-2030', ''], { error: 'investBadBudget' }],
    [['Infinity', '2026-2030', ''], { error: 'investBadBudget' }],
    [['1e3x', '', ''], { error: 'investBadBudget' }],
    [['100', '2030-2026', ''], { error: 'investBadYears' }],
    [['100', '2026', ''], { error: 'investBadYears' }],
    [['100', '2026-2030', '1,-2'], { error: 'investBadYearly' }],
    [['100', '2026-2030', 'lots'], { error: 'investBadYearly' }],
  ];
  for (const [args, want] of cases) assert.deepEqual(planRequest(...args), want, JSON.stringify(args));
});

test('budgetUsed is spent over budget, capped at 1, 0 without a budget', () => {
  assert.deepEqual(budgetUsed({ spent: 2978, budget: 3000 }), { spent: 2978, budget: 3000, frac: 2978 / 3000 });
  assert.deepEqual(budgetUsed({ spent: 0, budget: 0 }), { spent: 0, budget: 0, frac: 0 });
  assert.deepEqual(budgetUsed({ spent: 12, budget: 10 }), { spent: 12, budget: 10, frac: 1 });
  assert.deepEqual(budgetUsed(null), { spent: 0, budget: 0, frac: 0 });
});

const doc = {
  budget: 1200, spent: 1142, unit: '万元', costs_placeholder: true, optimal: true, upper_bound: 11.2, value: 11.2,
  total_value: 201, gaps_closed: 3,
  actions: [
    { id: 'expand_venue:VE2600046', kind: 'expand_venue', county: '150404', county_name: '松山区', site_name: '松山区科普活动中心',
      lon: 118.94, lat: 42.29, from_m2: 960, add_m2: 40, to_m2: 1000, cost: 32, value: 8.5, population_served: 1723173,
      closes: [{ rule: 'venue_1000', code: '150404', name: '松山区', priority: 8.5 }] },
    { id: 'build_venue:150105', kind: 'build_venue', county: '150105', county_name: '赛罕区', site_name: '赛罕区',
      lon: 111.7, lat: 40.79, to_m2: 1000, add_m2: 1000, cost: 1100, value: 2.1, year: 2027, population_served: 900000,
      closes: [{ rule: 'venue_1000', code: '150105', name: '赛罕区', priority: 2.1 }] },
    { id: 'caravan_station:152202', kind: 'caravan_station', county: '152202', county_name: '阿尔山市', site_name: '阿尔山市',
      lon: 119.94, lat: 47.18, reach_km: 100, cost: 10, value: 0.6, population_served: 32301,
      closes: [{ rule: 'caravan_reach', code: '152202', name: '阿尔山市', priority: 0.6 }] },
  ],
  features: { type: 'FeatureCollection', features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [118.94, 42.29] }, properties: { kind: 'action', rank: 1, action: 'expand_venue' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [111.7, 40.79] }, properties: { kind: 'action', rank: 2, action: 'build_venue' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [119.94, 47.18] }, properties: { kind: 'action', rank: 3, action: 'caravan_station' } },
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[119, 47], [120, 47], [120, 48], [119, 47]]] }, properties: { kind: 'reach', rank: 3 } },
  ] },
};

test('planHTML lists every action with cost, year and gaps, the budget bar and the proof', () => {
  const html = planHTML(doc);
  assert.equal(count(html, /<li /g), 3, 'one row per action');
  assert.match(html, /成本为占位数值/);
  assert.match(html, /已用预算 1,142 \/ 1,200 万元/);
  assert.match(html, /width:95\.2%/);
  assert.match(html, /已证明最优/);
  assert.match(html, /关闭差距 3 个/);
  assert.match(html, /扩建科普场馆 · 松山区 松山区科普活动中心 960 → 1,000 ㎡（\+40）/);
  assert.match(html, /费用 1,100 万元 · 2027 年/);
  assert.match(html, /服务人口 172\.32 万人/);
  assert.match(html, new RegExp(`background:${kindColor.caravan_station}`));
  const notProven = planHTML({ ...doc, optimal: false, upper_bound: 14.25, costs_placeholder: false, actions: [] });
  assert.match(notProven, /未证明最优，上界 14\.3/);
  assert.doesNotMatch(notProven, /占位/);
  assert.match(notProven, /预算内没有可以关闭差距的行动/);
});

test('actionTitle names the kind, the place and the size', () => {
  assert.equal(actionTitle(doc.actions[1]), '新建科普场馆 · 赛罕区 1,000 ㎡');
  assert.equal(actionTitle(doc.actions[2]), '新增科普大篷车站点 · 阿尔山市 服务半径 100 公里');
});

test('planFeatures copies the features and is empty without a plan', () => {
  const fc = planFeatures(doc);
  assert.equal(fc.features.length, 4);
  fc.features[0].properties.rank = 99;
  assert.equal(doc.features.features[0].properties.rank, 1, 'a copy, not the document');
  assert.deepEqual(planFeatures(null), { type: 'FeatureCollection', features: [] });
});
