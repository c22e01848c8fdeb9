// The resources the claims code reads and writes in the caller's transaction: loaded and parsed by type and id
// or reference, found by identifier or by what references them, saved as the group's.
#pragma once

#include <gw/kit/Profile.hpp>

#include <Poco/Data/Session.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

#include "common/Json.hpp"
#include "store/Database.hpp"
#include "store/ResourceRepository.hpp"

namespace gw {

class ClaimStore {
 public:
  ClaimStore(Database& db, Poco::Data::Session& s) : repo_(db), s_(s) {}
  Poco::JSON::Object::Ptr load(const std::string& type, const std::string& id) {
    auto stored = repo_.current(s_, type, id);
    return stored ? parseJsonObject(stored->body, type + "/" + id) : nullptr;
  }
  Poco::JSON::Object::Ptr load(const std::string& reference) {
    auto slash = reference.find('/');
    if (slash == std::string::npos) return nullptr;
    return load(reference.substr(0, slash), reference.substr(slash + 1));
  }
  std::vector<std::string> referencing(const std::string& type, const std::string& path, const std::string& target) {
    return repo_.findReferencing(s_, type, path, target);
  }
  std::optional<std::string> byIdentifier(const std::string& type, const std::string& system, const std::string& value) {
    return repo_.findByIdentifier(s_, type, system, value);
  }
  // "Patient/…" of every hospital's record of the person `patient` is (the same group patient id).
  std::vector<std::string> samePerson(const std::string& patientRef, const Poco::JSON::Object::Ptr& patient) {
    std::vector<std::string> refs{patientRef};
    for (const auto& identifier : ResourceRepository::identifiersOf(patient))
      if (identifier.system == kit::profile::kGroupPatientSystem)
        for (const auto& id : repo_.findAllByIdentifier(s_, "Patient", identifier.system, identifier.value))
          if ("Patient/" + id != patientRef) refs.push_back("Patient/" + id);
    return refs;
  }
  void save(const Poco::JSON::Object::Ptr& resource) { repo_.save(s_, resource, 0); }

 private:
  ResourceRepository repo_;
  Poco::Data::Session& s_;
};

}  // namespace gw
