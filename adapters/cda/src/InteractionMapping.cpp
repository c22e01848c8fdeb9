// InteractionMapping.cpp: Chinese hospital-platform HL7 v3 interactions: patient registration and
// update (PRPA_IN201311UV02 / 201314), merge (PRPA_IN201304UV02), encounter registration, update
// and discharge (PRPA_IN400001UV / 400002 / 400003). The payload sits under controlActProcess/subject.
#include "MappingContext.hpp"

#include <gw/plugin.hpp>

namespace gw::cda {

namespace {

using gw::sdk::Error;

Node payload(const MappingContext& c, std::initializer_list<std::string_view> names) {
  Node subject = path(c.kind.root, {"controlActProcess", "subject"});
  for (auto name : names)
    if (Node n = child(subject, name)) return n;
  return nullptr;
}

void mapPatientRegistration(MappingContext& c) {
  Node registration = payload(c, {"registrationRequest", "registrationEvent"});
  Node patient = path(registration, {"subject1", "patient"});
  if (!patient)
    throw Error(GW_ERR_INVALID, c.kind.event + ": no controlActProcess/subject/registration…/subject1/patient");
  mapPatient(c, patient, child(patient, "patientPerson"));
  for (Node covered : children(patient, "coveredPartyOf"))
    addCoverage(c, path(covered, {"coverageRecord", "beneficiary", "beneficiary", "code"}), "");
  if (c.kind.family != Family::PatientMerge) return;
  // The surviving patient replaces the prior registration (when its id is a real one).
  Node prior = path(registration, {"replacementOf", "priorRegistration", "subject1", "priorRegisteredRole"});
  Json* resource = c.bundle.find("Patient");
  for (const V3Id& id : ids(prior)) {
    Json identifier = c.identifier(id);
    if (identifier.isEmpty() || !resource) continue;
    Json link = Json::object();
    Json other = Json::object();
    other.set("identifier", identifier);
    link.set("other", other);
    link.set("type", "replaces");
    resource->append("link", link);
  }
}

void addParticipant(MappingContext& c, Json& encounter, Node assigned, const char* typeCode, const char* typeDisplay) {
  Json individual = c.practitioner(assigned);
  if (individual.isEmpty()) return;
  Json participant = Json::object();
  Json type = Json::object();
  Json coding = Json::object();
  coding.set("system", "http://terminology.hl7.org/CodeSystem/v3-ParticipationType");
  coding.set("code", typeCode);
  coding.set("display", typeDisplay);
  type.append("coding", coding);
  participant.append("type", type);
  participant.set("individual", individual);
  encounter.append("participant", participant);
}

void mapEncounterEvent(MappingContext& c) {
  Node event = payload(c, {"encounterEvent"});
  if (!event) throw Error(GW_ERR_INVALID, c.kind.event + ": no controlActProcess/subject/encounterEvent");
  Node patient = path(event, {"subject", "patient"});
  if (!patient) throw Error(GW_ERR_INVALID, c.kind.event + ": encounterEvent has no subject/patient");
  mapPatient(c, patient, child(patient, "patientPerson"));

  Json encounter = Json::object();
  encounter.set("resourceType", "Encounter");
  Json key;
  for (const V3Id& id : ids(event)) {
    // 就诊次数 counts a patient's visits ("2"): not unique, and the store matches records on any identifier.
    if (id.root == "2.16.156.10011.2.5.1.8") continue;
    Json identifier = c.identifier(id);
    if (identifier.isEmpty()) continue;
    if (key.isEmpty() && OidSystems::role(id.root) == IdRole::Encounter) key = identifier;
    encounter.append("identifier", identifier);
  }
  Node low = path(event, {"effectiveTime", "low"}), high = path(event, {"effectiveTime", "high"});
  bool discharged = c.kind.event == "PRPA_IN400003UV" || !attr(high, "value").empty();
  encounter.set("status", discharged ? "finished" : "in-progress");
  // 患者类型代码 (2.16.156.10011.2.3.1.271): the display says 门诊 / 急诊 / 住院.
  Node code = child(event, "code");
  std::string kindText = displayName(code);
  std::string actClass = kindText.find("住院") != std::string::npos ? "IMP"
                         : kindText.find("急诊") != std::string::npos ? "EMER" : "AMB";
  if (attr(code, "codeSystem") == "2.16.840.1.113883.5.4" && !attr(code, "code").empty()) actClass = attr(code, "code");
  encounter.set("class", encounterClass(actClass));
  encounter.append("type", c.concept(code));
  encounter.set("subject", kit::referenceTo(c.patientUrl));
  Json period = Json::object();
  period.set("start", c.dateTime(attr(low, "value"), "encounterEvent/effectiveTime/low"));
  period.set("end", c.dateTime(attr(high, "value"), "encounterEvent/effectiveTime/high"));
  encounter.set("period", period);
  for (Node reason : children(event, "reasonCode"))
    for (Node item : children(reason, "item")) {
      Json concept = c.concept(item);
      if (concept.isEmpty()) concept.set("text", attr(child(item, "originalText"), "value"));
      encounter.append("reasonCode", concept);
    }
  // Senders put the 医疗保险类别 (2.16.156.10011.2.3.1.248) in admissionReferralSourceCode.
  Node referral = child(event, "admissionReferralSourceCode");
  if (attr(referral, "codeSystem") == "2.16.156.10011.2.3.1.248") {
    addCoverage(c, referral, "");
  } else if (referral) {
    Json hospitalization = Json::object();
    hospitalization.set("admitSource", c.concept(referral));
    encounter.set("hospitalization", hospitalization);
  }
  addParticipant(c, encounter, child(child(event, "admitter"), "assignedPerson"), "ADM", "admitter");
  for (Node a : children(event, "attender")) addParticipant(c, encounter, child(a, "assignedPerson"), "ATND", "attender");
  addParticipant(c, encounter, child(child(event, "discharger"), "assignedPerson"), "DIS", "discharger");
  for (Node loc : children(event, "location")) {
    Node place = path(loc, {"serviceDeliveryLocation", "location"});
    if (!place) continue;
    Json ref = Json::object();
    for (const V3Id& id : ids(place)) ref.set("identifier", c.identifier(id));
    ref.set("display", personName(child(place, "name")).text);
    Json location = Json::object();
    location.set("location", ref);
    encounter.append("location", location);
    for (const V3Id& id : ids(path(loc, {"serviceDeliveryLocation", "serviceProviderOrganization"}))) {
      Json org = Json::object();
      org.set("identifier", c.identifier(id));
      encounter.set("serviceProvider", org);
    }
  }
  c.encounterUrl = c.bundle.add("Encounter", encounter, key.isEmpty() ? "" : MappingContext::conditional("Encounter", key));
}

}  // namespace

void mapInteraction(MappingContext& c) {
  if (c.kind.family == Family::EncounterEvent) mapEncounterEvent(c);
  else mapPatientRegistration(c);
}

}  // namespace gw::cda
