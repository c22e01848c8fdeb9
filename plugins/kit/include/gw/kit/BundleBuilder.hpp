// BundleBuilder.hpp: collects the resources of one message into a FHIR R4 transaction Bundle.
// Each entry has a deterministic urn:uuid fullUrl (a name-based UUID of partner, message id and
// the entry's key), so the same message always gives the same Bundle and ER7/XML twins match;
// references between entries use these fullUrls.
#pragma once

#include "gw/kit/Json.hpp"

#include <deque>
#include <string>
#include <unordered_map>

namespace gw::kit {

class BundleBuilder {
 public:
  explicit BundleBuilder(std::string seed) : seed_(std::move(seed)) {}
  // byKey_ points into entries_: a copy would point into the original.
  BundleBuilder(const BundleBuilder&) = delete;
  BundleBuilder& operator=(const BundleBuilder&) = delete;

  // Adds a resource under `key` (e.g. "Patient/1", "Practitioner/urn:…|123") and returns its
  // fullUrl; a second add with the same key returns the first entry's fullUrl and keeps it.
  // `conditionalUrl` (e.g. "Patient?identifier=sys|val") makes the request a conditional PUT
  // (upsert on the business identifier); without it the request is a POST.
  std::string add(const std::string& key, Json resource, const std::string& conditionalUrl = {});
  Json* find(const std::string& key);
  bool has(const std::string& key) const;

  Json build(const Json& identifier, const std::string& timestamp) const;

 private:
  struct Entry {
    std::string key, fullUrl, conditionalUrl;
    Json resource;
  };
  std::string seed_;
  std::deque<Entry> entries_;  // a deque: pointers from find() stay valid across add()
  // key -> its entry: one lookup per add/find, so an ORU with 70,000 OBX is not 70,000 scans of the Bundle.
  std::unordered_map<std::string, Entry*> byKey_;
};

Json referenceTo(const std::string& fullUrl, const std::string& display = {});

// Percent-encodes a search parameter value for a conditional URL.
std::string encodeQueryValue(const std::string& value);

}  // namespace gw::kit
