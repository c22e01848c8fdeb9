// Claim cardinalities from the R4 Claim StructureDefinition, checked before rendering so an insurer never
// receives a page its own validator would refuse.
#include "ClaimRules.hpp"

#include "RequiredElements.hpp"

namespace gw::fhirclaim {

void checkClaimElements(const JsonObject& claim, const std::string& label, const std::string& location,
                        Problems& problems) {
  RequiredElements required(label, location, problems);
  required.claimCore(claim);
  required.object(claim, "provider");
  required.object(claim, "priority");

  if (required.array(claim, "insurance")) {
    for (const auto& [path, insurance] : required.objects(claim, "insurance")) {
      required.positiveInteger(insurance, path + ".sequence");
      required.boolean(insurance, path + ".focal");
      required.object(insurance, path + ".coverage");
    }
  }
  for (const auto& [path, item] : required.objects(claim, "item")) {
    required.positiveInteger(item, path + ".sequence");
    required.object(item, path + ".productOrService");
  }
}

}  // namespace gw::fhirclaim
