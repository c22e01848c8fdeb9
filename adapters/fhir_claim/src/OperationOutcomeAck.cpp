// Builds the OperationOutcome an insurer reads as "received" or "refused, and why".
#include "OperationOutcomeAck.hpp"

#include "FhirJson.hpp"

namespace gw::fhirclaim {

std::string operationOutcome(gw_ack_outcome outcome, std::string_view location, std::string_view text) {
  JsonObject issue = newObject();
  switch (outcome) {
    case GW_ACK_ACCEPT:
      issue->set("severity", "information");
      issue->set("code", "informational");
      break;
    case GW_ACK_ERROR:
      issue->set("severity", "error");
      issue->set("code", "invalid");
      break;
    default:
      issue->set("severity", "error");
      issue->set("code", "processing");
      break;
  }
  if (!text.empty()) issue->set("diagnostics", std::string(text));
  if (!location.empty()) {
    Poco::JSON::Array::Ptr expression = new Poco::JSON::Array();
    expression->add(std::string(location));
    issue->set("expression", expression);
  }
  Poco::JSON::Array::Ptr issues = new Poco::JSON::Array();
  issues->add(issue);

  JsonObject out = newObject();
  out->set("resourceType", "OperationOutcome");
  out->set("id", freshId());
  out->set("issue", issues);
  return render(out);
}

}  // namespace gw::fhirclaim
