// The names of the plugin ABI's codes as people read them in logs, answers and test failures, one spelling
// for the gateway, gatewayctl and adapter tests alike.
#pragma once

#include <gw/plugin_abi.h>

#include <cstdint>

namespace gw::kit {

// "GW_ERR_INVALID" for GW_ERR_INVALID; "unknown status" for a value outside gw_status.
const char* statusName(gw_status status);

// The text of a declared option type, as operators see it: string, int, bool, list, map; "unknown" otherwise.
const char* fieldTypeName(uint32_t type);

}  // namespace gw::kit
