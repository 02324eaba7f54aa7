// smoke.mjs: browser smoke test of the kepu web map.
//
//   node web/ui/e2e/smoke.mjs http://127.0.0.1:PORT out.png
//
// Loads /, waits up to 60 s for window.kepu.ready (the map rendered counties),
// prints how many counties are rendered, checks that the sample-data label is
// visible when /api/check says the dataset is a sample, and saves a screenshot.
// Needs `npm ci` in web/ui (playwright-core) and Debian's chromium
// (apt-get install -y chromium); CHROMIUM overrides the browser path.
import { chromium } from 'playwright-core';

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
  for (const e of errors) console.log(`smoke: console error: ${e}`);
} catch (err) {
  fail(err.message);
} finally {
  await browser.close();
}
if (!process.exitCode) console.log('smoke: ok');
