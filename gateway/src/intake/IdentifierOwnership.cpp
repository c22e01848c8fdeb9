#include "intake/IdentifierOwnership.hpp"

#include <gw/kit/Profile.hpp>

namespace gw {

namespace {

const char* const kResidentIdCard = "urn:oid:2.16.156.10011.1.3";
const char* const kPassportPrefix = "http://hl7.org/fhir/sid/passport-";

}  // namespace

IdentifierOwnership::IdentifierOwnership(const GatewayConfig& config) {
  for (const auto* partners : {&config.hospitals, &config.insurers})
    for (const auto& partner : *partners)
      for (const auto& oid : partner.identifierOids) oidOwners_[oid] = partner.id;
}

bool IdentifierOwnership::isLinking(const std::string& system) {
  return system == kResidentIdCard || system.rfind(kPassportPrefix, 0) == 0;
}

IdentifierOwnership::Verdict IdentifierOwnership::classify(const std::string& partner, const std::string& system,
                                                           const std::string& value) const {
  if (isLinking(system)) return {Kind::linking, ""};
  if (system == kit::profile::kPartnerSystem) return {value == partner ? Kind::own : Kind::foreign, value};
  if (system.rfind("urn:gw:", 0) == 0) {
    const std::size_t colon = system.find(':', 7);
    const std::string owner = system.substr(7, colon == std::string::npos ? std::string::npos : colon - 7);
    return {owner == partner ? Kind::own : Kind::foreign, owner};
  }
  if (system.rfind("urn:oid:", 0) == 0) {
    // The OID itself or any arc below it: a hospital's root OID covers its MRN and visit-number OIDs.
    std::string oid = system.substr(8);
    for (;;) {
      auto it = oidOwners_.find(oid);
      if (it != oidOwners_.end()) return {it->second == partner ? Kind::own : Kind::foreign, it->second};
      const std::size_t dot = oid.rfind('.');
      if (dot == std::string::npos) break;
      oid.erase(dot);
    }
  }
  return {Kind::shared, ""};
}

}  // namespace gw
