// A partner's YAML `options` checked against the config fields its adapter declares, turned into the JSON
// object `create` receives (defaults applied). Problems name file:line:column and the key.
#pragma once

#include <gw/kit/AbiNames.hpp>
#include <gw/kit/PartnerOptions.hpp>
#include <gw/plugin_abi.h>

#include <optional>
#include <string>
#include <vector>

#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"

namespace gw {

// A declared string option of this name that the partner leaves unset gets the configuration file's
// folder: adapters resolve relative paths in their options (e.g. xmlmap's `mapping`) against it.
inline const char* const kBaseDirField = "base_dir";

// The key under which an ABI 1.1 adapter receives the partner's `validation` (lenient or strict).
using kit::kValidationOption;

// `path` is the partner's place in the file, e.g. "hospitals[0]"; `file` is GatewayConfig::file.
// Returns the JSON text, or nothing with the problems added to `issues`.
std::optional<std::string> partnerOptionsJson(const gw_adapter& adapter, const PartnerConfig& partner,
                                              const std::string& path, const std::string& file,
                                              std::vector<ConfigIssue>& issues);

// The text of a declared field type, as operators see it: string, int, bool, list, map.
using kit::fieldTypeName;

}  // namespace gw
