// Writes a decoded FHIR Bundle into the store: resources upserted by business identifier,
// patients linked across hospitals, hospital doctor ids mapped to group practitioners.
#pragma once

#include <Poco/Data/Session.h>

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/GatewayConfig.hpp"
#include "intake/IdentifierOwnership.hpp"
#include "store/Database.hpp"
#include "store/ResourceRepository.hpp"

namespace gw {

// The Bundle an adapter produced cannot be stored (it names what is wrong).
class BundleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The Bundle has more resources than one message may store (server.max_resources_per_message).
class BundleTooLarge : public BundleError {
 public:
  using BundleError::BundleError;
};

// The Bundle would create or change a record that belongs to another partner (or to the group).
class OwnershipError : public BundleError {
 public:
  using BundleError::BundleError;
};

struct WrittenResource {
  std::string type;
  std::string id;
  int version = 0;
};

struct BundleWriteResult {
  std::vector<WrittenResource> resources;
  std::vector<std::string> unmappedPractitioners;  // "<hospital>:<local id>"
};

// A Bundle read and checked outside the store's transaction: its entries with the group's mapping of
// hospital doctors already applied. What depends on the store happens in BundleWriter::write.
struct PreparedBundle {
  std::string owner;  // the sending partner: it owns what the Bundle creates
  struct Entry {
    std::string type;
    std::string bundleId;  // the resource's id inside the Bundle, if any
    std::string fullUrl;
    std::optional<std::string> groupId;  // a mapped group practitioner
    Poco::JSON::Object::Ptr resource;
  };
  std::vector<Entry> entries;
  std::vector<std::string> unmappedPractitioners;
};

class BundleWriter {
 public:
  explicit BundleWriter(Database& db) : db_(db), resources_(db) {}

  // Parses and checks an adapter's Bundle; no store access, so it runs before the shared transaction.
  // Throws BundleError for a Bundle that is not one, OwnershipError for an identifier another
  // partner owns, BundleTooLarge past `maxResources` entries (one message must not hold the single
  // store writer, and every other partner's commits, for long).
  static PreparedBundle prepare(const std::string& bundleJson, const std::string& hospital,
                                const std::vector<PractitionerConfig>& practitioners,
                                const IdentifierOwnership& ownership, std::size_t maxResources = 10000);

  // Writes every entry in the caller's transaction, as records of `bundle.owner`: an entry updates
  // the owner's own record with the same identifier, never another owner's; a Patient with a
  // linking identifier (national ID, passport) is linked to the other owners' records of the same
  // person (Patient.link, and one urn:gw:group:patient id). Throws OwnershipError for a reference
  // to another owner's record; lets store errors through (the caller rolls back).

  BundleWriteResult write(Poco::Data::Session& session, PreparedBundle bundle, std::int64_t sourceMessage);

  // prepare (with no OIDs owned by anyone), then write.
  BundleWriteResult write(Poco::Data::Session& session, const std::string& bundleJson, const std::string& hospital,
                          const std::vector<PractitionerConfig>& practitioners, std::int64_t sourceMessage);

 private:
  // Links a Patient to the other owners' Patients with the same linking identifier, and gives it the
  // group patient id they share (its own id when it is the first).
  void linkSamePerson(Poco::Data::Session& s, Poco::JSON::Object::Ptr patient, const std::string& id,
                      const std::string& owner);
  // Refuses a reference to a stored resource of another partner (the Bundle's own resources aside).
  void requireOwnReferences(Poco::Data::Session& s, const Poco::JSON::Object::Ptr& resource,
                            const std::set<std::string>& written, const std::string& owner);

  Database& db_;
  ResourceRepository resources_;
};

}  // namespace gw
