// Unit tests of the year colouring (src/years.js): node --test web/ui/test.
// A tiny progress document (three counties, three year ends) with literal
// expectations; the fill expression is run by a small evaluator of the
// MapLibre operators years.js uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yearFill, yearClasses, passingCodes, yearLabel, series, trendSVG, isLatest, countsOn } from '../src/years.js';
import { classes } from '../src/colour.js';

const green = classes.venue[0].color, red = classes.venue[2].color;

const progress = {
  years: [
    { year: 2020, as_of: '2020-12-31', rules: [{ id: 'venue_1000', scope: 'county', passing: 1, total: 3 }, { id: 'league_museum', scope: 'league', passing: 0, total: 1 }] },
    { year: 2021, as_of: '2021-12-31', rules: [{ id: 'venue_1000', scope: 'county', passing: 2, total: 3 }, { id: 'league_museum', scope: 'league', passing: 0, total: 1 }] },
    { year: 2022, as_of: '2022-06-30', rules: [{ id: 'venue_1000', scope: 'county', passing: 1, total: 3 }, { id: 'league_museum', scope: 'league', passing: 1, total: 1 }] },
  ],
  units: [
    { code: '159901', level: 'county', by_year: { venue_1000: [true, true, false], caravan_reach: [false, false, false] } },
    { code: '159902', level: 'county', by_year: { venue_1000: [false, true, true], caravan_reach: [false, false, false] } },
    { code: '159903', level: 'county', by_year: { venue_1000: [false, false, false], caravan_reach: [false, false, true] } },
    { code: '159900', level: 'league', by_year: { league_museum: [false, false, true] } },
  ],
};

function evaluate(e, props) {
  if (!Array.isArray(e)) return e;
  const [op, ...args] = e;
  switch (op) {
    case 'get': return props[args[0]] ?? null;
    case 'to-string': { const v = evaluate(args[0], props); return v === null ? '' : String(v); }
    case 'match': {
      const v = evaluate(args[0], props);
      for (let i = 1; i + 1 < args.length; i += 2) {
        const labels = Array.isArray(args[i]) ? args[i] : [args[i]];
        if (labels.includes(v)) return args[i + 1];
      }
      return args[args.length - 1];
    }
    default: throw new Error(`evaluator: no ${op}`);
  }
}

test('a past year colours each county by whether it passed then', () => {
  for (const [k, want] of [[0, { 159901: green, 159902: red, 159903: red }], [1, { 159901: green, 159902: green, 159903: red }]]) {
    const e = yearFill('venue', progress, k);
    for (const [code, colour] of Object.entries(want)) {
      assert.equal(evaluate(e, { code }), colour, `year ${k} ${code}`);
      assert.equal(evaluate(e, { code: Number(code) }), colour, `year ${k} ${code} as a number`);
    }
  }
});

test('the latest day and priority use the tiles, and no county passing is all red', () => {
  assert.equal(yearFill('venue', progress, 2), null);
  assert.equal(isLatest(progress, 2), true);
  assert.equal(yearFill('priority', progress, 0), null);
  assert.equal(yearFill('caravan', progress, 0), red);
  assert.deepEqual(passingCodes(progress, 'caravan_reach', 2), ['159903']);
});

test('legend, labels and series', () => {
  assert.deepEqual(yearClasses('bases').map((c) => c.color), [green, red]);
  assert.equal(yearClasses('priority'), null);
  assert.deepEqual([0, 1, 2].map((k) => yearLabel(progress, k)), ['2020', '2021', '2022-06-30']);
  assert.deepEqual(series(progress), [{ id: 'venue_1000', total: 3, values: [1, 2, 1] }]);
  const svg = trendSVG(series(progress)[0], ['2020', '2021', '2022-06-30'], 1);
  assert.match(svg, /aria-label="1, 2, 1"/);
  assert.equal((svg.match(/<circle/g) || []).length, 3);
  assert.equal((svg.match(/class="on"/g) || []).length, 1);
});

test('countsOn keeps what counts on the day: opened on it, not closed on it', () => {
  const ev = (e, p) => {
    const [op, ...a] = e;
    if (op === 'all') return a.every((x) => ev(x, p));
    if (op === 'coalesce') return p[a[0][1]] ?? a[1];
    const [l, r] = [ev2(a[0], p), a[1]];
    return op === '<=' ? l <= r : l > r;
  };
  const ev2 = (x, p) => (Array.isArray(x) ? ev(x, p) : x);
  const day = '2023-12-31';
  for (const [props, want] of [
    [{}, true],
    [{ opened_day: '2023-12-31' }, true],
    [{ opened_day: '2024-12-31' }, false],
    [{ closed_day: '2023-12-31' }, false],
    [{ closed_day: '2024-01-01' }, true],
    [{ opened_day: '2020-12-31', closed_day: '2023-01-01' }, false],
  ]) assert.equal(ev(countsOn(day), props), want, JSON.stringify(props));
});
