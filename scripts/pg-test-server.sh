#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server on loopback for the tests.
# Usage: scripts/pg-test-server.sh start DIR PORT   (prints the libpq connection string)
#        scripts/pg-test-server.sh stop DIR
set -euo pipefail
action="$1"; dir="$2"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as_owner() {
  # PostgreSQL refuses to run as root: run it as the 'postgres' user when we are root.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  start)
    port="$3"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
    echo "host=127.0.0.1 port=$port user=postgres dbname=postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
