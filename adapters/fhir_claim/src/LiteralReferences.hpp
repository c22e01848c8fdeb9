// The literal references (Reference.reference strings) a resource carries, with where each sits, so the
// encoder can check that a Claim's references resolve and gather what they point to.
#pragma once

#include "FhirJson.hpp"

#include <string>
#include <vector>

namespace gw::fhirclaim {

struct LiteralReference {
  std::string path;       // from the resource root, e.g. "careTeam[0].provider"
  std::string reference;  // as written, e.g. "Practitioner/example", "#referral", "urn:uuid:…"
};

// Every literal reference in `resource`, in document order, contained resources included (their paths
// start with "contained["). Logical references (identifier only) carry no literal and are not listed.
std::vector<LiteralReference> literalReferences(const JsonObject& resource);

// The path with its indices removed ("insurance[0].coverage" → "insurance.coverage"), for rules that
// apply to every repetition of an element.
std::string elementOf(const std::string& path);

}  // namespace gw::fhirclaim
