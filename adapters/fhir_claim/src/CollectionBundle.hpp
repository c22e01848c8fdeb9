// The collection Bundles this adapter writes (claim pages, decoded ClaimResponses): a fresh id and
// timestamp each, entries with a fullUrl when one is known.
#pragma once

#include "FhirJson.hpp"

#include <string>

namespace gw::fhirclaim {

class CollectionBundle {
 public:
  CollectionBundle();

  // Appends `resource`. fullUrl: as the input gave it, or "Type/id" when it gave none, or left out when
  // the resource has no id either.
  void add(const std::string& fullUrl, const JsonObject& resource);

  // Carried onto the page, e.g. the gateway's page number the insurer names in its acknowledgements.
  void setIdentifier(const JsonObject& identifier) { identifier_ = identifier; }

  const std::string& id() const { return id_; }
  // application/fhir+json, resourceType first.
  std::string render() const;

 private:
  std::string id_;
  JsonObject identifier_;
  Poco::JSON::Array::Ptr entries_;
};

}  // namespace gw::fhirclaim
