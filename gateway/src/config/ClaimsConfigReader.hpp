// Reads and validates the claim-side configuration (contract, payer, memberships) with positions.
#pragma once

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>
#include <vector>

#include "config/ClaimsConfig.hpp"
#include "config/YamlReader.hpp"

namespace gw {

void readContract(YamlReader& r, const YAML::Node& node, const std::string& path, HospitalContract& out);
void readPayer(YamlReader& r, const YAML::Node& node, const std::string& path, InsurerPayer& out);
// `insurers` are the configured insurer ids, to check each plan's insurer.
void readMemberships(YamlReader& r, const YAML::Node& node, const std::set<std::string>& insurers,
                     std::vector<Membership>& out);

}  // namespace gw
