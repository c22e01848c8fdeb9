// MessageMapper.cpp: event routing and the segment walk (see MessageMapper.hpp).
#include "MessageMapper.hpp"

#include <gw/kit/Profile.hpp>

#include "Datatypes.hpp"
#include "MappingContext.hpp"
#include "SegmentMappers.hpp"

#include <gw/plugin.hpp>

#include <algorithm>

namespace gw::hl7v2 {

const std::vector<std::string>& supportedEvents() {
  static const std::vector<std::string> events = {
      "ADT^A01", "ADT^A02", "ADT^A03", "ADT^A04", "ADT^A05", "ADT^A08", "ADT^A11", "ADT^A13", "ADT^A17", "ADT^A40",
      "SIU^S12", "SIU^S13", "SIU^S14", "SIU^S15", "ORU^R01", "ORM^O01", "DFT^P03", "BAR^P01"};
  return events;
}

bool isSupportedEvent(const std::string& event) {
  const auto& events = supportedEvents();
  return std::find(events.begin(), events.end(), event) != events.end();
}

Json mapMessage(const Message& message, const PartnerOptions& options, kit::Issues& issues) {
  using gw::sdk::Error;
  const Segment& msh = message.header();
  std::string event = message.event();
  if (!isSupportedEvent(event))
    throw Error(GW_ERR_UNSUPPORTED,
                "message type " + (event.empty() ? std::string("(none)") : event) + " is not supported by the hl7v2 adapter",
                "MSH-9");
  const std::string controlId = message.controlId();
  if (controlId.empty()) throw Error(GW_ERR_INVALID, "MSH-10 (message control id) is missing", "MSH-10");
  // Results and orders may come without a patient (their PATIENT group is optional); every other
  // supported event is about a patient.
  bool patientOptional = event == "ORU^R01" || event == "ORM^O01";
  if (!message.first("PID") && !(patientOptional && message.first("OBX")))
    throw Error(GW_ERR_INVALID,
                event + (patientOptional ? " with neither PID nor OBX: nothing to store" : " without a PID segment"),
                "PID");

  MappingContext ctx(message, options, issues, options.partnerId + "|" + controlId, event);
  const std::string timestamp = instantOfText(ctx, msh.text(7), "MSH-7");
  const Segment* lastObr = nullptr;
  const Segment* lastOrc = nullptr;
  std::size_t schedule = message.segments.size();
  for (std::size_t i = 0; i < message.segments.size(); ++i) {
    const Segment& s = message.segments[i];
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
    else if (s.name == "OBX") mapObx(ctx, s, lastObr);
    else if (s.name == "DG1") mapDg1(ctx, s);
    else if (s.name == "PR1") mapPr1(ctx, s);
    else if (s.name == "GT1") mapGt1(ctx, s);
    else if (s.name == "IN1") mapIn1(ctx, s);
    else if (s.name == "FT1") mapFt1(ctx, s);
    else if (s.name == "SCH" && schedule == message.segments.size()) schedule = i;
  }
  if (schedule < message.segments.size()) mapSchedule(ctx, message.segments, schedule);

  Json identifier = Json::object();
  identifier.set("system", kit::profile::partnerSystem(options.partnerId, "message"));
  identifier.set("value", controlId);
  return ctx.bundle.build(identifier, timestamp);
}

}  // namespace gw::hl7v2
