// decode and identify: an insurer's answer (one ClaimResponse, or a Bundle holding ClaimResponses) →
// a collection Bundle of checked ClaimResponses, amounts untouched.
#pragma once

#include <string>
#include <string_view>

namespace gw::fhirclaim {

struct InsurerMessage {
  std::string messageId;  // Bundle.id or ClaimResponse.id, else its identifier value
  std::string event;      // "ClaimResponse" or "Bundle/ClaimResponse"
};

struct DecodedResponses {
  InsurerMessage message;
  std::string json;  // a Bundle of type collection, application/fhir+json
};

// Reads only what routing needs. Throws gw::sdk::Error: GW_ERR_INVALID when the input is not JSON or has
// no resourceType, GW_ERR_UNSUPPORTED when it is a resource other than ClaimResponse or Bundle.
InsurerMessage identifyInsurerMessage(std::string_view input);

// Checks every ClaimResponse (status, type, use, patient, created, insurer, outcome, request) and
// collects them into a fresh collection Bundle; other resources in an input Bundle are skipped.
// Throws gw::sdk::Error(GW_ERR_INVALID) naming the element and the entry index of each fault, or when
// a Bundle holds no ClaimResponse.
DecodedResponses decodeInsurerMessage(std::string_view input);

}  // namespace gw::fhirclaim
