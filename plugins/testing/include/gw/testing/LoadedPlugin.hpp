// A plugin file loaded for a test the way the host loads it: dlopen, then gw_plugin_entry. Tests drive the
// adapter through the C ABI only, so they check the .so that ships, not the classes it is made of.
// The namespace is gw::testkit, not gw::testing, which would hide GoogleTest's ::testing inside namespace gw.
#pragma once

#include <gw/plugin_abi.h>

#include <string>

namespace gw::testkit {

class LoadedPlugin {
 public:
  explicit LoadedPlugin(const std::string& path);
  ~LoadedPlugin();
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  // The descriptor gw_plugin_entry returned; null when the file did not load or has no entry (see error()).
  const gw_plugin* plugin() const { return plugin_; }
  // Why loading failed (the dlopen error, a missing entry symbol); empty when it loaded.
  const std::string& error() const { return error_; }
  // The adapter of that name the plugin carries, or null.
  const gw_adapter* adapter(const std::string& name) const;

 private:
  void* library_ = nullptr;
  const gw_plugin* plugin_ = nullptr;
  std::string error_;
};

}  // namespace gw::testkit
