// CdaAdapter.cpp: the adapter's entry points (see CdaAdapter.hpp).
#include "CdaAdapter.hpp"

#include <gw/kit/Profile.hpp>

#include "Acknowledgement.hpp"
#include "MappingContext.hpp"
#include "V3Time.hpp"

#include <gw/kit/HardenedXml.hpp>
#include <gw/kit/Issues.hpp>
#include <gw/kit/JsonReader.hpp>
#include <gw/kit/Text.hpp>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>

#include <cctype>

namespace gw::cda {

namespace {

using gw::sdk::Error;

void checkContentType(std::string_view contentType) {
  const std::string type = kit::mediaType(contentType);
  if (type.empty() || type == "application/xml" || type == "text/xml" || type == "application/hl7-v3+xml" ||
      type == "application/cda+xml")
    return;
  throw Error(GW_ERR_UNSUPPORTED, "content type '" + type + "' is not HL7 v3 / CDA XML");
}

// Parses through the one hardened path; a refusal is GW_ERR_INVALID with the parser's position and reason.
kit::XmlDocument parse(std::string_view input) {
  kit::XmlParseResult result = kit::HardenedXml::parse(input);
  if (!result.ok()) {
    const kit::XmlRejection& r = result.rejection();
    std::string where = r.line > 0 ? "line " + std::to_string(r.line) + (r.column > 0 ? ", column " + std::to_string(r.column) : "") : "";
    throw Error(GW_ERR_INVALID,
                std::string("not well-formed XML (") + kit::xmlRejectionKindName(r.kind) + "): " + r.reason, where);
  }
  return std::move(result.document());
}


// The ids an acknowledgement names (the message's own, its sender's and receiver's devices), kept by decode
// as the ABI 1.1 reply: {"ids": [targetRoot, targetExtension, senderRoot, senderId, receiverRoot, receiverId]}.
std::string replyOf(Node root) {
  std::vector<std::string> parts(6);
  std::vector<V3Id> own = ids(root);
  if (!own.empty()) parts[0] = own.front().root, parts[1] = own.front().extension;
  for (const V3Id& id : ids(path(root, {"sender", "device"}))) parts[2] = id.root, parts[3] = id.extension;
  for (const V3Id& id : ids(path(root, {"receiver", "device"}))) parts[4] = id.root, parts[5] = id.extension;
  Json list = Json::array();
  for (const auto& p : parts) list.push(Json::string(p));
  Json reply = Json::object();
  reply.set("ids", std::move(list));
  return reply.dump();
}

}  // namespace

gw::sdk::AdapterInfo CdaAdapter::info() {
  return {"cda",
          "1.0.0",
          GW_KIND_HOSPITAL,
          {"hl7v3-xml", "cda-r2"},
          {"application/xml", "text/xml", "application/hl7-v3+xml", "application/cda+xml"},
          {{"currency", GW_FIELD_STRING, 0, "CNY", "ISO 4217 currency of amounts that do not name their own (元 is CNY)"},
           {"timezone", GW_FIELD_STRING, 0, "+08:00", "UTC offset of times sent without one (FHIR needs an offset)"},
           {"oid_systems", GW_FIELD_MAP, 0, nullptr,
            "OIDs to identifier/code system URIs, over the adapter's table (default urn:oid:<oid>)"}},
          GW_ADAPTER_HARDENED_XML};  // XML is read through gw::kit::HardenedXml only
}

CdaAdapter::CdaAdapter(const gw::sdk::Partner& partner)
    : options_(PartnerOptions::fromJson(partner.id, partner.optionsJson)) {}

gw::sdk::Output CdaAdapter::identify(std::string_view input, std::string_view contentType) {
  checkContentType(contentType);
  kit::XmlDocument doc = parse(input);
  kit::Issues issues(options_.lenient);  // identify only names the message: its warnings come with decode
  MessageKind kind = MessageKind::of(doc.root(), issues);
  gw::sdk::Output out;
  out.messageId = kind.messageId;
  out.event = kind.event;
  out.reply = replyOf(doc.root());
  return out;
}

gw::sdk::Output CdaAdapter::decode(std::string_view input, std::string_view contentType) {
  checkContentType(contentType);
  kit::XmlDocument doc = parse(input);
  kit::Issues issues(options_.lenient);
  MessageKind kind = MessageKind::of(doc.root(), issues);
  MappingContext c(options_, kind, issues);
  if (kind.family == Family::WsT500Document || kind.family == Family::CcdaDocument) {
    mapDocumentHeader(c, input);
    mapClinicalEntries(c);
    mapFinancialEntries(c);
  } else {
    mapInteraction(c);
  }
  Json identifier = Json::object();
  identifier.set("system", kit::profile::partnerSystem(options_.partnerId, "message"));
  identifier.set("value", kind.messageId);
  Node time = child(kind.root, kind.family == Family::WsT500Document || kind.family == Family::CcdaDocument ? "effectiveTime" : "creationTime");
  std::string timestamp = c.instant(attr(time, "value"), localName(time));
  gw::sdk::Output out;
  out.messageId = kind.messageId;
  out.event = kind.event;
  out.bytes = c.bundle.build(identifier, timestamp).dump();
  out.contentType = "application/fhir+json";
  out.issues = issues.operationOutcome();
  out.reply = replyOf(kind.root);
  return out;
}

gw::sdk::Output CdaAdapter::acknowledge(std::string_view request, std::string_view contentType, gw_ack_outcome outcome,
                                        std::string_view errorLocation, std::string_view text) {
  return acknowledgeReply({request, contentType, "", outcome, errorLocation, text, ""});
}

gw::sdk::Output CdaAdapter::acknowledgeReply(const gw::sdk::AckRequest& request) {
  AckRequest ack;
  ack.outcome = request.outcome;
  ack.text = std::string(request.text);
  if (!request.errorLocation.empty())
    ack.text += (ack.text.empty() ? "" : " ") + std::string("(") + std::string(request.errorLocation) + ")";
  try {
    // What decode or identify kept of the request answers it without parsing it again.
    std::string reply(request.reply);
    if (reply.empty()) {
      kit::XmlDocument doc = parse(request.request);
      reply = replyOf(doc.root());
    }
    kit::JsonArray parts = kit::parseObject(reply)->getArray("ids");
    auto part = [&](unsigned i) { return parts && i < parts->size() ? parts->getElement<std::string>(i) : ""; };
    ack.targetRoot = part(0), ack.targetExtension = part(1);
    ack.senderRoot = part(2), ack.senderId = part(3);
    ack.receiverRoot = part(4), ack.receiverId = part(5);
  } catch (const std::exception& e) {
    // Too broken to read: still answer, as an AR naming why.
    ack.outcome = GW_ACK_REJECT;
    ack.text = ack.text.empty() ? e.what() : ack.text + "; " + e.what();
  }
  for (const kit::Issue& issue : kit::readIssues(request.issues)) ack.warnings.push_back(issue.expression + ": " + issue.text);
  ack.ackId = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
  ack.creationTime = Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y%m%d%H%M%S");
  gw::sdk::Output out;
  out.bytes = buildAcknowledgement(ack);
  out.contentType = "application/xml";
  out.messageId = ack.ackId;
  out.event = "MCCI_IN000002UV01";
  return out;
}

}  // namespace gw::cda
