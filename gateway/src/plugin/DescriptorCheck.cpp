#include "plugin/DescriptorCheck.hpp"

#include <set>
#include <string>

#include "plugin/PluginRefused.hpp"

namespace gw {

namespace {

bool hasText(const char* text) { return text != nullptr && *text != '\0'; }

void checkAdapter(const gw_adapter* adapter, std::size_t index, std::set<std::string>& names) {
  const std::string which = "adapter #" + std::to_string(index);
  if (adapter == nullptr) throw PluginRefused("bad_descriptor", which + " is NULL");
  if (adapter->struct_size < kAdapterStructSizeV1_0)
    throw PluginRefused("struct_size", which + ": gw_adapter.struct_size is " + std::to_string(adapter->struct_size) +
                                           ", smaller than the " + std::to_string(kAdapterStructSizeV1_0) +
                                           " bytes of ABI 1.0");
  if (!hasText(adapter->name)) throw PluginRefused("bad_descriptor", which + " has no name");
  const std::string named = "adapter '" + std::string(adapter->name) + "'";
  if (!names.insert(adapter->name).second)
    throw PluginRefused("duplicate_adapter", named + " is declared twice by this plugin");
  if (!hasText(adapter->version)) throw PluginRefused("bad_descriptor", named + " has no version");
  if (adapter->kind < GW_KIND_HOSPITAL || adapter->kind > GW_KIND_OTHER)
    throw PluginRefused("bad_descriptor", named + " has an unknown kind " + std::to_string(adapter->kind));
  if (adapter->create == nullptr || adapter->free_output == nullptr || adapter->destroy == nullptr)
    throw PluginRefused("bad_descriptor", named + ": create, free_output and destroy may not be NULL");
  if (adapter->config_field_count > 0 && adapter->config_fields == nullptr)
    throw PluginRefused("bad_descriptor", named + " declares config fields but gives no table");
  std::set<std::string> fields;
  for (std::size_t i = 0; i < adapter->config_field_count; ++i) {
    const gw_config_field& field = adapter->config_fields[i];
    if (!hasText(field.name)) throw PluginRefused("bad_descriptor", named + ": config field #" + std::to_string(i) + " has no name");
    if (field.type < GW_FIELD_STRING || field.type > GW_FIELD_MAP)
      throw PluginRefused("bad_descriptor", named + ": config field '" + field.name + "' has an unknown type");
    if (!fields.insert(field.name).second)
      throw PluginRefused("bad_descriptor", named + ": config field '" + field.name + "' is declared twice");
  }
}

}  // namespace

void checkDescriptor(const gw_plugin* plugin) {
  if (plugin == nullptr) throw PluginRefused("bad_descriptor", "gw_plugin_entry returned NULL");
  // struct_size first: nothing past it may be read from a smaller struct.
  if (plugin->struct_size < kPluginStructSizeV1_0)
    throw PluginRefused("struct_size", "gw_plugin.struct_size is " + std::to_string(plugin->struct_size) +
                                           ", smaller than the " + std::to_string(kPluginStructSizeV1_0) +
                                           " bytes of ABI 1.0");
  const std::string version = std::to_string(plugin->abi_major) + "." + std::to_string(plugin->abi_minor);
  const std::string host = std::to_string(GW_ABI_MAJOR) + "." + std::to_string(GW_ABI_MINOR);
  if (plugin->abi_major != GW_ABI_MAJOR)
    throw PluginRefused("abi_major", "built for plugin ABI " + version + ", this gateway speaks ABI " + host +
                                         " (the major version must be equal)");
  if (plugin->abi_minor > GW_ABI_MINOR)
    throw PluginRefused("abi_minor", "built for plugin ABI " + version + ", newer than this gateway's ABI " + host);
  if (!hasText(plugin->name)) throw PluginRefused("bad_descriptor", "the plugin has no name");
  if (!hasText(plugin->version)) throw PluginRefused("bad_descriptor", "the plugin has no version");
  if (plugin->adapter_count == 0 || plugin->adapters == nullptr)
    throw PluginRefused("bad_descriptor", "the plugin declares no adapters");
  std::set<std::string> names;
  for (std::size_t i = 0; i < plugin->adapter_count; ++i) checkAdapter(plugin->adapters[i], i, names);
}

}  // namespace gw
