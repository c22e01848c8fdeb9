#include "plugin/PluginLibrary.hpp"

#include <dlfcn.h>

#include "plugin/DescriptorCheck.hpp"
#include "plugin/ElfFileCheck.hpp"
#include "plugin/PluginRefused.hpp"

namespace gw {

std::atomic<int> PluginLibrary::alive_{0};

const char* adapterKindName(uint32_t kind) {
  return kind == GW_KIND_HOSPITAL ? "hospital" : kind == GW_KIND_INSURER ? "insurer" : "other";
}

PluginLibrary::PluginLibrary(std::string sourceFile, std::string cachedCopy, std::string sha256)
    : sourceFile_(std::move(sourceFile)), cachedCopy_(std::move(cachedCopy)), sha256_(std::move(sha256)) {
  ++alive_;
}

PluginLibrary::~PluginLibrary() { --alive_; }

std::shared_ptr<const PluginLibrary> PluginLibrary::load(const std::string& sourceFile, const std::string& cachedCopy,
                                                         const std::string& sha256) {
  checkElfSharedObject(cachedCopy);
  std::shared_ptr<PluginLibrary> plugin(new PluginLibrary(sourceFile, cachedCopy, sha256));
  // RTLD_NOW: an unresolved symbol refuses the file now instead of killing the process at first call.
  // RTLD_LOCAL: two plugins never resolve symbols against each other.
  boost::dll::fs::error_code error;
  dlerror();
  plugin->library_.load(cachedCopy, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, error);
  if (error) {
    const char* text = dlerror();
    std::string detail = text ? text : error.message();
    if (detail.find("undefined symbol") != std::string::npos)
      throw PluginRefused("unresolved_symbol", "unresolved symbol: " + detail);
    throw PluginRefused("load_failed", "cannot be loaded: " + detail);
  }
  if (!plugin->library_.has(GW_PLUGIN_ENTRY_SYMBOL))
    throw PluginRefused("no_entry", std::string("no entry symbol: the file does not export ") + GW_PLUGIN_ENTRY_SYMBOL);
  auto& entry = plugin->library_.get<const gw_plugin*()>(GW_PLUGIN_ENTRY_SYMBOL);
  const gw_plugin* descriptor = entry();
  checkDescriptor(descriptor);
  plugin->descriptor_ = descriptor;
  return plugin;
}

std::string PluginLibrary::abiVersion() const {
  return std::to_string(descriptor_->abi_major) + "." + std::to_string(descriptor_->abi_minor);
}

std::vector<const gw_adapter*> PluginLibrary::adapters() const {
  return {descriptor_->adapters, descriptor_->adapters + descriptor_->adapter_count};
}

const gw_adapter* PluginLibrary::adapter(const std::string& name) const {
  for (const gw_adapter* adapter : adapters())
    if (name == adapter->name) return adapter;
  return nullptr;
}

}  // namespace gw
