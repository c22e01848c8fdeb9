#!/usr/bin/env bash
# Benchmarks of the Release build, on loopback, in one go: decode-only rates per adapter; the HTTP ceiling of
# this machine; gatewayd ingesting HL7 v2 XML durably (SQLite, synchronous=FULL) at full and half rate, over
# HTTP and over MLLP, with its memory, and while the hl7v2 plugin is replaced; an insurer draining a 100,000-claim outbox through the
# fhir_claim and x12 adapters; ingest into a store that already holds 1,000,000 messages. Prints the tables
# and writes them to bench/results/latest.md. Generated stores are cached in BUILD_DIR/bench-cache.
# Usage: scripts/bench.sh [SECONDS per load run, default 10]
# Environment:
#   GW_BENCH_LARGE=0           skip the run on the large store
#   GW_BENCH_LARGE_MESSAGES=N  messages in the large store (default 1000000)
#   GW_BENCH_CLAIMS=N          claims in the outbox (default 100000)
#   GW_BENCH_DRAIN_SECONDS=S   stop each outbox drain after about S seconds and project the whole drain from
#                              its rate (default 90, which keeps the whole run near 10 minutes); 0 drains all
#   GW_BENCH_REPLACEMENTS=N    hl7v2 plugin replacements during the hot-replace run (default 8)
#   GW_BENCH_DECODE_SECONDS=S  per decode and parse loop (default 1)
#   GW_BENCH_ONLY=claims       run only the claims drains (run 6); builds only what they need and writes
#                              bench/results/claims.md instead of latest.md
#   GW_BENCH_ONLY=ingest       run only the ceiling, ingest with isolation: process and none, and MLLP (runs 2-4),
#                              writing bench/results/ingest.md
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
BUILD_DIR="${GW_BENCH_BUILD_DIR:-build-release}"
large="${GW_BENCH_LARGE:-1}"
large_messages="${GW_BENCH_LARGE_MESSAGES:-1000000}"
claims="${GW_BENCH_CLAIMS:-100000}"
drain_seconds="${GW_BENCH_DRAIN_SECONDS:-90}"
replacements="${GW_BENCH_REPLACEMENTS:-8}"
decode_seconds="${GW_BENCH_DECODE_SECONDS:-1}"
only="${GW_BENCH_ONLY:-}"
case "$only" in "" | claims | ingest) ;; *) echo "bench: GW_BENCH_ONLY must be claims, ingest or unset" >&2; exit 2 ;; esac
GW_SETUP_BENCH=1 scripts/setup.sh "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DGW_BUILD_BENCH=ON -DGW_BUILD_TESTS=OFF
if [ "$only" = claims ]; then
  cmake --build "$BUILD_DIR" -j "$(nproc)" --target gatewayd hl7v2 fhir_claim x12
elif [ "$only" = ingest ]; then
  cmake --build "$BUILD_DIR" -j "$(nproc)" --target gatewayd hl7v2 gw_ceiling_server gw_mllp_load
else
  cmake --build "$BUILD_DIR" -j "$(nproc)"
fi
BUILD_DIR="$(cd "$BUILD_DIR" && pwd)"  # configurations below name files in it

work="$(mktemp -d /tmp/gw-bench.XXXXXX)"
cache="$BUILD_DIR/bench-cache"
mkdir -p "$cache"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

threads=16
# One connection per server thread: Poco's HTTPServer keeps a thread on each keep-alive connection, so a
# connection beyond the thread count waits unserved in the queue for the whole run, and wrk reports neither
# a latency nor an error for it.
connections=$threads
wrk_threads=2
key="bench-key"
admin_key="bench-admin-key"
group_key="bench-group-key"
payer_key="bench-payer-key"
# The HL7 v2 XML samples the adapter accepts (the others are rejected on purpose: unsupported events,
# truncated or malformed files), and the XML twins of the DFT^P03 and SIU^S12 samples.
samples=(tests/data/hl7v2-xml/itb_*.xml tests/data/hl7v2-xml/hapi_oru_r01_device_followup.xml
         tests/data/hl7v2-xml-derived/*.xml)
# The large store is made of copies of these (ADT^A08 and ORU^R01, the small everyday kinds): copies of the
# whole mix above would make a 1,000,000-message store of about 34 GB.
large_samples=(tests/data/hl7v2-xml/itb_*.xml)

sha256() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 1 1500); do curl -sf "http://127.0.0.1:$1$2" >/dev/null && return 0; sleep 0.02; done; return 1; }
# run_mllp PORT RATE (0 = as fast as possible) -> "requests failed seconds p50 p99", as run_wrk over MLLP
run_mllp() {
  "$BUILD_DIR/tests/bench/gw_mllp_load" "$1" "$connections" "$seconds" "$2" "$RANDOM$RANDOM" "${samples[@]}" |
    awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                     print v["requests"], v["failed"], v["seconds"], v["p50_ms"], v["p99_ms"] }'
}
# run_wrk PORT RATE (0 = as fast as possible) -> "requests failed seconds p50 p99"
run_wrk() {
  wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" -s tests/bench/wrk/ingest.lua "http://127.0.0.1:$1/" \
    -- "$key" bench-h "$RANDOM$RANDOM" "$2" "$wrk_threads" "${samples[@]}" \
    | awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                       print v["requests"], v["failed"], v["seconds"], v["p50_ms"], v["p99_ms"] }'
}
rate() { awk -v r="$1" -v f="$2" -v s="$3" 'BEGIN { printf "%.0f", (r - f) / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), (b > 0 ? a / b : 0) }'; }
# status_kib PID FIELD: a /proc/PID/status memory field (VmRSS, VmHWM) in KiB
status_kib() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
# key=value fields of a RESULT line, as shell assignments prefixed with $2 (e.g. d_files=6)
result_vars() { grep '^RESULT' | head -1 | tr ' ' '\n' | grep = | sed "s/^/$1/; s/=\\(.*\\)/='\\1'/"; }
# cache_key FILE...: names a generated store after everything that shapes its rows: the gateway's and the
# hl7v2 adapter's sources as committed and as changed since, the generator, this script and FILE...
# (Not the binaries: each commit changes the build id in them.)
shaping_sources=(gateway/src adapters/hl7v2 plugins/include)
cache_key() {
  { git rev-parse "${shaping_sources[@]/#/HEAD:}"
    git diff HEAD -- "${shaping_sources[@]}"
    git ls-files --others --exclude-standard -z -- "${shaping_sources[@]}" | xargs -0 -r cat
    cat tests/bench/replicate_store.py scripts/bench.sh "$@"; } | sha256sum | cut -c1-12
}

# write_config FILE PORT DB [PARTNERS_YAML] [MLLP_PORT]: a gatewayd configuration with the bench hospital and
# PARTNERS_YAML (a `hospitals:` item to add after it, then any other sections); with MLLP_PORT the bench hospital
# also has an MLLP listener there (HL7 v2 XML frames).
write_config() {
  cat > "$1" <<YAML
server:
  listen: 127.0.0.1:$2
  threads: $threads
  max_connections_per_address: $((connections + 8))  # wrk and the probes all come from 127.0.0.1
  admin_key_sha256: $(sha256 "$admin_key")
  group_key_sha256: $(sha256 "$group_key")
store:
  sqlite: {path: $3, synchronous: full}
plugins: {folder: $work/plugins, cache_folder: $work/plugin-cache, watch_interval_ms: 250}
logging: {level: information}
hospitals:
  - id: bench-h
    key_sha256: $(sha256 "$key")
    adapter: hl7v2
${5:+    mllp: {listen: 127.0.0.1:$5, content_type: application/hl7-v2+xml, max_connections: $connections\}}
${4:-}
YAML
}
# start_gatewayd CONFIG PORT LOG: sets gw_pid; waits until ready
start_gatewayd() {
  "$BUILD_DIR/gateway/gatewayd" --config "$1" 2>"$3" &
  gw_pid=$!
  pids+=("$gw_pid")
  wait_ready "$2" /readyz || { cat "$3"; exit 1; }
}
stop_gatewayd() { kill "$gw_pid"; wait "$gw_pid" || true; }
# post_message PORT FILE CONTENT_TYPE [MESSAGE_ID]: one hospital message; MESSAGE_ID replaces the first MSH.10
post_message() {
  sed -E "${4:+0,/MSH\\.10>[^<]*</s//MSH.10>$4</}" "$2" |
    curl -sf -o /dev/null -H "X-API-Key: $key" -H "Content-Type: $3" --data-binary @- \
      "http://127.0.0.1:$1/v1/hospitals/bench-h/messages"
}
sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }
# Samples RSS every 0.2 s until $2.stop exists, then writes the highest VmRSS (KiB) to $2.
sample_rss() {
  local max=0 now
  while [ ! -e "$2.stop" ]; do
    now=$(status_kib "$1" VmRSS || echo 0)
    [ "${now:-0}" -gt "$max" ] && max=$now
    sleep 0.2
  done
  echo "$max" > "$2"
}
mkdir -p "$work/plugins"
cp "$BUILD_DIR/plugins/hl7v2.so" "$work/plugins/"

x12_options='{sender_id: DOCGROUP, receiver_id: BCBS, billing_provider_npi: "1234567893",
      billing_provider_tax_id: "123456789", billing_provider_name: Doctor Group, billing_provider_street: 1 Clinic Way,
      billing_provider_city: Austin, billing_provider_state: TX, billing_provider_postal_code: "78701",
      contact_phone: "5125550100"}'
if [ "$only" != claims ]; then
if [ "$only" != ingest ]; then
# 1. Decode only, in process: each adapter through the gateway's own plugin host, no HTTP and no store.
cat > "$work/decode.yaml" <<YAML
server: {listen: 127.0.0.1:0}
store:
  sqlite: {path: $work/decode-unused.db}
plugins: {folder: $BUILD_DIR/plugins, cache_folder: $work/decode-plugin-cache, isolation: none}
logging: {level: warning}
hospitals:
  - {id: bench-hl7v2, key_sha256: $(sha256 1), adapter: hl7v2}
  - {id: bench-cda, key_sha256: $(sha256 2), adapter: cda}
  - {id: bench-visitrecord, key_sha256: $(sha256 3), adapter: xmlmap, options: {mapping: $PWD/conf/mappings/visitrecord.yaml}}
  - {id: bench-mirth, key_sha256: $(sha256 4), adapter: xmlmap, options: {mapping: $PWD/conf/mappings/mirth-hl7message.yaml}}
insurers:
  - {id: bench-fhir, key_sha256: $(sha256 5), adapter: fhir_claim}
  - id: bench-x12
    key_sha256: $(sha256 6)
    adapter: x12
    options: $x12_options
YAML
decode_rows=()
decode_left_out=()
# decode_case LABEL PARTNER CONTENT_TYPE FILE...
decode_case() {
  local label="$1" line
  shift
  unset "${!d_@}"
  eval "$("$BUILD_DIR/tests/bench/gw_decode_bench" "$work/decode.yaml" "$decode_seconds" "$@" 2>"$work/decode.err" |
          result_vars d_)"
  [ -n "${d_adapter:-}" ] || { cat "$work/decode.err"; exit 1; }
  while read -r line; do decode_left_out+=("- ${line#gw_decode_bench: }"); done < <(grep 'left out' "$work/decode.err")
  local parse="n/a" hardened="n/a" against="n/a"
  if [ "$d_parser" != none ]; then
    parse="$d_parse_per_s ($d_parser)"
    against=$(ratio "$d_decode_per_s" "$d_parse_per_s")
  fi
  [ "$d_parser" = libxml2 ] && hardened="$d_hardened_per_s"
  decode_rows+=("| $d_adapter: $label | $d_files | $d_bytes | $d_decode_per_s | $d_decode_mb_s | $parse | $hardened | $against |")
}
decode_case "HL7 v2 XML, the ingest samples" bench-hl7v2 application/xml "${samples[@]}"
decode_case "HL7 v2 ER7" bench-hl7v2 application/hl7-v2 tests/data/hl7v2-er7/*
decode_case "C-CDA documents" bench-cda application/xml tests/data/cda/*.xml
decode_case "VisitRecord XML (conf/mappings/visitrecord.yaml)" bench-visitrecord application/xml \
  conf/mappings/samples/visitrecord-*.xml
decode_case "Mirth HL7Message XML (conf/mappings/mirth-hl7message.yaml)" bench-mirth application/xml \
  tests/data/hl7v2-xml/mirth_orm_o01_hl7message.xml
decode_case "ClaimResponse (insurer answer)" bench-fhir application/fhir+json tests/data/fhir-r4/ClaimResponse-*.json
decode_case "835 remittance" bench-x12 application/edi-x12 tests/data/x12/*835*
fi  # run 1

# 2. The ceiling: a bare Poco HTTP server that reads the body and answers 200.
port=$(free_port)
"$BUILD_DIR/tests/bench/gw_ceiling_server" "$port" "$threads" & pids+=($!)
wait_ready "$port" / || true
read -r c_req c_fail c_sec c_p50 c_p99 < <(run_wrk "$port" 0)
ceiling=$(rate "$c_req" "$c_fail" "$c_sec")
kill "${pids[-1]}"

# 3. gatewayd on an empty store, SQLite with synchronous=FULL, acknowledging only after commit.
gport=$(free_port)
mport=$(free_port)
write_config "$work/gateway.yaml" "$gport" "$work/gateway.db" "" "$mport"
start_gatewayd "$work/gateway.yaml" "$gport" "$work/gatewayd.log"
sleep 1
idle_rss=$(status_kib "$gw_pid" VmRSS)
sample_rss "$gw_pid" "$work/peak-rss" & sampler=$!
read -r g_req g_fail g_sec g_p50 g_p99 < <(run_wrk "$gport" 0)
touch "$work/peak-rss.stop"
wait "$sampler"
peak_rss=$(cat "$work/peak-rss")
hwm_rss=$(status_kib "$gw_pid" VmHWM)
gateway=$(rate "$g_req" "$g_fail" "$g_sec")
accepted=$(sql "$work/gateway.db" "SELECT COUNT(*) FROM inbound_message WHERE status = 'accepted'")

# 4. The same at half of the rate just measured: wrk keeps a wall-clock schedule (tests/bench/wrk/ingest.lua).
half_offered=$(( gateway / 2 > 1 ? gateway / 2 : 1 ))
read -r h_req h_fail h_sec h_p50 h_p99 < <(run_wrk "$gport" "$half_offered")
half=$(rate "$h_req" "$h_fail" "$h_sec")
after_rss=$(status_kib "$gw_pid" VmRSS)

# 4m. Runs 3 and 4 over MLLP: the same gatewayd, store, hospital, samples and number of connections.
read -r m_req m_fail m_sec m_p50 m_p99 < <(run_mllp "$mport" 0)
mllp=$(rate "$m_req" "$m_fail" "$m_sec")
m_half_offered=$(( mllp / 2 > 1 ? mllp / 2 : 1 ))
read -r mh_req mh_fail mh_sec mh_p50 mh_p99 < <(run_mllp "$mport" "$m_half_offered")
mllp_half=$(rate "$mh_req" "$mh_fail" "$mh_sec")

# 4b. Runs 3 and 4 again with the adapter inside gatewayd (isolation: none) on a store of its own, to show what
# the worker processes of isolation: process (the default, above) cost.
stop_gatewayd
nport=$(free_port)
write_config "$work/gateway-none.yaml" "$nport" "$work/gateway-none.db"
sed -i 's/watch_interval_ms: 250}/watch_interval_ms: 250, isolation: none}/' "$work/gateway-none.yaml"
start_gatewayd "$work/gateway-none.yaml" "$nport" "$work/gatewayd-none.log"
sleep 1
read -r n_req n_fail n_sec n_p50 n_p99 < <(run_wrk "$nport" 0)
in_process=$(rate "$n_req" "$n_fail" "$n_sec")
n_half_offered=$(( in_process / 2 > 1 ? in_process / 2 : 1 ))
read -r nh_req nh_fail nh_sec nh_p50 nh_p99 < <(run_wrk "$nport" "$n_half_offered")
in_process_half=$(rate "$nh_req" "$nh_fail" "$nh_sec")
stop_gatewayd

if [ "$only" != ingest ]; then
start_gatewayd "$work/gateway.yaml" "$gport" "$work/gatewayd.log"
# 5. Full rate again while the hl7v2 plugin file is replaced, as an operator does (copy under a hidden name,
# rename into place). Each replacement has its own content (bytes appended after the ELF data), so the
# gateway loads it as a new plugin; its log names the SHA-256 of every file it loaded.
run_wrk "$gport" 0 > "$work/replace.wrk" &
wrk_pid=$!
pids+=("$wrk_pid")
replaced=()
for i in $(seq 1 "$replacements"); do
  sleep "$(awk -v s="$seconds" -v n="$replacements" 'BEGIN { print s / (n + 1) }')"
  cp "$BUILD_DIR/plugins/hl7v2.so" "$work/plugins/.hl7v2.so.new"
  printf 'gw-bench replacement %s %s' "$i" "$RANDOM" >> "$work/plugins/.hl7v2.so.new"
  replaced+=("$(sha256sum "$work/plugins/.hl7v2.so.new" | cut -d' ' -f1)")
  mv -f "$work/plugins/.hl7v2.so.new" "$work/plugins/hl7v2.so"
done
wait "$wrk_pid"
read -r r_req r_fail r_sec r_p50 r_p99 < "$work/replace.wrk"
during_replace=$(rate "$r_req" "$r_fail" "$r_sec")
sleep 0.5  # the last replacement's scan
loaded=0
for s in "${replaced[@]}"; do grep -q "hl7v2.so loaded: .*sha256 $s" "$work/gatewayd.log" && loaded=$((loaded + 1)); done
stop_gatewayd
fi  # run 5
else
  gport=$(free_port)
fi  # runs 1-5

if [ "$only" != ingest ]; then
# 6. Claims rendered from an outbox of $claims claims, by each insurer adapter, over the insurer's pull route.
# The outbox is made once (cached): gatewayd stores a hospital's DFT^P03 and bills it (the claims builder), then
# its rows are copied with unique ids.
insurer_yaml() {  # insurer_yaml ADAPTER [OPTIONS]
  cat <<YAML
    contract:
      billing: manual
      shares:
        - {from: 1990-01-01, group: 0.6}
insurers:
  - id: bench-payer
    key_sha256: $(sha256 "$payer_key")
    adapter: $1
    ${2:+options: $2}
    payer: {identifiers: ["urn:oid:2.16.840.1.113883.1.1|Org-12345"], max_page: 100, lease_seconds: 600}
YAML
}
cp "$BUILD_DIR/plugins/"{fhir_claim,x12}.so "$work/plugins/"
cp "$BUILD_DIR/plugins/hl7v2.so" "$work/plugins/hl7v2.so"
outbox="$cache/outbox-$claims-$(cache_key tests/bench/data/outpatient_dft_p03.hl7).db"
if [ ! -f "$outbox" ]; then
  rm -f "$cache"/outbox-*.db
  write_config "$work/outbox-template.yaml" "$gport" "$work/outbox-template.db" "$(insurer_yaml fhir_claim)"
  start_gatewayd "$work/outbox-template.yaml" "$gport" "$work/outbox-template.log"
  post_message "$gport" tests/bench/data/outpatient_dft_p03.hl7 application/hl7-v2
  encounter=$(curl -sf -H "X-API-Key: $group_key" \
                "http://127.0.0.1:$gport/v1/fhir/Encounter?identifier=urn:gw:bench-h:vn%7CV-200001" |
              python3 -c 'import json, sys; print(json.load(sys.stdin)["entry"][0]["resource"]["id"])')
  curl -sf -X POST -H "X-API-Key: $admin_key" "http://127.0.0.1:$gport/v1/admin/encounters/$encounter/bill" |
    grep -q '"claims":\["Claim/' || { echo "bench: the template encounter was not billed"; exit 1; }
  stop_gatewayd
  python3 tests/bench/replicate_store.py "$work/outbox-template.db" "$outbox" "$claims"
fi
claim_rows=()
for adapter in fhir_claim x12; do
  cp "$outbox" "$work/outbox.db"
  chmod 600 "$work/outbox.db"  # gatewayd refuses a store others can read
  sync  # the copy's write-back would otherwise compete with the store's fsyncs during the run
  options=""
  [ "$adapter" = x12 ] && options="$x12_options"
  write_config "$work/outbox.yaml" "$gport" "$work/outbox.db" "$(insurer_yaml "$adapter" "$options")"
  start_gatewayd "$work/outbox.yaml" "$gport" "$work/outbox-$adapter.log"
  unset "${!p_@}"
  eval "$(python3 tests/bench/insurer_pull.py "$gport" bench-payer "$payer_key" "${adapter%_claim}" 100 \
            "$drain_seconds" | result_vars p_)"
  [ -n "${p_claims:-}" ] || { echo "bench: the $adapter drain gave no result"; exit 1; }
  stop_gatewayd
  settled=$(sql "$work/outbox.db" "SELECT COUNT(*) FROM claim_outbox WHERE status = 'acknowledged'")
  rm -f "$work"/outbox.db*
  per_second=$(awk -v c="$p_claims" -v s="$p_seconds" 'BEGIN { printf "%.0f", c / s }')
  if [ "$p_drained" = 1 ]; then
    whole="$(printf '%.0f' "$p_seconds") s (drained)"
  else
    whole="$(awk -v n="$claims" -v r="$per_second" 'BEGIN { printf "%.0f", n / r }') s (projected)"
  fi
  claim_rows+=("| $adapter | $p_claims | $p_pages | $(printf '%.1f' "$p_seconds") | $(printf '%.1f / %.1f' "$p_pull_seconds" "$p_ack_seconds") | $per_second | $whole | $p_failed | $settled |")
done
fi  # run 6

# 7. Ingest into a store that already holds $large_messages accepted messages with their resources, made once
# (cached) from copies of what gatewayd stored for $large_samples.
if [ "$large" != 0 ] && [ "$only" = "" ]; then
  store="$cache/store-$large_messages-$(cache_key "${large_samples[@]}").db"
  if [ ! -f "$store" ]; then
    rm -f "$cache"/store-*.db
    write_config "$work/store-template.yaml" "$gport" "$work/store-template.db"
    start_gatewayd "$work/store-template.yaml" "$gport" "$work/store-template.log"
    for i in "${!large_samples[@]}"; do post_message "$gport" "${large_samples[$i]}" application/xml "TEMPLATE-$i"; done
    stop_gatewayd
    made=$(date +%s)
    python3 tests/bench/replicate_store.py "$work/store-template.db" "$store" \
      $(( (large_messages + ${#large_samples[@]} - 1) / ${#large_samples[@]} ))
    echo "bench: large store made in $(( $(date +%s) - made )) s"
  fi
  cp "$store" "$work/large.db"
  chmod 600 "$work/large.db"  # gatewayd refuses a store others can read
  # The write-back of the copy (and of a fresh generation) would otherwise slow the run's fsyncs: one run
  # without this sync had a p99 of 762 ms.
  sync
  large_size=$(du -m "$work/large.db" | cut -f1)
  stored=$(sql "$work/large.db" "SELECT COUNT(*) FROM inbound_message WHERE status = 'accepted'")
  resources=$(sql "$work/large.db" "SELECT COUNT(*) FROM fhir_resource")
  write_config "$work/large.yaml" "$gport" "$work/large.db"
  started=$(date +%s.%N)
  start_gatewayd "$work/large.yaml" "$gport" "$work/large.log"
  ready_seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  read -r l_req l_fail l_sec l_p50 l_p99 < <(run_wrk "$gport" 0)
  large_rate=$(rate "$l_req" "$l_fail" "$l_sec")
  stop_gatewayd
  rm -f "$work"/large.db*
fi

commit=$(git rev-parse --short HEAD)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
claims_table() {
  echo "## Claims rendered from a $claims-claim outbox (insurer pull over HTTP, pages of 100, each acknowledged)"
  echo
  echo "| adapter | claims | pages | seconds | in pulls / acks | claims/s | whole outbox | failed | acknowledged in store |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${claim_rows[@]}"
  if [ "$drain_seconds" != 0 ]; then
    echo
    echo "Each drain stopped after about ${drain_seconds}s (GW_BENCH_DRAIN_SECONDS) unless the outbox was empty before; the"
    echo "whole-outbox time is then projected from its rate."
  fi
}
transport_table() {
  echo "## Ingest over HTTP and over MLLP (same gatewayd, store, hospital and samples; $connections connections)"
  echo
  echo "| transport | full rate msg/s | p99 ms | half rate offered | accepted msg/s | p50 ms | p99 ms | failed |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  echo "| HTTP | $gateway | $g_p99 | $half_offered | $half | $h_p50 | $h_p99 | $((g_fail + h_fail)) |"
  echo "| MLLP | $mllp | $m_p99 | $m_half_offered | $mllp_half | $mh_p50 | $mh_p99 | $((m_fail + mh_fail)) |"
  echo
  echo "MLLP ÷ HTTP at full rate: **$(ratio "$mllp" "$gateway")** (target ≥ 1.0)."
}
isolation_table() {
  echo "## Ingest with the adapter in worker processes (isolation: process, the default) and inside gatewayd (none)"
  echo
  echo "| isolation | full rate msg/s | p99 ms | half rate offered | accepted msg/s | p50 ms | p99 ms | failed |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  echo "| process | $gateway | $g_p99 | $half_offered | $half | $h_p50 | $h_p99 | $((g_fail + h_fail)) |"
  echo "| none | $in_process | $n_p99 | $n_half_offered | $in_process_half | $nh_p50 | $nh_p99 | $((n_fail + nh_fail)) |"
  echo
  echo "process ÷ none at full rate: **$(ratio "$gateway" "$in_process")** (target ≥ 0.90); p99 at half rate:"
  echo "$h_p99 ms against $nh_p99 ms (target: at most 1 ms more). Ceiling (bare Poco HTTP): $ceiling msg/s."
}
if [ "$only" = ingest ]; then
  {
    echo "# Benchmark results: ingest only (GW_BENCH_ONLY=ingest)"
    echo
    echo "Commit $commit$(git diff --quiet HEAD -- . ':!bench/results' 2>/dev/null || echo ' (with uncommitted changes)'), $(date -u +%Y-%m-%dT%H:%MZ),"
    echo "$(nproc) cores ($cpu), load average $load_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end."
    echo "Loads: ${seconds}s per run, wrk -t$wrk_threads -c$connections, $threads server threads, ${#samples[@]} HL7 v2 XML samples in turn."
    echo
    isolation_table
    echo
    transport_table
  } | tee bench/results/ingest.md
  exit 0
fi
if [ "$only" = claims ]; then
  {
    echo "# Benchmark results: claims only (GW_BENCH_ONLY=claims)"
    echo
    echo "Commit $commit$(git diff --quiet HEAD -- . ':!bench/results' 2>/dev/null || echo ' (with uncommitted changes)'), $(date -u +%Y-%m-%dT%H:%MZ),"
    echo "$(nproc) cores ($cpu), load average $load_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end."
    echo
    claims_table
  } | tee bench/results/claims.md
  exit 0
fi
{
  echo "# Benchmark results"
  echo
  echo "Commit $commit$(git diff --quiet HEAD -- . ':!bench/results' 2>/dev/null || echo ' (with uncommitted changes)'), $(date -u +%Y-%m-%dT%H:%MZ),"
  echo "$(nproc) cores ($cpu), load average $load_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "Loads: ${seconds}s per run, wrk -t$wrk_threads -c$connections, $threads server threads, ${#samples[@]} HL7 v2 XML samples in turn."
  echo
  echo "## Ingest over HTTP"
  echo
  echo "| run | offered msg/s | accepted msg/s | failed | p50 ms | p99 ms |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| ceiling (bare Poco HTTP) | max | $ceiling | $c_fail | $c_p50 | $c_p99 |"
  echo "| gatewayd, SQLite FULL, empty store | max | $gateway | $g_fail | $g_p50 | $g_p99 |"
  echo "| gatewayd at half of its max | $half_offered | $half | $h_fail | $h_p50 | $h_p99 |"
  echo "| gatewayd while hl7v2.so is replaced $replacements times | max | $during_replace | $r_fail | $r_p50 | $r_p99 |"
  if [ "$large" != 0 ]; then
    echo "| gatewayd, store with $stored messages ($resources resource versions, $large_size MiB) | max | $large_rate | $l_fail | $l_p50 | $l_p99 |"
  fi
  echo
  echo "Gateway ÷ ceiling: **$(ratio "$gateway" "$ceiling")** (target ≥ 0.5). Rows accepted after the full-rate run: $accepted."
  echo "Hot replace: $loaded of $replacements replacements loaded during the run (gatewayd's log names each file's SHA-256)."
  if [ "$large" != 0 ]; then
    echo "Large store ÷ empty store: **$(ratio "$large_rate" "$gateway")**; gatewayd was ready ${ready_seconds}s after start on it."
  fi
  echo
  isolation_table
  echo
  transport_table
  echo
  echo "## Memory of gatewayd (VmRSS from /proc/PID/status)"
  echo
  echo "| when | MiB |"
  echo "|---|---:|"
  echo "| idle, 1 s after ready (no load) | $(mib "$idle_rss") |"
  echo "| peak during the full-rate run (sampled every 0.2 s) | $(mib "$peak_rss") |"
  echo "| high-water mark after the full-rate run (VmHWM) | $(mib "$hwm_rss") |"
  echo "| after the half-rate run | $(mib "$after_rss") |"
  echo
  echo "## Decode only, in process (one thread, no HTTP, no store; ${decode_seconds}s per loop)"
  echo
  echo "| adapter: input | files | mean bytes | decodes/s | MB/s | parse-only/s | hardened parse/s | decode ÷ parse-only |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${decode_rows[@]}"
  echo
  echo "Files each adapter refuses (on purpose) are left out:"
  printf '%s\n' "${decode_left_out[@]}"
  echo
  claims_table
} | tee bench/results/latest.md
