#!/usr/bin/env bash
# load.sh — a bounded, loopback-only load test of `kepu serve` (wrk from
# Debian's packages). It prints requests/s and latency percentiles for
#   1. /api/health and /api/check (gzip, as browsers ask) at 200 connections;
#   2. with KEPU_TEST_POSTGRES set: two replicas on one PostgreSQL database,
#      a mix of tiles and API documents spread over both, while a writer posts
#      edits to the first; then the resident memory of each server.
# Usage: scripts/load.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
command -v wrk >/dev/null || { echo "load.sh: needs wrk (apt-get install wrk)" >&2; exit 2; }
bin=$(mktemp -d)/kepu
go build -o "$bin" ./cmd/kepu
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start() { # start PORT ARGS... : a server on 127.0.0.1:PORT
  local port=$1; shift
  KEPU_TOKEN=load-token "$bin" serve --addr "127.0.0.1:$port" "$@" >"/tmp/kepu-load-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && return; sleep 0.2; done
  echo "load.sh: server on $port did not start" >&2; cat "/tmp/kepu-load-$port.log" >&2; exit 1
}
rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$1/status"; }
run() { # run NAME URL [wrk args]
  local name=$1 url=$2; shift 2
  printf '%-28s ' "$name"
  wrk -t2 -c200 -d"${secs}s" --latency -H 'Accept-Encoding: gzip' "$@" "$url" |
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5} /timeout/ {to=$0}
         END {printf "%10s req/s  p50 %-8s p99 %-8s %s %s\n", rps, p50, p99, (bad ? "non-2xx " bad : ""), to}'
}

start 18380
run "/api/health" http://127.0.0.1:18380/api/health
run "/api/check" http://127.0.0.1:18380/api/check
run "/api/gaps?format=csv" "http://127.0.0.1:18380/api/gaps?format=csv"
run "tiles z5 (counties)" http://127.0.0.1:18380/tiles/counties/5/25/11.mvt
echo "memory of the server: $(rss "${pids[0]}")"

if [ -n "${KEPU_TEST_POSTGRES:-}" ]; then
  db=kepu_load_$$
  psql -q "$KEPU_TEST_POSTGRES" -c "CREATE DATABASE $db"
  url="${KEPU_TEST_POSTGRES%/*}/$db?sslmode=disable"
  start 18381 --db "$url"
  start 18382 --db "$url"
  lua=$(mktemp --suffix .lua)
  cat >"$lua" <<'LUA'
local paths = {"/api/check", "/api/gaps", "/api/units?level=county", "/tiles/counties/5/25/11.mvt",
  "/tiles/facilities/6/51/23.mvt", "/tiles/counties/4/12/5.mvt", "/api/units/150102", "/tiles/reach/5/25/11.mvt"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
LUA
  # The writer: one edit every 50 ms at the first replica, for the whole run.
  : >/tmp/kepu-load-edits
  ( stop=$((SECONDS + secs)); n=0
    while [ $SECONDS -lt $stop ]; do
      n=$((n+1))
      curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST -H 'Authorization: Bearer load-token' http://127.0.0.1:18381/api/facilities \
        -d "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[111.$((n % 90 + 10)),40.8]},\"properties\":{\"id\":\"LOAD$n\",\"category\":\"venue\",\"floor_area_m2\":1200}}" >>/tmp/kepu-load-edits
      sleep 0.05
    done ) &
  writer=$!
  run "mixed, replica 1 (writes)" http://127.0.0.1:18381 -s "$lua" >/tmp/kepu-load-mixed1 &
  first=$!
  run "mixed, replica 2" http://127.0.0.1:18382 -s "$lua" >/tmp/kepu-load-mixed2
  wait "$first" "$writer" || true
  cat /tmp/kepu-load-mixed1 /tmp/kepu-load-mixed2
  edits=$(awk '$1 == 201 {n++} END {print n+0}' /tmp/kepu-load-edits)
  echo "edits acknowledged: $edits of $(wc -l </tmp/kepu-load-edits); edit latency $(sort -k2 -n /tmp/kepu-load-edits | awk '{t[NR]=$2} END {printf "p50 %.0f ms, max %.0f ms", t[int(NR/2)+1]*1000, t[NR]*1000}')"
  sleep 1.2
  c1=$(curl -s http://127.0.0.1:18381/api/check | python3 -c 'import json,sys; print(json.load(sys.stdin)["dataset"]["facilities"])')
  c2=$(curl -s http://127.0.0.1:18382/api/check | python3 -c 'import json,sys; print(json.load(sys.stdin)["dataset"]["facilities"])')
  echo "facilities served a second later by replica 1: $c1, replica 2: $c2 (want 739 + $edits = $((739 + edits)))"
  echo "memory: replica 1 $(rss "${pids[1]}"), replica 2 $(rss "${pids[2]}")"
  kill "${pids[1]}" "${pids[2]}"; sleep 0.5
  psql -q "$KEPU_TEST_POSTGRES" -c "DROP DATABASE $db WITH (FORCE)"
fi
