// The samples, fixtures and Bundles the fhir_claim tests build on.
#include "FhirClaimTestSupport.hpp"

namespace gw::fhirclaim::test {

JsonObject sample(const std::string& name) {
  return parseObject(readFile(std::string(GW_TEST_DATA_DIR) + "/fhir-r4/" + name));
}

JsonObject fixture(const std::string& name) {
  return parseObject(readFile(std::string(FHIR_CLAIM_FIXTURES) + "/" + name));
}

JsonObject bundleOf(const std::vector<JsonObject>& resources) {
  Poco::JSON::Array::Ptr entries = new Poco::JSON::Array();
  for (const auto& resource : resources) {
    JsonObject entry = newObject();
    entry->set("fullUrl", resourceLabel(resource));
    entry->set("resource", resource);
    entries->add(entry);
  }
  JsonObject bundle = newObject();
  bundle->set("resourceType", "Bundle");
  bundle->set("id", "claims-page-input");
  bundle->set("type", "collection");
  bundle->set("entry", entries);
  return bundle;
}

JsonObject sampleClaimBundle() {
  return bundleOf({fixture("Patient-1.json"), sample("Claim-860150.json"), fixture("Organization-2.json"),
                   sample("Coverage-9876B1.json"), sample("ChargeItem-example.json"), sample("Claim-100156.json"),
                   fixture("Patient-1.json"), fixture("Organization-1.json"), fixture("Practitioner-example.json"),
                   fixture("Patient-99.json"), sample("Claim-100154.json"), fixture("RelatedPerson-peter.json"),
                   fixture("Patient-4.json")});
}

JsonObject resourceIn(const JsonObject& bundle, const std::string& type, const std::string& id) {
  JsonArray entries = arrayAt(bundle, "entry");
  for (std::size_t i = 0; entries && i < entries->size(); ++i) {
    JsonObject resource = objectAt(entries->getObject(i), "resource");
    if (stringAt(resource, "resourceType") == type && stringAt(resource, "id") == id) return resource;
  }
  return {};
}

std::vector<std::string> entryLabels(const JsonObject& bundle) {
  std::vector<std::string> labels;
  JsonArray entries = arrayAt(bundle, "entry");
  for (std::size_t i = 0; entries && i < entries->size(); ++i) {
    labels.push_back(resourceLabel(objectAt(entries->getObject(i), "resource")));
  }
  return labels;
}

}  // namespace gw::fhirclaim::test
