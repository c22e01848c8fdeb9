// An 835 (health care claim payment/advice) as FHIR ClaimResponses, one per CLP: what was billed and
// paid, why the rest was adjusted (CAS), line by line (SVC), and the payment (BPR/TRN).
#pragma once

#include "X12Interchange.hpp"
#include "X12Json.hpp"

#include <gw/kit/Issues.hpp>

#include <string>
#include <vector>

namespace gw::x12 {

// The ClaimResponses of every 835 transaction set in `interchange` (envelopes already checked), one per
// CLP. A paid or adjusted amount that is missing or not a number, a CLP without claim id or status, or a
// line or adjustment outside a claim is GW_ERR_INVALID naming the segment; a charge that is missing or not
// a number (CLP03, SVC02) is a defect in `issues` (lenient: reported and left out).
std::vector<JsonObject> remittanceResponses(const Interchange& interchange, const std::string& currency,
                                            kit::Issues& issues);

}  // namespace gw::x12
