// For adapter tests that drive a built plugin through the C ABI only, as the host does: dlopen, the
// entry function, the one adapter it carries, and a zero-filled gw_result for each call.
#pragma once

#include <gw/plugin_abi.h>
#include <gtest/gtest.h>

#include <dlfcn.h>

#include <cstring>
#include <memory>

namespace gwtest {

struct LibraryClose {
  void operator()(void* handle) const { dlclose(handle); }
};
using LibraryHandle = std::unique_ptr<void, LibraryClose>;

// Loads `path` into `library` and returns plugin `pluginName`'s descriptor, checked for the host's ABI
// major and one adapter; null (with a test failure) when the file cannot be loaded or has no entry.
inline const gw_plugin* loadPlugin(LibraryHandle& library, const char* path, const char* pluginName) {
  library.reset(dlopen(path, RTLD_NOW | RTLD_LOCAL));
  if (!library) {
    ADD_FAILURE() << dlerror();
    return nullptr;
  }
  auto entry = reinterpret_cast<gw_plugin_entry_fn>(dlsym(library.get(), GW_PLUGIN_ENTRY_SYMBOL));
  if (!entry) {
    ADD_FAILURE() << "no " << GW_PLUGIN_ENTRY_SYMBOL;
    return nullptr;
  }
  const gw_plugin* plugin = entry();
  EXPECT_EQ(plugin->abi_major, GW_ABI_MAJOR);
  EXPECT_GE(plugin->struct_size, sizeof(gw_plugin));
  EXPECT_STREQ(plugin->name, pluginName);
  EXPECT_EQ(plugin->adapter_count, 1u);
  return plugin;
}

// The same, returning the plugin's only adapter.
inline const gw_adapter* loadOnlyAdapter(LibraryHandle& library, const char* path, const char* pluginName) {
  const gw_plugin* plugin = loadPlugin(library, path, pluginName);
  return plugin && plugin->adapter_count > 0 ? plugin->adapters[0] : nullptr;
}

inline gw_result freshResult() {
  gw_result r;
  std::memset(&r, 0, sizeof r);
  r.struct_size = sizeof r;
  return r;
}

}  // namespace gwtest
