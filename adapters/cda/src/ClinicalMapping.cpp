// ClinicalMapping.cpp: the clinical entries of a CDA body: diagnoses (WS/T 500 诊断代码 / 中医病名 /
// 中医证候 data elements, C-CDA problem observations) as Condition, procedures as Procedure,
// measured values (PQ: lab results, vital signs) as Observation, medications (substanceAdministration:
// 西药处方, C-CDA medication activities) as MedicationRequest.
#include "MappingContext.hpp"

#include <algorithm>

namespace gw::cda {

namespace {

using kit::referenceTo;

const char* const kDataElements = "2.16.156.10011.2.2.1";

bool hasTemplate(Node n, const char* root) {
  for (Node t : children(n, "templateId"))
    if (attr(t, "root") == root) return true;
  return false;
}

bool insideTemplate(Node n, const char* root) {
  for (Node p = n; p && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (hasTemplate(p, root)) return true;
  return false;
}

std::string elementCode(Node observation) { return attr(child(observation, "code"), "code"); }

// The value of the observation coded `code` among the components of the same organizer.
Node siblingValue(Node observation, const char* code) {
  Node organizer = ancestor(observation, "organizer");
  for (Node o : descendants(organizer, "observation"))
    if (elementCode(o) == code) return child(o, "value");
  return nullptr;
}

std::string timeOf(Node n) {
  Node t = child(n, "effectiveTime");
  std::string v = attr(t, "value");
  return v.empty() ? attr(child(t, "low"), "value") : v;
}

Json categoryOf(const char* system, const char* code, const std::string& text) {
  Json coding = Json::object();
  coding.set("system", system);
  coding.set("code", code);
  Json category = Json::object();
  category.append("coding", coding);
  category.set("text", text);
  return category;
}

std::string addCondition(MappingContext& c, Json code, Json category, const std::string& onset, Node statusHigh) {
  Json condition = Json::object();
  condition.set("resourceType", "Condition");
  // FHIR wants a clinical status on problem-list items (con-3): resolved once the problem has an end.
  const bool problemList = category.get("coding") && category.get("coding")->items().front().get("code")->text() == "problem-list-item";
  if (problemList)
    condition.set("clinicalStatus", categoryOf("http://terminology.hl7.org/CodeSystem/condition-clinical",
                                               statusHigh ? "resolved" : "active", ""));
  condition.append("category", category);
  condition.set("code", code);
  condition.set("subject", referenceTo(c.patientUrl));
  if (!c.encounterUrl.empty()) condition.set("encounter", referenceTo(c.encounterUrl));
  condition.set("onsetDateTime", c.dateTime(onset, "problem observation effectiveTime"));
  return c.bundle.add(c.nextKey("Condition"), condition);
}

// Lists a diagnosis on the Encounter (claims take the encounter's list, in its order, before other
// conditions): 出院诊断 is the discharge diagnosis (DD), 门（急）诊诊断 on the front page the admitting
// one (AD), and 主要诊断 has rank 1.
void listOnEncounter(MappingContext& c, const std::string& conditionUrl, const std::string& role) {
  Json* encounter = c.bundle.find("Encounter");
  if (!encounter) return;
  Json diagnosis = Json::object();
  diagnosis.set("condition", referenceTo(conditionUrl));
  const char* use = role.rfind("出院诊断", 0) == 0 ? "DD" : role.rfind("门（急）诊诊断", 0) == 0 ? "AD" : nullptr;
  if (use) {
    Json coding = Json::object();
    coding.set("system", "http://terminology.hl7.org/CodeSystem/diagnosis-role");
    coding.set("code", use);
    Json concept = Json::object();
    concept.append("coding", coding);
    diagnosis.set("use", concept);
  }
  if (role.find("主要诊断") != std::string::npos) diagnosis.set("rank", Json::number("1"));
  encounter->append("diagnosis", diagnosis);
}

// WS/T 500: a coded diagnosis data element; the name, when sent, is its organizer sibling.
void mapWsT500Diagnoses(MappingContext& c) {
  struct Kind {
    const char* codeElement;
    const char* nameElement;
  };
  const Kind kinds[] = {{"DE05.01.024.00", "DE05.01.025.00"},   // 诊断代码 / 诊断名称 (ICD-10)
                        {"DE05.10.130.00", "DE05.10.172.00"}};  // 中医病名/证候代码 / 名称 (GB/T 15657)
  std::vector<std::pair<std::string, std::string>> listed;  // Condition fullUrl, data element name
  for (Node o : descendants(c.kind.root, "observation")) {
    Node codeNode = child(o, "code");
    if (attr(codeNode, "codeSystem") != kDataElements) continue;
    for (const Kind& k : kinds) {
      if (attr(codeNode, "code") != k.codeElement) continue;
      Node value = child(o, "value");
      Json code = Json::object();
      code.append("coding", c.coding(value));
      if (!code.get("coding")) continue;
      std::string name = text(siblingValue(o, k.nameElement));
      if (isPlaceholder(name)) name.clear();
      code.set("text", name.empty() ? displayName(value) : name);
      std::string role = displayName(codeNode);  // 出院诊断-主要诊断疾病编码, 中医证候代码…
      std::string url = addCondition(
          c, code, categoryOf("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", role),
          timeOf(o), nullptr);
      listed.emplace_back(url, role);
    }
  }
  std::stable_partition(listed.begin(), listed.end(),
                        [](const auto& d) { return d.second.find("主要诊断") != std::string::npos; });
  for (const auto& [url, role] : listed) listOnEncounter(c, url, role);
}

// C-CDA Problem Observation (2.16.840.1.113883.10.20.22.4.4): the problem is the value (CD).
void mapCcdaProblems(MappingContext& c) {
  for (Node o : descendants(c.kind.root, "observation")) {
    if (!hasTemplate(o, "2.16.840.1.113883.10.20.22.4.4") || attr(o, "negationInd") == "true") continue;
    Json code = c.concept(child(o, "value"));
    if (code.isEmpty()) continue;
    bool diagnosis = insideTemplate(o, "2.16.840.1.113883.10.20.22.4.80") ||  // encounter diagnosis
                     insideTemplate(o, "2.16.840.1.113883.10.20.22.4.33") ||  // hospital discharge diagnosis
                     insideTemplate(o, "2.16.840.1.113883.10.20.22.4.34");    // hospital admission diagnosis
    Json category = diagnosis ? categoryOf("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", "")
                              : categoryOf("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "");
    Node high = path(o, {"effectiveTime", "high"});
    addCondition(c, code, category, timeOf(o), attr(high, "value").empty() ? nullptr : high);
  }
}

void mapProcedures(MappingContext& c) {
  for (Node p : descendants(c.kind.root, "procedure")) {
    std::string mood = attr(p, "moodCode");
    if (!mood.empty() && mood != "EVN") continue;  // planned procedures are not history
    Json code = c.concept(child(p, "code"));
    std::string name;
    for (Node rel : children(p, "entryRelationship"))
      if (elementCode(child(rel, "observation")) == "DE06.00.094.00") name = text(child(child(rel, "observation"), "value"));
    if (!name.empty() && !isPlaceholder(name)) code.set("text", name);
    if (code.isEmpty()) continue;
    Json procedure = Json::object();
    procedure.set("resourceType", "Procedure");
    std::string status = attr(child(p, "statusCode"), "code");
    procedure.set("status", status == "active" ? "in-progress" : status == "cancelled" ? "not-done" : "completed");
    procedure.set("code", code);
    procedure.set("subject", referenceTo(c.patientUrl));
    if (!c.encounterUrl.empty()) procedure.set("encounter", referenceTo(c.encounterUrl));
    procedure.set("performedDateTime", c.dateTime(timeOf(p), "procedure effectiveTime"));
    for (Node perf : children(p, "performer")) {
      Json actor = c.practitioner(child(perf, "assignedEntity"));
      if (actor.isEmpty()) continue;
      Json performer = Json::object();
      Json function = Json::object();
      function.set("text", displayName(path(perf, {"assignedEntity", "code"})));  // 术者, 第一助手…
      performer.set("function", function);
      performer.set("actor", actor);
      procedure.append("performer", performer);
    }
    c.bundle.add(c.nextKey("Procedure"), procedure);
  }
}

void mapMeasurements(MappingContext& c) {
  for (Node o : descendants(c.kind.root, "observation")) {
    Node value = child(o, "value");
    if (xsiType(value) != "PQ" || ancestor(o, "substanceAdministration") || ancestor(o, "procedure")) continue;
    Json quantity = c.quantity(value);
    Json code = c.concept(child(o, "code"));
    if (quantity.isEmpty() || code.isEmpty()) continue;
    Json observation = Json::object();
    observation.set("resourceType", "Observation");
    observation.set("status", "final");
    if (insideTemplate(o, "2.16.840.1.113883.10.20.22.4.1"))
      observation.append("category", categoryOf("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", ""));
    else if (hasTemplate(o, "2.16.840.1.113883.10.20.22.4.27"))
      observation.append("category", categoryOf("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", ""));
    observation.set("code", code);
    observation.set("subject", referenceTo(c.patientUrl));
    if (!c.encounterUrl.empty()) observation.set("encounter", referenceTo(c.encounterUrl));
    observation.set("effectiveDateTime", c.dateTime(timeOf(o), "observation effectiveTime"));
    observation.set("valueQuantity", quantity);
    Node range = path(o, {"referenceRange", "observationRange", "value"});
    Json low = c.quantity(child(range, "low")), high = c.quantity(child(range, "high"));
    if (!low.isEmpty() || !high.isEmpty()) {
      Json rr = Json::object();
      rr.set("low", low);
      rr.set("high", high);
      observation.append("referenceRange", rr);
    }
    c.bundle.add(c.nextKey("Observation"), observation);
  }
}

Json timing(Node administration) {
  Json repeat = Json::object();
  for (Node t : children(administration, "effectiveTime")) {
    if (xsiType(t) != "PIVL_TS") continue;
    Node period = child(t, "period");
    std::string value = MappingContext::decimal(attr(period, "value")), unit = attr(period, "unit");
    static const char* const units[] = {"s", "min", "h", "d", "wk", "mo", "a"};
    for (const char* u : units)
      if (unit == u && !value.empty()) {
        repeat.set("frequency", Json::number("1"));
        repeat.set("period", Json::number(value));
        repeat.set("periodUnit", unit);
      }
  }
  // WS/T 500 sends 用药频率 as rateQuantity in 次/日 (times a day).
  Node rate = child(administration, "rateQuantity");
  std::string times = attr(rate, "value");
  if (attr(rate, "unit") == "次/日" && !times.empty() && times.find_first_not_of("0123456789") == std::string::npos && times != "0") {
    repeat.set("frequency", Json::number(std::to_string(std::stoi(times))));
    repeat.set("period", Json::number("1"));
    repeat.set("periodUnit", "d");
  }
  Json out = Json::object();
  out.set("repeat", repeat);
  return out;
}

void mapMedications(MappingContext& c) {
  Json prescriptionNumber;
  for (const V3Id& id : ids(path(c.kind.root, {"recordTarget", "patientRole"})))
    if (OidSystems::role(id.root) == IdRole::Prescription) prescriptionNumber = c.identifier(id);
  for (Node sa : descendants(c.kind.root, "substanceAdministration")) {
    if (ancestor(sa, "substanceAdministration")) continue;  // nested ones are instructions of the outer
    // C-CDA: only Medication Activities; immunizations are substanceAdministrations too.
    if (c.kind.family == Family::CcdaDocument && !hasTemplate(sa, "2.16.840.1.113883.10.20.22.4.16")) continue;
    Node product = path(sa, {"consumable", "manufacturedProduct"});
    Node material = child(product, "manufacturedMaterial");
    if (!material) material = child(product, "manufacturedLabeledDrug");
    Json medication = c.concept(child(material, "code"));
    std::string name = text(child(material, "name"));
    if (!name.empty() && !medication.get("text")) medication.set("text", name);
    if (medication.isEmpty()) continue;
    Json request = Json::object();
    request.set("resourceType", "MedicationRequest");
    request.set("groupIdentifier", prescriptionNumber);
    std::string status = attr(child(sa, "statusCode"), "code");
    request.set("status", status == "completed" ? "completed" : status == "aborted" ? "stopped" : status == "cancelled" ? "cancelled" : "active");
    request.set("intent", "order");
    request.set("medicationCodeableConcept", medication);
    request.set("subject", referenceTo(c.patientUrl));
    if (!c.encounterUrl.empty()) request.set("encounter", referenceTo(c.encounterUrl));
    Json dosage = Json::object();
    dosage.set("timing", timing(sa));
    dosage.set("route", c.concept(child(sa, "routeCode")));
    Json dose = c.quantity(child(sa, "doseQuantity"));
    if (dose.isEmpty()) dose = c.quantity(path(sa, {"doseQuantity", "low"}));
    if (!dose.isEmpty()) {
      Json doseAndRate = Json::object();
      doseAndRate.set("doseQuantity", dose);
      dosage.append("doseAndRate", doseAndRate);
    }
    request.append("dosageInstruction", dosage);
    for (Node rel : children(sa, "entryRelationship")) {
      Node o = child(rel, "observation");
      if (elementCode(o) == "DE06.00.135.00") {  // 药物使用总剂量
        Json dispense = Json::object();
        dispense.set("quantity", c.quantity(child(o, "value")));
        request.set("dispenseRequest", dispense);
      }
    }
    c.bundle.add(c.nextKey("MedicationRequest"), request);
  }
}

}  // namespace

void mapClinicalEntries(MappingContext& c) {
  if (c.kind.family == Family::WsT500Document) mapWsT500Diagnoses(c);
  else mapCcdaProblems(c);
  mapProcedures(c);
  mapMeasurements(c);
  mapMedications(c);
}

}  // namespace gw::cda
