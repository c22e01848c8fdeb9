// One place that shapes the Bundles handed to insurers and to the claims engine.
#include "CollectionBundle.hpp"

namespace gw::fhirclaim {

CollectionBundle::CollectionBundle() : id_(freshId()), entries_(new Poco::JSON::Array()) {}

void CollectionBundle::add(const std::string& fullUrl, const JsonObject& resource) {
  JsonObject entry = newObject();
  std::string url = fullUrl;
  if (url.empty() && !stringAt(resource, "id").empty()) url = resourceLabel(resource);
  if (!url.empty()) entry->set("fullUrl", url);
  entry->set("resource", resource);
  entries_->add(entry);
}

std::string CollectionBundle::render() const {
  JsonObject bundle = newObject();
  bundle->set("resourceType", "Bundle");
  bundle->set("id", id_);
  if (identifier_) bundle->set("identifier", identifier_);
  bundle->set("type", "collection");
  bundle->set("timestamp", nowInstant());
  bundle->set("entry", entries_);
  return gw::fhirclaim::render(bundle);
}

}  // namespace gw::fhirclaim
