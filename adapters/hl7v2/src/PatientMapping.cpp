// PatientMapping.cpp: PID, PD1, NK1 and MRG to Patient (HL7 v2-to-FHIR segment maps PID[Patient],
// PD1[Patient], NK1[Patient], MRG for ADT^A40 merges).
#include "CodeTables.hpp"
#include "Datatypes.hpp"
#include "SegmentMappers.hpp"

#include <gw/plugin.hpp>

namespace gw::hl7v2 {

namespace {

// The identifier used for the upsert: the first MR, else the first identifier.
std::string conditionalUrlFor(const Json& identifiers) {
  const Json* chosen = nullptr;
  for (const auto& id : identifiers.items()) {
    const Json* type = id.get("type");
    if (!chosen) chosen = &id;
    if (type && type->dump().find("\"code\":\"MR\"") != std::string::npos) {
      chosen = &id;
      break;
    }
  }
  if (!chosen) return "";
  return "Patient?identifier=" + encodeQueryValue(chosen->get("system")->text()) + "|" +
         encodeQueryValue(chosen->get("value")->text());
}

// Events whose MRG-1 names a patient record merged into (or renamed to) the PID's: HL7 v2-to-FHIR maps
// them to Patient.link replaces / replaced-by.
bool isPatientMerge(const std::string& event) {
  static const char* const merges[] = {"ADT^A34", "ADT^A35", "ADT^A36", "ADT^A39", "ADT^A40",
                                       "ADT^A41", "ADT^A42", "ADT^A47"};
  for (const char* merge : merges)
    if (event == merge) return true;
  return false;
}

Json link(const std::string& otherUrl, const char* type) {
  Json l = Json::object();
  l.set("other", referenceTo(otherUrl));
  l.set("type", type);
  return l;
}

}  // namespace

void mapPid(MappingContext& ctx, const Segment& pid) {
  Json patient = Json::object();
  patient.set("resourceType", "Patient");
  Json ids = eachRepetition(pid, 3, [&](const Repetition& r) { return identifierFromCx(ctx, r, "PI"); });
  for (std::size_t r = 0; r < pid.repetitionCount(2); ++r) ids.push(identifierFromCx(ctx, pid.repetition(2, r), "PT"));
  for (std::size_t r = 0; r < pid.repetitionCount(4); ++r) ids.push(identifierFromCx(ctx, pid.repetition(4, r), "PI"));
  if (!pid.text(19).empty()) {
    Repetition ssn = pid.repetition(19);
    if (ssn.components.size() < 5) ssn.components.resize(5);
    ssn.components[4].subcomponents = {Subcomponent{"SS", false}};
    ids.push(identifierFromCx(ctx, ssn, "SS"));
  }
  // The patient's identifiers are what the message is about: without one, nothing can be stored.
  if (ids.size() == 0)
    throw gw::sdk::Error(GW_ERR_INVALID, "PID-3: the patient has no identifier (PID-2, PID-3, PID-4 and PID-19 are empty)",
                         "PID-3");
  std::string conditional = conditionalUrlFor(ids);
  patient.set("identifier", ids);
  patient.set("name", eachRepetition(pid, 5, [](const Repetition& r) { return humanName(r); }));
  patient.set("telecom", telecomOf(pid, 13, 14));
  patient.set("gender", administrativeGender(ctx, pid, 8));
  patient.set("birthDate", dateOf(ctx, pid, 7));
  // deceased[x] is a choice: the time of death when sent, else the indicator.
  std::string deceased = dateTimeOf(ctx, pid, 29);
  if (!deceased.empty()) patient.set("deceasedDateTime", deceased);
  else if (pid.text(30) == "Y") patient.set("deceasedBoolean", Json::boolean(true));
  patient.set("address", eachRepetition(pid, 11, [](const Repetition& r) { return address(r); }));
  const std::string marital = tableCode(ctx, pid, 16, table::kMaritalStatus);
  if (!marital.empty())
    patient.set("maritalStatus",
                codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0002", marital, pid.text(16, 2)));
  if (!pid.text(6).empty()) {
    Json ext = Json::object();
    ext.set("url", "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName");
    ext.set("valueString", pid.text(6));
    patient.append("extension", ext);
  }
  patient.set("managingOrganization", referenceTo(addHospital(ctx)));
  // A29 deletes the person's information: the record stays, marked no longer in use.
  if (ctx.event == "ADT^A29") patient.set("active", Json::boolean(false));

  ctx.patientKey = "Patient/" + std::to_string(++ctx.patientCount);
  ctx.patientUrl = ctx.bundle.add(ctx.patientKey, std::move(patient), conditional);
  ctx.encounterUrl.clear();
  ctx.encounterKey.clear();
  ctx.visitCount = 0;
}

void mapPd1(MappingContext& ctx, const Segment& pd1) {
  Json* patient = ctx.bundle.find(ctx.patientKey);
  if (!patient) return;
  for (std::size_t r = 0; r < pd1.repetitionCount(4); ++r) {
    std::string gp = practitionerFromXcn(ctx, pd1.repetition(4, r));
    if (!gp.empty()) patient->append("generalPractitioner", referenceTo(gp));
  }
}

void mapNk1(MappingContext& ctx, const Segment& nk1) {
  Json* patient = ctx.bundle.find(ctx.patientKey);
  if (!patient) return;
  Json contact = Json::object();
  if (!nk1.text(3).empty()) {
    Json relationship = Json::array();
    Repetition rel = nk1.repetition(3);
    Json cc = codeableConcept(ctx, rel);
    if (rel.text(3).empty()) cc = codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0063", rel.text(1), rel.text(2));
    relationship.push(cc);
    contact.set("relationship", relationship);
  }
  contact.set("name", humanName(nk1.repetition(2)));
  contact.set("telecom", telecomOf(nk1, 5, 6));
  contact.set("address", address(nk1.repetition(4)));
  if (contact.get("name") || contact.get("telecom") || contact.get("address")) patient->append("contact", contact);
}

void mapMrg(MappingContext& ctx, const Segment& mrg) {
  Json* patient = ctx.bundle.find(ctx.patientKey);
  if (!patient || !isPatientMerge(ctx.event)) return;
  Json old = Json::object();
  old.set("resourceType", "Patient");
  Json ids = eachRepetition(mrg, 1, [&](const Repetition& r) { return identifierFromCx(ctx, r, "PI"); });
  if (ids.isEmpty()) return;
  std::string conditional = conditionalUrlFor(ids);
  // An account or visit merge (A41, A42) names the surviving patient again: nobody is merged away.
  if (conditional == conditionalUrlFor(*patient->get("identifier"))) return;
  old.set("identifier", ids);
  old.set("active", Json::boolean(false));
  old.append("link", link(ctx.patientUrl, "replaced-by"));
  std::string oldUrl = ctx.bundle.add(ctx.nextKey("Patient/merged"), std::move(old), conditional);
  ctx.bundle.find(ctx.patientKey)->append("link", link(oldUrl, "replaces"));
}

void linkPatients(MappingContext& ctx) {
  // A24 links the two PIDs' records as the same person; A37 unlinks them, which the PUT of each record
  // without a link already does.
  if (ctx.event != "ADT^A24" || ctx.patientCount < 2) return;
  Json* first = ctx.bundle.find("Patient/1");
  Json* second = ctx.bundle.find("Patient/2");
  if (!first || !second) return;
  const std::string firstUrl = ctx.bundle.add("Patient/1", Json()), secondUrl = ctx.bundle.add("Patient/2", Json());
  first->append("link", link(secondUrl, "seealso"));
  second->append("link", link(firstUrl, "seealso"));
}

}  // namespace gw::hl7v2
