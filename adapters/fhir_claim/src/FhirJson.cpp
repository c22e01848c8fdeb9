// The claim-only JSON pieces (see FhirJson.hpp).
#include "FhirJson.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>

namespace gw::fhirclaim {

std::string resourceLabel(const JsonObject& resource) {
  std::string type = stringAt(resource, "resourceType");
  std::string id = stringAt(resource, "id");
  return id.empty() ? type : type + "/" + id;
}

std::string freshId() { return Poco::UUIDGenerator::defaultGenerator().createRandom().toString(); }

std::string nowInstant() { return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%S.%iZ"); }

}  // namespace gw::fhirclaim
