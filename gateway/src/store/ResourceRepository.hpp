// Canonical FHIR resources: every version kept, the current one indexed by identifiers and references.
#pragma once

#include <Poco/Data/Session.h>

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
