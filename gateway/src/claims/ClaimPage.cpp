#include "claims/ClaimPage.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/UUIDGenerator.h>

#include <deque>
#include <set>

#include "common/Json.hpp"
#include "store/ResourceRepository.hpp"

namespace gw {

namespace {

// How far references are followed from a Claim: Claim → Coverage → Organization is two steps.
constexpr int kDepth = 2;

}  // namespace

std::string claimPageBundle(Database& db, Poco::Data::Session& s, const std::vector<std::string>& claimIds) {
  ResourceRepository repository(db);
  Poco::JSON::Object::Ptr bundle = jsonObject();
  bundle->set("resourceType", std::string("Bundle"));
  bundle->set("id", Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
  bundle->set("type", std::string("collection"));
  Poco::JSON::Array::Ptr entries = new Poco::JSON::Array;
  std::set<std::string> included;
  std::deque<std::pair<std::string, int>> pending;  // reference, depth
  for (const auto& id : claimIds) pending.push_back({"Claim/" + id, 0});
  while (!pending.empty()) {
    auto [reference, depth] = pending.front();
    pending.pop_front();
    if (!included.insert(reference).second) continue;
    auto slash = reference.find('/');
    auto stored = repository.current(s, reference.substr(0, slash), reference.substr(slash + 1));
    if (!stored) continue;  // the adapter names whatever a Claim needs and is missing
    Poco::JSON::Object::Ptr resource = parseJsonObject(stored->body, reference);
    Poco::JSON::Object::Ptr entry = jsonObject();
    entry->set("fullUrl", reference);
    entry->set("resource", resource);
    entries->add(entry);
    if (depth >= kDepth) continue;
    for (const auto& link : ResourceRepository::linksOf(resource))
      if (!included.count(link.target)) pending.push_back({link.target, depth + 1});
  }
  bundle->set("entry", entries);
  return toJson(bundle);
}

}  // namespace gw
