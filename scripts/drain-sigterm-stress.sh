#!/usr/bin/env bash
# Stress for issue 13, item 14 (an exception escaping a thread once aborted gatewayd at the end of a claim drain
# under SIGTERM): an insurer drains a fhir_claim outbox with four concurrent pullers while two busy loops take
# the CPU, and gatewayd gets SIGTERM at a random moment. Each round must exit 0 with no "terminate" in its log
# (gatewayd prints the exception and the thread's stack if one escapes: see app/TerminateReport).
# Usage: scripts/drain-sigterm-stress.sh [ROUNDS (default 20)] [CLAIMS (default 5000)]
set -uo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-20}" claims="${2:-5000}"
build="${GW_BUILD_DIR:-build}"
work="$(mktemp -d /tmp/gw-drain-stress.XXXXXX)"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -m 700 "$work/plugins"
cp "$build"/plugins/{fhir_claim,hl7v2}.so "$work/plugins/"
sha() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
config() {  # config STORE
  cat > "$work/gateway.yaml" <<YAML
server: {listen: 127.0.0.1:$port, threads: 16, max_connections_per_address: 64, admin_key_sha256: $(sha admin), group_key_sha256: $(sha group)}
store:
  sqlite: {path: $1, synchronous: full}
plugins: {folder: $work/plugins, cache_folder: $work/cache, watch_interval_ms: 250}
hospitals:
  - id: bench-h
    key_sha256: $(sha hospital)
    adapter: hl7v2
    contract: {billing: manual, shares: [{from: 1990-01-01, group: 0.6}]}
insurers:
  - id: bench-payer
    key_sha256: $(sha payer)
    adapter: fhir_claim
    payer: {identifiers: ["urn:oid:2.16.840.1.113883.1.1|Org-12345"], max_page: 100, lease_seconds: 600}
YAML
}
start() {  # start LOG: sets gw
  "$build/gateway/gatewayd" --config "$work/gateway.yaml" 2> "$1" & gw=$!
  pids+=("$gw")
  for _ in $(seq 1 1500); do curl -sf "http://127.0.0.1:$port/readyz" > /dev/null && return 0; sleep 0.02; done
  cat "$1"; exit 1
}

# The outbox: one billed encounter, its rows copied $claims times.
config "$work/template.db"
start "$work/template.log"
curl -sf -o /dev/null -H "X-API-Key: hospital" -H "Content-Type: application/hl7-v2" \
     --data-binary @tests/bench/data/outpatient_dft_p03.hl7 "http://127.0.0.1:$port/v1/hospitals/bench-h/messages"
encounter=$(curl -sf -H "X-API-Key: group" "http://127.0.0.1:$port/v1/fhir/Encounter?identifier=urn:gw:bench-h:vn%7CV-200001" |
            python3 -c 'import json, sys; print(json.load(sys.stdin)["entry"][0]["resource"]["id"])')
curl -sf -o /dev/null -X POST -H "X-API-Key: admin" "http://127.0.0.1:$port/v1/admin/encounters/$encounter/bill"
kill "$gw"; wait "$gw"
python3 tests/bench/replicate_store.py "$work/template.db" "$work/outbox.db" "$claims" > /dev/null 2>&1

failed=0
for round in $(seq 1 "$rounds"); do
  cp "$work/outbox.db" "$work/round.db" && chmod 600 "$work/round.db" && rm -f "$work"/round.db-*
  config "$work/round.db"
  start "$work/round.log"
  load=()
  for _ in 1 2; do (while :; do :; done) & load+=($!); done
  for _ in 1 2 3 4; do python3 tests/bench/insurer_pull.py "$port" bench-payer payer fhir 100 30 > /dev/null 2>&1 & load+=($!); done
  sleep "$(python3 -c 'import random; print(random.uniform(0.5, 4))')"
  kill -TERM "$gw"; wait "$gw"; rc=$?
  kill "${load[@]}" 2>/dev/null; wait "${load[@]}" 2>/dev/null
  if [ "$rc" != 0 ] || grep -q "terminate" "$work/round.log"; then
    failed=$((failed + 1))
    echo "round $round: exit $rc"; grep -A30 "terminate" "$work/round.log" | head -40
  fi
done
echo "drain-sigterm-stress: $rounds rounds, $failed failed"
[ "$failed" = 0 ]
