// Acknowledgement.cpp: builds the ACK message model (see Acknowledgement.hpp).
#include "Acknowledgement.hpp"

#include <regex>

namespace gw::hl7v2 {

namespace {

Field textField(const std::string& text) {
  Field f;
  f.present = true;
  if (!text.empty()) f.repetitions.push_back(Repetition{{Component{{Subcomponent{text, false}}}}});
  return f;
}

Field compositeField(const std::vector<std::string>& components) {
  Field f;
  f.present = true;
  Repetition r;
  for (const auto& c : components) r.components.push_back(Component{{Subcomponent{c, false}}});
  f.repetitions.push_back(std::move(r));
  return f;
}

// A copy of a request field (HD of MSH-3..6 keep their components).
Field copyOf(const Message* request, int number) {
  if (!request) return textField("");
  const Field* f = request->header().field(number);
  if (!f) return textField("");
  Field copy = *f;
  copy.present = true;
  return copy;
}

bool versionBefore25(const std::string& version) {
  return version == "2.1" || version == "2.2" || version == "2.3" || version == "2.3.1" || version == "2.4";
}

// "PID-7" or "PID-7.1": a location an ERL can name.
const std::regex& fieldLocationPattern() {
  static const std::regex pattern("([A-Z][A-Z0-9]{2})-([0-9]+)(?:\\.([0-9]+))?");
  return pattern;
}

bool isFieldLocation(const std::string& location) { return std::regex_match(location, fieldLocationPattern()); }

// One ERR segment: the location as ERL (2.5 and later) or ELD (before), the HL7 table 0357 code, the
// severity (table 0516: E error, W warning; only from 2.5) and the text.
Segment errSegment(const std::string& version, const std::string& location, const std::string& code,
                   const std::string& severity, const std::string& reason) {
  std::smatch where;
  const bool located = std::regex_match(location, where, fieldLocationPattern());
  const std::string codeText = code == "200"   ? "Unsupported message type"
                               : code == "102" ? "Data type error"
                                               : "Application internal error";
  Segment err;
  err.name = "ERR";
  std::string text = reason;
  if (!located && !location.empty()) text += " (" + location + ")";
  if (versionBefore25(version)) {
    // ERR-1 (ELD): segment^sequence^field^code&text&HL70357; no severity field before 2.5.
    if (severity == "W") text = "warning: " + text;
    Field eld = compositeField({located ? where[1].str() : "", located ? "1" : "", located ? where[2].str() : ""});
    Component c;
    c.subcomponents = {Subcomponent{code, false}, Subcomponent{text, false}, Subcomponent{"HL70357", false}};
    eld.repetitions[0].components.push_back(std::move(c));
    err.fields.push_back(std::move(eld));
    return err;
  }
  err.fields.push_back(textField(""));
  if (located) {
    std::vector<std::string> erl = {where[1].str(), "1", where[2].str()};
    if (where[3].matched) erl.insert(erl.end(), {"1", where[3].str()});
    err.fields.push_back(compositeField(erl));
  } else {
    err.fields.push_back(textField(""));
  }
  err.fields.push_back(compositeField({code, codeText, "HL70357"}));
  err.fields.push_back(textField(severity));
  err.fields.push_back(textField(""));
  err.fields.push_back(textField(""));
  err.fields.push_back(textField(""));
  err.fields.push_back(textField(text));
  return err;
}

}  // namespace

std::string ackContentType(Encoding encoding) {
  return encoding == Encoding::Xml ? "application/hl7-v2+xml" : "application/hl7-v2";
}

Message buildAck(const AckRequest& ack) {
  const Message* request = ack.request;
  Message m;
  m.encoding = ack.encoding;
  if (request) {
    m.delimiters = request->delimiters;
    m.xmlStyle = request->xmlStyle;
  }
  std::string version = request && !request->version().empty() ? request->version() : "2.5";
  std::string trigger = request ? request->triggerEvent() : "";
  std::string requestId = request ? request->controlId() : "";

  Segment msh;
  msh.name = "MSH";
  msh.fields.push_back(textField(std::string(1, m.delimiters.field)));
  msh.fields.push_back(textField(std::string(1, m.delimiters.component) + m.delimiters.repetition + m.delimiters.escape +
                                 (m.delimiters.subcomponent ? std::string(1, m.delimiters.subcomponent) : "")));
  msh.fields.push_back(copyOf(request, 5));  // our application answers as the receiver
  msh.fields.push_back(copyOf(request, 6));
  msh.fields.push_back(copyOf(request, 3));
  msh.fields.push_back(copyOf(request, 4));
  msh.fields.push_back(compositeField({ack.timestamp}));
  msh.fields.push_back(textField(""));
  // MSH-9.3 (message structure) exists from v2.3.1 on.
  bool hasStructure = version != "2.1" && version != "2.2" && version != "2.3";
  msh.fields.push_back(compositeField({"ACK", trigger, hasStructure ? "ACK" : ""}));
  msh.fields.push_back(textField(ack.controlId));
  msh.fields.push_back(request && !request->header().text(11).empty() ? copyOf(request, 11) : compositeField({"P"}));
  msh.fields.push_back(compositeField({version}));
  m.segments.push_back(std::move(msh));

  static const char* const codes[] = {"AA", "AE", "AR"};
  Segment msa;
  msa.name = "MSA";
  msa.fields.push_back(textField(codes[ack.outcome <= GW_ACK_REJECT ? ack.outcome : GW_ACK_REJECT]));
  msa.fields.push_back(textField(requestId));
  if (ack.outcome != GW_ACK_ACCEPT && versionBefore25(version)) msa.fields.push_back(textField(ack.text));
  m.segments.push_back(std::move(msa));

  if (ack.outcome != GW_ACK_ACCEPT) {
    std::string code = ack.outcome == GW_ACK_REJECT ? "200" : isFieldLocation(ack.errorLocation) ? "102" : "207";
    if (ack.outcome == GW_ACK_REJECT && ack.text.find("not supported") == std::string::npos) code = "207";
    m.segments.push_back(errSegment(version, ack.errorLocation, code, "E", ack.text));
  }
  // What was accepted with a defect (lenient validation): one ERR of severity W per field.
  for (const AckWarning& warning : ack.warnings)
    m.segments.push_back(errSegment(version, warning.location, "102", "W", warning.text));
  return m;
}

}  // namespace gw::hl7v2
