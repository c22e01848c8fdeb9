// One plugin file, loaded from its content-addressed copy and checked. Adapter instances hold it
// (shared_ptr), so the library stays mapped while any request can still call into it.
#pragma once

#include <gw/plugin_abi.h>

#include <Poco/Timestamp.h>

#include <atomic>
#include <boost/dll/shared_library.hpp>
#include <memory>
#include <string>
#include <vector>

namespace gw {

// "hospital", "insurer" or "other": a gw_adapter_kind as operators read it.
const char* adapterKindName(uint32_t kind);

class PluginLibrary {
 public:
  // Checks and loads `cachedCopy` (the copy of `sourceFile` whose SHA-256 is `sha256`): a complete ELF
  // shared object, every symbol resolved, the entry symbol present, the descriptor acceptable.
  // Throws PluginRefused with the specific reason.
  static std::shared_ptr<const PluginLibrary> load(const std::string& sourceFile, const std::string& cachedCopy,
                                                   const std::string& sha256);
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const gw_plugin& descriptor() const { return *descriptor_; }
  std::string name() const { return descriptor_->name; }
  std::string version() const { return descriptor_->version; }
  std::string abiVersion() const;
  std::vector<const gw_adapter*> adapters() const;
  const gw_adapter* adapter(const std::string& name) const;  // null when this plugin has no such adapter

  const std::string& sourceFile() const { return sourceFile_; }
  const std::string& cachedCopy() const { return cachedCopy_; }
  const std::string& sha256() const { return sha256_; }
  const Poco::Timestamp& loadedAt() const { return loadedAt_; }

  // Calls currently running inside this library (an AdapterInstance counts each call).
  int callsInFlight() const { return callsInFlight_.load(); }
  void enterCall() const { ++callsInFlight_; }
  void leaveCall() const { --callsInFlight_; }

  // PluginLibrary objects alive in this process: each keeps its copy mapped.
  static int alive() { return alive_.load(); }

 private:
  PluginLibrary(std::string sourceFile, std::string cachedCopy, std::string sha256);

  boost::dll::shared_library library_;
  const gw_plugin* descriptor_ = nullptr;
  std::string sourceFile_;
  std::string cachedCopy_;
  std::string sha256_;
  Poco::Timestamp loadedAt_;
  mutable std::atomic<int> callsInFlight_{0};
  static std::atomic<int> alive_;
};

}  // namespace gw
