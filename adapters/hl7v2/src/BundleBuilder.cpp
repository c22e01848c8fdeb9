// BundleBuilder.cpp: the transaction Bundle (see BundleBuilder.hpp).
#include "BundleBuilder.hpp"

#include <Poco/UUID.h>
#include <Poco/UUIDGenerator.h>

#include <cctype>
#include <cstdio>

namespace gw::hl7v2 {

std::string BundleBuilder::add(const std::string& key, Json resource, const std::string& conditionalUrl) {
  for (const auto& e : entries_)
    if (e.key == key) return e.fullUrl;
  Poco::UUID uuid = Poco::UUIDGenerator::defaultGenerator().createFromName(Poco::UUID::uri(), seed_ + "|" + key);
  entries_.push_back({key, "urn:uuid:" + uuid.toString(), conditionalUrl, std::move(resource)});
  return entries_.back().fullUrl;
}

Json* BundleBuilder::find(const std::string& key) {
  for (auto& e : entries_)
    if (e.key == key) return &e.resource;
  return nullptr;
}

bool BundleBuilder::has(const std::string& key) const {
  for (const auto& e : entries_)
    if (e.key == key) return true;
  return false;
}

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

std::string encodeQueryValue(const std::string& value) {
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ':' || c == '/') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace gw::hl7v2
