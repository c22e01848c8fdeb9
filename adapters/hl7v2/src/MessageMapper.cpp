// MessageMapper.cpp: event routing and the segment walk (see MessageMapper.hpp).
#include "MessageMapper.hpp"

#include <gw/kit/Profile.hpp>

#include "Datatypes.hpp"
#include "FieldLimitCheck.hpp"
#include "MappingContext.hpp"
#include "MessageStructures.hpp"
#include "SegmentMappers.hpp"

#include <gw/plugin.hpp>

#include <set>

namespace gw::hl7v2 {

namespace {

using gw::sdk::Error;

// Results and orders may come without a patient (their PATIENT group is optional); they then need a result.
bool patientOptional(const std::string& event) { return isResultEvent(event) || isOrderEvent(event); }

// ER7 encoding characters (MSH-2) must be four different characters: the same one for two purposes (as in
// `^~\\&`) makes the message ambiguous. It identifies nothing, so the message is read as its sender wrote it.
void checkEncodingCharacters(MappingContext& ctx, const Message& message) {
  if (message.encoding != Encoding::Er7) return;
  const std::string& sent = message.header().text(2);
  const Delimiters& d = message.delimiters;
  const std::set<char> distinct = {d.field, d.component, d.repetition, d.escape, d.subcomponent};
  // Five characters from v2.7 on: the truncation character (#) may follow.
  const bool truncation = sent.size() == 5 && sent[4] == '#';
  if (distinct.size() != 5 || (sent.size() > 4 && !truncation))
    ctx.issues.defect("MSH-2", "value", "MSH-2: the encoding characters are not four different separators", sent);
}

// A segment the event's structure does not have is left out; it is reported once per segment name.
bool expected(MappingContext& ctx, const MessageStructure& structure, const Segment& s, std::set<std::string>& reported) {
  if (structure.expects(s.name)) return true;
  if (reported.insert(s.name).second)
    ctx.issues.defect(s.name, "structure",
                      "segment " + s.name + " is not part of " + structure.name + ": it is left out");
  return false;
}

void checkRequiredSegments(MappingContext& ctx, const Message& message, const MessageStructure& structure) {
  for (const std::string& name : structure.required)
    if (!message.first(name))
      ctx.issues.defect(name, "required", ctx.event + " without the " + name + " segment " + structure.name +
                                              " requires: what it carries is missing");
}

}  // namespace

Json mapMessage(const Message& message, const PartnerOptions& options, kit::Issues& issues) {
  const Segment& msh = message.header();
  std::string event = message.event();
  const MessageStructure* structure = structureOf(event);
  if (!structure)
    throw Error(GW_ERR_UNSUPPORTED,
                "message type " + (event.empty() ? std::string("(none)") : event) + " is not supported by the hl7v2 adapter",
                "MSH-9");
  const std::string controlId = message.controlId();
  if (controlId.empty()) throw Error(GW_ERR_INVALID, "MSH-10 (message control id) is missing", "MSH-10");
  bool optional = patientOptional(event);
  if (!message.first("PID") && !(optional && message.first("OBX")))
    throw Error(GW_ERR_INVALID,
                event + (optional ? " with neither PID nor OBX: nothing to store" : " without a PID segment"), "PID");
  if (!structure->essential.empty() && !message.first(structure->essential))
    throw Error(GW_ERR_INVALID, event + " without " + structure->essential + ": nothing to store",
                structure->essential);

  MappingContext ctx(message, options, issues, options.partnerId + "|" + controlId, event);
  checkEncodingCharacters(ctx, message);
  const std::string timestamp = instantOfText(ctx, msh.text(7), "MSH-7");
  const bool document = structure->essential == "TXA";
  const Segment* lastObr = nullptr;
  const Segment* lastOrc = nullptr;
  std::size_t schedule = message.segments.size();
  std::set<std::string> reported;
  FieldLimitCheck limits(message, issues);
  for (std::size_t i = 0; i < message.segments.size(); ++i) {
    const Segment& s = message.segments[i];
    if (!expected(ctx, *structure, s, reported)) continue;
    limits.check(s);
    if (s.name == "PID") mapPid(ctx, s);
    else if (s.name == "PD1") mapPd1(ctx, s);
    else if (s.name == "NK1") mapNk1(ctx, s);
    else if (s.name == "MRG") mapMrg(ctx, s);
    else if (s.name == "PV1") mapPv1(ctx, s);
    else if (s.name == "PV2") mapPv2(ctx, s);
    else if (s.name == "ORC") lastOrc = &s;
    else if (s.name == "OBR") {
      lastObr = &s;
      mapObr(ctx, s, lastOrc);
    }
    else if (s.name == "AL1") mapAl1(ctx, s);
    else if (s.name == "IAM") mapIam(ctx, s);
    else if (s.name == "OBX" && !document) mapObx(ctx, s, lastObr);
    else if (s.name == "TXA") mapDocument(ctx, message.segments, i);
    else if (s.name == "DG1") mapDg1(ctx, s);
    else if (s.name == "PR1") mapPr1(ctx, s);
    else if (s.name == "GT1") mapGt1(ctx, s);
    else if (s.name == "IN1") mapIn1(ctx, s);
    else if (s.name == "FT1") mapFt1(ctx, s);
    else if (s.name == "SCH" && schedule == message.segments.size()) schedule = i;
  }
  if (schedule < message.segments.size()) mapSchedule(ctx, message.segments, schedule);
  linkPatients(ctx);
  checkRequiredSegments(ctx, message, *structure);

  Json identifier = Json::object();
  identifier.set("system", kit::profile::partnerSystem(options.partnerId, "message"));
  identifier.set("value", controlId);
  return ctx.bundle.build(identifier, timestamp);
}

}  // namespace gw::hl7v2
