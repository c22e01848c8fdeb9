// Builds the insurer's page: checks every Claim, then gathers referenced resources breadth first, so the
// page is self-contained and resources shared by several Claims appear once.
#include "ClaimPage.hpp"

#include "BundleIndex.hpp"
#include "ClaimRules.hpp"
#include "ClaimTotal.hpp"
#include "CollectionBundle.hpp"
#include "FhirJson.hpp"
#include "LiteralReferences.hpp"
#include "Problems.hpp"

#include <deque>
#include <set>
#include <vector>

namespace gw::fhirclaim {

namespace {

// Claim references the insurer resolves on its own side (earlier claims and earlier adjudications), and
// those inside contained resources, which belong to that resource rather than to the Claim.
bool mayBeOutsideBundle(const std::string& path) {
  std::string element = elementOf(path);
  return element == "related.claim" || element == "insurance.claimResponse" || element.rfind("contained.", 0) == 0;
}

std::string claimLabel(const BundleEntry& entry) {
  std::string id = stringAt(entry.resource, "id");
  return id.empty() ? "Claim at Bundle.entry[" + std::to_string(entry.inputIndex) + "]" : "Claim/" + id;
}

std::set<std::string> containedIds(const JsonObject& resource) {
  std::set<std::string> ids;
  JsonArray contained = arrayAt(resource, "contained");
  for (std::size_t i = 0; contained && i < contained->size(); ++i) ids.insert(stringAt(contained->getObject(i), "id"));
  return ids;
}

void checkClaimReferences(const BundleEntry& claim, const BundleIndex& index, Problems& problems) {
  const std::string label = claimLabel(claim);
  const std::set<std::string> contained = containedIds(claim.resource);
  for (const auto& ref : literalReferences(claim.resource)) {
    if (mayBeOutsideBundle(ref.path)) continue;
    bool resolved = ref.reference[0] == '#' ? contained.count(ref.reference.substr(1)) > 0
                                            : index.resolve(ref.reference).has_value();
    if (resolved) continue;
    std::string where = ref.reference[0] == '#' ? "in the claim's contained resources" : "in the bundle";
    problems.push_back({"Bundle.entry[" + std::to_string(claim.inputIndex) + "].resource." + ref.path,
                        label + ": reference " + ref.reference + " (" + ref.path + ") is not " + where});
  }
}

void addProfile(JsonObject claim, const std::string& profile) {
  JsonObject meta = objectAt(claim, "meta");
  if (!meta) {
    meta = newObject();
    claim->set("meta", meta);
  }
  JsonArray profiles = arrayAt(meta, "profile");
  if (!profiles) {
    profiles = new Poco::JSON::Array();
    meta->set("profile", profiles);
  }
  for (std::size_t i = 0; i < profiles->size(); ++i) {
    if (profiles->get(i).isString() && profiles->get(i).toString() == profile) return;
  }
  profiles->add(profile);
}

}  // namespace

RenderedPage renderClaimPage(std::string_view canonicalJson, const PageOptions& options) {
  JsonObject bundle = parseObject(std::string(canonicalJson));
  std::string type = stringAt(bundle, "resourceType");
  if (type != "Bundle") {
    throw gw::sdk::Error(GW_ERR_INVALID, "input is not a FHIR Bundle (resourceType " +
                                             (type.empty() ? std::string("absent") : "'" + type + "'") + ")",
                         "resourceType");
  }

  Problems problems;
  BundleIndex index(bundle, problems);
  std::vector<std::size_t> claims;
  for (std::size_t i = 0; i < index.entries().size(); ++i) {
    if (stringAt(index.entries()[i].resource, "resourceType") == "Claim") claims.push_back(i);
  }
  if (claims.empty()) problems.push_back({"Bundle.entry", "the bundle has no Claim"});
  throwIfAny(problems);

  for (std::size_t position : claims) {
    const BundleEntry& claim = index.entries()[position];
    std::string label = claimLabel(claim);
    std::string location = "Bundle.entry[" + std::to_string(claim.inputIndex) + "].resource";
    checkClaimElements(claim.resource, label, location, problems);
    checkClaimTotal(claim.resource, label, location, problems);
    checkClaimReferences(claim, index, problems);
  }
  throwIfAny(problems);

  // Breadth first from the Claims: direct references first, then what those reference (a Coverage's
  // subscriber and payor), each resource once. References from non-Claim resources that the bundle
  // does not hold are left as they are: the checks above are about what the Claims need.
  std::vector<std::size_t> order(claims);
  std::set<std::size_t> emitted(claims.begin(), claims.end());
  if (options.includeResources) {
    std::deque<std::size_t> toScan(claims.begin(), claims.end());
    while (!toScan.empty()) {
      std::size_t position = toScan.front();
      toScan.pop_front();
      for (const auto& ref : literalReferences(index.entries()[position].resource)) {
        auto target = index.resolve(ref.reference);
        if (!target || !emitted.insert(*target).second) continue;
        order.push_back(*target);
        toScan.push_back(*target);
      }
    }
  }

  if (!options.profile.empty()) {
    for (std::size_t position : claims) addProfile(index.entries()[position].resource, options.profile);
  }
  CollectionBundle page;
  if (JsonObject identifier = bundle->getObject("identifier")) page.setIdentifier(identifier);
  for (std::size_t position : order) page.add(index.entries()[position].fullUrl, index.entries()[position].resource);
  return {page.id(), page.render()};
}

}  // namespace gw::fhirclaim
