#!/usr/bin/env bash
# gatewayctl new-plugin: scaffolds a project, builds it against the installed SDK, runs its ctest (the adapter's
# own test and the SDK's adapter ABI suite, both required), and the gateway's loader accepts the result.
# Usage: new-plugin.sh BUILD_DIR GATEWAYCTL
set -euo pipefail
build="$1" gatewayctl="$2"
work="$(mktemp -d /tmp/gw-new-plugin.XXXXXX)"
trap 'rm -rf "$work"' EXIT

"$gatewayctl" new-plugin acme_his "$work/acme"
if "$gatewayctl" new-plugin acme_his "$work/acme" > "$work/again.log"; then
  echo "new-plugin overwrote a non-empty folder"; exit 1
fi
if "$gatewayctl" new-plugin "Bad Name" "$work/bad" 2> "$work/bad.log"; then
  echo "new-plugin accepted a bad name"; exit 1
fi
cmake --install "$build" --component sdk --prefix "$work/sdk" > "$work/install.log"
cmake -S "$work/acme" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/sdk" > "$work/configure.log"
cmake --build "$work/build" > "$work/build.log"

# Both kinds of test must be there: a project whose tests were not discovered would pass an empty ctest.
tests="$(ctest --test-dir "$work/build" -N)"
for expected in "AcmeHisAdapter.DecodesTheSampleToItsPatientUpsertedByMedicalRecordNumber" \
                "AcmeHisAdapter.RefusesAPatientWithoutARecordNumberSayingWhere" \
                "AcmeHisAdapter/AdapterAbi.DecodesTheSampleToAFhirBundle/acme_his" \
                "AcmeHisAdapter/AdapterAbi.RefusesUnreadableInputWithAReason/acme_his"; do
  if ! grep -qF "$expected" <<< "$tests"; then
    echo "the scaffold's ctest has no $expected:"; echo "$tests"; exit 1
  fi
done
ctest --test-dir "$work/build" --output-on-failure
"$gatewayctl" plugin inspect "$work/build/acme_his.so" | grep -q "adapter: acme_his 0.1.0 (hospital)"
echo "OK: the scaffolded adapter builds, passes its test and the ABI suite, and loads"
