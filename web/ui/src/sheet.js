// sheet.js: the map as a finished sheet, one canvas for the PNG export and
// for printing: a title band (title, subtitle, date, the sample label), the
// current view of the map with a north arrow and a scale bar, the legend
// under it, and the sources. The map canvas must keep its drawing buffer
// (preserveDrawingBuffer), so the last frame can be copied at any moment.

import { colors } from './map.js';
import { contextColors } from './basemap.js';

const words = {
  zh: {
    north: '北', provinceBorder: '省级界', nationalBorder: '国界', leagueSeat: '盟市驻地', countySeat: '旗县驻地',
    date: '制图日期', exportPng: '导出图片', print: '打印', exportHint: '把当前地图视图连同标题、图例、比例尺和指北针保存为 PNG 图片',
    printHint: '打印当前地图视图（含标题、图例、比例尺、指北针、日期）', km: '公里', sources: '来源',
  },
  en: {
    north: 'N', provinceBorder: 'Provincial boundary', nationalBorder: 'National border', leagueSeat: 'League seat', countySeat: 'County seat',
    date: 'Map date', exportPng: 'Export PNG', print: 'Print', exportHint: 'Save the current map view with its title, legend, scale bar and north arrow as a PNG image',
    printHint: 'Print the current map view (with title, legend, scale bar, north arrow, date)', km: 'km', sources: 'Sources',
  },
};

/** word is one of this module's labels in lang (zh or en). */
export const word = (lang, key) => (words[lang] || words.zh)[key];

const pad = (n) => String(n).padStart(2, '0');

/** isoDate is a date as YYYY-MM-DD in local time. */
export const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** exportName is the PNG's file name for a date: kepu-map-YYYYMMDD.png. */
export const exportName = (d) => `kepu-map-${isoDate(d).replaceAll('-', '')}.png`;

/** niceLength is the longest 1, 2 or 5 × 10ⁿ metres not over max metres. */
export function niceLength(max) {
  if (!(max > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [5, 2, 1]) if (m * p <= max) return m * p;
  return p;
}

/** lengthLabel writes a scale bar's length in km (or m under 1 km). */
export const lengthLabel = (m, lang) => (m >= 1000 ? `${m / 1000} ${word(lang, 'km')}` : `${m} m`);

// metres between two [lon, lat] points on a sphere of the WGS 84 mean radius.
function haversine(a, b) {
  const r = Math.PI / 180;
  const s = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 +
    Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(s));
}

const text = (el) => (el?.textContent || '').replace(/\s+/g, ' ').trim();

/** sheetInfo gathers what the sheet says from the page as it is now. */
export function sheetInfo(lang, now = new Date()) {
  const $ = (s) => document.querySelector(s);
  const mode = $('#colour-by .active') || $('#colour-by [aria-checked="true"]');
  const fills = [...document.querySelectorAll('#legend-fill li')].map((li) => ({ kind: 'fill', color: li.dataset.color, label: text(li) }));
  const marks = [];
  const dot = { venues: colors.venue, basesNational: colors.baseNational, basesRegional: colors.baseRegional, basesOther: colors.baseOther, caravans: colors.caravan };
  for (const box of document.querySelectorAll('.toggles input[data-toggle]:checked')) {
    const label = text(box.closest('label'));
    if (dot[box.dataset.toggle]) marks.push({ kind: 'dot', color: dot[box.dataset.toggle], label });
    else if (box.dataset.toggle === 'reach') marks.push({ kind: 'dash', color: colors.caravan, label });
  }
  const rest = [...document.querySelectorAll('.legend-rest li')].filter((li) => !li.hidden);
  const lines = [];
  for (const li of rest) {
    const i = li.querySelector('i');
    if (i?.classList.contains('league')) lines.push({ kind: 'line', color: colors.league, width: 2.4, label: text(li) });
    else if (i?.classList.contains('county')) lines.push({ kind: 'line', color: colors.county, width: 1, label: text(li) });
    else if (i?.classList.contains('hollow')) lines.push({ kind: 'hollow', color: colors.venue, label: text(li) });
  }
  const context = [
    { kind: 'line', color: contextColors.nationalLine, width: 2.4, label: word(lang, 'nationalBorder') },
    { kind: 'dashline', color: contextColors.provinceLine, width: 1.4, label: word(lang, 'provinceBorder') },
    { kind: 'seat-league', color: contextColors.seat, label: word(lang, 'leagueSeat') },
    { kind: 'seat-county', color: contextColors.seat, label: word(lang, 'countySeat') },
  ];
  // The page shows the label (not hidden) when the data is a sample; on paper
  // the page itself is not laid out, so its attribute decides, not its box.
  const sample = $('#sample-badge') && !$('#sample-badge').hidden ? $('#map-sample')?.textContent.trim() || text($('#sample-badge')) : '';
  return {
    title: text($('.brand h1')) || document.title,
    subtitle: text($('.brand .subtitle')),
    heading: [text($('#colour-by-label')), text(mode)].filter(Boolean).join('：'),
    note: text($('#legend-note')),
    legend: [...fills, ...marks, ...lines, ...context],
    sample,
    date: `${word(lang, 'date')} ${isoDate(now)}`,
    credit: text($('.maplibregl-ctrl-attrib-inner')),
    lang,
  };
}

/** composeSheet draws the map's current frame and info on a new canvas, at
 *  the map canvas's own pixel density. */
export function composeSheet(map, info) {
  const src = map.getCanvas();
  const cssW = src.clientWidth || src.width, cssH = src.clientHeight || src.height;
  const s = src.width / cssW || 1;
  const W = src.width, mapH = src.height;
  const font = (px, bold) => `${bold ? '600 ' : ''}${Math.round(px * s)}px "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif`;
  const probe = document.createElement('canvas').getContext('2d');
  // A narrow sheet (a phone's view) puts the date on a line of its own.
  const narrow = cssW < 640;
  const headH = Math.round((info.subtitle ? (narrow ? 78 : 62) : (narrow ? 62 : 44)) * s);
  const legend = layoutLegend(probe, info, W, s, font);
  probe.font = font(10);
  const credit = wrap(probe, `${word(info.lang, 'sources')}: ${info.credit || 'kepu'}`, W - 28 * s);
  const footH = Math.round((8 + 14 * credit.length) * s);
  const out = document.createElement('canvas');
  out.width = W;
  out.height = headH + mapH + legend.height + footH;
  const g = out.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);

  // Title band.
  const m = 14 * s;
  g.textBaseline = 'alphabetic';
  g.fillStyle = '#17202b';
  g.font = font(cssW < 500 ? 16 : 20, true);
  g.fillText(info.title, m, 28 * s, W - 2 * m);
  if (info.subtitle) {
    g.font = font(12);
    g.fillStyle = '#5b6776';
    g.fillText(info.subtitle, m, 48 * s, narrow ? W - 2 * m : W * 0.62);
  }
  g.font = font(12);
  g.fillStyle = '#3a4452';
  if (narrow) {
    g.fillText(info.date, m, (info.subtitle ? 68 : 48) * s);
  } else {
    g.textAlign = 'right';
    g.fillText(info.date, W - m, info.subtitle ? 48 * s : 28 * s);
    g.textAlign = 'left';
  }

  // The map, with the sample label, north arrow and scale bar on it.
  g.drawImage(src, 0, headH);
  g.strokeStyle = '#c9d1da';
  g.lineWidth = s;
  g.strokeRect(0.5 * s, headH + 0.5 * s, W - s, mapH - s);
  if (info.sample) drawSample(g, info.sample, m, headH + m, s, font);
  drawNorth(g, W - 30 * s, headH + 16 * s, s, font, info.lang);
  drawScale(g, map, info.lang, m, headH + mapH - 14 * s, cssW, cssH, s, font);

  // Legend, then the sources.
  drawLegend(g, legend, headH + mapH, s, font);
  g.font = font(10);
  g.fillStyle = '#6b7480';
  credit.forEach((line, i) => g.fillText(line, m, headH + mapH + legend.height + (14 * i + 12) * s, W - 2 * m));
  return out;
}

// wrap breaks a credit line after its separators (| · ;) into lines that fit width.
function wrap(g, line, width) {
  const parts = line.split(/(?<=[|·;；]) /);
  const lines = [];
  let cur = '';
  for (const p of parts) {
    if (cur && g.measureText(cur + ' ' + p).width > width) { lines.push(cur); cur = p; } else cur = cur ? `${cur} ${p}` : p;
  }
  if (cur) lines.push(cur);
  return lines;
}

function drawSample(g, label, x, y, s, font) {
  g.font = font(13, true);
  const w = g.measureText(label).width + 16 * s, h = 24 * s;
  g.fillStyle = 'rgba(255, 244, 229, 0.95)';
  g.strokeStyle = '#d6453d';
  g.lineWidth = 1.5 * s;
  g.fillRect(x, y, w, h);
  g.strokeRect(x, y, w, h);
  g.fillStyle = '#b3261e';
  g.fillText(label, x + 8 * s, y + 17 * s);
}

function drawNorth(g, cx, top, s, font, lang) {
  const h = 30 * s, w = 9 * s;
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.beginPath();
  g.arc(cx, top + h * 0.62, 19 * s, 0, 2 * Math.PI);
  g.fill();
  g.beginPath();
  g.moveTo(cx, top + 6 * s);
  g.lineTo(cx + w, top + h);
  g.lineTo(cx, top + h - 7 * s);
  g.closePath();
  g.fillStyle = '#17202b';
  g.fill();
  g.beginPath();
  g.moveTo(cx, top + 6 * s);
  g.lineTo(cx - w, top + h);
  g.lineTo(cx, top + h - 7 * s);
  g.closePath();
  g.fillStyle = '#ffffff';
  g.strokeStyle = '#17202b';
  g.lineWidth = s;
  g.fill();
  g.stroke();
  g.font = font(11, true);
  g.textAlign = 'center';
  g.fillStyle = '#17202b';
  g.fillText(word(lang, 'north'), cx, top + 4 * s);
  g.textAlign = 'left';
}

function drawScale(g, map, lang, x, y, cssW, cssH, s, font) {
  const py = Math.min(cssH - 14, Math.max(0, cssH - 14));
  const a = map.unproject([x / s, py]), b = map.unproject([x / s + 100, py]);
  const perPx = haversine([a.lng, a.lat], [b.lng, b.lat]) / 100;
  const len = niceLength(perPx * Math.min(160, cssW * 0.3));
  if (!len) return;
  const px = (len / perPx) * s;
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(x - 4 * s, y - 22 * s, px + 8 * s + 60 * s, 28 * s);
  g.fillStyle = '#17202b';
  g.fillRect(x, y - 4 * s, px / 2, 4 * s);
  g.strokeStyle = '#17202b';
  g.lineWidth = s;
  g.strokeRect(x, y - 4 * s, px, 4 * s);
  g.font = font(11);
  g.fillText('0', x - 2 * s, y - 8 * s);
  g.fillText(lengthLabel(len, lang), x + px - 6 * s, y - 8 * s);
}

// layoutLegend places the legend's entries in rows that fit the width.
function layoutLegend(g, info, W, s, font) {
  const m = 14 * s, sym = 22 * s, gap = 16 * s, rowH = 20 * s;
  const rows = [];
  let x = m, y = (info.heading ? 40 : 14) * s;
  g.font = font(12);
  for (const e of info.legend) {
    const w = sym + g.measureText(e.label).width + gap;
    if (x + w > W - m && x > m) { x = m; y += rowH; }
    rows.push({ ...e, x, y });
    x += w;
  }
  return { entries: rows, heading: info.heading, note: info.note, height: Math.round(y + rowH), m };
}

function drawLegend(g, legend, top, s, font) {
  const m = legend.m;
  if (legend.heading) {
    g.font = font(12, true);
    g.fillStyle = '#17202b';
    g.fillText(legend.heading, m, top + 20 * s);
    if (legend.note) {
      const w = g.measureText(legend.heading).width;
      g.font = font(11);
      g.fillStyle = '#6b7480';
      g.fillText(legend.note, m + w + 12 * s, top + 20 * s);
    }
  }
  g.font = font(12);
  for (const e of legend.entries) {
    const cy = top + e.y - 4 * s, x = e.x;
    drawSymbol(g, e, x, cy, s);
    g.fillStyle = '#26303b';
    g.fillText(e.label, x + 22 * s, top + e.y);
  }
}

function drawSymbol(g, e, x, cy, s) {
  g.save();
  g.lineWidth = (e.width || 1.5) * s;
  g.strokeStyle = e.color;
  g.fillStyle = e.color;
  switch (e.kind) {
    case 'fill':
      g.fillRect(x, cy - 6 * s, 16 * s, 12 * s);
      g.strokeStyle = 'rgba(0,0,0,0.25)';
      g.lineWidth = s;
      g.strokeRect(x, cy - 6 * s, 16 * s, 12 * s);
      break;
    case 'dashline':
    case 'dash':
      g.setLineDash([4 * s, 2 * s]);
    // falls through
    case 'line':
      g.beginPath();
      g.moveTo(x, cy);
      g.lineTo(x + 16 * s, cy);
      g.stroke();
      break;
    case 'hollow':
      g.fillStyle = '#ffffff';
      g.beginPath();
      g.arc(x + 8 * s, cy, 4.5 * s, 0, 2 * Math.PI);
      g.fill();
      g.lineWidth = 1.6 * s;
      g.stroke();
      break;
    case 'seat-county':
      g.fillStyle = '#ffffff';
      g.beginPath();
      g.arc(x + 8 * s, cy, 3 * s, 0, 2 * Math.PI);
      g.fill();
      g.lineWidth = s;
      g.stroke();
      break;
    default: // dot, seat-league
      g.beginPath();
      g.arc(x + 8 * s, cy, (e.kind === 'seat-league' ? 4.5 : 5) * s, 0, 2 * Math.PI);
      g.fill();
      g.strokeStyle = '#ffffff';
      g.lineWidth = s;
      g.stroke();
  }
  g.restore();
}
