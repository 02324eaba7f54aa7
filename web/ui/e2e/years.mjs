// years.mjs: the browser check of the 年份 (year) control, run by smoke.mjs.
// Moves the control with the keyboard to the baseline year, to 2023 and to
// the latest year and checks, county by county, that the rendered fill is
// the pass colour exactly where GET /api/progress says the county passed
// venue_1000 that year (and the fail colour elsewhere), that the colours
// do change between years, that venues opened later are not drawn, and
// that the rule panel's trend charts follow.

/** yearControl runs the check on page (the map loaded); shot, when given, is
 *  where to save a screenshot at the baseline year. */
export async function yearControl(page, { fail, idle, waitFor, shot }) {
  await waitFor(page, 'the year control appears', () => !document.querySelector('#year-ctl')?.hidden && window.kepu.progress, undefined, 30000);
  await page.evaluate(() => window.kepu.colourBy('venue'));
  const progress = await page.evaluate(() => window.kepu.progress);
  const last = progress.years.length - 1;
  const passByCode = Object.fromEntries(progress.units.filter((u) => u.level === 'county').map((u) => [u.code, u.by_year.venue_1000]));
  const greens = {}, venuesLater = {};
  await page.focus('#year-range');
  for (const [keys, k] of [[['Home'], 0], [['ArrowRight', 'ArrowRight', 'ArrowRight'], 3], [['End'], last]]) {
    for (const key of keys) await page.keyboard.press(key);
    await idle(page);
    const shown = await page.evaluate(() => ({ asOf: window.kepu.year(), value: document.querySelector('#year-range').value, label: document.querySelector('#year-value').textContent }));
    const want = progress.years[k].as_of;
    if (shown.asOf !== want || Number(shown.value) !== k) { fail(`year control: pressed ${keys.join(' ')}, shows ${shown.asOf} (${shown.value}), want ${want}`); continue; }
    const fills = await page.evaluate(() => {
      const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round((v / (c.a || 1)) * 255).toString(16).padStart(2, '0')).join('');
      const out = {};
      for (const f of window.kepu.map.queryRenderedFeatures({ layers: ['counties-fill'] })) out[f.properties.code] = hex(f.layer.paint['fill-color']);
      return out;
    });
    const legend = await page.$$eval('#legend-fill li', (els) => els.map((e) => e.dataset.color.toLowerCase()));
    const [pass, other] = legend;
    let wrong = [], n = 0;
    greens[k] = new Set();
    for (const [code, colour] of Object.entries(fills)) {
      if (!passByCode[code]) continue;
      n++;
      if (colour === pass) greens[k].add(code);
      // The latest year is the tiles' own colouring: compliant or not (amber and red both fail).
      const ok = passByCode[code][k] ? colour === pass : (k === last ? colour !== pass : colour === other);
      if (!ok) wrong.push(`${code} ${colour}`);
    }
    const trend = await page.$eval('#trend [data-rule="venue_1000"] .sval', (el) => el.textContent);
    const wantTrend = `${progress.years[k].rules.find((r) => r.id === 'venue_1000').passing}/103`;
    console.log(`smoke: year ${shown.label}: ${n} counties rendered, ${greens[k].size} with a 1000 m² venue; trend ${trend}`);
    if (n < 50) fail(`year ${want}: only ${n} counties rendered`);
    if (wrong.length) fail(`year ${want}: counties coloured against /api/progress: ${wrong.slice(0, 5).join(', ')}`);
    if (trend !== wantTrend) fail(`year ${want}: the trend chart says ${trend}, want ${wantTrend}`);
    // Venues opened after the baseline are not drawn at the baseline, and are at the latest year.
    const later = await page.evaluate((d) => window.kepu.map.queryRenderedFeatures({ layers: ['venues'] })
      .filter((f) => (f.properties.opened_day || '') > d).length, progress.years[0].as_of);
    venuesLater[k] = later;
    if (k === 0 && later > 0) fail(`year ${want}: ${later} venues opened after it are drawn`);
    if (k === last && later === 0) fail(`year ${want}: no venue opened after the baseline is drawn (tiles without opened_day?)`);
    if (k === 0 && shot) {
      await page.screenshot({ path: shot });
      console.log(`smoke: screenshot ${shot}`);
    }
  }
  const changed = [...greens[last]].filter((c) => !greens[0].has(c));
  console.log(`smoke: year control: ${changed.length} counties turn green from ${progress.years[0].as_of} to ${progress.years[last].as_of}`);
  if (changed.length === 0) fail('year control: no county changes colour between the baseline and the latest year');
  console.log(`smoke: year control: venues opened after the baseline drawn at the baseline ${venuesLater[0]}, at the latest year ${venuesLater[last]}`);
}
