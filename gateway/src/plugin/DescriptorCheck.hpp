// The checks a plugin's descriptor must pass before any adapter of it is used: ABI version, struct sizes,
// the callbacks that may not be NULL, names and declared config fields.
#pragma once

#include <gw/plugin_abi.h>

#include <cstddef>

namespace gw {

// The sizes of the ABI 1.0 structs: a plugin built against any 1.x header is at least this large.
// Minor versions only append fields, so these stay fixed while GW_ABI_MAJOR is 1.
constexpr std::size_t kPluginStructSizeV1_0 = offsetof(gw_plugin, adapter_count) + sizeof(size_t);
constexpr std::size_t kAdapterStructSizeV1_0 = offsetof(gw_adapter, destroy) + sizeof(void*);
// An adapter at least this large was built against the 1.1 header: flags and acknowledge_reply may be read.
constexpr std::size_t kAdapterStructSizeV1_1 = offsetof(gw_adapter, acknowledge_reply) + sizeof(void*);

// Throws PluginRefused (abi_major, abi_minor, struct_size, bad_descriptor, duplicate_adapter).
void checkDescriptor(const gw_plugin* plugin);

}  // namespace gw
