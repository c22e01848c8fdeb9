// Wires the 837 writer, the 835/999 readers and the 999/TA1 replies to the plugin SDK.
#include "X12Adapter.hpp"

#include "Ack999Reader.hpp"
#include "Acknowledgement.hpp"
#include "Claim837Writer.hpp"
#include "Preauth278Writer.hpp"
#include "Remittance835Reader.hpp"
#include "Review278Reader.hpp"
#include "ResponseBundle.hpp"

#include <gw/kit/PartnerOptions.hpp>

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>

#include <set>

namespace gw::x12 {

namespace {

constexpr const char* kX12 = "application/edi-x12";

// JSON or XML bodies are some other adapter's business; say so instead of "no ISA".
void refuseOtherFormats(std::string_view contentType) {
  if (contentType.find("json") != std::string_view::npos || contentType.find("xml") != std::string_view::npos)
    throw gw::sdk::Error(GW_ERR_UNSUPPORTED,
                         "content type " + std::string(contentType) + " is not supported: x12 reads application/edi-x12");
}

// An 837's kind by the guide its GS08 names: institutional (5010 X223, 4010 X096), dental (X224, X097),
// else professional.
std::string claimKind(const std::string& version) {
  if (version.rfind("005010X223", 0) == 0 || version.rfind("004010X096", 0) == 0) return "837I";
  if (version.rfind("005010X224", 0) == 0 || version.rfind("004010X097", 0) == 0) return "837D";
  return "837P";
}

// "835", "278", "999", "997", or "837P"/"837I"/"837D" for each set, in order, once each; "TA1" first when the
// interchange carries interchange acknowledgements.
std::string eventOf(const Interchange& interchange) {
  std::string event = interchange.interchangeAcknowledgements.empty() ? "" : "TA1";
  std::set<std::string> seen;
  for (const auto& group : interchange.groups)
    for (const auto& set : group.sets) {
      std::string code = set.code == "837" ? claimKind(group.version) : set.code;
      if (seen.insert(code).second) event += (event.empty() ? "" : "+") + code;
    }
  return event;
}

}  // namespace

std::string utcStamp() { return Poco::DateTimeFormatter::format(Poco::DateTime(), "%Y%m%d%H%M"); }

gw::sdk::AdapterInfo X12Adapter::info() {
  return {"x12", "1.0.0", GW_KIND_INSURER, {"x12-5010"}, {kX12, "text/plain"}, x12ConfigFields()};
}

X12Adapter::X12Adapter(const gw::sdk::Partner& partner)
    : options_(readOptions(partner.optionsJson)),
      lenient_(kit::PartnerOptions::read(partner.id, *kit::parseOptions(partner.optionsJson)).lenient) {}

gw::sdk::Output X12Adapter::identify(std::string_view input, std::string_view contentType) {
  refuseOtherFormats(contentType);
  Interchange interchange = readInterchange(input);
  return {{}, {}, interchange.control, eventOf(interchange)};
}

gw::sdk::Output X12Adapter::decode(std::string_view input, std::string_view contentType) {
  refuseOtherFormats(contentType);
  Interchange interchange = readInterchange(input);
  std::string event = eventOf(interchange);
  // What the interchange carries is judged before its envelope counts: an 837 with a wrong SE01 is
  // refused for being an 837, which the partner can act on, not for the count. Without any set read,
  // the envelope problems are all there is to say.
  const bool decoded = event == "835" || event == "999" || event == "997" || event == "278";
  if (!decoded && !(event.empty() && !interchange.problems.empty()))
    throw gw::sdk::Error(GW_ERR_UNSUPPORTED,
                         "x12 decodes 835 remittances, 278 review responses and 999 acknowledgements from insurers, not " +
                                                 (event.empty() ? std::string("an interchange without transaction sets") : event));
  refuseEnvelopeProblems(interchange);
  kit::Issues issues(lenient_);
  std::vector<JsonObject> responses = event == "835"   ? remittanceResponses(interchange, options_.currency, issues)
                                      : event == "278" ? reviewResponses(interchange, options_)
                                                       : acknowledgementResponses(interchange);
  gw::sdk::Output output{responseBundle(interchange, responses), "application/fhir+json", interchange.control, event};
  output.issues = issues.operationOutcome();
  return output;
}

gw::sdk::Output X12Adapter::encode(std::string_view canonicalJson) {
  ClaimPage page(canonicalJson);
  RenderedPage rendered = page.preauthorization() ? render278(page, options_, utcStamp()) : render837(page, options_, utcStamp());
  return {rendered.text, kX12, rendered.interchangeControl, rendered.event};
}

gw::sdk::Output X12Adapter::acknowledge(std::string_view request, std::string_view, gw_ack_outcome outcome,
                                        std::string_view errorLocation, std::string_view text) {
  Acknowledgement ack = acknowledgementOf(request, outcome, errorLocation, text, options_, utcStamp());
  return {ack.bytes, ack.contentType, {}, ack.event};
}

}  // namespace gw::x12
