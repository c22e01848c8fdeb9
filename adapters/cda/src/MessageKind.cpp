// MessageKind.cpp: recognising the input kind (see MessageKind.hpp).
#include "MessageKind.hpp"

#include <cctype>

#include <gw/plugin.hpp>

#include <cstring>
#include <map>

namespace gw::cda {

namespace {

using gw::sdk::Error;

struct Interaction {
  Family family;
  const char* title;
};

// The hospital-platform interactions this adapter maps (医院信息平台交互规范).
const std::map<std::string, Interaction>& interactions() {
  static const std::map<std::string, Interaction> m = {
      {"PRPA_IN201311UV02", {Family::PatientRegistration, "个人信息注册 (patient registration)"}},
      {"PRPA_IN201314UV02", {Family::PatientRegistration, "个人信息更新 (patient update)"}},
      {"PRPA_IN201304UV02", {Family::PatientMerge, "个人信息合并 (patient merge)"}},
      {"PRPA_IN400001UV", {Family::EncounterEvent, "就诊登记 (encounter registration)"}},
      {"PRPA_IN400002UV", {Family::EncounterEvent, "就诊信息更新 (encounter update)"}},
      {"PRPA_IN400003UV", {Family::EncounterEvent, "出院登记 (discharge)"}},
  };
  return m;
}

// WS/T 500-2016 shared document codes (2.16.156.10011.2.4) with their titles; any C00nn is taken.
const char* wsT500Title(const std::string& code) {
  static const std::map<std::string, const char*> titles = {
      {"C0001", "病历概要"},       {"C0002", "门（急）诊病历"}, {"C0003", "急诊留观病历"},
      {"C0004", "西药处方"},       {"C0005", "中药处方"},       {"C0032", "住院病案首页"},
      {"C0033", "中医住院病案首页"}, {"C0034", "入院记录"},       {"C0053", "出院小结"},
  };
  auto it = titles.find(code);
  return it == titles.end() ? "WS/T 500 共享文档" : it->second;
}

bool isWsT500Code(const std::string& code) {
  return code.size() == 5 && code[0] == 'C' && code.find_first_not_of("0123456789", 1) == std::string::npos;
}

// "PRPA_IN400003UV01" -> "PRPA_IN400003UV": an HL7 v3 artefact id without its two-digit release.
std::string withoutReleaseSuffix(const std::string& id) {
  const std::size_t n = id.size();
  if (n > 4 && id.compare(n - 4, 2, "UV") == 0 && std::isdigit(static_cast<unsigned char>(id[n - 2])) &&
      std::isdigit(static_cast<unsigned char>(id[n - 1])))
    return id.substr(0, n - 2);
  return id;
}

void takeId(MessageKind& k, Node root, const char* what) {
  Node id = child(root, "id");
  std::vector<V3Id> all = ids(root);
  if (!id || all.empty()) throw Error(GW_ERR_INVALID, std::string(what) + " has no id", "line " + std::to_string(lineOf(root)));
  k.idRoot = all.front().root;
  k.messageId = all.front().extension.empty() ? all.front().root : all.front().extension;
}

}  // namespace

MessageKind MessageKind::of(Node root, kit::Issues& issues) {
  std::string name = localName(root);
  const char* href = root->ns && root->ns->href ? reinterpret_cast<const char*>(root->ns->href) : "";
  if (std::strcmp(href, "urn:hl7-org:v3") != 0)
    throw Error(GW_ERR_UNSUPPORTED, "root element <" + name + "> " +
                                        (*href ? "in namespace '" + std::string(href) + "'" : std::string("without a namespace")) +
                                        (name == "section" ? " (a C-CDA section fragment, not a ClinicalDocument)" : "") +
                                        ": expected an HL7 v3 interaction or a ClinicalDocument in urn:hl7-org:v3");
  MessageKind k;
  k.root = root;
  if (name == "ClinicalDocument") {
    takeId(k, root, "ClinicalDocument");
    Node code = child(root, "code");
    std::string docCode = attr(code, "code"), system = attr(code, "codeSystem");
    k.title = text(child(root, "title"));
    if (system == "2.16.156.10011.2.4" && isWsT500Code(docCode)) {
      k.family = Family::WsT500Document;
      k.event = docCode;
      if (k.title.empty()) k.title = wsT500Title(docCode);
      return k;
    }
    bool usRealm = false;
    for (Node t : children(root, "templateId"))
      if (attr(t, "root") == "2.16.840.1.113883.10.20.22.1.1") usRealm = true;
    if (usRealm || (system == "2.16.840.1.113883.6.1" && !docCode.empty())) {
      k.family = Family::CcdaDocument;
      k.event = docCode;
      if (k.title.empty()) k.title = displayName(code);
      return k;
    }
    throw Error(GW_ERR_UNSUPPORTED, "ClinicalDocument with code '" + docCode + "' in code system '" + system +
                                        "': neither a WS/T 500 document (C00nn in 2.16.156.10011.2.4) nor a C-CDA document");
  }
  Node interaction = child(root, "interactionId");
  if (!interaction)
    throw Error(GW_ERR_UNSUPPORTED, "root element <" + name + "> has no interactionId: not an HL7 v3 interaction");
  k.event = attr(interaction, "extension");  // attr() trims: "PRPA_IN201304UV02 " is PRPA_IN201304UV02
  auto it = interactions().find(name);
  if (it == interactions().end() && withoutReleaseSuffix(k.event) == withoutReleaseSuffix(name))
    it = interactions().find(k.event);  // the interactionId names it with the release suffix the root lacks
  if (it == interactions().end())
    throw Error(GW_ERR_UNSUPPORTED, "HL7 v3 interaction <" + name + "> (interactionId '" + k.event +
                                        "') is not one this adapter maps");
  if (k.event != name) {
    const std::string location = "line " + std::to_string(lineOf(interaction));
    const std::string reason = "root element <" + name + "> but interactionId '" + k.event + "'";
    // The same interaction with and without its release suffix (PRPA_IN400003UV / PRPA_IN400003UV01)
    // identifies the message alike: a defect to report, not a reason to refuse.
    if (withoutReleaseSuffix(k.event) != withoutReleaseSuffix(name)) throw Error(GW_ERR_INVALID, reason, location);
    issues.defect("interactionId", "structure", reason + ": the release suffixes differ", k.event);
    k.event = it->first;
  }
  takeId(k, root, it->first.c_str());
  k.family = it->second.family;
  k.title = it->second.title;
  return k;
}

}  // namespace gw::cda
