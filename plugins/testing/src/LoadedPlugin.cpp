#include "gw/testing/LoadedPlugin.hpp"

#include <dlfcn.h>

#include <cstring>

namespace gw::testkit {

LoadedPlugin::LoadedPlugin(const std::string& path) {
  library_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library_) {
    const char* reason = dlerror();
    error_ = reason ? reason : "dlopen failed on " + path;
    return;
  }
  auto entry = reinterpret_cast<gw_plugin_entry_fn>(dlsym(library_, GW_PLUGIN_ENTRY_SYMBOL));
  if (!entry) {
    error_ = path + " has no " + GW_PLUGIN_ENTRY_SYMBOL;
    return;
  }
  plugin_ = entry();
  if (!plugin_) error_ = std::string(GW_PLUGIN_ENTRY_SYMBOL) + " of " + path + " returned NULL";
}

LoadedPlugin::~LoadedPlugin() {
  if (library_) dlclose(library_);
}

const gw_adapter* LoadedPlugin::adapter(const std::string& name) const {
  if (!plugin_ || !plugin_->adapters) return nullptr;
  for (std::size_t i = 0; i < plugin_->adapter_count; ++i) {
    const gw_adapter* candidate = plugin_->adapters[i];
    if (candidate && candidate->name && name == candidate->name) return candidate;
  }
  return nullptr;
}

}  // namespace gw::testkit
