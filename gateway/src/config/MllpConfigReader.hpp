// Reads hospitals[].mllp (see docs/operators.md, "MLLP listeners").
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "config/MllpConfig.hpp"
#include "config/YamlReader.hpp"

namespace gw {

void readMllp(YamlReader& r, const YAML::Node& node, const std::string& path, MllpConfig& out);

}  // namespace gw
