#!/usr/bin/env bash
# Installs exactly the Debian 12 packages the gateway needs and configures the build.
# Idempotent; fast (no apt) when everything is already installed.
# Usage: scripts/setup.sh [BUILD_DIR] [extra cmake arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # toolchain
  g++ make cmake pkg-config git
  # libraries: Poco (Net, NetSSL, Util, Data with SQLite and PostgreSQL, JSON, Crypto), libxml2, yaml-cpp, Boost.DLL
  libpoco-dev libsqlite3-dev libpq-dev libssl-dev libxml2-dev libyaml-cpp-dev libboost-dev libboost-filesystem-dev
  # RapidJSON (header only): the kit's JSON reader, exact decimals and fast claim pages
  rapidjson-dev
  # libseccomp: adapter worker processes confine themselves (no network, no file writes, no processes)
  libseccomp-dev
  # tests
  libgtest-dev libgmock-dev googletest postgresql curl python3
  # tests: certificates for the mutual-TLS tests, and a client we did not write
  openssl
  # tests: an MLLP client we did not write (python3-hl7's mllp_send)
  python3-hl7
  # tests: a SOAP client we did not write (zeep) calls HIPMessageServer through the gateway's WSDL
  python3-zeep
)

# scripts/bench.sh also needs the load generator.
[ "${GW_SETUP_BENCH:-}" = "1" ] && PACKAGES+=(wrk python3)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Debian starts a cluster on install; the tests start their own throwaway server instead.
fi

# The independent validators the tests run (npm tools under tools/: fhir-validator, x12-validator). Node
# is installed only when missing; npm ci runs per tool only when its node_modules does not match its
# package-lock.json.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing nodejs npm"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
for tool in tools/*/package-lock.json; do
  [ -f "$tool" ] || continue
  dir="$(dirname "$tool")"
  stamp="$dir/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || ! cmp -s <(sha256sum <"$tool") "$dir/node_modules/.gw-lock.sha256"; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    sha256sum <"$tool" >"$dir/node_modules/.gw-lock.sha256"
  fi
done

BUILD_DIR="${1:-build}"
shift || true
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ] || [ $# -gt 0 ]; then
  cmake -S . -B "$BUILD_DIR" "$@"
fi
