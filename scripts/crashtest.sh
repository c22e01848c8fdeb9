#!/usr/bin/env bash
# Kills gatewayd with SIGKILL at random moments under load and checks that nothing acknowledged is lost
# or duplicated. Usage: scripts/crashtest.sh [BUILD_DIR] [--rounds N] [--clients N] ...
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
shift || true
exec python3 scripts/crashtest.py --build "$build" "$@"
