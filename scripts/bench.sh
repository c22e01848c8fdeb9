#!/usr/bin/env bash
# Benchmarks on loopback (Release build): the HTTP ceiling of this machine, then gatewayd ingesting
# HL7 v2 XML durably (SQLite, synchronous=FULL), with the same wrk load. Prints a table and writes it
# to bench/results/latest.md. Usage: scripts/bench.sh [SECONDS per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
BUILD_DIR="${GW_BENCH_BUILD_DIR:-build-release}"
GW_SETUP_BENCH=1 scripts/setup.sh "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DGW_BUILD_BENCH=ON -DGW_BUILD_TESTS=OFF
cmake --build "$BUILD_DIR" -j "$(nproc)"

work="$(mktemp -d /tmp/gw-bench.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

threads=16
# One connection per server thread: Poco's HTTPServer keeps a thread on each keep-alive connection, so a
# connection beyond the thread count waits unserved in the queue for the whole run, and wrk reports neither
# a latency nor an error for it.
connections=$threads
wrk_threads=2
key="bench-key"
# The HL7 v2 XML samples the adapter accepts (the others are rejected on purpose: unsupported events,
# truncated or malformed files), and the XML twins of the DFT^P03 and SIU^S12 samples.
samples=(tests/data/hl7v2-xml/itb_*.xml tests/data/hl7v2-xml/hapi_oru_r01_device_followup.xml
         tests/data/hl7v2-xml-derived/*.xml)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 1 500); do curl -sf "http://127.0.0.1:$1$2" >/dev/null && return 0; sleep 0.02; done; return 1; }
# run_wrk PORT RATE (0 = as fast as possible) -> "requests failed seconds p50 p99"
run_wrk() {
  wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" -s tests/bench/wrk/ingest.lua "http://127.0.0.1:$1/" \
    -- "$key" bench-h "$RANDOM$RANDOM" "$2" "$wrk_threads" "${samples[@]}" \
    | awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                       print v["requests"], v["failed"], v["seconds"], v["p50_ms"], v["p99_ms"] }'
}
rate() { awk -v r="$1" -v f="$2" -v s="$3" 'BEGIN { printf "%.0f", (r - f) / s }'; }

# 1. The ceiling: a bare Poco HTTP server that reads the body and answers 200.
port=$(free_port)
"$BUILD_DIR/tests/bench/gw_ceiling_server" "$port" "$threads" & pids+=($!)
sleep 0.3
read -r c_req c_fail c_sec c_p50 c_p99 < <(run_wrk "$port" 0)
ceiling=$(rate "$c_req" "$c_fail" "$c_sec")

# 2. gatewayd, SQLite with synchronous=FULL, acknowledging only after commit.
mkdir -p "$work/plugins"
cp "$BUILD_DIR/plugins/hl7v2.so" "$work/plugins/"
gport=$(free_port)
cat > "$work/gateway.yaml" <<YAML
server:
  listen: 127.0.0.1:$gport
  threads: $threads
store:
  sqlite: {path: $work/gateway.db, synchronous: full}
plugins: {folder: $work/plugins, cache_folder: $work/cache}
logging: {level: warning}
hospitals:
  - {id: bench-h, key_sha256: $(echo -n "$key" | sha256sum | cut -d' ' -f1), adapter: hl7v2}
YAML
"$BUILD_DIR/gateway/gatewayd" --config "$work/gateway.yaml" 2>"$work/gatewayd.log" & pids+=($!)
wait_ready "$gport" /readyz || { cat "$work/gatewayd.log"; exit 1; }
read -r g_req g_fail g_sec g_p50 g_p99 < <(run_wrk "$gport" 0)
gateway=$(rate "$g_req" "$g_fail" "$g_sec")
accepted=$(python3 -c "import sqlite3; print(sqlite3.connect('$work/gateway.db').execute(\"SELECT COUNT(*) FROM inbound_message WHERE status='accepted'\").fetchone()[0])")

# 3. The same at half of the rate just measured: wrk keeps a wall-clock schedule (tests/bench/wrk/ingest.lua).
half_offered=$(( gateway / 2 > 1 ? gateway / 2 : 1 ))
read -r h_req h_fail h_sec h_p50 h_p99 < <(run_wrk "$gport" "$half_offered")
half=$(rate "$h_req" "$h_fail" "$h_sec")

ratio=$(awk -v g="$gateway" -v c="$ceiling" 'BEGIN { printf "%.2f", g / c }')
commit=$(git rev-parse --short HEAD)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "# Benchmark results"
  echo
  echo "Commit $commit, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($cpu), ${seconds}s per run,"
  echo "wrk -t$wrk_threads -c$connections, $threads server threads, ${#samples[@]} HL7 v2 XML samples in turn."
  echo
  echo "| run | offered msg/s | accepted msg/s | failed | p50 ms | p99 ms |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| ceiling (bare Poco HTTP) | max | $ceiling | $c_fail | $c_p50 | $c_p99 |"
  echo "| gatewayd, SQLite FULL | max | $gateway | $g_fail | $g_p50 | $g_p99 |"
  echo "| gatewayd at half of its max | $half_offered | $half | $h_fail | $h_p50 | $h_p99 |"
  echo
  echo "Gateway ÷ ceiling: **$ratio** (target ≥ 0.5). Rows accepted in the store after the full-rate run: $accepted."
} | tee bench/results/latest.md
