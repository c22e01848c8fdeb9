// Claim cardinalities from the R4 Claim StructureDefinition, checked before rendering so an insurer never
// receives a page its own validator would refuse.
#include "ClaimRules.hpp"

#include "RequiredElements.hpp"

namespace gw::fhirclaim {

void checkClaimElements(const JsonObject& claim, const std::string& label, const std::string& location,
                        Problems& problems) {
  RequiredElements required(label, location, problems);
  required.code(claim, "status", {"active", "cancelled", "draft", "entered-in-error"});
  required.object(claim, "type");
  required.code(claim, "use", {"claim", "preauthorization", "predetermination"});
  required.object(claim, "patient");
  required.string(claim, "created");
  required.object(claim, "provider");
  required.object(claim, "priority");

  if (required.array(claim, "insurance")) {
    JsonArray insurance = arrayAt(claim, "insurance");
    for (std::size_t i = 0; i < insurance->size(); ++i) {
      std::string path = "insurance[" + std::to_string(i) + "]";
      JsonObject entry = insurance->getObject(i);
      if (!entry) {
        required.fault(path, "element " + path + " is not a JSON object");
        continue;
      }
      required.positiveInteger(entry, path + ".sequence");
      required.boolean(entry, path + ".focal");
      required.object(entry, path + ".coverage");
    }
  }

  if (claim->has("item")) {
    JsonArray items = arrayAt(claim, "item");
    if (!items) {
      required.fault("item", "element item is not a JSON array");
      return;
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
      std::string path = "item[" + std::to_string(i) + "]";
      JsonObject item = items->getObject(i);
      if (!item) {
        required.fault(path, "element " + path + " is not a JSON object");
        continue;
      }
      required.positiveInteger(item, path + ".sequence");
      required.object(item, path + ".productOrService");
    }
  }
}

}  // namespace gw::fhirclaim
