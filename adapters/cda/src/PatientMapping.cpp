// PatientMapping.cpp: the Patient of a v3 interaction or CDA document: identifiers (身份证, health
// card, 病案号, local patient ids), the name as written (Chinese names are one text, never split),
// sex by GB/T 2261.1 or HL7 AdministrativeGender, birth date, addresses and phones.
#include "MappingContext.hpp"

namespace gw::cda {

namespace {

std::string gender(Node code) {
  std::string value = attr(code, "code"), system = attr(code, "codeSystem");
  if (system == "2.16.156.10011.2.3.3.4" || (system.empty() && (value == "1" || value == "2" || value == "0" || value == "9"))) {
    // GB/T 2261.1: 1 男, 2 女, 0 未知的性别, 9 未说明的性别 (both of the last are FHIR "unknown").
    if (value == "1") return "male";
    if (value == "2") return "female";
    return value.empty() ? "" : "unknown";
  }
  if (value == "M") return "male";
  if (value == "F") return "female";
  if (value == "UN") return "other";
  return value.empty() ? "" : "unknown";
}

void addPart(Json& address, const std::string& key, const std::string& value, bool line = false) {
  if (isPlaceholder(value)) return;
  if (line) address.append("line", Json::string(value));
  else address.set(key, value);
}

Json address(Node addr) {
  Json out = Json::object();
  std::string use = attr(addr, "use");
  if (use == "H" || use == "HP") out.set("use", "home");
  else if (use == "WP") out.set("use", "work");
  // R2 LIST_AD: item/part@type (SAL full text, STA province, CTY city, CNT county, STB town, STR road, BNR number, ZIP).
  for (Node item : children(addr, "item"))
    for (Node part : children(item, "part")) {
      std::string type = attr(part, "type"), value = attr(part, "value");
      if (type == "SAL") addPart(out, "text", value);
      else if (type == "STA") addPart(out, "state", value);
      else if (type == "CTY") addPart(out, "city", value);
      else if (type == "CNT") addPart(out, "district", value);
      else if (type == "ZIP") addPart(out, "postalCode", value);
      else if (type == "STB" || type == "STR" || type == "BNR") addPart(out, "", value, true);
    }
  // CDA AD: structured parts; Chinese documents fill the unused ones with 无.
  for (Node n : children(addr, "streetAddressLine")) addPart(out, "", text(n), true);
  addPart(out, "", text(child(addr, "township")), true);
  addPart(out, "", text(child(addr, "streetName")), true);
  addPart(out, "", text(child(addr, "houseNumber")), true);
  addPart(out, "district", text(child(addr, "county")));
  addPart(out, "city", text(child(addr, "city")));
  addPart(out, "state", text(child(addr, "state")));
  addPart(out, "postalCode", text(child(addr, "postalCode")));
  addPart(out, "country", text(child(addr, "country")));
  return out;
}

void addTelecom(Json& resource, Node telecom) {
  auto items = children(telecom, "item");
  if (items.empty()) items.push_back(telecom);
  for (Node t : items) {
    std::string value = attr(t, "value");
    if (isPlaceholder(value)) continue;
    Json point = Json::object();
    std::string system = "phone";
    if (value.rfind("tel:", 0) == 0) value = value.substr(4);
    else if (value.rfind("mailto:", 0) == 0) value = value.substr(7), system = "email";
    point.set("system", system);
    point.set("value", value);
    std::string use = attr(t, "use");
    if (use == "HP" || use == "H") point.set("use", "home");
    else if (use == "WP") point.set("use", "work");
    else if (use == "MC") point.set("use", "mobile");
    resource.append("telecom", point);
  }
}

}  // namespace

void mapPatient(MappingContext& c, Node patient, Node person) {
  Json resource = Json::object();
  resource.set("resourceType", "Patient");
  Json key;
  // Ids of the role (CDA patientRole, v3 patient), then of the person (身份证), then other ids (健康卡).
  std::vector<V3Id> all = ids(patient);
  for (const V3Id& id : ids(person)) all.push_back(id);
  for (Node other : children(person, "asOtherIDs"))
    for (const V3Id& id : ids(other)) all.push_back(id);
  for (const V3Id& id : all) {
    IdRole role = OidSystems::role(id.root);
    if (role != IdRole::Patient && role != IdRole::Other) continue;  // visit and prescription numbers go elsewhere
    Json identifier = c.identifier(id);
    if (identifier.isEmpty()) continue;
    if (key.isEmpty()) key = identifier;
    resource.append("identifier", identifier);
  }
  for (Node n : children(person, "name")) {
    PersonName name = personName(n);
    if (name.empty()) continue;
    Json human = Json::object();
    std::string use = attr(n, "use");  // CDA: L legal, P pseudonym; Chinese names carry none
    human.set("use", use == "P" ? "nickname" : use == "L" || use.empty() ? "official" : use == "ASGN" ? "usual" : "");
    human.set("text", name.text);
    human.set("family", name.family);
    for (const auto& g : name.given) human.append("given", Json::string(g));
    resource.append("name", human);
  }
  for (Node t : children(person, "telecom")) addTelecom(resource, t);
  for (Node t : children(patient, "telecom")) addTelecom(resource, t);
  resource.set("gender", gender(child(person, "administrativeGenderCode")));
  std::string birth = attr(child(person, "birthTime"), "value");
  resource.set("birthDate", c.date(birth, "birthTime"));
  for (Node a : children(person, "addr")) resource.append("address", address(a));
  for (Node a : children(patient, "addr")) resource.append("address", address(a));
  c.patientUrl = c.bundle.add("Patient", resource, key.isEmpty() ? "" : MappingContext::conditional("Patient", key));
}

}  // namespace gw::cda
