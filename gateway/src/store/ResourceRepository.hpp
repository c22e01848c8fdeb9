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
  bool operator==(const ResourceIdentifier& o) const { return system == o.system && value == o.value; }
};

struct ResourceLink {
  std::string path;    // e.g. "subject"
  std::string target;  // e.g. "Patient/123"
  bool operator==(const ResourceLink& o) const { return path == o.path && target == o.target; }
};

// The current version of a resource as read before an update, with the index rows its body gave.
struct PreviousVersion {
  int version = 0;
  std::string body;
  std::vector<ResourceIdentifier> identifiers;
  std::vector<ResourceLink> links;
  std::string incomingSha256;  // see CurrentResource
};

// Which version of a resource is current, read without its body.
struct CurrentResource {
  std::string id;
  int version = 0;
  // SHA-256 of the form in which its owner last sent it (BundleWriter); "" when the gateway wrote the
  // current version itself, or when it is unknown.
  std::string incomingSha256;
};

// The owner of what the gateway makes itself (claims, invoices, group practitioners, memberships).
inline const char* const kGroupOwner = "group";

// Every resource has an owner: the partner whose message created it, or the group. Identifiers are
// indexed per owner, so that the same identifier at two owners names two records, never one.
class ResourceRepository {
 public:
  explicit ResourceRepository(Database& db) : db_(db) {}

  // Saves a resource (resourceType and id set) as a new version, with its identifiers and the
  // references it makes indexed for searches; returns the version.
  int save(Poco::Data::Session& s, const Poco::JSON::Object::Ptr& resource, std::int64_t sourceMessage,
           const std::string& owner = kGroupOwner);

  // The identifiers (system|value) of a FHIR resource, and every "Type/id" it references by top-level element.
  static std::vector<ResourceIdentifier> identifiersOf(const Poco::JSON::Object::Ptr& resource);
  static std::vector<ResourceLink> linksOf(const Poco::JSON::Object::Ptr& resource);

  // Saves `resource` (resourceType and id set) over `stored`, the current version read in this
  // transaction (none: a new resource). A body equal to the stored one writes nothing and keeps its
  // version (a no-op update, as hospitals resend unchanged records with every message); identifier
  // and reference rows are written only when they changed. `incomingSha256` is recorded as the
  // current version's (CurrentResource). Returns the current version.
  int saveOver(Poco::Data::Session& s, const Poco::JSON::Object::Ptr& resource, const PreviousVersion* stored,
               std::int64_t sourceMessage, const std::string& owner, const std::string& incomingSha256 = "");
  // `stored` with the index rows of `parsedBody` (its body parsed, before any change to it).
  static PreviousVersion previousVersion(const StoredResource& stored, const Poco::JSON::Object::Ptr& parsedBody);

  // Writes a new version (1 for a new resource) and makes it current; returns the version.
  // A new resource gets `owner`; an existing one keeps the owner it has.
  int put(Poco::Data::Session& s, const std::string& type, const std::string& id, const std::string& body,
          std::int64_t sourceMessage, const std::string& owner = kGroupOwner);
  std::optional<StoredResource> current(Poco::Data::Session& s, const std::string& type, const std::string& id);
  // Newest version first.
  std::vector<StoredResource> history(Poco::Data::Session& s, const std::string& type, const std::string& id);

  // Replaces the identifiers of a resource of `owner`. An identifier already held by another resource
  // of the same type and owner is moved (the caller decides about merges before calling).
  void setIdentifiers(Poco::Data::Session& s, const std::string& type, const std::string& id,
                      const std::vector<ResourceIdentifier>& identifiers, const std::string& owner = kGroupOwner);
  // The current version of `owner`'s resource of `type` that holds the identifier, in one query.
  std::optional<StoredResource> currentByIdentifier(Poco::Data::Session& s, const std::string& type,
                                                    const std::string& owner, const std::string& system,
                                                    const std::string& value);
  // The same without the body (an index look-up only), and the same for a resource named by id.
  std::optional<CurrentResource> currentKeyByIdentifier(Poco::Data::Session& s, const std::string& type,
                                                        const std::string& owner, const std::string& system,
                                                        const std::string& value);
  std::optional<CurrentResource> currentKey(Poco::Data::Session& s, const std::string& type, const std::string& id);
  // Every resource of `type` (any owner) that holds the identifier; the first of them.
  std::vector<std::string> findAllByIdentifier(Poco::Data::Session& s, const std::string& type,
                                               const std::string& system, const std::string& value);
  std::optional<std::string> findByIdentifier(Poco::Data::Session& s, const std::string& type,
                                              const std::string& system, const std::string& value);
  // The partner id (or "group") that owns a current resource.
  std::optional<std::string> ownerOf(Poco::Data::Session& s, const std::string& type, const std::string& id);

  void setReferences(Poco::Data::Session& s, const std::string& type, const std::string& id,
                     const std::vector<ResourceLink>& links);
  // Ids of current resources of `type` whose `path` references `target`.
  std::vector<std::string> findReferencing(Poco::Data::Session& s, const std::string& type, const std::string& path,
                                           const std::string& target);

 private:
  int putAfter(Poco::Data::Session& s, const std::string& type, const std::string& id, const std::string& body,
               int previousVersion, std::int64_t sourceMessage, const std::string& owner,
               const std::string& incomingSha256 = "");
  // Multi-row inserts (one statement per chunk of rows) of a resource's index rows.
  void insertIdentifiers(Poco::Data::Session& s, const std::string& type, const std::string& id,
                         const std::vector<ResourceIdentifier>& identifiers, const std::string& owner);
  void insertReferences(Poco::Data::Session& s, const std::string& type, const std::string& id,
                        const std::vector<ResourceLink>& links);

  Database& db_;
};

}  // namespace gw
