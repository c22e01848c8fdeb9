// The x12 plugin: one adapter, exported through gw_plugin_entry.
#include "X12Adapter.hpp"

GW_PLUGIN("x12", "1.0.0", gw::x12::X12Adapter)
