// sizes.mjs: the map at a phone's and a desktop's size, on paper and as a PNG.
//
//   node web/ui/e2e/sizes.mjs http://127.0.0.1:PORT out/map
//
// At 390×844 and 1440×900: nothing scrolls sideways, counties render, the
// offline context basemap renders (provinces, the national border) with its
// labels (province names, league seats), a county click opens its panel, and
// no request leaves the server. Then print: page.pdf() rendered to PNG by
// pdftoppm must show the counties' colours; and 导出图片: the download is
// kepu-map-YYYYMMDD.png, a PNG as wide as the map's canvas, with county
// colours in it. Last, with /api/about naming a raster basemap (as
// `kepu serve --basemap` does), the map asks that template for tiles and
// credits it. Screenshots: OUT-390.png, OUT-1440.png, OUT-print-390.png, …
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const [base, out = 'out/map'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node web/ui/e2e/sizes.mjs http://127.0.0.1:PORT OUT-PREFIX');
  process.exit(2);
}
const origin = new URL(base).origin;
const tmp = mkdtempSync(join(tmpdir(), 'kepu-sizes-'));

function fail(msg) {
  console.error(`sizes: FAIL: ${msg}`);
  process.exitCode = 1;
}

// countyColours are the venue mode's classes as drawn: 50 % over the
// province fill #f7f6f2 (colour.js, basemap.js), to within ±14 per channel.
const countyColours = {
  compliant: [147, 202, 168], // #2f9e5f
  small: [240, 205, 133], // #e8a317
  none: [231, 158, 152], // #d6453d
};

async function open(width, height, about) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const outside = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  page.on('pageerror', (e) => fail(`${width}: page error: ${e.message}`));
  if (about) {
    await page.route(`${origin}/api/about`, async (route) => {
      const res = await route.fetch();
      route.fulfill({ response: res, json: about(await res.json()) });
    });
  }
  await page.goto(new URL('/', base).href, { waitUntil: 'load', timeout: 30000 });
  await page.waitForFunction(() => window.kepu && (window.kepu.ready === true || window.kepu.error), null, { timeout: 45000, polling: 250 });
  await idle(page);
  return { page, context, outside };
}

// idle waits until the map has drawn everything (at most 10 s).
function idle(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const map = window.kepu.map;
    map.once('idle', () => resolve()); // not the event: it holds the map, which Playwright would serialise (seconds)
    map.triggerRepaint();
    setTimeout(resolve, 10000);
  }));
}

const rendered = (page, layers) => page.evaluate((ls) => Object.fromEntries(ls.map((l) =>
  [l, window.kepu.map.queryRenderedFeatures({ layers: [l] }).length])), layers);

// size checks the page at one window size; the first size loads the page,
// the next resizes the same page (as a turned tablet or a widened window).
async function size(width, height, opened) {
  const tag = `${width}×${height}`;
  const t0 = Date.now();
  const { page, context, outside } = opened || await open(width, height);
  if (opened) {
    await page.setViewportSize({ width, height });
    await page.waitForFunction(([w]) => window.kepu.map.getCanvas().clientWidth > 0 && window.innerWidth === w, [width]);
    await page.evaluate(() => { window.kepu.map.fitBounds(window.kepu.bounds, { padding: 24, duration: 0 }); });
    await idle(page);
  }

  const overflow = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth,
  }));
  console.log(`sizes: ${tag}: page ${overflow.doc} px wide (body ${overflow.body}) in a ${overflow.view} px window`);
  if (overflow.doc > overflow.view || overflow.body > overflow.view) fail(`${tag}: the page scrolls sideways: ${overflow.doc} px in ${overflow.view} px`);

  const n = await rendered(page, ['counties-fill', 'context-province', 'context-national-border', 'context-province-label', 'seats-league-label', 'seats-league']);
  console.log(`sizes: ${tag}: rendered ${Object.entries(n).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const [layer, count] of Object.entries(n)) if (!(count > 0)) fail(`${tag}: nothing rendered in ${layer}`);
  const names = await page.evaluate(() => window.kepu.map.queryRenderedFeatures({ layers: ['context-province-label', 'context-country-label'] }).map((f) => f.properties.name));
  console.log(`sizes: ${tag}: context labels: ${names.join(' ')}`);
  if (!names.includes('蒙古国')) fail(`${tag}: 蒙古国 is not labelled on the map`);

  await page.screenshot({ path: `${out}-${width}.png` });
  await clickCounty(page, tag);

  await printed(page, tag, `${out}-print-${width}.png`);
  await exported(page, tag, `${out}-export-${width}.png`);

  if (outside.length) fail(`${tag}: the map fetched from outside the server: ${[...new Set(outside)].slice(0, 5).join(', ')}`);
  console.log(`sizes: ${tag}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { page, context, outside };
}

// clickCounty clicks a county away from any facility mark and checks its panel opens.
async function clickCounty(page, tag) {
  const spot = await page.evaluate(() => {
    const map = window.kepu.map, c = map.getCanvas(), r = c.getBoundingClientRect();
    const marks = ['caravans', 'venues', 'bases-national', 'bases-regional', 'bases-other', 'seats-league', 'seats-county'];
    // Below the legend box, inside the window.
    const top = (document.querySelector('.map-legend')?.getBoundingClientRect().bottom ?? r.top) - r.top + 8;
    for (let y = Math.max(top, c.clientHeight * 0.3); y < c.clientHeight * 0.9; y += 14) {
      for (let x = c.clientWidth * 0.15; x < c.clientWidth * 0.85; x += 14) {
        if (r.top + y > window.innerHeight - 10) continue;
        const county = map.queryRenderedFeatures([x, y], { layers: ['counties-fill'] })[0];
        const near = map.queryRenderedFeatures([[x - 10, y - 10], [x + 10, y + 10]], { layers: marks });
        const el = document.elementFromPoint(r.left + x, r.top + y);
        if (county && !near.length && el === c) return { x: r.left + x, y: r.top + y, name: county.properties.name };
      }
    }
    return null;
  });
  if (!spot) { fail(`${tag}: no county free of marks to click`); return; }
  await page.mouse.click(spot.x, spot.y);
  const title = await page.waitForFunction(() => !document.querySelector('#detail').hidden && document.querySelector('#detail-body h2')?.innerText,
    null, { timeout: 10000 }).then((h) => h.jsonValue()).catch(() => '');
  const box = await page.$eval('#detail', (el) => { const b = el.getBoundingClientRect(); return { w: Math.round(b.width), h: Math.round(b.height) }; }).catch(() => null);
  console.log(`sizes: ${tag}: clicking ${spot.name} opens "${title}" (panel ${box?.w}×${box?.h})`);
  if (!title || !title.includes(spot.name)) fail(`${tag}: clicking ${spot.name} opened ${title || 'no panel'}`);
  await page.screenshot({ path: `${out}-panel-${tag.split('×')[0]}.png` });
  await page.click('#detail-close');
}

// printed prints the page to PDF, renders it with pdftoppm and counts county colours.
async function printed(page, tag, png) {
  const pdf = join(tmp, `print-${tag}.pdf`);
  const before = await page.$eval('#print-sheet', (el) => el.dataset.composed || '');
  await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true });
  const after = await page.$eval('#print-sheet', (el) => el.dataset.composed || '');
  if (!after || after === before) fail(`${tag}: printing did not compose the print sheet (beforeprint)`);
  await idle(page);
  const stem = join(tmp, `print-${tag}`);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, stem]);
  const pages = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)?.[1];
  writeFileSync(png, readFileSync(`${stem}.png`));
  const c = await colours(page, readFileSync(`${stem}.png`));
  console.log(`sizes: ${tag}: print: ${pages} page(s), ${c.width}×${c.height} px at 60 dpi; county colours ${fmt(c.counts)}; ${c.ink} inked px`);
  if (pages !== '1') fail(`${tag}: the print has ${pages} pages, want 1`);
  if (Object.values(c.counts).filter((v) => v > 200).length < 2) fail(`${tag}: the printed map shows fewer than two county colours (${fmt(c.counts)})`);
}

// exported clicks 导出图片 and checks the PNG that downloads.
async function exported(page, tag, png) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.click('#export-png')]);
  const name = dl.suggestedFilename();
  const bytes = readFileSync(await dl.path());
  writeFileSync(png, bytes);
  const sig = bytes.subarray(0, 8).toString('hex');
  const w = bytes.readUInt32BE(16), h = bytes.readUInt32BE(20);
  const canvas = await page.evaluate(() => ({ w: window.kepu.map.getCanvas().width, h: window.kepu.map.getCanvas().height }));
  const c = await colours(page, bytes);
  console.log(`sizes: ${tag}: export: ${name}, ${bytes.length} bytes, ${w}×${h} (map canvas ${canvas.w}×${canvas.h}); county colours ${fmt(c.counts)}; ${c.ink} inked px`);
  if (!/^kepu-map-\d{8}\.png$/.test(name)) fail(`${tag}: export named ${name}, want kepu-map-YYYYMMDD.png`);
  if (sig !== '89504e470d0a1a0a') fail(`${tag}: the export is not a PNG (${sig})`);
  if (c.width !== w || c.height !== h) fail(`${tag}: the export decodes to ${c.width}×${c.height}, its header says ${w}×${h}`);
  if (w !== canvas.w || !(h > canvas.h)) fail(`${tag}: export ${w}×${h}, want the map canvas's width ${canvas.w} and more than its height ${canvas.h}`);
  if (Object.values(c.counts).filter((v) => v > 200).length < 2) fail(`${tag}: the exported map shows fewer than two county colours (${fmt(c.counts)})`);
  if (!(c.ink > w * h * 0.2)) fail(`${tag}: the export is nearly blank (${c.ink} inked px)`);
}

const fmt = (counts) => Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');

// colours decodes a PNG in the page and counts the county colours and the
// pixels that are not white.
function colours(page, bytes) {
  return page.evaluate(async ([b64, want]) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const img = await createImageBitmap(blob);
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, img.width, img.height).data;
    const counts = Object.fromEntries(Object.keys(want).map((k) => [k, 0]));
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i] < 245 || px[i + 1] < 245 || px[i + 2] < 245) ink++;
      for (const [k, [r, gr, bl]] of Object.entries(want)) {
        if (Math.abs(px[i] - r) <= 14 && Math.abs(px[i + 1] - gr) <= 14 && Math.abs(px[i + 2] - bl) <= 14) counts[k]++;
      }
    }
    return { width: img.width, height: img.height, counts, ink };
  }, [bytes.toString('base64'), countyColours]);
}

// tilePNG is a 256×256 PNG of one colour, the fake basemap's every tile.
function tilePNG([r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => { let c = 0xffffffff; for (const x of buf) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0); ihdr.writeUInt32BE(256, 4); ihdr[8] = 8; ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: 256 }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: 256 }, () => row));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// rasterBasemap serves the map an /api/about that names a raster basemap at
// an address answered here, and checks the map draws and credits it.
async function rasterBasemap() {
  const template = 'https://basemap.invalid/tiles/{z}/{x}/{y}.png?tk=TESTKEY';
  const ctx2 = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const tile = tilePNG([170, 200, 230]);
  await ctx2.route('https://basemap.invalid/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: tile }));
  await ctx2.route(`${origin}/api/about`, async (route) => {
    const res = await route.fetch();
    route.fulfill({ response: res, json: { ...(await res.json()), basemap: { tiles: [template], attribution: '测试底图 Test basemap' } } });
  });
  const p2 = await ctx2.newPage();
  const tiles = [];
  p2.on('request', (r) => { if (r.url().startsWith('https://basemap.invalid/')) tiles.push(r.url()); });
  await p2.goto(new URL('/', base).href, { waitUntil: 'load', timeout: 30000 });
  await p2.waitForFunction(() => window.kepu?.ready === true, null, { timeout: 45000, polling: 250 });
  await idle(p2);
  const layer = await p2.evaluate(() => window.kepu.map.getStyle().layers.findIndex((l) => l.id === 'basemap'));
  const credit = await p2.$eval('.maplibregl-ctrl-attrib-inner', (el) => el.innerText).catch(() => '');
  console.log(`sizes: raster basemap: ${tiles.length} tiles asked, e.g. ${tiles[0] || 'none'}; layer index ${layer}; credit "${credit}"`);
  if (!(tiles.length > 0)) fail('with a basemap in /api/about the map asked for no raster tiles');
  if (tiles.some((u) => !/^https:\/\/basemap\.invalid\/tiles\/\d+\/\d+\/\d+\.png\?tk=TESTKEY$/.test(u))) fail(`raster tiles asked at ${tiles[0]}, not from the template`);
  if (layer !== 1) fail(`the basemap layer is at index ${layer}, want 1 (right above the background, under everything else)`);
  if (!credit.includes('测试底图')) fail(`the map does not credit the basemap: "${credit}"`);
  await p2.screenshot({ path: `${out}-basemap.png` });
  await ctx2.close();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
    '--disable-background-networking', '--disable-component-update', '--no-first-run'],
}).catch((err) => { console.error(`sizes: FAIL: cannot launch chromium: ${err.message}`); process.exit(1); });

try {
  const phone = await size(390, 844);
  await (await size(1440, 900, phone)).context.close();
  await rasterBasemap();
} catch (err) {
  fail(err.stack || err.message);
} finally {
  await browser.close();
}
if (!process.exitCode) console.log('sizes: ok');
