// Reads hospitals[].pickup (see docs/operators.md, "Hospitals that drop files").
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "config/PickupConfig.hpp"
#include "config/YamlReader.hpp"

namespace gw {

void readPickup(YamlReader& r, const YAML::Node& node, const std::string& path, PickupConfig& out);

}  // namespace gw
