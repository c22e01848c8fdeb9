// Claim.total against the sum of item[].net: an insurer pays lines, so a total that disagrees with its
// lines is a claim the insurer will deny.
#pragma once

#include "FhirJson.hpp"
#include "Problems.hpp"

#include <string>

namespace gw::fhirclaim {

// When `claim` has a total, records a problem if any item net is in another currency than the total or if
// the sum of item[].net differs from total.value, naming both figures. Items without net count as zero.
// Figures are compared exactly to 1/10000 of the currency unit, which covers every ISO 4217 currency.
void checkClaimTotal(const JsonObject& claim, const std::string& label, const std::string& location,
                     Problems& problems);

}  // namespace gw::fhirclaim
