// colourview.js: the 着色 (colour by) control over the map legend. Switches
// the county fill between the modes of colour.js with setPaintProperty (no
// tile is fetched again), redraws the legend's fill entries, remembers the
// choice (localStorage) and keeps a ?colour= address in step.

import { t } from './i18n.js';
import { esc } from './panel.js';
import { modes, classes, fillColor, fillOpacity, opacity, pickMode, normalMode, modeLabel } from './colour.js';

const storageKey = 'kepu.colour';
const $ = (sel) => document.querySelector(sel);

// rgba is a #rrggbb colour at alpha a, as the map blends the fill.
const rgba = (hex, a) => `rgba(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')}, ${a})`;

/** createColouring wires the colour-by control to kepu.map and exposes
 *  kepu.colourBy(mode) and kepu.colour() for links and tests. */
export function createColouring({ kepu }) {
  let stored = null;
  try { stored = localStorage.getItem(storageKey); } catch { /* private mode */ }
  let mode = pickMode(location.search, stored);

  /** set fills the counties by next, remembers it and redraws the legend;
   *  returns the mode applied (unknown modes fall back to venue). */
  function set(next) {
    mode = normalMode(next);
    try { localStorage.setItem(storageKey, mode); } catch { /* private mode */ }
    // A shared link keeps saying what the map shows.
    const url = new URL(location.href);
    if (url.searchParams.has('colour') && url.searchParams.get('colour') !== mode) {
      url.searchParams.set('colour', mode);
      history.replaceState(history.state, '', url);
    }
    if (kepu.map?.getLayer('counties-fill')) {
      // A past year from the year control (yearview.js) colours by its results.
      const base = kepu.yearFill?.(mode) ?? fillColor(mode);
      // A what-if result shown on the map (scenariomap.js) colours by its own results.
      kepu.map.setPaintProperty('counties-fill', 'fill-color', kepu.scenarioFill?.(mode, base) ?? base);
      kepu.map.setPaintProperty('counties-fill', 'fill-opacity', fillOpacity(mode));
    }
    render();
    return mode;
  }

  /** render draws the control's state and the legend in the current language. */
  function render() {
    for (const b of document.querySelectorAll('#colour-by [data-colour]')) {
      const on = b.dataset.colour === mode;
      b.classList.toggle('active', on);
      b.setAttribute('aria-checked', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    $('#colour-by').title = t(modeLabel(mode));
    $('#legend-note').textContent = t(`colourNote.${mode}`) + (kepu.yearNote?.(mode) ?? '') + (kepu.scenarioNote?.(mode) ?? '');
    const list = $('#legend-fill');
    list.dataset.mode = mode;
    list.innerHTML = (kepu.yearLegend?.(mode) ?? classes[mode]).map((c) =>
      `<li data-class="${c.key}" data-color="${c.color}"><i class="swatch" style="background:${rgba(c.color, Math.max(0.6, opacity[mode]))}"></i><span>${esc(c.text ?? t(c.label, c.vars))}</span></li>`).join('');
  }

  /** wire listens to the control (clicks, arrow keys) and applies the starting mode. */
  function wire() {
    const seg = $('#colour-by');
    seg.addEventListener('click', (e) => {
      const b = e.target.closest('[data-colour]');
      if (b) set(b.dataset.colour);
    });
    // Arrow keys move along the segments, as in any radio group.
    seg.addEventListener('keydown', (e) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
      if (!step) return;
      e.preventDefault();
      const next = modes[(modes.indexOf(mode) + step + modes.length) % modes.length];
      set(next);
      seg.querySelector(`[data-colour="${next}"]`).focus();
    });
    set(mode);
  }

  kepu.colourBy = set;
  kepu.colour = () => mode;
  kepu.colourModes = modes;
  return { mode: () => mode, set, render, wire };
}
