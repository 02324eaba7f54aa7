#!/usr/bin/env bash
# pg-cluster.sh start DIR | stop DIR — a throw-away PostgreSQL + PostGIS
# cluster for kepu's tests: initdb in DIR, listening on a free loopback
# port only (no Unix socket outside DIR). `start` prints the URL to use as
# KEPU_TEST_POSTGRES. Needs Debian's postgresql and postgis packages.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg-cluster: no PostgreSQL server (apt-get install postgresql postgis)" >&2; exit 2; }
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case $cmd in
start)
  mkdir -p "$dir"; chmod 700 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  run "$bin/initdb" -D "$dir/data" -U kepu --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir/data -c fsync=on -c max_connections=200" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  run "$bin/createdb" -h 127.0.0.1 -p "$port" -U kepu kepu
  echo "postgres://kepu@127.0.0.1:$port/kepu?sslmode=disable"
  ;;
stop)
  run "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  ;;
esac
