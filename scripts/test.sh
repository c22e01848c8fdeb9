#!/usr/bin/env bash
# Sets up if needed, builds, and runs every test through CTest, the PostgreSQL ones included
# (against a throwaway server started on loopback and stopped afterwards).
# Usage: [GW_SANITIZE=1] scripts/test.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
# GW_SANITIZE=1 runs the same tests on an AddressSanitizer + UndefinedBehaviorSanitizer build.
BUILD_DIR="${GW_BUILD_DIR:-build}"
CMAKE_ARGS=()
if [ "${GW_SANITIZE:-}" = "1" ]; then
  BUILD_DIR="${GW_BUILD_DIR:-build-asan}"
  CMAKE_ARGS+=(-DGW_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
fi
[ "${CI:-}" = "true" ] && CMAKE_ARGS+=(-DGW_WERROR=ON)
scripts/setup.sh "$BUILD_DIR" "${CMAKE_ARGS[@]}"
cmake --build "$BUILD_DIR" -j "$(nproc)"

pg_dir="$(mktemp -d /tmp/gw-pg.XXXXXX)"
pg_port=$(( 20000 + RANDOM % 20000 ))
trap 'scripts/pg-test-server.sh stop "$pg_dir"' EXIT
export GW_TEST_PG="$(scripts/pg-test-server.sh start "$pg_dir" "$pg_port")"
export GW_REQUIRE_PG=1
# The conformance tests must run the FHIR validator, never skip it.
export GW_REQUIRE_NODE=1
echo "test: PostgreSQL on 127.0.0.1:$pg_port"

ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" --timeout 600 "$@"
