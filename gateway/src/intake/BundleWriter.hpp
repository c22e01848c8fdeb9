// Writes a decoded FHIR Bundle into the store: resources upserted by business identifier,
// patients linked across hospitals, hospital doctor ids mapped to group practitioners.
#pragma once

#include <Poco/Data/Session.h>

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/GatewayConfig.hpp"
#include "store/Database.hpp"
#include "store/ResourceRepository.hpp"

namespace gw {

// The Bundle an adapter produced cannot be stored (it names what is wrong).
class BundleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
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

// The identifier systems the group uses (docs/fhir-profile.md).
inline const char* const kGroupPatientSystem = "urn:gw:group:patient";
inline const char* const kGroupPractitionerSystem = "urn:gw:group:practitioner";
inline const char* const kGatewayTagSystem = "urn:gw:tag";

// A Bundle read and checked outside the store's transaction: its entries with the group's mapping of
// hospital doctors already applied. What depends on the store happens in BundleWriter::write.
struct PreparedBundle {
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
  // Throws BundleError for a Bundle that is not one.
  static PreparedBundle prepare(const std::string& bundleJson, const std::string& hospital,
                                const std::vector<PractitionerConfig>& practitioners);

  // Writes every entry in the caller's transaction; lets store errors through (the caller rolls back).
  BundleWriteResult write(Poco::Data::Session& session, PreparedBundle bundle, std::int64_t sourceMessage);

  // prepare, then write.
  BundleWriteResult write(Poco::Data::Session& session, const std::string& bundleJson, const std::string& hospital,
                          const std::vector<PractitionerConfig>& practitioners, std::int64_t sourceMessage);

 private:
  Database& db_;
  ResourceRepository resources_;
};

}  // namespace gw
