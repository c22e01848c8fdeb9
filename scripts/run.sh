#!/usr/bin/env bash
# Sets up if needed, builds, and runs gatewayd in the foreground on 127.0.0.1:8080 with
# conf/gateway.yaml (SQLite under ./var/). Extra arguments go to gatewayd.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${GW_BUILD_DIR:-build}"
scripts/setup.sh "$BUILD_DIR"
cmake --build "$BUILD_DIR" -j "$(nproc)"
mkdir -p var
exec "$BUILD_DIR/gateway/gatewayd" --config conf/gateway.yaml "$@"
