// An 835 (health care claim payment/advice) as FHIR ClaimResponses, one per CLP: what was billed and
// paid, why the rest was adjusted (CAS), line by line (SVC), and the payment (BPR/TRN).
#pragma once

#include "X12Interchange.hpp"
#include "X12Json.hpp"

#include <string>
#include <vector>

namespace gw::x12 {

// The ClaimResponses of every 835 transaction set in `interchange` (envelopes already checked).
// A CLP, SVC or CAS whose amounts are not numbers is GW_ERR_INVALID naming the segment.
std::vector<JsonObject> remittanceResponses(const Interchange& interchange, const std::string& currency);

}  // namespace gw::x12
