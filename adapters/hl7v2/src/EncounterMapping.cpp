// EncounterMapping.cpp: PV1/PV2 to Encounter (HL7 v2-to-FHIR PV1[Encounter], PV2[Encounter]) and the
// partner hospital as the Encounter's serviceProvider.
#include "CodeTables.hpp"
#include "Datatypes.hpp"

#include <gw/kit/Profile.hpp>
#include "SegmentMappers.hpp"

namespace gw::hl7v2 {

namespace {

const char* const kActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

// HL7 table 0004 (a code of the table, or "") to Encounter.class.
Json encounterClass(const std::string& patientClass) {
  static const std::pair<const char*, std::pair<const char*, const char*>> classes[] = {
      {"I", {"IMP", "inpatient encounter"}}, {"O", {"AMB", "ambulatory"}},     {"E", {"EMER", "emergency"}},
      {"P", {"PRENC", "pre-admission"}},     {"R", {"AMB", "ambulatory"}},     {"B", {"OBSENC", "observation encounter"}}};
  for (const auto& c : classes)
    if (patientClass == c.first) return coding(kActCode, c.second.first, c.second.second);
  if (!patientClass.empty()) return coding("http://terminology.hl7.org/CodeSystem/v2-0004", patientClass);
  return coding("http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "UNK", "unknown");
}

// The status the trigger event implies (HL7 v2-to-FHIR event maps); a discharge time means the visit is over.
std::string encounterStatus(const std::string& event, bool discharged) {
  // Cancel admit, cancel pending admit, cancel pre-admit; delete a visit, delete person information.
  if (event == "ADT^A11" || event == "ADT^A27" || event == "ADT^A38") return "cancelled";
  if (event == "ADT^A23" || event == "ADT^A29") return "entered-in-error";
  // Pre-admit, pending admit, scheduling.
  if (event == "ADT^A05" || event == "ADT^A14" || event.rfind("SIU^", 0) == 0) return "planned";
  if (event == "ADT^A03" || discharged) return "finished";
  if (event == "ADT^A21") return "onleave";  // leave of absence
  if (event.rfind("ADT^", 0) == 0) return "in-progress";
  return "unknown";
}

std::string locationText(const Repetition& pl) {
  std::string text;
  for (const std::string& part : {pl.text(1), pl.text(2), pl.text(3), pl.text(4)})
    if (!part.empty()) text += (text.empty() ? "" : " / ") + part;
  return text;
}

void addParticipant(MappingContext& ctx, Json& encounter, const Segment& pv1, int field, const char* code,
                    const char* display) {
  for (std::size_t r = 0; r < pv1.repetitionCount(field); ++r) {
    std::string url = practitionerFromXcn(ctx, pv1.repetition(field, r));
    if (url.empty()) continue;
    Json participant = Json::object();
    Json types = Json::array();
    types.push(codeableConceptOf("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code, display));
    participant.set("type", types);
    participant.set("individual", referenceTo(url));
    encounter.append("participant", participant);
  }
}

}  // namespace

std::string addHospital(MappingContext& ctx) {
  if (!ctx.hospitalUrl.empty()) return ctx.hospitalUrl;
  const Segment& msh = ctx.message.header();
  Json org = Json::object();
  org.set("resourceType", "Organization");
  Json ids = Json::array();
  Json partner = Json::object();
  partner.set("system", kit::profile::kPartnerSystem);
  partner.set("value", ctx.options.partnerId);
  ids.push(partner);
  const Repetition& facility = msh.repetition(4);
  if (!facility.text(2).empty() && isOid(facility.text(2))) {
    Json oid = Json::object();
    oid.set("system", "urn:oid:" + facility.text(2));
    oid.set("value", facility.text(1).empty() ? facility.text(2) : facility.text(1));
    ids.push(oid);
  } else if (!facility.text(1).empty()) {
    Json local = Json::object();
    local.set("system", kit::profile::partnerSystem(ctx.options.partnerId, "facility"));
    local.set("value", facility.text(1));
    ids.push(local);
  }
  org.set("identifier", ids);
  org.set("active", Json::boolean(true));
  org.set("name", facility.text(1).empty() ? ctx.options.partnerId : facility.text(1));
  const std::string byPartnerId =
      "Organization?identifier=" + std::string(kit::profile::kPartnerSystem) + "|" + encodeQueryValue(ctx.options.partnerId);
  ctx.hospitalUrl = ctx.bundle.add("Organization/hospital", std::move(org), byPartnerId);
  return ctx.hospitalUrl;
}

void mapPv1(MappingContext& ctx, const Segment& pv1) {
  bool valued = false;
  for (const auto& f : pv1.fields) valued = valued || !f.isEmpty();
  if (!valued || ctx.patientUrl.empty()) return;
  const std::string patientClass = tableCode(ctx, pv1, 2, table::kPatientClass);
  if (patientClass == "N") return;  // "not applicable": the message is about the person, not a visit
  Json encounter = Json::object();
  encounter.set("resourceType", "Encounter");
  Json ids = Json::array();
  std::string conditional;
  if (!pv1.text(19).empty()) {
    Json visit = identifierFromCx(ctx, pv1.repetition(19), "VN");
    conditional = "Encounter?identifier=" + encodeQueryValue(visit.get("system")->text()) + "|" +
                  encodeQueryValue(visit.get("value")->text());
    ids.push(std::move(visit));
  }
  encounter.set("identifier", ids);
  std::string end = dateTimeOf(ctx, pv1, 45);
  encounter.set("status", encounterStatus(ctx.event, !end.empty()));
  encounter.set("class", encounterClass(patientClass));
  if (!pv1.text(10).empty())
    encounter.set("serviceType", codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0069", pv1.text(10)));
  encounter.set("subject", referenceTo(ctx.patientUrl));
  addParticipant(ctx, encounter, pv1, 7, "ATND", "attender");
  addParticipant(ctx, encounter, pv1, 8, "REF", "referrer");
  addParticipant(ctx, encounter, pv1, 9, "CON", "consultant");
  addParticipant(ctx, encounter, pv1, 17, "ADM", "admitter");
  Json period = Json::object();
  period.set("start", dateTimeOf(ctx, pv1, 44));
  period.set("end", end);
  encounter.set("period", period);
  Json hospitalization = Json::object();
  if (!pv1.text(14).empty())
    hospitalization.set("admitSource", codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0023", pv1.text(14)));
  if (!pv1.text(36).empty())
    hospitalization.set("dischargeDisposition",
                        codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0112", pv1.text(36)));
  encounter.set("hospitalization", hospitalization);
  std::string where = locationText(pv1.repetition(3));
  if (!where.empty()) {
    Json location = Json::object();
    Json ref = Json::object();
    ref.set("display", where);
    location.set("location", ref);
    encounter.append("location", location);
  }
  encounter.set("serviceProvider", referenceTo(addHospital(ctx)));
  // A patient may have several visits (BAR^P01 carries one VISIT group per account).
  ctx.encounterKey = "Encounter/" + std::to_string(ctx.patientCount);
  if (++ctx.visitCount > 1) ctx.encounterKey += "/" + std::to_string(ctx.visitCount);
  ctx.encounterUrl = ctx.bundle.add(ctx.encounterKey, std::move(encounter), conditional);
}

void mapPv2(MappingContext& ctx, const Segment& pv2) {
  Json* encounter = ctx.bundle.find(ctx.encounterKey);
  if (!encounter || (pv2.text(3).empty() && pv2.text(3, 2).empty())) return;
  encounter->append("reasonCode", codeableConcept(ctx, pv2.repetition(3)));
}

}  // namespace gw::hl7v2
