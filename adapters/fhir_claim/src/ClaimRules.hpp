// The R4 elements a Claim must carry before an insurer sees it (Claim 1..1 and 1..* cardinalities).
#pragma once

#include "FhirJson.hpp"
#include "Problems.hpp"

#include <string>

namespace gw::fhirclaim {

// Records a problem for every missing or malformed required element of `claim`: status, type, use,
// patient, created, provider, priority; insurance with at least one entry, each with sequence, focal and
// coverage; and each item's sequence and productOrService. status and use must be R4 codes.
void checkClaimElements(const JsonObject& claim, const std::string& label, const std::string& location,
                        Problems& problems);

}  // namespace gw::fhirclaim
