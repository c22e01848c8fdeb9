// The entries of an input Bundle, each resource once, findable the way FHIR resolves references inside a
// Bundle: by the entry's fullUrl, or for a relative reference "Type/id" by the resource's type and id.
#pragma once

#include "FhirJson.hpp"
#include "Problems.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gw::fhirclaim {

struct BundleEntry {
  std::size_t inputIndex;  // position in the input Bundle.entry, for error locations
  std::string fullUrl;     // as given, or "" when the entry had none
  JsonObject resource;
};

class BundleIndex {
 public:
  // Indexes `bundle`'s entries. An entry without a resource (or a resource without resourceType) is a
  // problem; so is a resource that appears twice with different content. A resource repeated verbatim
  // is kept once: a claims builder that adds the same Patient for each of its Claims is not at fault.
  BundleIndex(const JsonObject& bundle, Problems& problems);

  const std::vector<BundleEntry>& entries() const { return entries_; }

  // The position in entries() of the resource `reference` points to, when the Bundle holds it.
  // "Type/id/_history/n" resolves to Type/id. Contained ("#id") references are not the Bundle's business.
  std::optional<std::size_t> resolve(const std::string& reference) const;

 private:
  std::vector<BundleEntry> entries_;
  std::map<std::string, std::size_t> byKey_;  // fullUrl and "Type/id" → position in entries_
};

}  // namespace gw::fhirclaim
