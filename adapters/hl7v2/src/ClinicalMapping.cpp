// ClinicalMapping.cpp: OBX to Observation (by value type), DG1 to Condition, PR1 to Procedure
// (HL7 v2-to-FHIR OBX[Observation], DG1[Condition], PR1[Procedure]).
//
// ED values become a DocumentReference whose attachment carries the data (R4 Observation has no
// attachment value); the Observation points to it through derivedFrom.
#include "CodeTables.hpp"
#include "Datatypes.hpp"
#include "EncapsulatedData.hpp"
#include "SegmentMappers.hpp"

#include <gw/plugin.hpp>

namespace gw::hl7v2 {

namespace {

std::string observationStatus(const std::string& code) {
  if (code == "F") return "final";
  if (code == "C") return "corrected";
  if (code == "P") return "preliminary";
  if (code == "X") return "cancelled";
  if (code == "W" || code == "D") return "entered-in-error";
  if (code == "R" || code == "I" || code == "S" || code == "O") return "registered";
  if (code == "A") return "amended";
  return "unknown";
}

void setSubjectAndEncounter(const MappingContext& ctx, Json& resource) {
  if (!ctx.patientUrl.empty()) resource.set("subject", referenceTo(ctx.patientUrl));
  if (!ctx.encounterUrl.empty()) resource.set("encounter", referenceTo(ctx.encounterUrl));
}

void setValue(MappingContext& ctx, Json& observation, const Segment& obx) {
  const std::string where = "OBX-5";
  const Repetition& value = obx.repetition(5);
  if (value.isEmpty()) return;
  const std::string type = obx.text(2).empty() ? "" : tableCode(ctx, obx, 2, table::kValueType);
  if (!obx.text(2).empty() && type.empty()) return;  // a value of unknown type is left out (reported)
  bool plainStructuredNumber = type == "SN" && value.text(1).empty() && value.text(3).empty();
  if (type == "NM" || plainStructuredNumber) {
    const std::string& number = type == "NM" ? value.text(1) : value.text(2);
    Json quantity = Json::object();
    quantity.set("value", Json::number(decimal(number, where)));
    const Repetition& units = obx.repetition(6);
    quantity.set("unit", units.text(2).empty() ? units.text(1) : units.text(2));
    // Only UCUM units are coded (system + code); any other unit is kept as display text.
    const std::string& unitSystem = units.text(3);
    if (!units.text(1).empty() && (unitSystem == "UCUM" || unitSystem == "ISO+" || unitSystem == "ANSI+")) {
      quantity.set("system", "http://unitsofmeasure.org");
      quantity.set("code", units.text(1));
    }
    observation.set("valueQuantity", quantity);
  } else if (type == "CE" || type == "CWE" || type == "CNE" || type == "CF") {
    observation.set("valueCodeableConcept", codeableConcept(ctx, value));
  } else if (type == "DT" || type == "TS" || type == "DTM") {
    observation.set("valueDateTime", dateTimeOfText(ctx, value.text(1), where));
  } else if (type == "ED") {
    if (value.text(5).empty()) {  // an ED without data (ED.5) has nothing to attach: the value is not an ED
      ctx.issues.defect(where, "value", "OBX-5: the value of type ED has no data (ED.5)", value.text(1));
      return;
    }
    Json doc = Json::object();
    doc.set("resourceType", "DocumentReference");
    doc.set("status", "current");
    doc.set("type", codeableConcept(ctx, obx.repetition(3)));
    if (!ctx.patientUrl.empty()) doc.set("subject", referenceTo(ctx.patientUrl));
    if (!ctx.encounterUrl.empty()) {  // R4 DocumentReference has the encounter under context
      Json context = Json::object();
      context.append("encounter", referenceTo(ctx.encounterUrl));
      doc.set("context", context);
    }
    Json attachment = Json::object();
    attachment.set("contentType", mediaType(value));
    attachment.set("data", edData(value, where));
    Json content = Json::object();
    content.set("attachment", attachment);
    doc.append("content", content);
    std::string url = ctx.bundle.add(ctx.nextKey("DocumentReference"), std::move(doc));
    observation.append("derivedFrom", referenceTo(url));
  } else {
    // ST, TX, FT and every other type: the text, repetitions on separate lines, formatting
    // escapes (\.br\) kept as sent.
    observation.set("valueString", textLines(obx, 5));
  }
}

}  // namespace

void mapObx(MappingContext& ctx, const Segment& obx, const Segment* obr) {
  bool valued = false;
  for (const auto& f : obx.fields) valued = valued || !f.isEmpty();
  if (!valued) return;  // results may come without a patient (the ORU PATIENT group is optional)
  // Observation.code is required and OBX-3 is what the result is: without it the result is left out.
  Json code = codeableConcept(ctx, obx.repetition(3));
  if (code.isEmpty()) {
    ctx.issues.defect("OBX-3", "required", "OBX-3: the observation identifier is missing: the OBX is left out");
    return;
  }
  Json observation = Json::object();
  observation.set("resourceType", "Observation");
  observation.set("status", observationStatus(obx.text(11)));
  observation.set("code", code);
  setSubjectAndEncounter(ctx, observation);
  std::string effective = dateTimeOf(ctx, obx, 14);
  if (effective.empty() && obr) effective = dateTimeOf(ctx, *obr, 7);
  observation.set("effectiveDateTime", effective);
  for (std::size_t r = 0; r < obx.repetitionCount(16); ++r) {
    std::string url = practitionerFromXcn(ctx, obx.repetition(16, r));
    if (!url.empty()) observation.append("performer", referenceTo(url));
  }
  setValue(ctx, observation, obx);
  for (std::size_t r = 0; r < obx.repetitionCount(8); ++r) {
    const Repetition& flag = obx.repetition(8, r);
    observation.append("interpretation",
                       codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0078", flag.text(1), flag.text(2)));
  }
  if (!obx.text(7).empty()) {
    Json range = Json::object();
    range.set("text", obx.text(7));
    observation.append("referenceRange", range);
  }
  std::string url = ctx.bundle.add(ctx.nextKey("Observation"), std::move(observation));
  if (Json* report = ctx.bundle.find(ctx.reportKey)) report->append("result", referenceTo(url));
}

namespace {

// AL1 and IAM share fields 2 to 5 (type, allergen, severity, reactions); the onset is AL1-6 or IAM-11.
void mapAllergy(MappingContext& ctx, const Segment& al1, int onsetField, Json identifier, bool deleted) {
  if (ctx.patientUrl.empty()) return;
  Json code = codeableConcept(ctx, al1.repetition(3));
  if (code.isEmpty()) return;
  Json allergy = Json::object();
  allergy.set("resourceType", "AllergyIntolerance");
  std::string conditional;
  if (!identifier.isEmpty()) {
    conditional = "AllergyIntolerance?identifier=" + encodeQueryValue(identifier.get("system")->text()) + "|" +
                  encodeQueryValue(identifier.get("value")->text());
    allergy.append("identifier", std::move(identifier));
  }
  // A deleted allergy (IAM-6 D) was recorded in error; FHIR then forbids a clinical status (ait-2).
  if (deleted)
    allergy.set("verificationStatus",
                codeableConceptOf("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                                  "entered-in-error", "Entered in Error"));
  else
    allergy.set("clinicalStatus", codeableConceptOf("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                                                    "active", "Active"));
  // Table 0127 allergen type to the FHIR category.
  const std::string& type = al1.text(2);
  std::string category = type == "DA" ? "medication" : type == "FA" ? "food" : type == "EA" ? "environment" : "";
  if (!category.empty()) allergy.set("category", Json::array().push(Json::string(category)));
  // Table 0128 severity to criticality.
  const std::string& severity = al1.text(4);
  if (severity == "SV") allergy.set("criticality", "high");
  else if (severity == "MI" || severity == "MO") allergy.set("criticality", "low");
  allergy.set("code", code);
  allergy.set("patient", referenceTo(ctx.patientUrl));
  if (!ctx.encounterUrl.empty()) allergy.set("encounter", referenceTo(ctx.encounterUrl));
  allergy.set("onsetDateTime", dateTimeOf(ctx, al1, onsetField));
  Json manifestations = Json::array();
  for (std::size_t r = 0; r < al1.repetitionCount(5); ++r) {
    Json m = Json::object();
    m.set("text", al1.repetition(5, r).text(1));
    manifestations.push(m);
  }
  if (!manifestations.isEmpty()) {
    Json reaction = Json::object();
    reaction.set("manifestation", manifestations);
    allergy.append("reaction", reaction);
  }
  ctx.bundle.add(ctx.nextKey("AllergyIntolerance"), std::move(allergy), conditional);
}

}  // namespace

void mapAl1(MappingContext& ctx, const Segment& al1) { mapAllergy(ctx, al1, 6, Json(), false); }

void mapIam(MappingContext& ctx, const Segment& iam) {
  mapAllergy(ctx, iam, 11, identifierFromEi(ctx, iam.repetition(7), "allergy"), iam.text(6) == "D");
}

void mapDg1(MappingContext& ctx, const Segment& dg1) {
  if (ctx.patientUrl.empty()) return;
  Json code = codeableConcept(ctx, dg1.repetition(3));
  if (code.isEmpty() && !dg1.text(4).empty()) code.set("text", dg1.text(4));
  if (code.isEmpty()) return;
  Json condition = Json::object();
  condition.set("resourceType", "Condition");
  Json categories = Json::array();
  categories.push(codeableConceptOf("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis",
                                    "Encounter Diagnosis"));
  condition.set("category", categories);
  condition.set("code", code);
  setSubjectAndEncounter(ctx, condition);
  condition.set("onsetDateTime", dateTimeOf(ctx, dg1, 5));
  condition.set("recordedDate", dateTimeOf(ctx, dg1, 19));
  std::string url = ctx.bundle.add(ctx.nextKey("Condition"), std::move(condition));
  if (Json* encounter = ctx.bundle.find(ctx.encounterKey)) {
    Json diagnosis = Json::object();
    diagnosis.set("condition", referenceTo(url));
    if (!dg1.text(6).empty())
      diagnosis.set("use", codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0052", dg1.text(6)));
    std::string rank = positiveInt(dg1.text(15));
    if (!rank.empty()) diagnosis.set("rank", Json::number(rank));
    encounter->append("diagnosis", diagnosis);
  }
}

void mapPr1(MappingContext& ctx, const Segment& pr1) {
  if (ctx.patientUrl.empty()) return;
  Json code = codeableConcept(ctx, pr1.repetition(3));
  if (code.isEmpty() && !pr1.text(4).empty()) code.set("text", pr1.text(4));
  if (code.isEmpty()) return;
  Json procedure = Json::object();
  procedure.set("resourceType", "Procedure");
  procedure.set("status", "completed");
  procedure.set("code", code);
  setSubjectAndEncounter(ctx, procedure);
  procedure.set("performedDateTime", dateTimeOf(ctx, pr1, 5));
  for (int field : {11, 12, 8}) {
    for (std::size_t r = 0; r < pr1.repetitionCount(field); ++r) {
      std::string url = practitionerFromXcn(ctx, pr1.repetition(field, r));
      if (url.empty()) continue;
      Json performer = Json::object();
      performer.set("actor", referenceTo(url));
      procedure.append("performer", performer);
    }
  }
  ctx.bundle.add(ctx.nextKey("Procedure"), std::move(procedure));
}

}  // namespace gw::hl7v2
