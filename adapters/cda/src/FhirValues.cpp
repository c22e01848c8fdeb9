// FhirValues.cpp: the FHIR value builders of MappingContext (see MappingContext.hpp).
#include "MappingContext.hpp"

#include <gw/kit/Profile.hpp>
#include "V3Time.hpp"

#include <gw/plugin.hpp>

#include <regex>

namespace gw::cda {

namespace {

bool isUuid(const std::string& s) {
  static const std::regex uuid("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  return std::regex_match(s, uuid);
}

bool isOid(const std::string& s) {
  static const std::regex oid("[0-2](\\.(0|[1-9][0-9]*))+");
  return std::regex_match(s, oid);
}

bool isAscii(const std::string& s) {
  for (unsigned char ch : s)
    if (ch >= 0x80 || ch == ' ') return false;
  return !s.empty();
}

}  // namespace

std::string MappingContext::decimal(const std::string& value) {
  static const std::regex pattern("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  std::string v = trim(value);
  // Leading zeros ("007.5") are not JSON numbers; strip them rather than drop the value.
  while (v.size() > 1 && v[0] == '0' && v[1] != '.') v.erase(0, 1);
  return std::regex_match(v, pattern) ? v : "";
}

Json MappingContext::identifier(const V3Id& id) const {
  Json out = Json::object();
  if (!id.extension.empty()) {
    if (isPlaceholder(id.extension)) return Json();
    if (id.root.empty()) {
      out.set("system", kit::profile::partnerSystem(options.partnerId, "id"));
    } else if (!isOid(id.root) && !isUuid(id.root) && !oids.overrides(id.root)) {
      // An identifier is what records are matched by: one whose namespace cannot be named is refused,
      // never guessed.
      throw gw::sdk::Error(GW_ERR_INVALID,
                           "id root '" + id.root + "' is neither an OID nor a UUID: the identifier cannot be qualified",
                           "id/@root");
    } else {
      out.set("system", oids.system(id.root));
    }
    if (const OidEntry* e = OidSystems::find(id.root)) {
      Json type = Json::object();
      if (e->typeCode) {
        Json coding = Json::object();
        coding.set("system", "http://terminology.hl7.org/CodeSystem/v2-0203");
        coding.set("code", e->typeCode);
        type.append("coding", coding);
      }
      type.set("text", e->label);
      out.set("type", type);
    }
    out.set("value", id.extension);
    return out;
  }
  // An id with a root only is globally unique by itself (CDA II): a UUID or an OID.
  if (id.root.empty()) return Json();
  out.set("system", "urn:ietf:rfc:3986");
  out.set("value", (isUuid(id.root) ? "urn:uuid:" : "urn:oid:") + id.root);
  return out;
}

std::string MappingContext::conditional(const std::string& type, const Json& identifier) {
  const Json* system = identifier.get("system");
  const Json* value = identifier.get("value");
  if (!system || !value) return {};
  return type + "?identifier=" + kit::encodeQueryValue(system->text()) + "|" +
         kit::encodeQueryValue(value->text());
}

Json MappingContext::coding(Node code) const {
  Json out = Json::object();
  std::string value = attr(code, "code");
  if (value.empty()) return out;
  std::string system = attr(code, "codeSystem");
  if (!system.empty()) out.set("system", oids.system(system));
  out.set("code", value);
  out.set("display", displayName(code));
  return out;
}

Json MappingContext::concept(Node code) const {
  Json out = Json::object();
  if (!code) return out;
  out.append("coding", coding(code));
  for (Node t : children(code, "translation")) out.append("coding", coding(t));
  std::string textValue = text(child(code, "originalText"));
  if (textValue.empty()) textValue = attr(child(code, "originalText"), "value");
  // originalText that is only a <reference> into the narrative has no text of its own.
  if (textValue.empty() && !out.get("coding")) textValue = displayName(code);
  out.set("text", textValue);
  return out;
}

Json MappingContext::money(Node mo) const {
  Json out = Json::object();
  std::string value = decimal(attr(mo, "value"));
  if (value.empty()) return out;
  std::string currency = attr(mo, "currency");
  if (currency.empty() || currency == "元" || currency == "RMB" || currency == "人民币") currency = currency.empty() ? options.currency : "CNY";
  out.set("value", Json::number(value));
  out.set("currency", currency);
  return out;
}

Json MappingContext::quantity(Node pq) const {
  Json out = Json::object();
  std::string value = decimal(attr(pq, "value"));
  if (value.empty()) return out;
  std::string unit = attr(pq, "unit");
  out.set("value", Json::number(value));
  out.set("unit", unit);
  if (isAscii(unit)) {
    out.set("system", "http://unitsofmeasure.org");
    out.set("code", unit);
  }
  return out;
}

Json MappingContext::practitioner(Node assigned) {
  if (!assigned) return Json();
  Node person = child(assigned, "assignedPerson");
  // Chinese messages nest assignedPerson twice (the role and the person share the name).
  if (Node inner = child(person, "assignedPerson")) person = inner;
  if (!person) person = child(assigned, "playingEntity");
  if (!person) person = child(assigned, "associatedPerson");
  PersonName name = personName(child(person, "name"));
  std::string display = name.text.empty() ? name.family : name.text;
  Json resource = Json::object();
  resource.set("resourceType", "Practitioner");
  Json localId;
  for (const V3Id& id : ids(assigned)) {
    if (id.extension.empty() || isPlaceholder(id.extension)) continue;
    Json local = Json::object();
    local.set("system", kit::profile::partnerSystem(options.partnerId, "practitioner"));
    local.set("value", id.extension);
    if (localId.isEmpty()) localId = local;
    resource.append("identifier", local);
    if (!id.root.empty()) resource.append("identifier", identifier(id));
  }
  if (localId.isEmpty()) return display.empty() ? Json() : kit::referenceTo("", display);
  Json humanName = Json::object();
  humanName.set("text", name.text);
  humanName.set("family", name.family);
  for (const auto& g : name.given) humanName.append("given", Json::string(g));
  resource.append("name", humanName);
  std::string key = "Practitioner/" + localId.get("value")->text();
  std::string url = bundle.add(key, resource, conditional("Practitioner", localId));
  return kit::referenceTo(url, display);
}

Json encounterClass(const std::string& actCode) {
  static const std::pair<const char*, const char*> kClasses[] = {
      {"IMP", "inpatient encounter"}, {"AMB", "ambulatory"},       {"EMER", "emergency"},
      {"HH", "home health"},          {"ACUTE", "inpatient acute"}, {"OBSENC", "observation encounter"}};
  Json coding = Json::object();
  coding.set("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode");
  coding.set("code", actCode);
  for (const auto& c : kClasses)
    if (actCode == c.first) coding.set("display", c.second);
  return coding;
}

namespace {

template <class Convert>
std::string timeOrDefect(kit::Issues& issues, const std::string& ts, const std::string& field, Convert convert) {
  if (ts.empty()) return "";
  try {
    return convert();
  } catch (const gw::sdk::Error& e) {
    issues.defect(field, "value", e.what(), ts);
    return "";
  }
}

}  // namespace

std::string MappingContext::date(const std::string& ts, const std::string& field) {
  return timeOrDefect(issues, ts, field, [&] { return V3Time::date(ts, field); });
}

std::string MappingContext::dateTime(const std::string& ts, const std::string& field) {
  return timeOrDefect(issues, ts, field, [&] { return V3Time::dateTime(ts, options.timezone, field); });
}

std::string MappingContext::instant(const std::string& ts, const std::string& field) {
  return timeOrDefect(issues, ts, field, [&] { return V3Time::instant(ts, options.timezone, field); });
}

}  // namespace gw::cda
