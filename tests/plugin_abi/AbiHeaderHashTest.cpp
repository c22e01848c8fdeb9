// The ABI header may change only together with its version: every (version, header hash) pair is recorded in
// tests/plugin_abi/abi_versions.txt, so an edit to plugin_abi.h without a version decision fails here.
#include <gtest/gtest.h>

#include <sstream>

#include "TestSupport.hpp"

namespace {

// The number a `#define NAME 12` line gives, as text.
std::string defined(const std::string& header, const std::string& name) {
  const std::string prefix = "#define " + name + " ";
  std::size_t at = header.find(prefix);
  if (at == std::string::npos) return {};
  at += prefix.size();
  std::size_t end = header.find_first_not_of("0123456789", at);
  return header.substr(at, end - at);
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
