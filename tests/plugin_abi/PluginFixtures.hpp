// Shared by the plugin ABI tests: where the fixtures are, how to put a plugin into a folder the way an operator
// should (copy beside, rename into place), and a configuration routing partners to adapters.
#pragma once

#include <Poco/File.h>

#include <cstdio>
#include <string>

#include "TestSupport.hpp"
#include "config/GatewayConfig.hpp"

namespace gwtest {

inline const char* kEchoMessage = R"(<Echo id="MSG-1"><patient mrn="123" family="Li" given="Wei"/></Echo>)";

inline std::string fixture(const std::string& name) { return std::string(GW_FIXTURE_DIR) + "/fixture_" + name + ".so"; }

// Replaces `target` atomically: a scan never sees a half-written file.
inline void installPlugin(const std::string& source, const std::string& target) {
  const std::string temporary = target + ".part";
  Poco::File(source).copyTo(temporary);
  Poco::File(temporary).renameTo(target);
}

inline void installPluginBytes(const std::string& bytes, const std::string& target) {
  writeFile(target + ".part", bytes);
  Poco::File(target + ".part").renameTo(target);
}

// A gateway configuration in `dir` with its plugin folder `dir/plugins` (created) and the given hospitals
// (YAML list items, each starting with "  - ").
inline gw::GatewayConfig pluginConfig(const TempDir& dir, const std::string& hospitals,
                                      const std::string& extra = "") {
  Poco::File(dir.file("plugins")).createDirectories();
  std::string text = "server:\n  listen: 127.0.0.1:0\n  threads: 16\n  queue: 256\n"
                     "  max_connections_per_address: 64\n  admin_key_sha256: " +
                     sha256(kAdminKey) + "\nstore:\n  sqlite:\n    path: " + dir.file("gw.db") +
                     "\nplugins:\n  folder: plugins\n  cache_folder: cache\n" + extra + "hospitals:\n" + hospitals;
  writeFile(dir.file("gateway.yaml"), text);
  return gw::loadConfig(dir.file("gateway.yaml"));
}

inline std::string hospital(const std::string& id, const std::string& adapter, const std::string& options = "") {
  std::string entry = "  - id: " + id + "\n    key_sha256: " + sha256(id) + "\n    adapter: " + adapter + "\n";
  if (!options.empty()) entry += "    options:\n" + options;
  return entry;
}

}  // namespace gwtest
