// colour.js: what the county fill shows. Each mode ("colour by") is a list of
// classes — a colour and a legend label — and a MapLibre paint expression that
// puts a county's tile properties into one of them. Pure: no DOM, no map, so
// node can test it (web/ui/test/colour.test.mjs).

/** modes are the colour-by choices, the default first. */
export const modes = ['venue', 'caravan', 'bases', 'priority'];

export const defaultMode = modes[0];

// Colours: the rule classes reuse the map's green/amber/red; the ramps are
// ColorBrewer Greens (bases) and OrRd (priority), sequential and print-safe.
const green = '#2f9e5f', amber = '#e8a317', red = '#d6453d';
const greens = ['#c2e3b8', '#7cc47f', '#359e59', '#0f6b35'];
const orRd = ['#fdcc8a', '#fc8d59', '#ef6548', '#d7301f', '#990000'];
const noGap = '#c6d4c9';

/** basesBreaks are the lower ends of the bases classes after 0: 1–2, 3–5, 6–10, >10. */
export const basesBreaks = [1, 3, 6, 11];

/** priorityBreaks are the lower ends of the priority classes after "no gap"
 *  (a score of 0): (0, 2), [2, 4), [4, 6), [6, 8), ≥ 8. */
export const priorityBreaks = [0, 2, 4, 6, 8];

/** isTrue matches a tile boolean, which may arrive as true, 1 or "true". */
export const isTrue = (prop) => ['any',
  ['==', ['get', prop], true], ['==', ['get', prop], 1], ['==', ['get', prop], 'true']];

const numberOf = (prop) => ['to-number', ['coalesce', ['get', prop], 0], 0];

/** classes are each mode's legend entries, in legend order: key, colour and
 *  an i18n label key with its {placeholders}. */
export const classes = {
  venue: [
    { key: 'compliant', color: green, label: 'legendCompliant' },
    { key: 'small', color: amber, label: 'legendSmall' },
    { key: 'none', color: red, label: 'legendNone' },
  ],
  caravan: [
    { key: 'reached', color: green, label: 'legendReached' },
    { key: 'unreached', color: red, label: 'legendUnreached' },
  ],
  bases: [
    { key: 'b0', color: red, label: 'legendBasesNone' },
    { key: 'b1', color: greens[0], label: 'legendBasesRange', vars: { lo: 1, hi: 2 } },
    { key: 'b2', color: greens[1], label: 'legendBasesRange', vars: { lo: 3, hi: 5 } },
    { key: 'b3', color: greens[2], label: 'legendBasesRange', vars: { lo: 6, hi: 10 } },
    { key: 'b4', color: greens[3], label: 'legendBasesOver', vars: { n: 10 } },
  ],
  priority: [
    { key: 'p0', color: noGap, label: 'legendNoGap' },
    { key: 'p1', color: orRd[0], label: 'legendPriorityRange', vars: { lo: 0, hi: 2 } },
    { key: 'p2', color: orRd[1], label: 'legendPriorityRange', vars: { lo: 2, hi: 4 } },
    { key: 'p3', color: orRd[2], label: 'legendPriorityRange', vars: { lo: 4, hi: 6 } },
    { key: 'p4', color: orRd[3], label: 'legendPriorityRange', vars: { lo: 6, hi: 8 } },
    { key: 'p5', color: orRd[4], label: 'legendPriorityOver', vars: { n: 8 } },
  ],
};

/** opacity is how opaque the fill is in each mode: the rule modes keep the
 *  map readable under the facility marks; the ramps need more ink for their
 *  steps to tell apart. */
export const opacity = { venue: 0.5, caravan: 0.5, bases: 0.75, priority: 0.8 };

/** fillOpacity is the fill-opacity paint expression for mode: stronger under
 *  the pointer (feature-state hover). */
export function fillOpacity(mode) {
  const o = opacity[normalMode(mode)];
  return ['case', ['boolean', ['feature-state', 'hover'], false], Math.min(1, o + 0.2), o];
}

const colorOf = (mode, key) => classes[mode].find((c) => c.key === key).color;

/** modeLabel is the i18n key naming a mode (the selector's title, the legend's heading). */
export const modeLabel = (mode) => `colour.${mode}`;

/** normalMode returns mode when it is one of modes, else the default. */
export function normalMode(mode) {
  return modes.includes(mode) ? mode : defaultMode;
}

/** pickMode is the starting mode: ?colour= in the address wins (links can be
 *  shared), then the remembered choice, then the default. */
export function pickMode(search, stored) {
  const asked = new URLSearchParams(search || '').get('colour');
  if (modes.includes(asked)) return asked;
  return normalMode(stored);
}

/** fillColor is the fill-color paint expression for mode. */
export function fillColor(mode) {
  const m = normalMode(mode);
  const c = (key) => colorOf(m, key);
  switch (m) {
    case 'caravan':
      return ['case', isTrue('caravan_reach'), c('reached'), c('unreached')];
    case 'bases':
      return ['step', numberOf('bases'), c('b0'),
        ...basesBreaks.flatMap((b, i) => [b, c(`b${i + 1}`)])];
    case 'priority': {
      // A score of 0 is no gap; any positive score falls in a ramp class whose
      // lower end it reaches (step: input ≥ stop).
      const p = numberOf('priority');
      return ['case', ['<=', p, 0], c('p0'),
        ['step', p, c('p1'), ...priorityBreaks.slice(1).flatMap((b, i) => [b, c(`p${i + 2}`)])]];
    }
    default:
      return ['case',
        isTrue('venue_1000'), c('compliant'),
        ['>', numberOf('largest_venue_m2'), 0], c('small'),
        c('none')];
  }
}
