// ScheduleMapping.cpp: SIU^S12-S22 and S26 scheduling segments (SCH, TQ1, NTE, AIS, AIG, AIL, AIP) to an
// Appointment (HL7 v2-to-FHIR SCH[Appointment] and the resource groups as participants).
#include "Datatypes.hpp"
#include <gw/kit/Hl7Time.hpp>
#include "SegmentMappers.hpp"

namespace gw::hl7v2 {

namespace {

std::string appointmentStatus(const std::string& event, const std::string& fillerStatus) {
  if (event == "SIU^S15" || event == "SIU^S16") return "cancelled";  // cancellation, discontinuation
  if (event == "SIU^S17") return "entered-in-error";                  // deletion
  if (event == "SIU^S26") return "noshow";
  std::string s = lower(fillerStatus);
  if (s == "booked") return "booked";
  if (s == "pending") return "pending";
  if (s == "cancelled" || s == "deleted") return "cancelled";
  if (s == "complete") return "fulfilled";
  if (s == "noshow") return "noshow";
  if (s == "waitlist") return "waitlist";
  return "booked";
}

std::string participationStatus(const std::string& fillerStatus) {
  std::string s = lower(fillerStatus);
  if (s == "cancelled" || s == "deleted") return "declined";
  if (s == "pending" || s == "waitlist") return "tentative";
  return "accepted";
}

std::string instantOf(const MappingContext& ctx, const std::string& text, const std::string& where) {
  if (text.empty()) return "";
  return kit::toFhirInstant(kit::parseHl7Time(text, where), ctx.options.timezone);
}

Json participant(const Json& actor, const Json& type, const std::string& status) {
  Json p = Json::object();
  p.append("type", type);
  p.set("actor", actor);
  p.set("status", status);
  return p;
}

Json displayOnly(const std::string& text) {
  Json ref = Json::object();
  ref.set("display", text);
  return ref;
}

}  // namespace

void mapSchedule(MappingContext& ctx, const std::vector<Segment>& segments, std::size_t first) {
  const Segment& sch = segments[first];
  Json appointment = Json::object();
  appointment.set("resourceType", "Appointment");
  Json ids = Json::array();
  ids.push(identifierFromEi(ctx, sch.repetition(1), "placer-appointment"));
  ids.push(identifierFromEi(ctx, sch.repetition(2), "filler-appointment"));
  appointment.set("identifier", ids);
  std::string status = appointmentStatus(ctx.event, sch.text(25));

  std::string start, end, comment;
  const Segment* ais = nullptr;
  bool beforePatient = true;
  Json participants = Json::array();
  if (!ctx.patientUrl.empty())
    participants.push(participant(referenceTo(ctx.patientUrl), Json(), "accepted"));
  for (std::size_t i = first + 1; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    if (s.name == "PID") beforePatient = false;
    if (s.name == "TQ1" && start.empty()) {
      start = instantOf(ctx, s.text(7), "TQ1-7");
      end = instantOf(ctx, s.text(8), "TQ1-8");
    } else if (s.name == "NTE" && beforePatient) {
      comment += (comment.empty() ? "" : "\n") + s.text(3);
    } else if (s.name == "AIS" && !ais) {
      ais = &s;
    } else if (s.name == "AIP") {
      for (std::size_t r = 0; r < s.repetitionCount(3); ++r) {
        std::string url = practitionerFromXcn(ctx, s.repetition(3, r));
        if (!url.empty())
          participants.push(participant(referenceTo(url), codeableConcept(ctx, s.repetition(4)), participationStatus(s.text(12))));
      }
    } else if (s.name == "AIL") {
      std::string where;
      const Repetition& pl = s.repetition(3);
      for (const std::string& part : {pl.text(1), pl.text(2), pl.text(3), pl.text(4)})
        if (!part.empty()) where += (where.empty() ? "" : " / ") + part;
      if (!where.empty())
        participants.push(participant(displayOnly(where), codeableConcept(ctx, s.repetition(4)), participationStatus(s.text(12))));
    } else if (s.name == "AIG") {
      const Repetition& resource = s.repetition(3);
      std::string name = resource.text(2).empty() ? resource.text(1) : resource.text(2);
      if (!name.empty())
        participants.push(participant(displayOnly(name), codeableConcept(ctx, s.repetition(4)), participationStatus(s.text(14))));
    }
  }
  if (start.empty()) {  // before TQ1 (v2.6), the timing was SCH-11 (TQ): start .4, end .5
    start = instantOf(ctx, sch.text(11, 4), "SCH-11");
    end = instantOf(ctx, sch.text(11, 5), "SCH-11");
  }
  if (start.empty() && ais) start = instantOf(ctx, ais->text(4), "AIS-4");
  appointment.set("status", status);
  if (ais) appointment.append("serviceType", codeableConcept(ctx, ais->repetition(3)));
  if (!sch.text(8).empty()) {
    const Repetition& type = sch.repetition(8);
    appointment.set("appointmentType", type.text(3).empty() ? codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0276",
                                                                                type.text(1), type.text(2))
                                                            : codeableConcept(ctx, type));
  }
  appointment.append("reasonCode", codeableConcept(ctx, sch.repetition(7)));
  // FHIR allows a start without an end (or a booked appointment without both) only for proposed,
  // cancelled and waitlisted appointments: otherwise the time goes to requestedPeriod.
  if (!start.empty() && !end.empty()) {
    appointment.set("start", start);
    appointment.set("end", end);
  } else if (!start.empty()) {
    Json requested = Json::object();
    requested.set("start", start);
    appointment.append("requestedPeriod", requested);
    if (status != "cancelled" && status != "waitlist") appointment.set("status", "proposed");
  } else if (status != "cancelled" && status != "waitlist") {
    appointment.set("status", "proposed");
  }
  std::string minutes = ais ? positiveInt(ais->text(7)) : "";
  if (!minutes.empty() && (ais->text(8).empty() || lower(ais->text(8)).rfind("min", 0) == 0))
    appointment.set("minutesDuration", Json::number(minutes));
  appointment.set("comment", comment);
  appointment.set("participant", participants);
  ctx.bundle.add(ctx.nextKey("Appointment"), std::move(appointment));
}

}  // namespace gw::hl7v2
