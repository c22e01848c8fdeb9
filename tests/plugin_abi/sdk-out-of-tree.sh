#!/usr/bin/env bash
# Installs the plugin SDK (component "sdk") into a fresh prefix, builds plugins/examples/echo out of tree with
# find_package(GatewayPluginSdk) and the adapter kit it installs, and checks the plugin exports only gw_plugin_entry and passes the loader.
# The adapter test kit (GatewayPluginSdk::testing) comes with GoogleTest only, and the SDK serves a consumer
# without GoogleTest: a probe project sees the test kit with GoogleTest and not without, and the echo example
# also builds with GoogleTest hidden from CMake.
# Usage: sdk-out-of-tree.sh BUILD_DIR SOURCE_DIR GATEWAYCTL
set -euo pipefail
build="$1" source="$2" gatewayctl="$3"
work="$(mktemp -d /tmp/gw-sdk.XXXXXX)"
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --component sdk --prefix "$work/sdk" > "$work/install.log"
test -f "$work/sdk/include/gw/plugin_abi.h"
test -f "$work/sdk/include/gw/plugin.hpp"
test -f "$work/sdk/include/gw/kit/HardenedXml.hpp"
test -f "$work/sdk/include/gw/testing/AdapterAbiSuite.hpp"
cmake -S "$source/plugins/examples/echo" -B "$work/echo" -DCMAKE_PREFIX_PATH="$work/sdk" > "$work/configure.log"
cmake --build "$work/echo" > "$work/build.log"
cmake -S "$source/plugins/examples/echo" -B "$work/echo-without-gtest" -DCMAKE_PREFIX_PATH="$work/sdk" \
      -DCMAKE_DISABLE_FIND_PACKAGE_GTest=TRUE > "$work/configure-without-gtest.log"
cmake --build "$work/echo-without-gtest" > "$work/build-without-gtest.log"
mkdir "$work/probe"
cat > "$work/probe/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.22)
project(sdk_probe LANGUAGES CXX)
find_package(GatewayPluginSdk 1.0 REQUIRED)
if(TARGET GatewayPluginSdk::testing)
  message(STATUS "sdk probe: the test kit is there")
else()
  message(STATUS "sdk probe: no test kit")
endif()
CMAKE
with="$(cmake -S "$work/probe" -B "$work/probe-with" -DCMAKE_PREFIX_PATH="$work/sdk")"
grep -q "sdk probe: the test kit is there" <<< "$with" || { echo "$with"; exit 1; }
without="$(cmake -S "$work/probe" -B "$work/probe-without" -DCMAKE_PREFIX_PATH="$work/sdk" \
           -DCMAKE_DISABLE_FIND_PACKAGE_GTest=TRUE)"
grep -q "sdk probe: no test kit" <<< "$without" || { echo "$without"; exit 1; }

exported="$(nm -D --defined-only "$work/echo/echo.so" | awk '{print $3}')"
if [ "$exported" != "gw_plugin_entry" ]; then
  echo "the out-of-tree echo.so exports more than gw_plugin_entry:"
  echo "$exported"
  exit 1
fi
"$gatewayctl" plugin inspect "$work/echo/echo.so"
echo "OK: out-of-tree echo plugin built against the installed SDK"
