// PatientMapping.cpp: PID, PD1, NK1 and MRG to Patient (HL7 v2-to-FHIR segment maps PID[Patient],
// PD1[Patient], NK1[Patient], MRG for ADT^A40 merges).
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
  patient.set("gender", administrativeGender(pid.text(8)));
  patient.set("birthDate", dateOf(ctx, pid, 7));
  // deceased[x] is a choice: the time of death when sent, else the indicator.
  std::string deceased = dateTimeOf(ctx, pid, 29);
  if (!deceased.empty()) patient.set("deceasedDateTime", deceased);
  else if (pid.text(30) == "Y") patient.set("deceasedBoolean", Json::boolean(true));
  patient.set("address", eachRepetition(pid, 11, [](const Repetition& r) { return address(r); }));
  if (!pid.text(16).empty()) {
    const Repetition& marital = pid.repetition(16);
    patient.set("maritalStatus",
                codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0002", marital.text(1), marital.text(2)));
  }
  if (!pid.text(6).empty()) {
    Json ext = Json::object();
    ext.set("url", "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName");
    ext.set("valueString", pid.text(6));
    patient.append("extension", ext);
  }
  patient.set("managingOrganization", referenceTo(addHospital(ctx)));

  ctx.patientKey = "Patient/" + std::to_string(++ctx.patientCount);
  ctx.patientUrl = ctx.bundle.add(ctx.patientKey, std::move(patient), conditional);
  ctx.encounterUrl.clear();
  ctx.encounterKey.clear();
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
  if (!patient) return;
  Json old = Json::object();
  old.set("resourceType", "Patient");
  Json ids = eachRepetition(mrg, 1, [&](const Repetition& r) { return identifierFromCx(ctx, r, "PI"); });
  if (ids.isEmpty()) return;
  std::string conditional = conditionalUrlFor(ids);
  old.set("identifier", ids);
  old.set("active", Json::boolean(false));
  Json replacedBy = Json::object();
  replacedBy.set("other", referenceTo(ctx.patientUrl));
  replacedBy.set("type", "replaced-by");
  old.append("link", replacedBy);
  std::string oldUrl = ctx.bundle.add(ctx.nextKey("Patient/merged"), std::move(old), conditional);
  Json replaces = Json::object();
  replaces.set("other", referenceTo(oldUrl));
  replaces.set("type", "replaces");
  ctx.bundle.find(ctx.patientKey)->append("link", replaces);
}

}  // namespace gw::hl7v2
