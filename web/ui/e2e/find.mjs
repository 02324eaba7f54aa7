// find.mjs: browser test of find and filter and of scenarios on the map
// (issue 13 parts 4 and 5), at 1440×900 and at 390×844.
//
//   node web/ui/e2e/find.mjs ./kepu OUTDIR [PORT]
//
// Starts its own `kepu serve` on a fresh GeoPackage with a write token (so
// scenarios have an author who may delete them), then at each size: checks
// nothing scrolls sideways; searches a facility by its id and checks that
// the map flies to it and opens its popup; filters the gap list by a league
// and by a rule and compares the rows with GET /api/gaps?league=&rule=;
// opens 新城区's facility table, sorts it by floor area and checks it against
// GET /api/facilities?unit=; places a 3000 m² venue in 赛罕区 through the
// map, evaluates it, and checks that 赛罕区's rendered fill turns from its
// baseline colour to the compliant green under a visible 方案视图 bar, that
// 返回现状 restores the baseline, that after a reload the proposal and the
// scenario view are still there, and that the author's delete button
// removes the stored scenario (GET /api/scenarios/{id} answers 404).
// Screenshots go to OUTDIR/find-{desktop,phone}-*.png.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [kepuBin, outDir = 'out', port = '18161'] = process.argv.slice(2);
if (!kepuBin) {
  console.error('usage: node web/ui/e2e/find.mjs ./kepu OUTDIR [PORT]');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const base = `http://127.0.0.1:${port}`;
const token = 'find-e2e-secret';
const author = '李工';
const green = '#2f9e5f';
mkdirSync(outDir, { recursive: true });

function fail(msg) {
  console.error(`find: FAIL: ${msg}`);
  process.exitCode = 1;
}
const log = (msg) => console.log(`find: ${msg}`);

// --- the server: a fresh GeoPackage and one named write token ---------------
const dir = mkdtempSync(join(tmpdir(), 'kepu-find-'));
writeFileSync(join(dir, 'tokens'), `${author} ${token}\n`);
const server = spawn(kepuBin, ['serve', '--addr', `127.0.0.1:${port}`, '--db', join(dir, 'kepu.gpkg'), '--token-file', join(dir, 'tokens')],
  { stdio: ['ignore', 'ignore', 'pipe'] });
let serverLog = '';
server.stderr.on('data', (b) => { serverLog += b; });
const stop = () => { server.kill(); rmSync(dir, { recursive: true, force: true }); };
for (let i = 0; ; i++) {
  try { if ((await fetch(`${base}/api/health`)).ok) break; } catch { /* not yet */ }
  if (server.exitCode !== null || i > 300) { console.error(serverLog); fail('kepu serve did not start'); stop(); process.exit(1); }
  await new Promise((r) => setTimeout(r, 100));
}
const apiJSON = async (path) => (await fetch(base + path)).json();

const browser = await chromium.launch({
  executablePath, headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
    '--disable-background-networking', '--disable-component-update', '--no-first-run'],
}).catch((err) => { fail(`cannot launch ${executablePath}: ${err.message}`); stop(); process.exit(1); });

try {
  for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('dialog', (d) => d.accept());
    const shot = async (what, { top = false } = {}) => {
      if (top) await page.evaluate(() => window.scrollTo(0, 0));
      const path = join(outDir, `find-${name}-${what}.png`);
      await page.screenshot({ path });
      log(`${name}: screenshot ${path}`);
    };
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await ready(page, name);
    await noSideways(page, `${name}: first load`);
    await findFacility(page, name, shot);
    await filterGaps(page, name, shot);
    await facilityTable(page, name, shot);
    await scenarioOnMap(page, name, shot);
    await noSideways(page, `${name}: at the end`);
    for (const e of errors) log(`${name}: console error: ${e}`);
    if (errors.some((e) => e.startsWith('pageerror'))) fail(`${name}: the page threw: ${errors.join('; ')}`);
    await context.close();
  }
} catch (err) {
  fail(err.stack || err.message);
} finally {
  await browser.close();
  stop();
}
if (!process.exitCode) log('ok');

// --- steps ---------------------------------------------------------------------

async function waitFor(page, what, fn, arg, timeout = 30000) {
  try {
    return await (await page.waitForFunction(fn, arg, { timeout, polling: 150 })).jsonValue();
  } catch {
    throw new Error(`${what} (waited ${timeout / 1000} s)`);
  }
}

function idle(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const map = window.kepu.map;
    map.once('idle', () => resolve()); // not the event: it holds the map, which Playwright would serialise (seconds)
    map.triggerRepaint();
    setTimeout(resolve, 15000);
  }));
}

async function ready(page, name) {
  await waitFor(page, `${name}: counties rendered`, () => window.kepu && window.kepu.ready === true, undefined, 60000);
  await waitFor(page, `${name}: proposals restored`, () => window.kepu.scenarioRestored === true);
}

async function noSideways(page, what) {
  const w = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth }));
  if (w.doc > w.view || w.body > w.view) fail(`${what}: the page is ${Math.max(w.doc, w.body)} px wide in a ${w.view} px window`);
}

// fillOf is the fill colour the map renders for county code (#rrggbb), or null.
function fillOf(page, code) {
  return page.evaluate((c) => {
    const hex = (x) => '#' + [x.r, x.g, x.b].map((v) => Math.round((v / (x.a || 1)) * 255).toString(16).padStart(2, '0')).join('');
    const f = window.kepu.map.queryRenderedFeatures({ layers: ['counties-fill'] }).find((x) => x.properties.code === c);
    return f ? hex(f.layer.paint['fill-color']) : null;
  }, code);
}

async function findFacility(page, name, shot) {
  await page.fill('#search', '');
  await page.type('#search', 'VE2600001');
  await waitFor(page, `${name}: search VE2600001 lists the facility`, () => document.querySelector('#search-results li[data-id="VE2600001"]'));
  const text = await page.$eval('#search-results li[data-id="VE2600001"]', (li) => li.innerText.replace(/\s+/g, ' '));
  if (!text.includes('新城区科技馆') || !text.includes('科普场馆')) fail(`${name}: search hit reads "${text}", want 新城区科技馆 and 科普场馆`);
  await shot('search');
  await page.click('#search-results li[data-id="VE2600001"]');
  await waitFor(page, `${name}: the facility's popup opens`, () => document.querySelector('.maplibregl-popup')?.innerText.includes('新城区科技馆'));
  await page.waitForTimeout(900); // the flight
  await idle(page);
  const view = await page.evaluate(() => {
    const m = window.kepu.map, c = m.getCanvas().getBoundingClientRect(), p = m.project([111.731037, 40.895547]);
    const pop = document.querySelector('.maplibregl-popup').getBoundingClientRect(), leg = document.querySelector('.map-legend').getBoundingClientRect();
    const overlap = !(pop.right <= leg.left || pop.left >= leg.right || pop.bottom <= leg.top || pop.top >= leg.bottom);
    return { zoom: m.getZoom(), x: p.x, y: p.y, w: c.width, h: c.height, overlap, shown: window.kepu.facilityShown, hidden: document.querySelector('#search-results').hidden };
  });
  log(`${name}: search VE2600001 → "${text}"; the facility at ${view.x.toFixed(0)}, ${view.y.toFixed(0)} of the ${view.w}×${view.h} map, zoom ${view.zoom.toFixed(1)}; popup clear of the legend: ${!view.overlap}`);
  if (view.shown !== 'VE2600001' || view.zoom < 9.9 || !(view.x > 0 && view.x < view.w && view.y > 0 && view.y < view.h) || !view.hidden) {
    fail(`${name}: after picking VE2600001 the map shows ${JSON.stringify(view)}, want the facility in view at zoom ≥ 10`);
  }
  if (view.overlap) fail(`${name}: the facility's popup is under the legend`);
  await shot('facility', { top: true });
  await page.evaluate(() => { window.kepu.facilityPopup?.remove(); });
  // A unit still matches by name.
  await page.fill('#search', '赛罕');
  await waitFor(page, `${name}: search 赛罕 lists 赛罕区`, () => document.querySelector('#search-results li[data-code="150105"]'));
  await page.keyboard.press('Escape');
}

async function filterGaps(page, name, shot) {
  const rows = () => page.$$eval('#gap-list li', (els) => els.map((li) => li.dataset.code));
  const all = await rows();
  for (const [rule, league] of [['', '150100'], ['venue_1000', '150400']]) {
    await page.selectOption('#gap-rule', rule);
    await page.selectOption('#gap-league', league);
    const got = await rows();
    const want = (await apiJSON(`/api/gaps?format=json&rule=${rule}&league=${league}`)).map((g) => g.code);
    const count = await page.$eval('#gap-count', (el) => el.textContent);
    const href = await page.$eval('#gap-csv', (a) => a.getAttribute('href'));
    log(`${name}: gaps rule=${rule || '全部'} league=${league}: ${got.length} of ${all.length} rows (${count}); API ${want.length}; CSV ${href}`);
    if (got.slice().sort().join() !== want.slice().sort().join()) fail(`${name}: gap list for ${rule}/${league} is ${got.join()}, GET /api/gaps says ${want.join()}`);
    if (!(got.length > 0 && got.length < all.length)) fail(`${name}: filter ${rule}/${league} keeps ${got.length} of ${all.length}`);
    if (count !== `${got.length} 项（共 ${all.length} 项）`) fail(`${name}: gap count says "${count}"`);
    if (!href.includes(`league=${league}`) || (rule && !href.includes(`rule=${rule}`))) fail(`${name}: CSV link ${href} misses the filters`);
    if (league === '150100') {
      await page.$eval('.gaps-card', (el) => el.scrollIntoView({ block: 'start' }));
      await shot('gaps');
    }
  }
  await page.selectOption('#gap-rule', '');
  await page.selectOption('#gap-league', '');
  if ((await rows()).length !== all.length) fail(`${name}: clearing the filters does not bring every gap back`);
}

async function facilityTable(page, name, shot) {
  await page.fill('#search', '新城区');
  await waitFor(page, `${name}: search 新城区`, () => document.querySelector('#search-results li[data-code="150102"]'));
  await page.click('#search-results li[data-code="150102"]');
  await waitFor(page, `${name}: 新城区's panel offers the facility table`, () => document.querySelector('#detail-body [data-ftable="150102"]') && !document.querySelector('#detail-body .muted:last-child')?.textContent.includes('加载'));
  await page.click('#detail-body [data-ftable="150102"]');
  await waitFor(page, `${name}: the facility table opens`, () => document.querySelector('#ftable-dialog')?.open && document.querySelectorAll('#ftable-dialog tbody tr').length > 0);
  const want = (await apiJSON('/api/facilities?unit=150102')).features;
  const ids = await page.$$eval('#ftable-dialog tbody tr', (trs) => trs.map((tr) => tr.dataset.id));
  const title = await page.$eval('#ft-title', (el) => el.textContent);
  if (ids.slice().sort().join() !== want.map((f) => f.properties.id).sort().join()) fail(`${name}: the table lists ${ids.length} facilities, GET /api/facilities?unit=150102 ${want.length}`);
  if (title !== '新城区 · 设施一览表') fail(`${name}: table title "${title}"`);
  const heads = await page.$$eval('#ftable-dialog th', (ths) => ths.map((th) => th.innerText.replace(/[▲▼]/g, '').trim()));
  if (heads.join('|') !== '名称|编号|类别|状态|面积／级别|建成|关闭|定位方式') fail(`${name}: table headings ${heads.join('|')}`);
  // Sort by floor area, largest first: the venues lead, by area.
  await page.click('#ftable-dialog th[data-col="size"] button');
  await page.click('#ftable-dialog th[data-col="size"] button');
  const sorted = await page.$$eval('#ftable-dialog tbody tr', (trs) => trs.map((tr) => ({ id: tr.dataset.id, cat: tr.querySelector('[data-col="category"]').textContent, size: tr.querySelector('[data-col="size"]').textContent })));
  const venueAreas = want.filter((f) => f.properties.category === 'venue' && f.properties.floor_area_m2 != null).map((f) => f.properties.floor_area_m2).sort((a, b) => b - a);
  const shownAreas = sorted.filter((r) => r.cat === '科普场馆' && r.size).map((r) => Number(r.size.replace(/[^\d.]/g, '')));
  const aria = await page.$eval('#ftable-dialog th[data-col="size"]', (th) => th.getAttribute('aria-sort'));
  log(`${name}: facility table 新城区: ${ids.length} rows; by floor area ${aria}: ${sorted.slice(0, 3).map((r) => `${r.id} ${r.size}`).join(', ')}`);
  if (shownAreas.join() !== venueAreas.join() || aria !== 'descending' || sorted[0].cat !== '科普场馆') fail(`${name}: sorted venue areas ${shownAreas.join()}, want ${venueAreas.join()} (${aria})`);
  await noSideways(page, `${name}: facility table`);
  await shot('table');
  // A row flies to its facility.
  await page.click(`#ftable-dialog tbody tr[data-id="${sorted[0].id}"]`);
  await waitFor(page, `${name}: a table row opens its facility`, (id) => !document.querySelector('#ftable-dialog').open && window.kepu.facilityShown === id, sorted[0].id);
  await page.evaluate(() => { window.kepu.facilityPopup?.remove(); });
  await page.click('#detail-close');
}

async function scenarioOnMap(page, name, shot) {
  const code = '150105', at = [111.70, 40.80];
  await page.evaluate((p) => { window.kepu.map.jumpTo({ center: p, zoom: 8 }); }, at);
  await idle(page);
  const before = await fillOf(page, code);
  // The tab's write token names the scenario's author.
  const tab = await page.$eval('[data-plan-tab="scenario"]', (b) => b.classList.contains('active'));
  if (!tab) await page.click('[data-plan-tab="scenario"]');
  await page.fill('#sc-token', token);
  await page.fill('#sc-name', `${name} 赛罕区新馆`);
  await page.fill('#sc-area', '3000');
  await page.click('#sc-add-venue');
  const pt = await page.evaluate((p) => { const q = window.kepu.map.project(p), r = window.kepu.map.getCanvas().getBoundingClientRect(); return { x: r.left + q.x, y: r.top + q.y }; }, at);
  await page.evaluate((p) => window.scrollTo(0, Math.max(0, p.y - 200)), pt);
  const pt2 = await page.evaluate((p) => { const q = window.kepu.map.project(p), r = window.kepu.map.getCanvas().getBoundingClientRect(); return { x: r.left + q.x, y: r.top + q.y }; }, at);
  await page.mouse.click(pt2.x, pt2.y);
  await waitFor(page, `${name}: the venue is proposed in 赛罕区`, () => window.kepu.plan.items.length === 1 && window.kepu.plan.items[0].county === '150105');
  await page.click('#sc-evaluate');
  await waitFor(page, `${name}: the scenario view opens`, () => window.kepu.scenarioView().on && !document.querySelector('#scenario-view').hidden);
  await idle(page);
  const after = await fillOf(page, code);
  const view = await page.evaluate(() => ({ ...window.kepu.scenarioView(), bar: document.querySelector('#scenario-view').innerText.replace(/\s+/g, ' '),
    legend: !document.querySelector('#legend-scenario').hidden, outlined: window.kepu.map.queryRenderedFeatures({ layers: ['scenario-changed'] }).map((f) => f.properties.code) }));
  log(`${name}: scenario ${view.id}: 赛罕区 ${before} → ${after}; bar "${view.bar}"; outlined ${[...new Set(view.outlined)].join()}`);
  if (!before || before === green) fail(`${name}: 赛罕区 is ${before} before the scenario, want a failing colour`);
  if (after !== green) fail(`${name}: 赛罕区 is ${after} in the scenario view, want ${green}`);
  if (!view.bar.includes('方案视图') || !view.bar.includes('赛罕区新馆') || !view.bar.includes('返回现状')) fail(`${name}: scenario bar reads "${view.bar}"`);
  if (!view.legend || !view.outlined.includes(code)) fail(`${name}: 赛罕区 is not outlined as changed (${view.outlined.join()})`);
  await noSideways(page, `${name}: scenario view`);
  await shot('scenario', { top: true });
  await page.click('#detail-close');
  await shot('scenario-map', { top: true });
  // Back to the baseline, and into the view again from the result.
  await page.click('#scenario-view [data-sc-baseline]');
  await idle(page);
  const back = await fillOf(page, code);
  if (back !== before || !(await page.$eval('#scenario-view', (el) => el.hidden))) fail(`${name}: 返回现状 leaves 赛罕区 ${back}, want ${before}, bar hidden`);
  await page.click('#sc-result [data-plan="show-result"]');
  await idle(page);
  if ((await fillOf(page, code)) !== green) fail(`${name}: 查看结果 does not bring the scenario colours back`);

  // A reload keeps the proposal and the view.
  await page.reload({ waitUntil: 'load' });
  await ready(page, `${name} after a reload`);
  await waitFor(page, `${name}: the scenario view is back after a reload`, () => window.kepu.scenarioView().on);
  await page.evaluate((p) => { window.kepu.map.jumpTo({ center: p, zoom: 8 }); }, at);
  await idle(page);
  const kept = await page.evaluate(() => ({ items: window.kepu.plan.items.map((it) => `${it.category} ${it.floor_area_m2} ${it.county}`), list: document.querySelector('#sc-list').innerText,
    name: document.querySelector('#sc-name').value, id: window.kepu.scenarioView().id }));
  const reloaded = await fillOf(page, code);
  log(`${name}: after a reload: proposals ${kept.items.join('; ')}; scenario ${kept.id}; 赛罕区 ${reloaded}`);
  if (kept.items.join() !== 'venue 3000 150105' || !kept.list.includes('赛罕区') || kept.name !== `${name} 赛罕区新馆`) fail(`${name}: after a reload the proposals are ${JSON.stringify(kept)}`);
  if (kept.id !== view.id || reloaded !== green) fail(`${name}: after a reload the view shows ${kept.id} with 赛罕区 ${reloaded}`);
  await shot('reloaded', { top: true });

  // The author deletes the stored scenario.
  if (!(await page.$eval('[data-plan-tab="scenario"]', (b) => b.classList.contains('active')))) await page.click('[data-plan-tab="scenario"]');
  await waitFor(page, `${name}: the stored scenario is listed with its author`, (id) => document.querySelector(`#sc-stored-list [data-sc-delete="${id}"]`), view.id);
  const row = await page.$eval(`#sc-stored-list li[data-scenario="${view.id}"]`, (li) => li.innerText.replace(/\s+/g, ' '));
  if (!row.includes(`作者：${author}`)) fail(`${name}: stored row reads "${row}", want 作者：${author}`);
  await page.click(`#sc-stored-list [data-sc-delete="${view.id}"]`);
  await waitFor(page, `${name}: the deleted scenario leaves the list`, (id) => !document.querySelector(`#sc-stored-list li[data-scenario="${id}"]`) && document.querySelector('#sc-stored-msg').textContent.includes('已删除'), view.id);
  const gone = await fetch(`${base}/api/scenarios/${view.id}`);
  const msg = await page.$eval('#sc-stored-msg', (el) => el.textContent);
  log(`${name}: deleted ${view.id}: "${msg}"; GET /api/scenarios/${view.id} → ${gone.status}; view on: ${await page.evaluate(() => window.kepu.scenarioView().on)}`);
  if (gone.status !== 404) fail(`${name}: GET /api/scenarios/${view.id} → ${gone.status} after deleting, want 404`);
  if (await page.evaluate(() => window.kepu.scenarioView().on)) fail(`${name}: the deleted scenario is still shown on the map`);
  await shot('deleted');
  // Clean up for the next size: the proposals go, storage with them.
  await page.click('#sc-reset');
}
