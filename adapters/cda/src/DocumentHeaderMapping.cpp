// DocumentHeaderMapping.cpp: the CDA header of a WS/T 500 or C-CDA document: the Patient
// (recordTarget), the Encounter (门急诊号 / 住院号 on patientRole, componentOf/encompassingEncounter),
// the doctors (author, legal and other authenticators, encounter participants) as Practitioners,
// and a Composition plus a DocumentReference that keeps the original bytes.
#include "MappingContext.hpp"

#include <gw/kit/Text.hpp>
#include <gw/plugin.hpp>

namespace gw::cda {

namespace {

// The `_element` of a required primitive that has no usable value: why it is absent (FHIR data-absent-reason).
Json dataAbsent(const std::string& reason) {
  Json extension = Json::object();
  extension.set("url", "http://hl7.org/fhir/StructureDefinition/data-absent-reason");
  extension.set("valueCode", reason);
  Json element = Json::object();
  element.append("extension", std::move(extension));
  return element;
}

using kit::referenceTo;

Json participant(const Json& individual, const std::string& typeCode, const std::string& role) {
  Json p = Json::object();
  Json type = Json::object();
  if (!typeCode.empty()) {
    Json coding = Json::object();
    coding.set("system", "http://terminology.hl7.org/CodeSystem/v3-ParticipationType");
    coding.set("code", typeCode);
    type.append("coding", coding);
  }
  type.set("text", role);  // the Chinese role as the document names it (主治医师, 科主任…)
  p.append("type", type);
  p.set("individual", individual);
  return p;
}

// The departments and wards of a healthCareFacility, innermost last, as display+identifier references.
void addLocations(MappingContext& c, Json& encounter, Node facility) {
  std::vector<Node> orgs = descendants(facility, "wholeOrganization");
  for (Node o : descendants(facility, "serviceProviderOrganization")) orgs.push_back(o);
  orgs.push_back(facility);
  for (Node org : orgs) {
    for (const V3Id& id : ids(org)) {
      IdRole role = OidSystems::role(id.root);
      if (role != IdRole::Department && role != IdRole::Ward) continue;
      Json identifier = c.identifier(id);
      std::string name = text(child(org, "name"));
      if (identifier.isEmpty() && isPlaceholder(name)) continue;
      Json ref = Json::object();
      ref.set("identifier", identifier);
      if (!isPlaceholder(name)) ref.set("display", name);
      Json location = Json::object();
      location.set("location", ref);
      encounter.append("location", location);
    }
  }
}

void mapEncounter(MappingContext& c, Node patientRole) {
  Node encompassing = path(c.kind.root, {"componentOf", "encompassingEncounter"});
  Json encounter = Json::object();
  encounter.set("resourceType", "Encounter");
  Json key;
  std::string actClass;
  auto addId = [&](const V3Id& id) {
    Json identifier = c.identifier(id);
    if (identifier.isEmpty()) return;
    if (key.isEmpty()) key = identifier;
    encounter.append("identifier", identifier);
    if (actClass.empty() && id.root == "2.16.156.10011.1.12") actClass = "IMP";
    if (actClass.empty() && id.root == "2.16.156.10011.1.11") actClass = "AMB";
  };
  for (const V3Id& id : ids(patientRole))
    if (OidSystems::role(id.root) == IdRole::Encounter) addId(id);
  for (const V3Id& id : ids(encompassing)) addId(id);
  if (encounter.get("identifier") == nullptr && !encompassing) return;

  Node code = child(encompassing, "code");
  if (attr(code, "codeSystem") == "2.16.840.1.113883.5.4" && !attr(code, "code").empty()) actClass = attr(code, "code");
  // Inpatient document kinds: 住院病案首页, 出院小结, C-CDA Discharge Summary (LOINC 18842-5).
  if (actClass.empty()) actClass = c.kind.event == "C0032" || c.kind.event == "C0053" || c.kind.event == "18842-5" ? "IMP" : "AMB";
  encounter.set("status", "finished");  // a document records an encounter that has taken place
  encounter.set("class", encounterClass(actClass));
  Json hospitalization = Json::object();
  // WS/T 500 sends 入院途径 (2.16.156.10011.2.3.1.270) as the encounter code.
  if (attr(code, "codeSystem") == "2.16.156.10011.2.3.1.270") hospitalization.set("admitSource", c.concept(code));
  else encounter.append("type", c.concept(code));
  encounter.set("subject", referenceTo(c.patientUrl));
  Json period = Json::object();
  Node time = child(encompassing, "effectiveTime");
  period.set("start", c.dateTime(attr(child(time, "low"), "value").empty() ? attr(time, "value") : attr(child(time, "low"), "value"),
                                 "encompassingEncounter/effectiveTime/low"));
  period.set("end", c.dateTime(attr(child(time, "high"), "value"), "encompassingEncounter/effectiveTime/high"));
  encounter.set("period", period);
  hospitalization.set("dischargeDisposition", c.concept(child(encompassing, "dischargeDispositionCode")));
  encounter.set("hospitalization", hospitalization);

  auto addDoctor = [&](Node assigned, const std::string& typeCode) {
    Json individual = c.practitioner(assigned);
    if (!individual.isEmpty()) encounter.append("participant", participant(individual, typeCode, displayName(child(assigned, "code"))));
  };
  addDoctor(child(child(encompassing, "responsibleParty"), "assignedEntity"), "RESP");
  for (Node p : children(encompassing, "encounterParticipant")) addDoctor(child(p, "assignedEntity"), attr(p, "typeCode"));
  // WS/T 500 puts the doctors of the stay (科主任, 主治医师, 住院医师…) in the header's authenticators.
  addDoctor(child(child(c.kind.root, "legalAuthenticator"), "assignedEntity"), "");
  for (Node a : children(c.kind.root, "authenticator")) addDoctor(child(a, "assignedEntity"), "");
  addLocations(c, encounter, path(encompassing, {"location", "healthCareFacility"}));
  for (const V3Id& id : ids(path(patientRole, {"providerOrganization", "asOrganizationPartOf", "wholeOrganization"}))) {
    Json org = Json::object();
    org.set("identifier", c.identifier(id));
    org.set("display", text(path(patientRole, {"providerOrganization", "asOrganizationPartOf", "wholeOrganization", "name"})));
    encounter.set("serviceProvider", org);
  }
  c.encounterUrl = c.bundle.add("Encounter", encounter, key.isEmpty() ? "" : MappingContext::conditional("Encounter", key));
}

}  // namespace

void mapDocumentHeader(MappingContext& c, std::string_view originalBytes) {
  Node root = c.kind.root;
  Node patientRole = path(root, {"recordTarget", "patientRole"});
  if (!patientRole) throw gw::sdk::Error(GW_ERR_INVALID, "ClinicalDocument has no recordTarget/patientRole");
  mapPatient(c, patientRole, child(patientRole, "patient"));
  mapEncounter(c, patientRole);

  Json authors = Json::array();
  for (Node a : children(root, "author")) authors.push(c.practitioner(child(a, "assignedAuthor")));
  Node custodianOrg = path(root, {"custodian", "assignedCustodian", "representedCustodianOrganization"});
  Json custodian = Json::object();
  for (const V3Id& id : ids(custodianOrg)) custodian.set("identifier", c.identifier(id));
  if (!isPlaceholder(text(child(custodianOrg, "name")))) custodian.set("display", text(child(custodianOrg, "name")));
  if (authors.isEmpty()) authors.push(custodian);

  Json type = c.concept(child(root, "code"));
  if (c.kind.family == Family::WsT500Document) {
    // WS/T 500 document codes carry no displayName: the coding is named by the document's title.
    Json coding = c.coding(child(root, "code"));
    coding.set("display", c.kind.title);
    type = Json::object();
    type.append("coding", coding);
  }
  std::string effective = attr(child(root, "effectiveTime"), "value");
  if (effective.empty()) throw gw::sdk::Error(GW_ERR_INVALID, "ClinicalDocument has no effectiveTime (CDA requires one)");
  Json docId = Json::object();
  for (const V3Id& id : ids(root)) {
    docId = c.identifier(id);
    break;
  }

  Json composition = Json::object();
  composition.set("resourceType", "Composition");
  composition.set("identifier", docId);
  composition.set("status", "final");
  composition.set("type", type);
  composition.set("subject", referenceTo(c.patientUrl));
  if (!c.encounterUrl.empty()) composition.set("encounter", referenceTo(c.encounterUrl));
  // Composition.date is required: a document time that is not one is left out with FHIR's data-absent-reason
  // (lenient), so the element still says why it has no value.
  const std::string date = c.dateTime(effective, "ClinicalDocument/effectiveTime");
  if (!date.empty()) composition.set("date", date);
  else composition.set("_date", dataAbsent("error"));
  composition.set("author", authors);
  composition.set("title", c.kind.title.empty() ? c.kind.event : c.kind.title);
  std::string confidentiality = attr(child(root, "confidentialityCode"), "code");
  if (confidentiality == "N" || confidentiality == "R" || confidentiality == "V" || confidentiality == "L" ||
      confidentiality == "M" || confidentiality == "U")
    composition.set("confidentiality", confidentiality);
  composition.set("custodian", custodian);
  c.bundle.add("Composition", composition, docId.isEmpty() ? "" : MappingContext::conditional("Composition", docId));

  Json reference = Json::object();
  reference.set("resourceType", "DocumentReference");
  reference.set("masterIdentifier", docId);
  reference.set("status", "current");
  reference.set("type", type);
  reference.set("subject", referenceTo(c.patientUrl));
  reference.set("date", c.instant(effective, "ClinicalDocument/effectiveTime"));
  reference.set("author", authors);
  reference.set("custodian", custodian);
  Json attachment = Json::object();
  attachment.set("contentType", "application/xml");
  attachment.set("language", attr(child(root, "languageCode"), "code"));
  attachment.set("data", kit::base64Encoded(originalBytes));
  attachment.set("title", c.kind.title);
  Json content = Json::object();
  content.set("attachment", attachment);
  Json format = Json::object();
  format.set("system", "urn:ietf:rfc:3986");
  format.set("code", c.kind.family == Family::WsT500Document ? "urn:oid:2.16.156.10011.2.4" : "urn:hl7-org:sdwg:ccda-structuredBody:2.1");
  content.set("format", format);
  reference.append("content", content);
  if (!c.encounterUrl.empty()) {
    Json context = Json::object();
    context.append("encounter", referenceTo(c.encounterUrl));
    reference.set("context", context);
  }
  c.bundle.add("DocumentReference", reference);
}

}  // namespace gw::cda
