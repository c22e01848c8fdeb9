// ClinicalMapping.cpp: OBX to Observation (by value type), DG1 to Condition, PR1 to Procedure
// (HL7 v2-to-FHIR OBX[Observation], DG1[Condition], PR1[Procedure]).
//
// ED values become a DocumentReference whose attachment carries the data (R4 Observation has no
// attachment value); the Observation points to it through derivedFrom.
#include "Datatypes.hpp"
#include "SegmentMappers.hpp"

#include <gw/kit/Text.hpp>
#include <gw/plugin.hpp>

#include <cctype>
#include <regex>

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

// ED.2 (table 0191 type of data) and ED.3 (subtype) as a MIME type.
std::string mediaType(const Repetition& ed) {
  static const std::pair<const char*, const char*> types[] = {
      {"ap", "application"}, {"application", "application"}, {"im", "image"}, {"image", "image"},
      {"au", "audio"},       {"audio", "audio"},             {"tx", "text"},  {"text", "text"}};
  std::string type = lower(ed.text(2)), subtype = lower(ed.text(3));
  static const std::regex token("[a-z0-9][a-z0-9.+-]*");
  for (const auto& t : types)
    if (type == t.first && std::regex_match(subtype, token)) return std::string(t.second) + "/" + subtype;
  return "application/octet-stream";
}

// The attachment data of an ED value: Base64 as sent (whitespace dropped), anything else encoded.
std::string edData(const Repetition& ed, const std::string& where) {
  std::string data = ed.text(5);
  // Some engines (InterSystems) carry XML in ER7 as a literal CDATA section; in the XML encoding
  // the same value is the CDATA's content. Unwrapped, both twins give the same attachment.
  static const std::string open = "<![CDATA[", close = "]]>";
  if (data.size() >= open.size() + close.size() && data.compare(0, open.size(), open) == 0 &&
      data.compare(data.size() - close.size(), close.size(), close) == 0)
    data = data.substr(open.size(), data.size() - open.size() - close.size());
  if (lower(ed.text(4)) != "base64") return kit::base64Encoded(data);
  std::string out;
  for (char c : data) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && c != '=')
      throw gw::sdk::Error(GW_ERR_INVALID, where + ": ED data is not valid Base64", where);
    out += c;
  }
  return out;
}

void setSubjectAndEncounter(const MappingContext& ctx, Json& resource) {
  if (!ctx.patientUrl.empty()) resource.set("subject", referenceTo(ctx.patientUrl));
  if (!ctx.encounterUrl.empty()) resource.set("encounter", referenceTo(ctx.encounterUrl));
}

void setValue(MappingContext& ctx, Json& observation, const Segment& obx) {
  const std::string type = obx.text(2);
  const std::string where = "OBX-5";
  const Repetition& value = obx.repetition(5);
  if (value.isEmpty()) return;
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
    if (value.text(5).empty()) return;  // an ED without data has nothing to attach
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
    std::string text;
    for (std::size_t r = 0; r < obx.repetitionCount(5); ++r) {
      const Repetition& rep = obx.repetition(5, r);
      std::string part;
      for (std::size_t c = 1; c <= rep.components.size(); ++c) {
        const std::string& t = rep.text(static_cast<int>(c));
        if (!t.empty()) part += (part.empty() ? "" : " ") + t;
      }
      if (!part.empty()) text += (text.empty() ? "" : "\n") + part;
    }
    observation.set("valueString", text);
  }
}

}  // namespace

void mapObx(MappingContext& ctx, const Segment& obx, const Segment* obr) {
  bool valued = false;
  for (const auto& f : obx.fields) valued = valued || !f.isEmpty();
  if (!valued) return;  // results may come without a patient (the ORU PATIENT group is optional)
  Json observation = Json::object();
  observation.set("resourceType", "Observation");
  observation.set("status", observationStatus(obx.text(11)));
  Json code = codeableConcept(ctx, obx.repetition(3));
  if (code.isEmpty()) code.set("text", "observation without OBX-3 code");
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

void mapAl1(MappingContext& ctx, const Segment& al1) {
  if (ctx.patientUrl.empty()) return;
  Json code = codeableConcept(ctx, al1.repetition(3));
  if (code.isEmpty()) return;
  Json allergy = Json::object();
  allergy.set("resourceType", "AllergyIntolerance");
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
  allergy.set("onsetDateTime", dateTimeOf(ctx, al1, 6));
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
  ctx.bundle.add(ctx.nextKey("AllergyIntolerance"), std::move(allergy));
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
