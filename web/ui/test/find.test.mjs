// Unit tests of find and filter: search ranking and list, gap filters,
// the facility table's rows and sorting. node --test web/ui/test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../src/findwords.js';
import { setLang } from '../src/i18n.js';
import { matchRank, searchUnits, resultsHTML, facilityNote } from '../src/search.js';
import { filterGaps, ruleChoices, leagueChoices, gapsCSVHref } from '../src/gapfilter.js';
import { tableRows, sortRows, tableHTML } from '../src/facilitytable.js';

globalThis.document ??= { documentElement: {} };
setLang('zh');

test('matchRank ranks as the server does', () => {
  for (const [id, name, q, want] of [
    ['VE2600001', '新城区科技馆', 've2600001', 1],
    ['VE1', '科技馆', '科技馆', 2],
    ['VE2600001', '新城区科技馆', 'VE26', 3],
    ['VE1', '新城区科技馆', '新城', 4],
    ['VE1', '新城区科技馆', '科技', 5],
    ['VE2600001', '新城区科技馆', '600001', 6],
    ['VE1', '科技馆', '大篷车', 0],
    ['VE1', '科技馆', '  ', 0],
  ]) assert.equal(matchRank(id, name, q), want, `${id} ${name} ${q}`);
});

const units = [
  { code: '150100', name: '呼和浩特市', level: 'league' },
  { code: '150102', name: '新城区', level: 'county', parent: '150100' },
  { code: '150402', name: '红山区', level: 'county', parent: '150400' },
  { code: '152502', name: '锡林浩特市', level: 'county', parent: '152500' },
];

test('searchUnits: best rank first, ties by code, limited', () => {
  assert.deepEqual(searchUnits(units, '浩特').map((u) => u.code), ['150100', '152502']);
  assert.deepEqual(searchUnits(units, '1501').map((u) => u.code), ['150100', '150102']);
  assert.deepEqual(searchUnits(units, '新城区').map((u) => u.code), ['150102']);
  assert.deepEqual(searchUnits(units, '15', 1).map((u) => u.code), ['150100']);
  assert.deepEqual(searchUnits(units, '大篷车'), []);
});

test('resultsHTML lists areas then facilities, escaped', () => {
  const html = resultsHTML({
    units: [units[1]], leagueName: (c) => (c === '150100' ? '呼和浩特市' : ''), unitName: (c) => (c === '150102' ? '新城区' : ''),
    facilities: [{ id: 'VE2600001', name: '新城区<科技馆>', category: 'venue', floor_area_m2: 2000, located_county: '150102', status: 'open' }],
  });
  assert.match(html, /<li class="sr-head" aria-hidden="true">行政区<\/li><li data-code="150102"/);
  assert.match(html, /<li class="sr-head" aria-hidden="true">设施<\/li><li data-facility="0" data-id="VE2600001"/);
  assert.ok(html.includes('新城区&lt;科技馆&gt;'), html);
  assert.ok(html.includes('科普场馆 · 2,000 ㎡ · 新城区'), html);
  assert.equal(resultsHTML({}), '<li class="muted">无匹配结果</li>');
  assert.equal(resultsHTML({ pending: true }), '<li class="muted">加载中…</li>');
});

test('facilityNote names the category, size, county and a status other than open', () => {
  assert.equal(facilityNote({ category: 'base', level: 'national', county: '150102', status: 'planned' }, () => '新城区'), '科普教育基地 · 国家级 · 新城区 · 规划');
  assert.equal(facilityNote({ category: 'caravan', located_county: '150999' }), '科普大篷车 · 150999');
});

const gaps = [
  { rule: 'league_museum', code: '150100', level: 'league', parent: '' },
  { rule: 'venue_1000', code: '150105', level: 'county', parent: '150100' },
  { rule: 'venue_1000', code: '150404', level: 'county', parent: '150400' },
  { rule: 'caravan_reach', code: '150404', level: 'county', parent: '150400' },
  { rule: 'base_totals', code: '150000', level: 'region', parent: '' },
];
const leagues = [{ code: '150400', name: '赤峰市' }, { code: '150100', name: '呼和浩特市' }, { code: '152900', name: '阿拉善盟' }];

test('filterGaps keeps a league\'s own gaps and its counties\', like GET /api/gaps', () => {
  const codes = (f) => filterGaps(gaps, f).map((g) => `${g.rule}/${g.code}`);
  assert.deepEqual(codes({}), gaps.map((g) => `${g.rule}/${g.code}`));
  assert.deepEqual(codes({ league: '150100' }), ['league_museum/150100', 'venue_1000/150105']);
  assert.deepEqual(codes({ rule: 'venue_1000' }), ['venue_1000/150105', 'venue_1000/150404']);
  assert.deepEqual(codes({ rule: 'venue_1000', league: '150400' }), ['venue_1000/150404']);
  assert.deepEqual(codes({ rule: 'caravan_reach', league: '150100' }), []);
  assert.deepEqual(codes({ league: '152900' }), []);
});

test('ruleChoices and leagueChoices offer what has gaps', () => {
  assert.deepEqual(ruleChoices(gaps), ['league_museum', 'venue_1000', 'caravan_reach', 'base_totals']);
  assert.deepEqual(leagueChoices(gaps, leagues), [{ code: '150100', name: '呼和浩特市', n: 2 }, { code: '150400', name: '赤峰市', n: 2 }]);
  assert.deepEqual(leagueChoices(gaps, leagues, 'caravan_reach'), [{ code: '150400', name: '赤峰市', n: 1 }]);
});

test('gapsCSVHref carries the filters', () => {
  assert.equal(gapsCSVHref({}), '/api/gaps?format=csv');
  assert.equal(gapsCSVHref({ rule: 'venue_1000', league: '150100', lang: 'zh' }), '/api/gaps?format=csv&rule=venue_1000&league=150100&lang=zh');
});

const facilities = [
  { id: 'VE3', name: '乙馆', category: 'venue', status: 'open', floor_area_m2: 800, opened: 2015, located_county: '150102' },
  { id: 'VE1', name: '甲馆', category: 'venue', status: 'under_construction', floor_area_m2: 12000, opened: 2027 },
  { id: 'BA1', name: '基地', category: 'base', status: 'open', level: 'national', located_by: 'county', closed: '2024-06-30' },
  { id: 'CA1', name: '大篷车', category: 'caravan', status: 'open', reach_km: 120 },
  { id: 'VE2', name: '丙馆', category: 'venue', status: 'open' },
];

test('tableRows shows each column in words', () => {
  const [r] = tableRows([facilities[0]], (c) => (c === '150102' ? '新城区' : ''));
  assert.deepEqual(r.text, { name: '乙馆', id: 'VE3', category: '科普场馆', status: '开放', size: '800 ㎡', opened: '2015', closed: '', located_by: '坐标', county: '新城区' });
  const base = tableRows([facilities[2]])[0].text;
  assert.deepEqual([base.size, base.closed, base.located_by, base.status], ['国家级', '2024-06-30', '旗县驻地', '开放']);
  assert.equal(tableRows([facilities[3]])[0].text.size, '120 公里');
});

test('sortRows: numbers as numbers, blanks last, ties by id, either way', () => {
  const ids = (key, dir) => sortRows(tableRows(facilities), key, dir).map((r) => r.f.id);
  assert.deepEqual(ids('id', 1), ['BA1', 'CA1', 'VE1', 'VE2', 'VE3']);
  assert.deepEqual(ids('id', -1), ['VE3', 'VE2', 'VE1', 'CA1', 'BA1']);
  // venues by floor area (the one without comes last), then caravans, then bases
  assert.deepEqual(ids('size', -1), ['VE1', 'VE3', 'VE2', 'CA1', 'BA1']);
  assert.deepEqual(ids('size', 1), ['VE3', 'VE1', 'VE2', 'CA1', 'BA1']);
  assert.deepEqual(ids('opened', 1), ['VE3', 'VE1', 'BA1', 'CA1', 'VE2']);
  assert.deepEqual(ids('status', 1), ['BA1', 'CA1', 'VE2', 'VE3', 'VE1']);
  assert.deepEqual(ids('category', 1), ['VE1', 'VE2', 'VE3', 'CA1', 'BA1']);
});

test('tableHTML marks the sorted column and adds the county column for a league', () => {
  const rows = sortRows(tableRows(facilities.slice(0, 1)), 'size', -1);
  const html = tableHTML(rows, { key: 'size', dir: -1 });
  assert.match(html, /<th scope="col" aria-sort="descending" data-col="size"><button type="button" data-sort="size">面积／级别<span class="sort-mark" aria-hidden="true">▼<\/span>/);
  assert.ok(!html.includes('data-col="county"'));
  assert.ok(tableHTML(rows, {}, { league: true }).includes('<th scope="col" aria-sort="none" data-col="county">'));
  assert.match(html, /<tr data-id="VE3" tabindex="0"><td data-col="name">乙馆<\/td><td data-col="id">VE3<\/td>/);
  assert.equal(tableHTML([], {}), '<p class="muted">本地区没有登记设施</p>');
});
