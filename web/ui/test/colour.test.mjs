// Unit tests of the county colouring (src/colour.js): node --test web/ui/test.
// Each mode's paint expression is run by a small evaluator of the MapLibre
// operators it uses, on tile properties as the server may send them, and
// must land in the class a planner would read off the legend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modes, classes, fillColor, fillOpacity, pickMode, normalMode, modeLabel } from '../src/colour.js';

// evaluate runs a MapLibre expression against a feature's properties, with
// the style spec's semantics for the operators colour.js uses.
function evaluate(e, props) {
  if (!Array.isArray(e)) return e;
  const [op, ...args] = e;
  const ev = (x) => evaluate(x, props);
  switch (op) {
    case 'get': return Object.hasOwn(props, args[0]) ? props[args[0]] : null;
    case 'coalesce': for (const a of args) { const v = ev(a); if (v !== null && v !== undefined) return v; } return null;
    case 'to-number':
      for (const a of args) {
        const v = ev(a);
        if (v === null || v === false) return 0;
        if (v === true) return 1;
        if (typeof v === 'number') return v;
        if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
      }
      throw new Error(`to-number: cannot convert ${JSON.stringify(args)} for ${JSON.stringify(props)}`);
    case '==': { const [a, b] = args.map(ev); return typeof a === typeof b && a === b; }
    case '>': case '<=': {
      const [a, b] = args.map(ev);
      if (typeof a !== 'number' || typeof b !== 'number') throw new Error(`${op}: not numbers: ${a}, ${b}`);
      return op === '>' ? a > b : a <= b;
    }
    case 'any': return args.some((a) => ev(a) === true);
    case 'case':
      for (let i = 0; i + 1 < args.length; i += 2) if (ev(args[i]) === true) return ev(args[i + 1]);
      return ev(args[args.length - 1]);
    case 'step': {
      const x = ev(args[0]);
      if (typeof x !== 'number') throw new Error(`step: input ${x} is not a number`);
      let out = ev(args[1]);
      for (let i = 2; i + 1 < args.length; i += 2) {
        if (i > 2 && !(args[i] > args[i - 2])) throw new Error(`step: stops not strictly ascending at ${args[i]}`);
        if (x >= args[i]) out = ev(args[i + 1]);
      }
      return out;
    }
    default: throw new Error(`evaluator: unknown operator ${op}`);
  }
}

const colourOf = (mode, key) => classes[mode].find((c) => c.key === key)?.color;

// Expected classes, written from the legend (not from colour.js's breakpoints).
const cases = {
  venue: [
    ['boolean true', { venue_1000: true, largest_venue_m2: 16000 }, 'compliant'],
    ['number 1', { venue_1000: 1, largest_venue_m2: 1000 }, 'compliant'],
    ['string "true"', { venue_1000: 'true', largest_venue_m2: 1200 }, 'compliant'],
    ['small venue', { venue_1000: false, largest_venue_m2: 999 }, 'small'],
    ['small venue, 0 flag', { venue_1000: 0, largest_venue_m2: 300 }, 'small'],
    ['small venue as a string', { venue_1000: 'false', largest_venue_m2: '450' }, 'small'],
    ['no venue', { venue_1000: false, largest_venue_m2: 0 }, 'none'],
    ['no properties', {}, 'none'],
  ],
  caravan: [
    ['reached', { caravan_reach: true }, 'reached'],
    ['reached, 1', { caravan_reach: 1 }, 'reached'],
    ['reached, "true"', { caravan_reach: 'true' }, 'reached'],
    ['not reached', { caravan_reach: false }, 'unreached'],
    ['not reached, 0', { caravan_reach: 0 }, 'unreached'],
    ['missing', { venue_1000: true }, 'unreached'],
  ],
  bases: [
    ['0', { bases: 0 }, 'b0'],
    ['missing', {}, 'b0'],
    ['1', { bases: 1 }, 'b1'],
    ['2', { bases: 2 }, 'b1'],
    ['3', { bases: 3 }, 'b2'],
    ['5', { bases: 5 }, 'b2'],
    ['6', { bases: 6 }, 'b3'],
    ['10', { bases: 10 }, 'b3'],
    ['11', { bases: 11 }, 'b4'],
    ['16', { bases: 16 }, 'b4'],
    ['"4" as a string', { bases: '4' }, 'b2'],
  ],
  priority: [
    ['0: no gap', { priority: 0 }, 'p0'],
    ['missing: no gap', {}, 'p0'],
    ['0.001', { priority: 0.001 }, 'p1'],
    ['1.185', { priority: 1.185 }, 'p1'],
    ['1.999', { priority: 1.999 }, 'p1'],
    ['2', { priority: 2 }, 'p2'],
    ['3.945', { priority: 3.945 }, 'p2'],
    ['4', { priority: 4 }, 'p3'],
    ['5.67', { priority: 5.67 }, 'p3'],
    ['6.04', { priority: 6.04 }, 'p4'],
    ['7.999', { priority: 7.999 }, 'p4'],
    ['8', { priority: 8 }, 'p5'],
    ['9.681', { priority: 9.681 }, 'p5'],
    ['27.28', { priority: 27.28 }, 'p5'],
    ['"6.5" as a string', { priority: '6.5' }, 'p4'],
  ],
};

test('every mode has cases, and the cases reach every legend class', () => {
  assert.deepEqual(Object.keys(cases), modes);
  for (const mode of modes) {
    const got = new Set(cases[mode].map((c) => c[2]));
    const want = new Set(classes[mode].map((c) => c.key));
    assert.deepEqual(got, want, `${mode}: classes the cases reach`);
  }
});

test('a mode\'s classes have distinct colours', () => {
  for (const mode of modes) {
    const colours = classes[mode].map((c) => c.color.toLowerCase());
    assert.equal(new Set(colours).size, colours.length, `${mode}: ${colours}`);
    for (const c of colours) assert.match(c, /^#[0-9a-f]{6}$/, `${mode}: ${c}`);
  }
});

for (const mode of modes) {
  test(`fillColor(${mode}) classifies counties as the legend says`, () => {
    const expr = JSON.parse(JSON.stringify(fillColor(mode))); // as the style holds it
    for (const [name, props, want] of cases[mode]) {
      const got = evaluate(expr, props);
      assert.equal(got, colourOf(mode, want), `${mode} ${name}: got ${got}, want ${want} (${colourOf(mode, want)})`);
    }
  });
}

test('fillOpacity is stronger under the pointer, and between 0 and 1', () => {
  for (const mode of modes) {
    const [op, [, [fs, name]], hover, rest] = fillOpacity(mode);
    assert.deepEqual([op, fs, name], ['case', 'feature-state', 'hover'], `${mode}: hover test`);
    assert.ok(rest > 0.3 && rest < hover && hover <= 1, `${mode}: opacity ${rest}, under the pointer ${hover}`);
  }
});

test('an unknown mode falls back to the venue colouring', () => {
  assert.deepEqual(fillColor('nonsense'), fillColor('venue'));
  assert.equal(normalMode('nonsense'), 'venue');
  assert.equal(normalMode(undefined), 'venue');
});

test('pickMode: ?colour= wins, then the remembered choice, then venue', () => {
  for (const [search, stored, want] of [
    ['?colour=priority', 'bases', 'priority'],
    ['?lang=en&colour=caravan', null, 'caravan'],
    ['?colour=bogus', 'bases', 'bases'],
    ['', 'bases', 'bases'],
    ['', 'bogus', 'venue'],
    ['', null, 'venue'],
    [undefined, undefined, 'venue'],
  ]) {
    assert.equal(pickMode(search, stored), want, `pickMode(${search}, ${stored})`);
  }
});

test('every legend label and mode name exists in both languages', async () => {
  globalThis.document ??= { documentElement: {} };
  const { setLang, has, t } = await import('../src/i18n.js');
  for (const lang of ['zh', 'en']) {
    setLang(lang);
    for (const mode of modes) {
      assert.ok(has(modeLabel(mode)), `${lang}: ${modeLabel(mode)}`);
      for (const c of classes[mode]) {
        assert.ok(has(c.label), `${lang}: ${c.label}`);
        assert.doesNotMatch(t(c.label, c.vars), /\{\w+\}/, `${lang}: ${c.label} leaves a placeholder`);
      }
    }
  }
  assert.equal(t('legendBasesRange', { lo: 3, hi: 5 }), '3–5 bases');
  const names = (lang) => { setLang(lang); return modes.flatMap((m) => [t(modeLabel(m)), t(`colourNote.${m}`)]); };
  const zh = names('zh'), en = names('en');
  zh.forEach((z, i) => assert.notEqual(z, en[i], `"${z}" has no English label`));
});
