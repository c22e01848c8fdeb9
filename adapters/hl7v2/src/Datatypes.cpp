// Datatypes.cpp: HL7 v2 datatypes to FHIR datatypes (see Datatypes.hpp).
#include "Datatypes.hpp"

#include "CodeTables.hpp"

#include <gw/kit/Profile.hpp>

#include <gw/kit/Hl7Time.hpp>

#include <gw/plugin.hpp>

#include <cctype>
#include <regex>

namespace gw::hl7v2 {

namespace {

const char* const kResidentIdCardOid = "2.16.156.10011.1.3";  // 居民身份证 (DESIGN.md)

std::string systemPart(const std::string& text) {
  std::string out;
  for (unsigned char c : text) out += std::isalnum(c) || c == '-' || c == '.' ? static_cast<char>(std::tolower(c)) : '-';
  return out;
}

void pushText(Json& array, const std::string& text) { array.push(Json::string(text)); }

}  // namespace

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool isOid(const std::string& text) {
  static const std::regex oid("[0-2](\\.(0|[1-9][0-9]*))+");
  return std::regex_match(text, oid);
}

std::string identifierSystem(const MappingContext& ctx, const std::string& namespaceId, const std::string& universalId,
                             const std::string& universalIdType, const std::string& idType) {
  // HD.2 is an OID when HD.3 says ISO, and in practice also when it merely looks like one.
  (void)universalIdType;
  if (isOid(universalId)) return "urn:oid:" + universalId;
  auto configured = ctx.options.authorityOids.find(namespaceId);
  if (!namespaceId.empty() && configured != ctx.options.authorityOids.end()) return "urn:oid:" + configured->second;
  if (isOid(namespaceId)) return "urn:oid:" + namespaceId;
  if (idType == "NNCHN") return std::string("urn:oid:") + kResidentIdCardOid;
  return kit::profile::partnerSystem(ctx.options.partnerId, systemPart(idType.empty() ? "id" : idType));
}

Json identifierFromCx(const MappingContext& ctx, const Repetition& cx, const std::string& defaultType) {
  const std::string& value = cx.text(1);
  if (value.empty()) return Json();
  std::string idType = cx.text(5).empty() ? defaultType : cx.text(5);
  Json id = Json::object();
  if (!idType.empty())
    id.set("type", codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0203", idType));
  id.set("system", identifierSystem(ctx, cx.text(4, 1), cx.text(4, 2), cx.text(4, 3), idType));
  id.set("value", value);
  return id;
}

Json identifierFromEi(const MappingContext& ctx, const Repetition& ei, const std::string& defaultType) {
  const std::string& value = ei.text(1);
  if (value.empty()) return Json();
  Json id = Json::object();
  id.set("system", identifierSystem(ctx, ei.text(2), ei.text(3), ei.text(4), defaultType));
  id.set("value", value);
  return id;
}

Json humanName(const Repetition& xpn, int first) {
  int o = first - 1;  // XCN carries the XPN parts one component later
  Json name = Json::object();
  const std::string& family = xpn.text(o + 1, 1);
  static const std::pair<const char*, const char*> uses[] = {
      {"L", "official"}, {"D", "usual"}, {"M", "maiden"}, {"N", "nickname"}, {"A", "anonymous"}, {"T", "temp"}};
  const std::string& type = xpn.text(first == 1 ? 7 : 10);
  for (const auto& u : uses)
    if (type == u.first) name.set("use", u.second);
  // A Chinese name usually arrives whole in the family part: keep it readable as text too.
  bool nonAscii = false;
  for (unsigned char c : family) nonAscii = nonAscii || c >= 0x80;
  if (nonAscii && xpn.text(o + 2).empty()) name.set("text", family);
  name.set("family", family);
  Json given = Json::array();
  pushText(given, xpn.text(o + 2));
  pushText(given, xpn.text(o + 3));
  name.set("given", given);
  Json prefix = Json::array();
  pushText(prefix, xpn.text(o + 5));
  name.set("prefix", prefix);
  Json suffix = Json::array();
  pushText(suffix, xpn.text(o + 4));
  pushText(suffix, xpn.text(o + 6));
  name.set("suffix", suffix);
  return name;
}

Json address(const Repetition& xad) {
  Json a = Json::object();
  static const std::pair<const char*, const char*> uses[] = {{"H", "home"}, {"B", "work"}, {"O", "work"},
                                                            {"C", "temp"}, {"BA", "old"}, {"M", "home"}};
  for (const auto& u : uses)
    if (xad.text(7) == u.first) a.set("use", u.second);
  if (xad.text(7) == "M") a.set("type", "postal");
  // XAD.1 is SAD: the street line, or its street name and dwelling number parts.
  std::string street;
  if (xad.components.size() >= 1)
    for (const auto& sub : xad.components[0].subcomponents)
      if (!sub.null && !sub.text.empty()) street += (street.empty() ? "" : " ") + sub.text;
  Json line = Json::array();
  pushText(line, street);
  pushText(line, xad.text(2));
  a.set("line", line);
  a.set("city", xad.text(3));
  a.set("district", xad.text(9));
  a.set("state", xad.text(4));
  a.set("postalCode", xad.text(5));
  a.set("country", xad.text(6));
  return a;
}

Json contactPoint(const Repetition& xtn, const std::string& defaultUse) {
  Json c = Json::object();
  const std::string& equipment = xtn.text(3);
  std::string value = xtn.text(1);
  if (equipment == "Internet" || equipment == "X.400") {
    c.set("system", "email");
    value = xtn.text(4).empty() ? value : xtn.text(4);
  } else {
    if (!xtn.text(12).empty()) value = xtn.text(12);
    else if (value.empty() && !xtn.text(7).empty())
      value = (xtn.text(5).empty() ? "" : "+" + xtn.text(5) + " ") + (xtn.text(6).empty() ? "" : xtn.text(6) + " ") + xtn.text(7);
    c.set("system", equipment == "FX" ? "fax" : equipment == "BP" ? "pager" : "phone");
  }
  if (value.empty()) return Json();
  c.set("value", value);
  const std::string& use = xtn.text(2);
  if (equipment == "CP") c.set("use", "mobile");
  else if (use == "PRN" || use == "ORN" || use == "VHN") c.set("use", "home");
  else if (use == "WPN") c.set("use", "work");
  else c.set("use", defaultUse);
  return c;
}

std::string codeSystemUri(const MappingContext& ctx, const std::string& name) {
  if (name.empty()) return "";
  static const std::pair<const char*, const char*> known[] = {
      {"LN", "http://loinc.org"},
      {"LOINC", "http://loinc.org"},
      {"SCT", "http://snomed.info/sct"},
      {"SNM", "http://snomed.info/sct"},
      {"SNOMED", "http://snomed.info/sct"},
      {"I10", "http://hl7.org/fhir/sid/icd-10"},
      {"ICD10", "http://hl7.org/fhir/sid/icd-10"},
      {"I10C", "http://hl7.org/fhir/sid/icd-10-cm"},
      {"I9", "http://hl7.org/fhir/sid/icd-9-cm"},
      {"I9C", "http://hl7.org/fhir/sid/icd-9-cm"},
      {"C4", "http://www.ama-assn.org/go/cpt"},
      {"CPT", "http://www.ama-assn.org/go/cpt"},
      {"NDC", "http://hl7.org/fhir/sid/ndc"},
      {"CVX", "http://hl7.org/fhir/sid/cvx"},
      {"RXNORM", "http://www.nlm.nih.gov/research/umls/rxnorm"},
      {"UCUM", "http://unitsofmeasure.org"},
      {"ISO3166", "urn:iso:std:iso:3166"},
  };
  for (const auto& k : known)
    if (name == k.first) return k.second;
  static const std::regex hl7Table("HL7([0-9]{4})");
  std::smatch m;
  if (std::regex_match(name, m, hl7Table)) return "http://terminology.hl7.org/CodeSystem/v2-" + m[1].str();
  if (isOid(name)) return "urn:oid:" + name;
  return kit::profile::partnerSystem(ctx.options.partnerId, "codesystem:" + systemPart(name));
}

Json coding(const std::string& system, const std::string& code, const std::string& display) {
  if (code.empty()) return Json();
  Json c = Json::object();
  c.set("system", system);
  c.set("code", code);
  c.set("display", display);
  return c;
}

Json codeableConceptOf(const std::string& system, const std::string& code, const std::string& display) {
  Json cc = Json::object();
  Json codings = Json::array();
  codings.push(coding(system, code, display));
  cc.set("coding", codings);
  return cc;
}

Json codeableConcept(const MappingContext& ctx, const Repetition& ce) {
  Json cc = Json::object();
  Json codings = Json::array();
  codings.push(coding(codeSystemUri(ctx, ce.text(3)), ce.text(1), ce.text(2)));
  codings.push(coding(codeSystemUri(ctx, ce.text(6)), ce.text(4), ce.text(5)));
  cc.set("coding", codings);
  std::string text = ce.text(9).empty() ? ce.text(2) : ce.text(9);
  if (ce.text(1).empty() && text.empty()) text = ce.text(5);
  cc.set("text", text);
  return cc;
}

std::string decimal(const std::string& text, const std::string& where) {
  static const std::regex number("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
  std::string t = text;
  while (!t.empty() && t.back() == ' ') t.pop_back();
  while (!t.empty() && t.front() == ' ') t.erase(0, 1);
  if (!std::regex_match(t, number))
    throw gw::sdk::Error(GW_ERR_INVALID, where + ": '" + text + "' is not a number", where);
  if (t[0] == '+') t.erase(0, 1);
  std::size_t signLength = t[0] == '-' ? 1 : 0;
  if (t[signLength] == '.') t.insert(signLength, "0");
  if (t.back() == '.') t.pop_back();
  // JSON numbers have no leading zeros.
  while (t.size() > signLength + 1 && t[signLength] == '0' && std::isdigit(static_cast<unsigned char>(t[signLength + 1])))
    t.erase(signLength, 1);
  return t;
}

std::string positiveInt(const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return "";
  int value = std::stoi(text);
  return value > 0 ? std::to_string(value) : "";
}

Json money(const std::string& amount, const std::string& currency, const std::string& where) {
  if (amount.empty()) return Json();
  Json m = Json::object();
  m.set("value", Json::number(decimal(amount, where)));
  m.set("currency", currency);
  return m;
}

namespace {

// A time that is not an HL7 time ("Aug 15, 1942", "00000000") identifies nothing: lenient, it is left out
// and reported (the value as sent stays in the message's OperationOutcome); strict, it is refused.
template <class Convert>
std::string timeOrDefect(MappingContext& ctx, const std::string& text, const std::string& where, Convert convert) {
  if (text.empty()) return "";
  try {
    return convert(kit::parseHl7Time(text, where));
  } catch (const gw::sdk::Error& e) {
    ctx.issues.defect(where, "value", e.what(), text);
    return "";
  }
}

}  // namespace

std::string dateTimeOfText(MappingContext& ctx, const std::string& text, const std::string& where) {
  return timeOrDefect(ctx, text, where, [&](const kit::Hl7Time& t) { return kit::toFhirDateTime(t, ctx.options.timezone); });
}

std::string instantOfText(MappingContext& ctx, const std::string& text, const std::string& where) {
  return timeOrDefect(ctx, text, where, [&](const kit::Hl7Time& t) { return kit::toFhirInstant(t, ctx.options.timezone); });
}

std::string dateOf(MappingContext& ctx, const Segment& segment, int field, int component) {
  return timeOrDefect(ctx, segment.text(field, component), segment.name + "-" + std::to_string(field),
                      [](const kit::Hl7Time& t) { return kit::toFhirDate(t); });
}

std::string dateTimeOf(MappingContext& ctx, const Segment& segment, int field, int component) {
  return dateTimeOfText(ctx, segment.text(field, component), segment.name + "-" + std::to_string(field));
}

std::string practitionerFromXcn(MappingContext& ctx, const Repetition& xcn) {
  const std::string& id = xcn.text(1);
  Json name = humanName(xcn, 2);
  if (id.empty() && name.isEmpty()) return "";
  const std::string localSystem = kit::profile::partnerSystem(ctx.options.partnerId, "practitioner");
  std::string key = id.empty() ? "Practitioner/name:" + name.dump() : "Practitioner/" + id;
  if (ctx.bundle.has(key)) return ctx.bundle.add(key, Json());
  Json p = Json::object();
  p.set("resourceType", "Practitioner");
  Json ids = Json::array();
  if (!id.empty()) {
    Json local = Json::object();
    local.set("system", localSystem);
    local.set("value", id);
    ids.push(local);
    std::string authority = identifierSystem(ctx, xcn.text(9, 1), xcn.text(9, 2), xcn.text(9, 3), "practitioner");
    if (authority.rfind("urn:oid:", 0) == 0) {
      Json official = Json::object();
      official.set("type", codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0203",
                                             xcn.text(13).empty() ? "PRN" : xcn.text(13)));
      official.set("system", authority);
      official.set("value", id);
      ids.push(official);
    }
  }
  p.set("identifier", ids);
  Json names = Json::array();
  names.push(name);
  p.set("name", names);
  std::string conditional =
      id.empty() ? "" : "Practitioner?identifier=" + encodeQueryValue(localSystem) + "|" + encodeQueryValue(id);
  return ctx.bundle.add(key, std::move(p), conditional);
}

Json telecomOf(const Segment& segment, int homeField, int workField) {
  Json telecom = Json::array();
  for (std::size_t r = 0; r < segment.repetitionCount(homeField); ++r)
    telecom.push(contactPoint(segment.repetition(homeField, r), "home"));
  for (std::size_t r = 0; r < segment.repetitionCount(workField); ++r)
    telecom.push(contactPoint(segment.repetition(workField, r), "work"));
  return telecom;
}

std::string administrativeGender(MappingContext& ctx, const Segment& segment, int field) {
  const std::string code = tableCode(ctx, segment, field, table::kAdministrativeSex);
  if (code == "M") return "male";
  if (code == "F") return "female";
  if (code == "O" || code == "A") return "other";
  return code.empty() ? "" : "unknown";
}

std::string textLines(const Segment& segment, int field) {
  std::string text;
  for (std::size_t r = 0; r < segment.repetitionCount(field); ++r) {
    const Repetition& rep = segment.repetition(field, r);
    std::string part;
    for (std::size_t c = 1; c <= rep.components.size(); ++c) {
      const std::string& t = rep.text(static_cast<int>(c));
      if (!t.empty()) part += (part.empty() ? "" : " ") + t;
    }
    if (!part.empty()) text += (text.empty() ? "" : "\n") + part;
  }
  return text;
}

}  // namespace gw::hl7v2
