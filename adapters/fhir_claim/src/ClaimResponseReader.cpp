// Accepts the two shapes insurers send (a bare ClaimResponse, or a Bundle of any type) and hands the
// claims engine one shape: a collection Bundle whose entries are ClaimResponses.
#include "ClaimResponseReader.hpp"

#include "CollectionBundle.hpp"
#include "FhirJson.hpp"
#include "Problems.hpp"
#include "RequiredElements.hpp"

#include <vector>

namespace gw::fhirclaim {

namespace {

std::string idOrIdentifier(const JsonObject& resource) {
  std::string id = stringAt(resource, "id");
  if (!id.empty()) return id;
  // Bundle.identifier is one Identifier; ClaimResponse.identifier is a list.
  JsonObject identifier = objectAt(resource, "identifier");
  if (!identifier) {
    JsonArray identifiers = arrayAt(resource, "identifier");
    if (identifiers && identifiers->size() > 0) identifier = identifiers->getObject(0);
  }
  return stringAt(identifier, "value");
}

// Parses and sorts the input into its root and shape, refusing what this adapter does not read.
JsonObject insurerRoot(std::string_view input, InsurerMessage& message) {
  JsonObject root = parseObject(std::string(input));
  std::string type = stringAt(root, "resourceType");
  if (type.empty()) {
    throw gw::sdk::Error(GW_ERR_INVALID, "input is not a FHIR resource (no resourceType)", "resourceType");
  }
  if (type == "ClaimResponse") {
    message.event = "ClaimResponse";
  } else if (type == "Bundle") {
    message.event = "Bundle/ClaimResponse";
  } else {
    throw gw::sdk::Error(GW_ERR_UNSUPPORTED,
                         "resourceType '" + type +
                             "' is not handled: send a ClaimResponse or a Bundle of ClaimResponses",
                         "resourceType");
  }
  message.messageId = idOrIdentifier(root);
  return root;
}

void checkClaimResponse(const JsonObject& response, const std::string& label, const std::string& location,
                        Problems& problems) {
  RequiredElements required(label, location, problems);
  required.claimCore(response);
  required.object(response, "insurer");
  required.code(response, "outcome", {"queued", "complete", "error", "partial"});
  if (required.object(response, "request")) {
    JsonObject request = objectAt(response, "request");
    if (stringAt(request, "reference").empty() && !objectAt(request, "identifier")) {
      required.fault("request", "element request has neither reference nor identifier");
    }
  }
}

struct Found {
  std::string fullUrl;
  JsonObject resource;
};

}  // namespace

InsurerMessage identifyInsurerMessage(std::string_view input) {
  InsurerMessage message;
  insurerRoot(input, message);
  return message;
}

DecodedResponses decodeInsurerMessage(std::string_view input) {
  DecodedResponses decoded;
  JsonObject root = insurerRoot(input, decoded.message);

  Problems problems;
  std::vector<Found> responses;
  if (decoded.message.event == "ClaimResponse") {
    checkClaimResponse(root, resourceLabel(root), "ClaimResponse", problems);
    responses.push_back({"", root});
  } else {
    JsonArray entries = arrayAt(root, "entry");
    for (std::size_t i = 0; entries && i < entries->size(); ++i) {
      JsonObject entry = entries->getObject(i);
      JsonObject resource = objectAt(entry, "resource");
      // batch-response and transaction-response entries may carry only a response: nothing to read.
      if (!resource || stringAt(resource, "resourceType") != "ClaimResponse") continue;
      std::string where = "Bundle.entry[" + std::to_string(i) + "]";
      checkClaimResponse(resource, where + " (" + resourceLabel(resource) + ")", where + ".resource", problems);
      responses.push_back({stringAt(entry, "fullUrl"), resource});
    }
    if (responses.empty()) problems.push_back({"Bundle.entry", "the bundle has no ClaimResponse"});
  }
  throwIfAny(problems);

  CollectionBundle out;
  for (const auto& found : responses) out.add(found.fullUrl, found.resource);
  decoded.json = out.render();
  return decoded;
}

}  // namespace gw::fhirclaim
