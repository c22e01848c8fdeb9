// Hl7v2Adapter.cpp: the adapter's entry points (see Hl7v2Adapter.hpp).
#include "Hl7v2Adapter.hpp"

#include "Acknowledgement.hpp"
#include "Er7Reader.hpp"
#include "Er7Writer.hpp"
#include "HeaderReply.hpp"
#include "MessageMapper.hpp"
#include "XmlReader.hpp"
#include "XmlWriter.hpp"

#include <gw/kit/Text.hpp>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>

#include <algorithm>
#include <cctype>

namespace gw::hl7v2 {

namespace {

using gw::sdk::Error;

}  // namespace

gw::sdk::AdapterInfo Hl7v2Adapter::info() {
  return {"hl7v2",
          "1.0.0",
          GW_KIND_HOSPITAL,
          {"hl7v2-xml", "hl7v2-er7"},
          {"application/hl7-v2+xml", "application/xml", "text/xml", "application/hl7-v2", "x-application/hl7-v2+er7",
           "text/plain"},
          {{"currency", GW_FIELD_STRING, 0, "CNY", "ISO 4217 currency of amounts that do not name their own"},
           {"timezone", GW_FIELD_STRING, 0, "+08:00", "UTC offset of times sent without one (FHIR needs an offset)"},
           {"assigning_authority_oids", GW_FIELD_MAP, 0, nullptr,
            "assigning authority names (CX.4/HD.1) to OIDs, for identifier systems urn:oid:<oid>"}},
          GW_ADAPTER_HARDENED_XML};  // XML is read through gw::kit::HardenedXml only (XmlReader.cpp)
}

Hl7v2Adapter::Hl7v2Adapter(const gw::sdk::Partner& partner)
    : options_(PartnerOptions::fromJson(partner.id, partner.optionsJson)) {}

Encoding Hl7v2Adapter::encodingOf(std::string_view input, std::string_view contentType) {
  std::string type = kit::mediaType(contentType);
  if (type == "application/hl7-v2+xml" || type == "application/xml" || type == "text/xml") return Encoding::Xml;
  if (type == "application/hl7-v2" || type == "x-application/hl7-v2+er7" || type == "text/plain") return Encoding::Er7;
  if (!type.empty()) throw Error(GW_ERR_UNSUPPORTED, "content type '" + type + "' is not HL7 v2 (XML or ER7)");
  return kit::startsLikeXml(input) ? Encoding::Xml : Encoding::Er7;
}

namespace {

// Mapping costs memory per segment (a 70,000-OBX result took ~1 GB): a message past this is refused
// before it is mapped, as the gateway would refuse its resources anyway (server.max_resources_per_message).
constexpr std::size_t kMaxSegments = 20000;

[[noreturn]] void refuseSegments(std::size_t count) {
  throw Error(GW_ERR_UNSUPPORTED, "the message has " + std::to_string(count) + " segments, more than the " +
                                      std::to_string(kMaxSegments) + " one message may carry: send it in parts");
}

// Non-empty lines of ER7 text, counted without reading them (reading costs far more per segment).
std::size_t er7Lines(std::string_view text) {
  std::size_t lines = 0;
  bool content = false;
  for (char c : text) {
    if (c == '\r' || c == '\n') {
      lines += content;
      content = false;
    } else if (c != ' ' && c != '\t') {
      content = true;
    }
  }
  return lines + content;
}

// ER7 text up to the end of its first MSH line.
std::string_view upToFirstHeader(std::string_view input) {
  std::size_t msh = input.find("MSH");
  std::size_t end = msh == std::string_view::npos ? input.size() : input.find_first_of("\r\n", msh);
  return input.substr(0, end == std::string_view::npos ? input.size() : end);
}

}  // namespace

Message Hl7v2Adapter::readMessage(std::string_view input, std::string_view contentType) {
  if (!input.empty() && encodingOf(input, contentType) == Encoding::Er7) {
    const std::size_t lines = er7Lines(input);
    if (lines > kMaxSegments) refuseSegments(lines);
  }
  Message m = readWholeMessage(input, contentType);
  if (m.segments.size() > kMaxSegments) refuseSegments(m.segments.size());
  return m;
}

Message Hl7v2Adapter::readWholeMessage(std::string_view input, std::string_view contentType) {
  if (input.empty()) throw Error(GW_ERR_INVALID, "empty message");
  if (encodingOf(input, contentType) == Encoding::Xml) return readXml(input);
  std::size_t bad = kit::invalidUtf8At(input);
  if (bad != std::string_view::npos)
    throw Error(GW_ERR_INVALID, "ER7 text is not valid UTF-8 (byte " + std::to_string(bad) + ")");
  Er7Document doc = readEr7(input);
  if (doc.isBatch())
    throw Error(GW_ERR_UNSUPPORTED, "a batch of " + std::to_string(doc.messages.size()) +
                                        " messages: this endpoint takes one HL7 v2 message per request");
  return std::move(doc.messages.front());
}

gw::sdk::Output Hl7v2Adapter::identify(std::string_view input, std::string_view contentType) {
  // Cheap for ER7: only the text up to the end of the first MSH line is read. (XML is parsed
  // whole: the document must be well-formed anyway, and the host caps its size.)
  if (!input.empty() && encodingOf(input, contentType) == Encoding::Er7) input = upToFirstHeader(input);
  Message m = readMessage(input, contentType);
  gw::sdk::Output out;
  out.messageId = m.controlId();
  out.event = m.event();
  out.reply = headerReply(m);
  return out;
}

gw::sdk::Output Hl7v2Adapter::decode(std::string_view input, std::string_view contentType) {
  Message m = readMessage(input, contentType);
  gw::sdk::Output out;
  out.messageId = m.controlId();
  out.event = m.event();
  kit::Issues issues(options_.lenient);
  out.bytes = mapMessage(m, options_, issues).dump();
  out.contentType = "application/fhir+json";
  out.issues = issues.operationOutcome();
  out.reply = headerReply(m);
  return out;
}

gw::sdk::Output Hl7v2Adapter::acknowledgeReply(const gw::sdk::AckRequest& request) {
  std::vector<AckWarning> warnings;
  for (const kit::Issue& issue : kit::readIssues(request.issues)) warnings.push_back({issue.expression, issue.text});
  return answer(request.request, request.contentType, request.outcome, request.errorLocation, request.text,
                std::move(warnings), messageFromHeaderReply(request.reply));
}

gw::sdk::Output Hl7v2Adapter::acknowledge(std::string_view request, std::string_view contentType,
                                          gw_ack_outcome outcome, std::string_view errorLocation,
                                          std::string_view text) {
  return answer(request, contentType, outcome, errorLocation, text, {}, std::nullopt);
}

gw::sdk::Output Hl7v2Adapter::answer(std::string_view request, std::string_view contentType, gw_ack_outcome outcome,
                                     std::string_view errorLocation, std::string_view text,
                                     std::vector<AckWarning> warnings, std::optional<Message> header) {
  AckRequest ack;
  ack.warnings = std::move(warnings);
  ack.outcome = outcome;
  ack.errorLocation = std::string(errorLocation);
  ack.text = std::string(text);
  Message parsed;
  try {
    ack.encoding = encodingOf(request, contentType);
  } catch (const Error&) {
    ack.encoding = Encoding::Er7;
  }
  if (header) {
    // The header decode or identify kept (ABI 1.1 reply): the message is not read again.
    parsed = std::move(*header);
    ack.encoding = parsed.encoding;
    ack.request = &parsed;
  } else {
    try {
      // A batch is acknowledged through its first message.
      // Only the header is answered: ER7 is read up to the end of the first MSH line, however long the
      // message (a refused 70,000-segment message must not be read whole to say so).
      if (ack.encoding == Encoding::Er7) parsed = std::move(readEr7(upToFirstHeader(request)).messages.front());
      else parsed = readXml(request);
      parsed.header();
      ack.request = &parsed;
    } catch (const std::exception& e) {
      // Too broken to read: still answer, as a minimal AR naming why.
      ack.outcome = GW_ACK_REJECT;
      std::string reason = e.what();
      ack.text = ack.text.empty() ? reason : ack.text + "; " + reason;
    }
  }
  std::string id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
  id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
  ack.controlId = "ACK" + id.substr(0, 17);
  ack.timestamp = Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y%m%d%H%M%S") + "+0000";
  Message reply = buildAck(ack);
  gw::sdk::Output out;
  XmlStyle style = ack.request ? parsed.xmlStyle : XmlStyle{};
  out.bytes = ack.encoding == Encoding::Xml ? writeXml(reply, "ACK", style) : writeEr7(reply);
  out.contentType = ackContentType(ack.encoding);
  out.messageId = ack.controlId;
  out.event = "ACK";
  return out;
}

}  // namespace gw::hl7v2
