// A 278 Health Care Services Review response (005010X217, BHT02 11) as FHIR ClaimResponses with use
// "preauthorization", one per patient event (HL EV): the insurer's decision (HCR), the certification number
// and period, matched to our Claim by the trace number the response echoes (TRN).
#pragma once

#include "X12Interchange.hpp"
#include "X12Json.hpp"
#include "X12Options.hpp"

#include <string>
#include <vector>

namespace gw::x12 {

// The extension that says the decision in one word: approved | partially-approved | denied | pended.
constexpr const char* kPreauthDecisionExtension = "https://gw.example.org/fhir/StructureDefinition/preauth-decision";
// The extension carrying HCR03, the insurer's reason code for its decision.
constexpr const char* kPreauthReasonExtension = "https://gw.example.org/fhir/StructureDefinition/preauth-decision-reason";

// The ClaimResponses of every 278 transaction set in `interchange` (envelopes already checked). A 278
// request (BHT02 13) is GW_ERR_UNSUPPORTED; a patient event without HCR or without the trace number that
// names our Claim, an HCR01 the adapter does not know, or an approval without certification number is
// GW_ERR_INVALID naming the segment (and element).
std::vector<JsonObject> reviewResponses(const Interchange& interchange, const X12Options& options);

}  // namespace gw::x12
