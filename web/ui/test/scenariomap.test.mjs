// Unit tests of scenarios on the map: the county classes and fill of a
// scenario's result, the flipped counties, what survives a reload, and the
// stored scenarios' list. node --test web/ui/test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../src/findwords.js';
import { setLang } from '../src/i18n.js';
import { countyClass, scenarioFill, changedCodes, saveState, loadState, storedHTML } from '../src/scenariomap.js';

globalThis.document ??= { documentElement: {} };
setLang('zh');

const county = (code, { venue = false, caravan = false, largest = 0, bases = 0, priority = 0 } = {}) => ({
  code, level: 'county', largest_venue_m2: largest, bases: { total: bases }, priority,
  rules: { venue_1000: { pass: venue }, caravan_reach: { pass: caravan } },
});

test('countyClass sorts a county into its mode\'s legend class, at each boundary', () => {
  for (const [name, u, mode, want] of [
    ['venue passing', county('1', { venue: true, largest: 1200 }), 'venue', 'compliant'],
    ['venue too small', county('1', { largest: 999 }), 'venue', 'small'],
    ['no venue', county('1'), 'venue', 'none'],
    ['unknown mode is venue', county('1'), 'nope', 'none'],
    ['caravan reached', county('1', { caravan: true }), 'caravan', 'reached'],
    ['caravan not reached', county('1'), 'caravan', 'unreached'],
    ['0 bases', county('1'), 'bases', 'b0'],
    ['1 base', county('1', { bases: 1 }), 'bases', 'b1'],
    ['2 bases', county('1', { bases: 2 }), 'bases', 'b1'],
    ['3 bases', county('1', { bases: 3 }), 'bases', 'b2'],
    ['10 bases', county('1', { bases: 10 }), 'bases', 'b3'],
    ['11 bases', county('1', { bases: 11 }), 'bases', 'b4'],
    ['bases as a number', { code: '1', bases: 6 }, 'bases', 'b3'],
    ['priority 0', county('1'), 'priority', 'p0'],
    ['priority 0.1', county('1', { priority: 0.1 }), 'priority', 'p1'],
    ['priority 2', county('1', { priority: 2 }), 'priority', 'p2'],
    ['priority 7.99', county('1', { priority: 7.99 }), 'priority', 'p4'],
    ['priority 8', county('1', { priority: 8 }), 'priority', 'p5'],
  ]) assert.equal(countyClass(u, mode), want, name);
});

const doc = {
  id: 'abc123', name: '赛罕区新馆',
  result: { units: [
    { code: '150000', level: 'region' },
    { code: '150100', level: 'league', rules: {} },
    county('150105', { venue: true, largest: 3000 }),
    county('150102', { venue: true, largest: 16000 }),
    county('150404', { largest: 500 }),
    county('150429'),
  ] },
  changes: { units: [
    { rule: 'venue_1000', code: '150105', pass_before: false, pass_after: true },
    { rule: 'league_museum', code: '150100', pass_before: false, pass_after: true },
    { rule: 'caravan_reach', code: '150105', pass_before: false, pass_after: true },
  ] },
};

test('scenarioFill matches each county to its scenario colour, others keep the base', () => {
  assert.deepEqual(scenarioFill(doc, 'venue', ['get', 'x']), ['match', ['to-string', ['get', 'code']],
    ['150102', '150105'], '#2f9e5f', ['150404'], '#e8a317', ['150429'], '#d6453d', ['get', 'x']]);
  assert.deepEqual(scenarioFill(doc, 'caravan', 'base'), ['match', ['to-string', ['get', 'code']],
    ['150102', '150105', '150404', '150429'], '#d6453d', 'base']);
  assert.equal(scenarioFill({ result: { units: [] } }, 'venue', 'base'), null);
  assert.equal(scenarioFill(null, 'venue'), null);
});

test('changedCodes are the flipped counties, once each, not leagues', () => {
  assert.deepEqual(changedCodes(doc), ['150105']);
  assert.deepEqual(changedCodes({ changes: { units: [{ code: '2' }, { code: '1' }, { code: '2' }] } }), ['1', '2']);
  assert.deepEqual(changedCodes(null), []);
});

test('saveState and loadState keep the proposals across a reload', () => {
  const items = [{ id: 'PROPOSED-3', name: '赛罕区新馆', category: 'venue', lon: 111.7, lat: 40.8, floor_area_m2: 3000, county: '150105' }];
  const removed = new Map([['VE2600001', { id: 'VE2600001', name: '新城区科技馆', category: 'venue', lon: '111.7', lat: '40.9' }]]);
  const text = saveState({ items, removed: removed.values(), seq: 3, name: '方案一', result: 'abc123', view: true });
  assert.deepEqual(loadState(text), { items, removed: [...removed.values()], seq: 3, name: '方案一', result: 'abc123', view: true });
});

test('loadState drops what is malformed and numbers on from the highest id', () => {
  for (const [name, text, want] of [
    ['not JSON', '{', null],
    ['no version', '{"items":[]}', null],
    ['nothing kept', saveState({}), null],
    ['bad items dropped, seq from ids', JSON.stringify({ v: 1, seq: 1, items: [
      { id: 'PROPOSED-7', category: 'venue', lon: 1, lat: 2 }, { id: 'X', category: 'tower', lon: 1, lat: 2 }, { id: 'Y', category: 'venue', lon: 'a', lat: 2 }, null] }),
    { items: [{ id: 'PROPOSED-7', category: 'venue', lon: 1, lat: 2 }], removed: [], seq: 7, name: '', result: null, view: false }],
    ['a result id that is not one', JSON.stringify({ v: 1, result: '../x', view: true, removed: [{ id: 'VE1' }] }),
      { items: [], removed: [{ id: 'VE1' }], seq: 0, name: '', result: null, view: false }],
  ]) assert.deepEqual(loadState(text), want, name);
});

test('storedHTML offers delete only for scenarios with an author', () => {
  const html = storedHTML([
    { id: 'a1', name: '甲的方案', created: '2026-12-02T09:40:12Z', author: '甲', units_flipped: 2 },
    { id: 'b2', name: '<匿名>', created: '2026-12-02T09:41:00Z', units_flipped: 0 },
  ], { current: 'b2' });
  assert.ok(html.includes('<b>甲的方案</b><span class="muted">2026-12-02 09:40 · 作者：甲 · 2 项变化</span>'), html);
  assert.ok(html.includes('data-sc-delete="a1" data-name="甲的方案"'), html);
  assert.ok(!html.includes('data-sc-delete="b2"'), html);
  assert.ok(html.includes('<li data-scenario="b2" class="current">'), html);
  assert.ok(html.includes('&lt;匿名&gt;') && html.includes('未署名'), html);
  assert.equal(storedHTML([]), '<li class="muted empty">还没有保存的方案</li>');
});
