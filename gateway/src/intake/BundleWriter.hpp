// Writes a decoded FHIR Bundle into the store: resources upserted by business identifier,
// patients linked across hospitals, hospital doctor ids mapped to group practitioners.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
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

class BundleWriter {
 public:
  explicit BundleWriter(Database& db) : db_(db), resources_(db) {}

  // Writes every entry of `bundleJson` in the caller's transaction. Throws BundleError for a
  // Bundle that is not one, and lets store errors through (the caller rolls back).
  BundleWriteResult write(Poco::Data::Session& session, const std::string& bundleJson, const std::string& hospital,
                          const std::vector<PractitionerConfig>& practitioners, std::int64_t sourceMessage);

 private:
  Database& db_;
  ResourceRepository resources_;
};

}  // namespace gw
