#!/usr/bin/env bash
# Installs the plugin SDK (component "sdk") into a fresh prefix, builds plugins/examples/echo out of tree with
# find_package(GatewayPluginSdk) and the adapter kit it installs, and checks the plugin exports only gw_plugin_entry and passes the loader.
# Usage: sdk-out-of-tree.sh BUILD_DIR SOURCE_DIR GATEWAYCTL
set -euo pipefail
build="$1" source="$2" gatewayctl="$3"
work="$(mktemp -d /tmp/gw-sdk.XXXXXX)"
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --component sdk --prefix "$work/sdk" > "$work/install.log"
test -f "$work/sdk/include/gw/plugin_abi.h"
test -f "$work/sdk/include/gw/plugin.hpp"
test -f "$work/sdk/include/gw/kit/HardenedXml.hpp"
cmake -S "$source/plugins/examples/echo" -B "$work/echo" -DCMAKE_PREFIX_PATH="$work/sdk" > "$work/configure.log"
cmake --build "$work/echo" > "$work/build.log"

exported="$(nm -D --defined-only "$work/echo/echo.so" | awk '{print $3}')"
if [ "$exported" != "gw_plugin_entry" ]; then
  echo "the out-of-tree echo.so exports more than gw_plugin_entry:"
  echo "$exported"
  exit 1
fi
"$gatewayctl" plugin inspect "$work/echo/echo.so"
echo "OK: out-of-tree echo plugin built against the installed SDK"
