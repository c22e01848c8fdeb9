// XmlMapAdapter.cpp: the adapter's entry points (see XmlMapAdapter.hpp).
#include "XmlMapAdapter.hpp"

#include "AckTemplate.hpp"
#include "MappingLoader.hpp"
#include "TextRules.hpp"
#include "XPathEvaluator.hpp"

#include <gw/kit/HardenedXml.hpp>
#include <gw/kit/Issues.hpp>
#include <gw/kit/JsonReader.hpp>
#include <gw/kit/PartnerOptions.hpp>

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Object.h>
#include <Poco/Timestamp.h>

#include <sstream>


namespace gw::xmlmap {

namespace {

using gw::sdk::Error;

MappingSpec loadFor(const gw::sdk::Partner& partner) {
  if (!isPartnerId(partner.id))
    throw Error(GW_ERR_CONFIG, "partner id '" + partner.id + "' cannot be used in an identifier system URN");
  try {
    return loadMapping(mappingPathFromOptions(partner.optionsJson), partner.id);
  } catch (const MappingError& e) {
    throw Error(GW_ERR_CONFIG, e.what());
  }
}

const char* outcomeCode(gw_ack_outcome outcome) {
  switch (outcome) {
    case GW_ACK_ACCEPT: return "AA";
    case GW_ACK_ERROR: return "AE";
    case GW_ACK_REJECT: return "AR";
  }
  return "AR";
}

}  // namespace

gw::sdk::AdapterInfo XmlMapAdapter::info() {
  return {"xmlmap",
          "1.0.0",
          GW_KIND_HOSPITAL,
          {"xml"},
          {"application/xml", "text/xml"},
          {{"mapping", GW_FIELD_STRING, 1, nullptr,
            "the YAML mapping file (adapters/xmlmap/README.md); relative paths are resolved against base_dir"},
           {"base_dir", GW_FIELD_STRING, 0, nullptr,
            "folder for a relative mapping path (normally the gateway configuration's folder); "
            "unset: the process's working directory"}},
          GW_ADAPTER_HARDENED_XML};  // XML is read through gw::kit::HardenedXml only
}

namespace {

// The ABI 1.1 reply of identify and decode: what the ACK template needs of the message, so that
// acknowledging does not parse it again. This adapter's own text: {"messageId": "..."}.
std::string replyFor(const std::string& messageId) {
  Poco::JSON::Object reply;
  reply.set("messageId", messageId);
  std::ostringstream out;
  reply.stringify(out);
  return out.str();
}

std::string messageIdFromReply(std::string_view reply) {
  if (reply.empty()) return "";
  try {
    return kit::stringAt(kit::parseObject(std::string(reply)), "messageId");
  } catch (const std::exception&) {
    return "";
  }
}

}  // namespace

XmlMapAdapter::XmlMapAdapter(const gw::sdk::Partner& partner)
    : partnerId_(partner.id),
      lenient_(kit::PartnerOptions::read(partner.id, *kit::parseOptions(partner.optionsJson)).lenient),
      spec_(loadFor(partner)),
      mapper_(spec_, partnerId_) {}

kit::XmlDocument XmlMapAdapter::read(std::string_view input) const {
  kit::XmlParseResult parsed = kit::HardenedXml::parse(input);
  if (!parsed) {
    const kit::XmlRejection& r = parsed.rejection();
    std::string where = r.line > 0 ? "line " + std::to_string(r.line) + ", column " + std::to_string(r.column) : "";
    throw Error(GW_ERR_INVALID, r.reason, where);
  }
  kit::XmlDocument document = std::move(parsed.document());
  mapper_.checkRoot(document.root());
  return document;
}

gw::sdk::Output XmlMapAdapter::translate(std::string_view input, bool withBundle) const {
  kit::XmlDocument document = read(input);
  XPathEvaluator xpath(document.get(), spec_.namespaces);
  Envelope envelope = mapper_.envelope(xpath, document.root());
  gw::sdk::Output out;
  out.messageId = envelope.messageId;
  out.event = envelope.event;
  out.reply = replyFor(envelope.messageId);
  if (withBundle) {
    kit::Issues issues(lenient_);
    out.bytes = mapper_.bundle(xpath, document.root(), envelope, issues);
    out.contentType = "application/fhir+json";
    out.issues = issues.operationOutcome();
  }
  return out;
}

gw::sdk::Output XmlMapAdapter::identify(std::string_view input, std::string_view) { return translate(input, false); }

gw::sdk::Output XmlMapAdapter::decode(std::string_view input, std::string_view) { return translate(input, true); }

gw::sdk::Output XmlMapAdapter::acknowledge(std::string_view request, std::string_view contentType,
                                           gw_ack_outcome outcome, std::string_view errorLocation,
                                           std::string_view text) {
  return acknowledgeReply({request, contentType, "", outcome, errorLocation, text, ""});
}

gw::sdk::Output XmlMapAdapter::acknowledgeReply(const gw::sdk::AckRequest& ack) {
  const std::string_view request = ack.request;
  AckValues values;
  values.outcome = outcomeCode(ack.outcome);
  values.text = std::string(ack.text);
  values.errorLocation = std::string(ack.errorLocation);
  for (const kit::Issue& issue : kit::readIssues(ack.issues))
    values.warnings += (values.warnings.empty() ? "" : "; ") + issue.expression + ": " + issue.text;
  try {
    values.messageId = messageIdFromReply(ack.reply);
    if (values.messageId.empty()) {  // no reply kept (an acknowledgement asked for without decode): read
      kit::XmlDocument document = read(request);
      XPathEvaluator xpath(document.get(), spec_.namespaces);
      values.messageId = mapper_.envelope(xpath, document.root()).messageId;
    }
  } catch (const std::exception& e) {
    // Too broken to read: still answer, as an AR naming why.
    values.outcome = "AR";
    values.text = values.text.empty() ? e.what() : values.text + "; " + e.what();
  }
  values.timestamp = Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%SZ");
  gw::sdk::Output out;
  out.bytes = renderAck(spec_.ack.templateText, spec_.ack.contentType, values);
  out.contentType = spec_.ack.contentType;
  out.messageId = values.messageId;
  out.event = "ACK";
  return out;
}

}  // namespace gw::xmlmap
