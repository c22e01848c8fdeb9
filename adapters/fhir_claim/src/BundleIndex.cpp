// Builds the reference lookup over a Bundle's entries and folds verbatim duplicates.
#include "BundleIndex.hpp"

namespace gw::fhirclaim {

namespace {

std::string withoutHistory(const std::string& reference) {
  auto at = reference.find("/_history/");
  return at == std::string::npos ? reference : reference.substr(0, at);
}

}  // namespace

BundleIndex::BundleIndex(const JsonObject& bundle, Problems& problems) {
  JsonArray entries = arrayAt(bundle, "entry");
  if (!entries) return;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    std::string where = "Bundle.entry[" + std::to_string(i) + "]";
    JsonObject entry = entries->getObject(i);
    JsonObject resource = objectAt(entry, "resource");
    if (!resource) {
      problems.push_back({where, where + " has no resource"});
      continue;
    }
    std::string type = stringAt(resource, "resourceType");
    if (type.empty()) {
      problems.push_back({where + ".resource", where + ".resource has no resourceType"});
      continue;
    }
    std::string fullUrl = stringAt(entry, "fullUrl");
    std::string id = stringAt(resource, "id");
    std::string typeAndId = id.empty() ? std::string() : type + "/" + id;

    std::optional<std::size_t> earlier;
    for (const auto& key : {typeAndId, fullUrl}) {
      auto found = key.empty() ? byKey_.end() : byKey_.find(key);
      if (found != byKey_.end()) earlier = found->second;
    }
    if (earlier) {
      if (render(entries_[*earlier].resource) != render(resource)) {
        std::string label = typeAndId.empty() ? fullUrl : typeAndId;
        problems.push_back({where, where + ": " + label + " appears twice in the bundle with different content"});
      }
      continue;
    }
    std::size_t position = entries_.size();
    entries_.push_back({i, fullUrl, resource});
    if (!typeAndId.empty()) byKey_.emplace(typeAndId, position);
    if (!fullUrl.empty()) byKey_.emplace(fullUrl, position);
  }
}

std::optional<std::size_t> BundleIndex::resolve(const std::string& reference) const {
  if (reference.empty() || reference[0] == '#') return std::nullopt;
  auto found = byKey_.find(withoutHistory(reference));
  if (found == byKey_.end()) return std::nullopt;
  return found->second;
}

}  // namespace gw::fhirclaim
