#!/usr/bin/env node
// china-bench.mjs measures kepu on the national fixture of china-units.mjs:
// check time and peak memory, serve start (to the first answered request)
// and memory, the map's first-load bytes, tile latency p99 at z3–z8, report
// time and memory. Figures are printed, never judged: timing is no test.
//
//   node scripts/china-bench.mjs --kepu ./kepu --units china.geojson --facilities f60k.geojson [--report] [--suggest]

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const opt = { kepu: 'kepu', port: 18700 + Math.floor(Math.random() * 200) };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const k = argv[i].replace(/^--/, '');
  if (k === 'report' || k === 'suggest') opt[k] = true;
  else opt[k] = argv[++i];
}
if (!opt.units || !opt.facilities) {
  console.error('usage: node scripts/china-bench.mjs --kepu BIN --units FILE --facilities FILE [--report] [--suggest]');
  process.exit(2);
}
const inputs = ['--units', opt.units, '--facilities', opt.facilities];

/** timed runs kepu under GNU time and returns seconds, peak MB and status. */
function timed(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', opt.kepu, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const [s, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { s, mb: Math.round(kb / 1024), status: r.status, stderr: r.stderr };
}

function line(name, v) { console.log(`${name.padEnd(34)} ${v}`); }

const check = timed(['check', ...inputs]);
line('check', `${check.s} s, ${check.mb} MB peak (exit ${check.status})`);

if (opt.suggest) {
  for (const what of ['caravans', 'venues']) {
    const r = timed(['suggest', what, ...inputs]);
    line(`suggest ${what}`, `${r.s} s, ${r.mb} MB peak (exit ${r.status}) ${r.stderr.split('\n').filter((l) => /bound|proven|time/.test(l)).slice(-1)[0] ?? ''}`);
  }
}

if (opt.report) {
  const dir = mkdtempSync(join(tmpdir(), 'kepu-report-'));
  const r = timed(['report', '--out', dir, '--quiet', ...inputs]);
  line('report', `${r.s} s, ${r.mb} MB peak (exit ${r.status})`);
  rmSync(dir, { recursive: true, force: true });
}

const origin = `http://127.0.0.1:${opt.port}`;
const t0 = performance.now();
const server = spawn(opt.kepu, ['serve', '--addr', `127.0.0.1:${opt.port}`, ...inputs], { stdio: ['ignore', 'ignore', 'pipe'] });
let ready = false;
while (!ready) {
  try { ready = (await fetch(`${origin}/api/health`)).ok; } catch { await new Promise((r) => setTimeout(r, 200)); }
  if (performance.now() - t0 > 600_000) throw new Error('serve did not start in 10 minutes');
}
line('serve ready', `${((performance.now() - t0) / 1000).toFixed(2)} s`);

// The first load as app.js makes it: the page's data requests.
let raw = 0, gz = 0;
for (const path of ['/api/about', '/api/check?view=summary', '/api/units?level=county&view=lean', '/api/units?level=league&view=lean', '/api/gaps?format=json&view=lean']) {
  const b = Buffer.from(await (await fetch(origin + path)).arrayBuffer());
  raw += b.length; gz += gzipSync(b).length;
}
line('first load (API data)', `${(raw / 1e6).toFixed(2)} MB raw, ${(gz / 1e6).toFixed(2)} MB gzip`);

// Tiles: for each zoom, the tiles under up to 60 county seats, cold.
const about = await (await fetch(`${origin}/api/about`)).json();
const units = await (await fetch(`${origin}/api/units?level=county&view=lean`)).json();
const seats = units.filter((u) => u.seat_lon).map((u) => [u.seat_lon, u.seat_lat]);
const tileOf = ([lon, lat], z) => {
  const n = 2 ** z, r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
};
for (let z = 3; z <= 8; z++) {
  const tiles = [...new Set(seats.filter((_, i) => i % Math.max(1, Math.floor(seats.length / 60)) === 0).map((p) => tileOf(p, z).join('/')))];
  const ms = [];
  for (const layer of ['counties', 'facilities']) {
    for (const t of tiles) {
      const s = performance.now();
      await (await fetch(`${origin}/tiles/${layer}/${z}/${t}.mvt`)).arrayBuffer();
      ms.push(performance.now() - s);
    }
  }
  ms.sort((a, b) => a - b);
  const p = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(0);
  line(`tiles z${z} (${ms.length}, cold)`, `p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${ms[ms.length - 1].toFixed(0)} ms`);
}
const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
line('serve memory', `${Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024)} MB peak RSS`);
line('region', `${about.region?.code} ${about.region?.name} bounds ${JSON.stringify(about.region?.bounds)}`);
server.kill('SIGTERM');
