// Canonical FHIR resources: every version kept, the current one indexed by identifiers and references.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/Database.hpp"

namespace gw {

struct StoredResource {
  std::string type;
  std::string id;
  int version = 0;
  std::string updatedAt;
  std::string body;  // FHIR JSON
};

struct ResourceIdentifier {
  std::string system;
  std::string value;
};

struct ResourceLink {
  std::string path;    // e.g. "subject"
  std::string target;  // e.g. "Patient/123"
};

class ResourceRepository {
 public:
  explicit ResourceRepository(Database& db) : db_(db) {}

  // Saves a resource (resourceType and id set) as a new version, with its identifiers and the
  // references it makes indexed for searches; returns the version.
  int save(Poco::Data::Session& s, const Poco::JSON::Object::Ptr& resource, std::int64_t sourceMessage);

  // The identifiers (system|value) of a FHIR resource, and every "Type/id" it references by top-level element.
  static std::vector<ResourceIdentifier> identifiersOf(const Poco::JSON::Object::Ptr& resource);
  static std::vector<ResourceLink> linksOf(const Poco::JSON::Object::Ptr& resource);

  // Writes a new version (1 for a new resource) and makes it current; returns the version.
  int put(Poco::Data::Session& s, const std::string& type, const std::string& id, const std::string& body,
          std::int64_t sourceMessage);
  std::optional<StoredResource> current(Poco::Data::Session& s, const std::string& type, const std::string& id);
  // Newest version first.
  std::vector<StoredResource> history(Poco::Data::Session& s, const std::string& type, const std::string& id);

  // Replaces the identifiers of a resource. An identifier already held by another resource of
  // the same type is moved (the caller decides about merges before calling).
  void setIdentifiers(Poco::Data::Session& s, const std::string& type, const std::string& id,
                      const std::vector<ResourceIdentifier>& identifiers);
  std::optional<std::string> findByIdentifier(Poco::Data::Session& s, const std::string& type,
                                              const std::string& system, const std::string& value);

  void setReferences(Poco::Data::Session& s, const std::string& type, const std::string& id,
                     const std::vector<ResourceLink>& links);
  // Ids of current resources of `type` whose `path` references `target`.
  std::vector<std::string> findReferencing(Poco::Data::Session& s, const std::string& type, const std::string& path,
                                           const std::string& target);

 private:
  Database& db_;
};

}  // namespace gw
