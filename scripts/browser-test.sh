#!/usr/bin/env bash
# Starts `kepu serve` on a free local port, loads the map in headless
# Chromium and fails unless the county layer renders (e2e/smoke.mjs), then
# checks the map at 390×844 and 1440×900, its print (page.pdf() through
# pdftoppm) and PNG export, and a raster basemap (e2e/sizes.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${KEPU_TEST_PORT:-18080}
out=${KEPU_SCREENSHOT:-out/map.png}
mkdir -p "$(dirname "$out")"
./kepu serve --addr "127.0.0.1:$port" >out/serve.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for i in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat out/serve.log; echo "kepu serve exited"; exit 1; }
  sleep 0.1
done
node web/ui/e2e/smoke.mjs "http://127.0.0.1:$port/" "$out"
node web/ui/e2e/sizes.mjs "http://127.0.0.1:$port/" "${out%.png}"
node web/ui/e2e/find.mjs ./kepu "$(dirname "$out")" "$((port + 1))"
