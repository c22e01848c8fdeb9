// BundleBuilder.cpp: the transaction Bundle (see BundleBuilder.hpp).
#include "gw/kit/BundleBuilder.hpp"

#include "gw/kit/Text.hpp"

#include <Poco/UUID.h>
#include <Poco/UUIDGenerator.h>

namespace gw::kit {

std::string BundleBuilder::add(const std::string& key, Json resource, const std::string& conditionalUrl) {
  if (auto it = byKey_.find(key); it != byKey_.end()) return it->second->fullUrl;
  Poco::UUID uuid = Poco::UUIDGenerator::defaultGenerator().createFromName(Poco::UUID::uri(), seed_ + "|" + key);
  entries_.push_back({key, "urn:uuid:" + uuid.toString(), conditionalUrl, std::move(resource)});
  byKey_.emplace(key, &entries_.back());
  return entries_.back().fullUrl;
}

Json* BundleBuilder::find(const std::string& key) {
  auto it = byKey_.find(key);
  return it != byKey_.end() ? &it->second->resource : nullptr;
}

bool BundleBuilder::has(const std::string& key) const { return byKey_.count(key) != 0; }

Json BundleBuilder::build(const Json& identifier, const std::string& timestamp) const {
  Json bundle = Json::object();
  bundle.set("resourceType", "Bundle");
  bundle.set("identifier", identifier);
  bundle.set("type", "transaction");
  bundle.set("timestamp", timestamp);
  Json entries = Json::array();
  for (const auto& e : entries_) {
    Json entry = Json::object();
    entry.set("fullUrl", e.fullUrl);
    entry.set("resource", e.resource);
    Json request = Json::object();
    const Json* type = e.resource.get("resourceType");
    if (e.conditionalUrl.empty()) {
      request.set("method", "POST");
      request.set("url", type ? type->text() : "");
    } else {
      request.set("method", "PUT");
      request.set("url", e.conditionalUrl);
    }
    entry.set("request", request);
    entries.push(entry);
  }
  bundle.set("entry", entries);
  return bundle;
}

Json referenceTo(const std::string& fullUrl, const std::string& display) {
  Json ref = Json::object();
  ref.set("reference", fullUrl);
  ref.set("display", display);
  return ref;
}

std::string encodeQueryValue(const std::string& value) { return percentEncoded(value); }

}  // namespace gw::kit
