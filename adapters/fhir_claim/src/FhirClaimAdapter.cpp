// Wires the encode, decode and acknowledge pieces to the plugin SDK and reads the partner options.
#include "FhirClaimAdapter.hpp"

#include "ClaimResponseReader.hpp"
#include "FhirJson.hpp"
#include "OperationOutcomeAck.hpp"

namespace gw::fhirclaim {

namespace {

constexpr const char* kFhirJson = "application/fhir+json";

// FHIR XML is a different wire format; say so rather than report it as malformed JSON.
void refuseXml(std::string_view contentType) {
  if (contentType.find("xml") != std::string_view::npos) {
    throw gw::sdk::Error(GW_ERR_UNSUPPORTED, "content type " + std::string(contentType) +
                                                 " is not supported: fhir_claim reads application/fhir+json");
  }
}

JsonObject optionsObject(const std::string& json) {
  try {
    return parseObject(json.empty() ? "{}" : json);
  } catch (const gw::sdk::Error& e) {
    throw gw::sdk::Error(GW_ERR_CONFIG, std::string("options: ") + e.what());
  }
}

}  // namespace

gw::sdk::AdapterInfo FhirClaimAdapter::info() {
  return {"fhir_claim",
          "1.0.0",
          GW_KIND_INSURER,
          {"fhir-r4-json"},
          {kFhirJson, "application/json"},
          {{"include_resources", GW_FIELD_BOOL, 0, "true",
            "render the resources the Claims reference after the Claims (false: the Claims only)"},
           {"profile", GW_FIELD_STRING, 0, nullptr,
            "a profile canonical URL added to each Claim.meta.profile on the page"}}};
}

FhirClaimAdapter::FhirClaimAdapter(const gw::sdk::Partner& partner) {
  JsonObject options = optionsObject(partner.optionsJson);
  if (options->has("include_resources") && !options->isNull("include_resources")) {
    // A boolean, or its text form: config_field defaults travel as text ("true"), and a host may pass
    // them on unconverted.
    const auto& value = options->get("include_resources");
    std::string text = value.isString() ? value.toString() : std::string();
    if (value.isBoolean()) options_.includeResources = value.convert<bool>();
    else if (text == "true" || text == "false") options_.includeResources = text == "true";
    else throw gw::sdk::Error(GW_ERR_CONFIG, "option include_resources must be a boolean (true or false)");
  }
  if (options->has("profile") && !options->isNull("profile")) {
    const auto& value = options->get("profile");
    if (!value.isString()) throw gw::sdk::Error(GW_ERR_CONFIG, "option profile must be a string");
    options_.profile = value.toString();
  }
}

gw::sdk::Output FhirClaimAdapter::identify(std::string_view input, std::string_view contentType) {
  refuseXml(contentType);
  InsurerMessage message = identifyInsurerMessage(input);
  return {{}, {}, message.messageId, message.event};
}

gw::sdk::Output FhirClaimAdapter::decode(std::string_view input, std::string_view contentType) {
  refuseXml(contentType);
  DecodedResponses decoded = decodeInsurerMessage(input);
  return {decoded.json, kFhirJson, decoded.message.messageId, decoded.message.event};
}

gw::sdk::Output FhirClaimAdapter::encode(std::string_view canonicalJson) {
  RenderedPage page = renderClaimPage(canonicalJson, options_);
  return {page.json, kFhirJson, page.id, "Bundle/Claim"};
}

gw::sdk::Output FhirClaimAdapter::acknowledge(std::string_view, std::string_view, gw_ack_outcome outcome,
                                              std::string_view errorLocation, std::string_view text) {
  // The request is not read: an error acknowledgement must be writable for bytes that do not parse.
  return {operationOutcome(outcome, errorLocation, text), kFhirJson, {}, "OperationOutcome"};
}

}  // namespace gw::fhirclaim
