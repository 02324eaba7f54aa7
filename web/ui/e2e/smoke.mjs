// smoke.mjs: browser smoke test of the kepu web map.
//
//   node web/ui/e2e/smoke.mjs http://127.0.0.1:PORT out.png
//
// Loads /, waits up to 60 s for window.kepu.ready (the map rendered counties),
// prints how many counties are rendered, checks that the sample-data label is
// visible when /api/check says the dataset is a sample, and saves a screenshot.
// Then the planning step: checks the gap rows show their priority parts, runs
// the caravan and venue suggestions through the buttons and waits for their
// features on the map, places a proposed venue at 赛罕区's seat by clicking
// the map in 在地图上添加场馆 mode — first with a negative floor area, which
// must come back as a readable 400 problem — then a 1200 m² one, evaluates
// the what-if and checks the result panel shows a changed rule and 赛罕区's
// closed gap; saves a second screenshot next to the first (out-planning.png).
// Colour by: switches the county fill to each mode with the 着色 control,
// checks the legend's entries and that every rendered county wears one of the
// legend's colours, hovers and clicks a county in priority mode, saves
// out-priority.png, and checks the choice survives a reload and ?colour=.
// Year: moves the 年份 control and checks the counties' colours follow
// /api/progress (e2e/years.mjs).
// Needs `npm ci` in web/ui (playwright-core) and Debian's chromium
// (apt-get install -y chromium); CHROMIUM overrides the browser path.
import { chromium } from 'playwright-core';
import { yearControl } from './years.mjs';

const [base, out = 'kepu-smoke.png'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node web/ui/e2e/smoke.mjs http://127.0.0.1:PORT out.png');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

function fail(msg) {
  console.error(`smoke: FAIL: ${msg}`);
  process.exitCode = 1;
}

// legends are each colour-by mode's legend labels in Chinese, from the spec.
const legends = {
  venue: ['有1000㎡以上科普场馆', '仅有1000㎡以下场馆', '无科普场馆'],
  caravan: ['驻地在大篷车服务范围内', '驻地无大篷车覆盖'],
  bases: ['无开放的科普教育基地', '1–2 个', '3–5 个', '6–10 个', '10 个以上'],
  priority: ['无差距（0）', '0–2', '2–4', '4–6', '6–8', '≥ 8'],
};

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync',
  ],
}).catch((err) => {
  console.error(`smoke: FAIL: cannot launch ${executablePath}: ${err.message}`);
  process.exit(1);
});

try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));

  const url = new URL('/', base).href;
  const res = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  if (!res || !res.ok()) throw new Error(`GET ${url}: HTTP ${res?.status()}`);

  try {
    await page.waitForFunction(() => window.kepu && (window.kepu.ready === true || window.kepu.error),
      null, { timeout: 60000, polling: 250 });
    const error = await page.evaluate(() => window.kepu.error);
    if (error) fail(`page reports: ${error}`);
  } catch {
    fail('window.kepu.ready not true within 60 s (no counties rendered)');
  }
  const counties = await page.evaluate(() => (window.kepu ? window.kepu.renderedCounties() : -1));
  console.log(`smoke: rendered counties: ${counties}`);
  if (!(counties > 0)) fail(`rendered counties = ${counties}, want > 0`);

  const check = await page.evaluate(async () => {
    const r = await fetch('/api/check');
    return r.ok ? r.json() : null;
  });
  if (check?.dataset?.sample === true) {
    const visible = await page.isVisible('#sample-badge');
    console.log(`smoke: sample dataset, label visible: ${visible}`);
    if (!visible) fail('dataset.sample is true but the 示例数据 label is not visible');
  } else if (!check) {
    fail('GET /api/check failed');
  }

  await page.screenshot({ path: out });
  console.log(`smoke: screenshot ${out}`);
  await download(page);

  await colours(page, out.replace(/(\.png)?$/i, '-priority.png'));
  await yearControl(page, { fail, idle, waitFor, shot: out.replace(/(\.png)?$/i, '-year.png') });
  await planning(page, out.replace(/(\.png)?$/i, '-planning.png'));
  await investmentPanel(page);
  await english(browser, base, out.replace(/(\.png)?$/i, '-en.png'));
  for (const e of errors) console.log(`smoke: console error: ${e}`);
} catch (err) {
  fail(err.message);
} finally {
  await browser.close();
}
if (!process.exitCode) console.log('smoke: ok');

// waitFor polls fn in the page until it returns a truthy value, or fails with what.
async function waitFor(page, what, fn, arg, timeout = 60000) {
  try {
    return await (await page.waitForFunction(fn, arg, { timeout, polling: 200 })).jsonValue();
  } catch {
    throw new Error(`${what} (waited ${timeout / 1000} s)`);
  }
}

// idle waits until the map has drawn everything (at most 15 s).
function idle(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const map = window.kepu.map;
    map.once('idle', () => resolve()); // not the event: it holds the map, which Playwright would serialise (seconds)
    map.triggerRepaint();
    setTimeout(resolve, 15000);
  }));
}

async function planning(page, shot) {
  for (const sel of ['.plan-card', '#cv-run', '#vs-run', '#sc-add-venue', '#sc-evaluate']) {
    if (!(await page.$(sel))) throw new Error(`planning: ${sel} missing from the page`);
  }
  if ((await page.evaluate(() => typeof window.kepu.suggestionFeatures)) !== 'function') throw new Error('planning: no window.kepu.suggestionFeatures()');

  // The gap list shows each row's priority parts.
  const parts = await page.$$eval('#gap-list .gap-parts', (els) => els.length);
  console.log(`smoke: gap rows with priority parts: ${parts}`);
  if (!(parts > 0)) fail('no gap row shows its priority parts (.gap-parts)');

  // Caravan station suggestions.
  await page.click('[data-plan-tab="caravans"]');
  await page.click('#cv-run');
  await waitFor(page, 'caravan suggestions did not come back', () => window.kepu.plan.caravans || window.kepu.plan.caravansError);
  const cvErr = await page.evaluate(() => window.kepu.plan.caravansError?.message);
  if (cvErr) throw new Error(`caravan suggestions: ${cvErr}`);
  const stations = await page.evaluate(() => window.kepu.plan.caravans.stations.length);
  const afterCaravans = await waitFor(page, 'caravan suggestion features not added to the map',
    () => window.kepu.suggestionFeatures() > 0 && window.kepu.suggestionFeatures());
  const listed = await page.$$eval('#cv-result .plan-list li', (els) => els.length);
  console.log(`smoke: caravan suggestions: ${stations} stations, ${afterCaravans} features, ${listed} listed`);
  if (listed !== stations) fail(`caravan list shows ${listed} stations, want ${stations}`);

  // Venue site suggestions.
  await page.click('[data-plan-tab="venues"]');
  await page.click('#vs-run');
  await waitFor(page, 'venue suggestions did not come back', () => window.kepu.plan.venues || window.kepu.plan.venuesError);
  const vsErr = await page.evaluate(() => window.kepu.plan.venuesError?.message);
  if (vsErr) throw new Error(`venue suggestions: ${vsErr}`);
  const total = await waitFor(page, 'venue suggestion features not added to the map',
    (n) => window.kepu.suggestionFeatures() > n && window.kepu.suggestionFeatures(), afterCaravans);
  const sites = await page.$$eval('#vs-result .plan-list li', (els) => els.length);
  console.log(`smoke: venue suggestions: ${sites} sites listed, ${total} suggestion features in all`);
  if (!(sites > 0)) fail('venue suggestions list no sites');
  await idle(page);
  const rendered = await waitFor(page, 'suggestion features not rendered', () => window.kepu.renderedSuggestions() > 0 && window.kepu.renderedSuggestions(), undefined, 20000);
  console.log(`smoke: suggestion features rendered: ${rendered}`);

  // What-if: place a proposed venue at 赛罕区's seat by clicking the map;
  // first with a negative floor area, which the server refuses (400).
  const seat = [111.70, 40.79];
  await page.click('[data-plan-tab="scenario"]');
  await page.evaluate((c) => { window.kepu.map.jumpTo({ center: c, zoom: 8 }); }, seat);
  await idle(page);
  const place = async (area) => {
    const before = await page.evaluate(() => window.kepu.plan.items.length);
    await page.fill('#sc-area', String(area));
    await page.click('#sc-add-venue');
    if (!(await page.isVisible('#plan-banner'))) fail('placing mode shows no banner on the map');
    const at = await page.evaluate((c) => {
      const p = window.kepu.map.project(c), r = window.kepu.map.getCanvas().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }, seat);
    await page.mouse.click(at.x, at.y);
    let item = await waitFor(page, 'map click placed nothing', (n) => window.kepu.plan.items[n], before, 5000).catch(() => null);
    if (!item) {
      console.log('smoke: the map click placed nothing; using window.kepu.propose');
      item = await page.evaluate(([c, a]) => window.kepu.propose({ category: 'venue', lon: c[0], lat: c[1], floor_area_m2: a }), [seat, area]);
    }
    return item;
  };

  const bad = await place(-5);
  await page.click('#sc-evaluate');
  await waitFor(page, 'the refused what-if shows no problems', () => window.kepu.scenarioError || window.kepu.scenarioResult);
  const problems = await page.$$eval('#sc-result .plan-error li', (els) => els.map((e) => e.innerText));
  console.log(`smoke: refused what-if shows: ${problems.join(' | ') || 'nothing'}`);
  if (!problems.some((p) => p.includes('floor_area_m2'))) fail('a negative floor area does not show the server\'s problem naming floor_area_m2');
  await page.click(`#sc-list [data-plan="unpropose"][data-id="${bad.id}"]`);

  const item = await place(1200);
  console.log(`smoke: proposed ${item.id} "${item.name}" in county ${item.county} at ${item.lon}, ${item.lat}, ${item.floor_area_m2} m²`);
  if (item.county !== '150105') fail(`proposed venue's county = ${item.county}, want 150105 (赛罕区)`);
  if (item.floor_area_m2 !== 1200) fail(`proposed venue's floor area = ${item.floor_area_m2}, want 1200`);
  const proposed = await page.evaluate(() => window.kepu.plan.items.length);
  if (proposed !== 1) fail(`the what-if lists ${proposed} proposed facilities after deleting the refused one, want 1`);
  await page.evaluate(() => { window.kepu.scenarioError = null; });
  await page.click('#sc-evaluate');
  await waitFor(page, 'the what-if was not evaluated', () => window.kepu.scenarioResult || window.kepu.scenarioError);
  const scErr = await page.evaluate(() => window.kepu.scenarioError);
  if (scErr) throw new Error(`what-if refused: ${scErr.message} ${JSON.stringify(scErr.problems)}`);
  const changed = await page.$$eval('#scenario-result .rule-change', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
  console.log(`smoke: what-if changed rules: ${changed.join(' | ') || 'none'}`);
  if (!changed.length) fail('the what-if result panel shows no changed rule');
  const closed = await page.$$eval('#scenario-result .chip.closed', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ')));
  console.log(`smoke: what-if gaps closed: ${closed.join(' | ') || 'none'}`);
  if (!closed.some((c) => c.includes('赛罕区'))) fail('the what-if result does not list 赛罕区 among the gaps closed');
  await idle(page);
  const drawn = await page.evaluate(() => window.kepu.renderedProposed());
  console.log(`smoke: proposed features rendered: ${drawn}`);
  if (!(drawn > 0)) fail('the proposed venue is not drawn on the map');

  // The whole region with everything drawn.
  await page.evaluate(() => { window.kepu.map.fitBounds([[106, 37.3], [126.1, 50]], { padding: 20, duration: 0 }); });
  await idle(page);
  await page.screenshot({ path: shot });
  console.log(`smoke: screenshot ${shot}`);
}

// investmentPanel runs the investment plan at 3,000 万元 and checks the
// panel lists every action the server chose, shows the budget used, and
// puts the actions on the map.
async function investmentPanel(page) {
  if (!(await page.$('#iv-run'))) throw new Error('investment: #iv-run missing from the page');
  await page.fill('#iv-budget', '3000');
  await page.click('#iv-run');
  await waitFor(page, 'the investment plan did not come back', () => window.kepu.investment.doc || window.kepu.investment.error);
  const err = await page.evaluate(() => window.kepu.investment.error);
  if (err) throw new Error(`investment plan: ${err}`);
  const n = await page.evaluate(() => window.kepu.investment.doc.actions.length);
  const listed = await page.$$eval('#iv-result .invest-list li', (els) => els.length);
  const used = await page.$eval('#iv-result .plan-head', (el) => el.innerText);
  const drawn = await page.evaluate(() => window.kepu.investmentFeatures());
  console.log(`smoke: investment plan: ${n} actions, ${listed} listed, ${drawn} features, "${used}"`);
  if (!(n > 0) || listed !== n) fail(`investment panel lists ${listed} actions, want ${n} (> 0)`);
  if (!used.includes('3,000')) fail(`investment panel does not show the budget used of 3,000: "${used}"`);
  if (!(drawn >= n)) fail(`investment plan draws ${drawn} features, want at least ${n}`);
}

// fillTally is, for the counties rendered now, how many wear each legend
// entry's colour, and the colours that match no entry.
function fillTally(page) {
  return page.evaluate(() => {
    const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round((v / (c.a || 1)) * 255).toString(16).padStart(2, '0')).join('');
    const entries = [...document.querySelectorAll('#legend-fill li')].map((li) => [li.dataset.color.toLowerCase(), li.innerText.trim()]);
    const tally = Object.fromEntries(entries.map(([, label]) => [label, new Set()]));
    const stray = new Set();
    for (const f of window.kepu.map.queryRenderedFeatures({ layers: ['counties-fill'] })) {
      const c = hex(f.layer.paint['fill-color']);
      const e = entries.find(([col]) => col === c);
      if (e) tally[e[1]].add(f.properties.code); else stray.add(`${c} (${f.properties.name})`);
    }
    return { tally: Object.fromEntries(Object.entries(tally).map(([k, v]) => [k, v.size])), stray: [...stray] };
  });
}

// colours walks the 着色 control through every mode.
async function colours(page, shot) {
  if ((await page.evaluate(() => typeof window.kepu.colourBy)) !== 'function') throw new Error('colour: no window.kepu.colourBy()');
  for (const mode of ['caravan', 'bases', 'priority', 'venue']) {
    await page.click(`#colour-by [data-colour="${mode}"]`);
    await idle(page);
    const now = await page.evaluate(() => window.kepu.colour());
    if (now !== mode) fail(`colour: clicked ${mode}, the map says ${now}`);
    const active = await page.$$eval('#colour-by .active', (els) => els.map((e) => e.dataset.colour));
    if (active.join() !== mode) fail(`colour ${mode}: active segment ${active.join()}`);
    const labels = await page.$$eval('#legend-fill li', (els) => els.map((e) => e.innerText.trim()));
    if (labels.join('|') !== legends[mode].join('|')) fail(`colour ${mode}: legend shows ${labels.join(' | ')}, want ${legends[mode].join(' | ')}`);
    const rendered = await page.evaluate(() => window.kepu.renderedCounties());
    if (!(rendered > 0)) fail(`colour ${mode}: rendered counties = ${rendered}, want > 0`);
    const { tally, stray } = await fillTally(page);
    console.log(`smoke: colour ${mode}: ${rendered} county features; ${Object.entries(tally).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (stray.length) fail(`colour ${mode}: counties in colours not in the legend: ${stray.slice(0, 5).join(', ')}`);
    if (Object.values(tally).filter((n) => n > 0).length < 2) fail(`colour ${mode}: fewer than two legend classes on the map`);
    if (mode === 'priority') {
      await pointAtCounty(page);
      await page.screenshot({ path: shot });
      console.log(`smoke: screenshot ${shot}`);
    }
  }
  // The choice is remembered, and ?colour= in the address wins.
  await page.click('#colour-by [data-colour="bases"]');
  await page.reload({ waitUntil: 'load' });
  await waitFor(page, 'counties rendered after a reload', () => window.kepu && window.kepu.ready === true);
  const remembered = await page.evaluate(() => window.kepu.colour());
  const shown = await page.$$eval('#legend-fill li', (els) => els.length);
  console.log(`smoke: colour after a reload: ${remembered} (${shown} legend entries)`);
  if (remembered !== 'bases' || shown !== legends.bases.length) fail(`after a reload the map colours by ${remembered} with ${shown} legend entries, want bases, ${legends.bases.length}`);
  await page.goto(new URL('/?colour=caravan', page.url()).href, { waitUntil: 'load' });
  await waitFor(page, 'counties rendered with ?colour=caravan', () => window.kepu && window.kepu.ready === true);
  const asked = await page.evaluate(() => window.kepu.colour());
  console.log(`smoke: colour with ?colour=caravan: ${asked}`);
  if (asked !== 'caravan') fail(`?colour=caravan gives ${asked}`);
  await page.evaluate(() => window.kepu.colourBy('venue'));
  await idle(page);
}

// pointAtCounty hovers and clicks a county away from any facility mark and
// checks that it lights up and opens its panel.
async function pointAtCounty(page) {
  const spot = await page.evaluate(() => {
    const map = window.kepu.map, c = map.getCanvas();
    const marks = ['caravans', 'venues', 'bases-national', 'bases-regional', 'bases-other'];
    for (let y = 0.3; y < 0.9; y += 0.05) {
      for (let x = 0.3; x < 0.9; x += 0.05) {
        const p = [x * c.clientWidth, y * c.clientHeight];
        const county = map.queryRenderedFeatures(p, { layers: ['counties-fill'] })[0];
        const near = map.queryRenderedFeatures([[p[0] - 12, p[1] - 12], [p[0] + 12, p[1] + 12]], { layers: marks });
        const r = c.getBoundingClientRect();
        if (county && !near.length) return { x: r.left + p[0], y: r.top + p[1], code: county.properties.code, name: county.properties.name };
      }
    }
    return null;
  });
  if (!spot) { fail('colour: no county free of facility marks to point at'); return; }
  await page.mouse.move(spot.x, spot.y);
  const hover = await waitFor(page, `hovering ${spot.name} does not light it up`, (code) =>
    window.kepu.map.getFeatureState({ source: 'counties', sourceLayer: 'counties', id: code }).hover === true, spot.code, 5000).catch((e) => { fail(e.message); return false; });
  await page.mouse.click(spot.x, spot.y);
  const title = await waitFor(page, `clicking ${spot.name} opens no panel`, () =>
    !document.querySelector('#detail').hidden && document.querySelector('#detail-body h2')?.innerText, undefined, 10000).catch((e) => { fail(e.message); return ''; });
  console.log(`smoke: priority mode: hover lights ${spot.name}: ${hover}; click opens ${title}`);
  if (title && !title.includes(spot.name)) fail(`clicking ${spot.name} opened ${title}`);
  await page.mouse.move(5, 5);
  await page.click('#detail-close');
  await idle(page);
}

// english opens the map with ?lang=en in a fresh page and checks that the
// header and the sample label speak English and the counties still render.
async function english(browser, base, shot) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(new URL('/?lang=en', base).href, { waitUntil: 'load', timeout: 30000 });
    await waitFor(page, 'counties rendered in English', () => window.kepu && window.kepu.ready === true);
    const title = await page.evaluate(() => document.title + ' | ' + document.querySelector('header')?.innerText);
    console.log(`smoke: English header: ${title.replace(/\s+/g, ' ').slice(0, 120)}`);
    if (!/Inner Mongolia/.test(title)) fail('with ?lang=en the header is not in English');
    if (/内蒙古科普设施覆盖/.test(title)) fail('with ?lang=en the header still shows the Chinese title');
    await page.screenshot({ path: shot });
    console.log(`smoke: screenshot ${shot}`);
    await page.click('#colour-by [data-colour="bases"]');
    const legend = await page.$$eval('#legend-fill li', (els) => els.map((e) => e.innerText.trim()));
    const control = await page.$eval('#colour-by', (el) => el.innerText.replace(/\s+/g, ' ').trim());
    console.log(`smoke: English colour control: ${control}; bases legend: ${legend.join(' | ')}`);
    if (!legend.includes('3–5 bases') || !/Priority/.test(control)) fail('in English the colour control or the bases legend is not in English');
  } finally {
    await page.close();
  }
}

// download clicks the workbook link and checks that an .xlsx (a zip) arrives.
async function download(page) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click('#xlsx-link')]);
  const name = dl.suggestedFilename();
  const path = await dl.path();
  const { readFileSync } = await import('node:fs');
  const head = readFileSync(path).subarray(0, 2).toString('latin1');
  console.log(`smoke: downloaded ${name} (${readFileSync(path).length} bytes)`);
  if (!/^kepu-report-\d{8}\.xlsx$/.test(name)) fail(`download named ${name}, want kepu-report-YYYYMMDD.xlsx`);
  if (head !== 'PK') fail('the downloaded workbook is not a zip (xlsx) file');
}
