// The ABI header may change only together with its version: every (version, header hash) pair is recorded in
// tests/plugin_abi/abi_versions.txt, so an edit to plugin_abi.h without a version decision fails here.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "TestSupport.hpp"

namespace {

std::string defined(const std::string& header, const std::string& name) {
  std::smatch match;
  std::regex define("#define " + name + " ([0-9]+)");
  return std::regex_search(header, match, define) ? match[1].str() : std::string();
}

TEST(AbiHeaderHash, TheHeadersHashIsRecordedForItsVersion) {
  const std::string header = gwtest::readFile(GW_ABI_HEADER);
  ASSERT_FALSE(header.empty());
  const std::string version = defined(header, "GW_ABI_MAJOR") + "." + defined(header, "GW_ABI_MINOR");
  const std::string hash = gwtest::sha256(header);
  std::istringstream records(gwtest::readFile(GW_ABI_VERSIONS));
  bool versionRecorded = false;
  for (std::string line; std::getline(records, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string recordedVersion, recordedHash;
    fields >> recordedVersion >> recordedHash;
    if (recordedVersion != version) continue;
    versionRecorded = true;
    if (recordedHash == hash) return;
  }
  FAIL() << "plugin_abi.h (ABI " << version << ", sha256 " << hash << ") is not recorded in abi_versions.txt"
         << (versionRecorded ? ": the header changed but its version did not; bump GW_ABI_MINOR (append-only) or "
                               "GW_ABI_MAJOR and record the new line"
                             : "");
}

}  // namespace
