// OidSystems.cpp: the OID table (see OidSystems.hpp; README.md lists the same table for operators).
#include "OidSystems.hpp"

namespace gw::cda {

namespace {

const OidEntry kEntries[] = {
    // Chinese national identifier roots (WS/T 500, 医院信息平台交互规范). Systems stay urn:oid:<oid>
    // (docs/fhir-profile.md), so records from different hospitals meet on the same system.
    {"2.16.156.10011.1.3", nullptr, IdRole::Patient, "NI", "居民身份证号"},
    {"2.16.156.10011.1.2", nullptr, IdRole::Patient, nullptr, "城乡居民健康档案编号"},
    {"2.16.156.10011.1.19", nullptr, IdRole::Patient, "HC", "健康卡号"},
    {"2.16.156.10011.1.13", nullptr, IdRole::Patient, "MR", "病案号"},
    {"2.16.156.10011.1.24", nullptr, IdRole::Patient, nullptr, "电子申请单编号/患者标识 (WS/T 500 C0002)"},
    {"2.16.156.10011.2.5.1.4", nullptr, IdRole::Patient, "PI", "患者ID (平台患者标识)"},
    {"2.16.156.10011.1.11", nullptr, IdRole::Encounter, "VN", "门（急）诊号"},
    {"2.16.156.10011.1.12", nullptr, IdRole::Encounter, "VN", "住院号"},
    {"2.16.156.10011.2.5.1.8", nullptr, IdRole::Other, nullptr, "就诊次数 (a count, not an identifier)"},
    {"2.16.156.10011.2.5.1.9", nullptr, IdRole::Encounter, "VN", "就诊流水号"},
    {"2.16.156.10011.1.4", nullptr, IdRole::Practitioner, nullptr, "医务人员编号"},
    {"2.16.156.10011.1.7", nullptr, IdRole::Practitioner, nullptr, "医务人员编号 (文档作者)"},
    {"2.16.156.10011.1.5", nullptr, IdRole::Organization, nullptr, "医疗卫生机构代码"},
    {"2.16.156.10011.1.26", nullptr, IdRole::Department, nullptr, "科室代码"},
    {"2.16.156.10011.1.21", nullptr, IdRole::Ward, nullptr, "病区代码"},
    {"2.16.156.10011.1.20", nullptr, IdRole::Prescription, nullptr, "处方编号"},
    {"2.16.156.10011.2.5.1.1", nullptr, IdRole::Other, nullptr, "消息ID"},
    {"2.16.156.10011.1.1", nullptr, IdRole::Other, nullptr, "文档流水号"},
    // US identifier roots seen in C-CDA.
    {"2.16.840.1.113883.4.1", "http://hl7.org/fhir/sid/us-ssn", IdRole::Patient, "SS", "US SSN"},
    {"2.16.840.1.113883.4.6", "http://hl7.org/fhir/sid/us-npi", IdRole::Practitioner, "NPI", "US NPI"},
    // Code systems with published FHIR URIs (docs/fhir-profile.md).
    {"2.16.840.1.113883.6.1", "http://loinc.org", IdRole::Other, nullptr, "LOINC"},
    {"2.16.840.1.113883.6.96", "http://snomed.info/sct", IdRole::Other, nullptr, "SNOMED CT"},
    {"2.16.840.1.113883.6.3", "http://hl7.org/fhir/sid/icd-10", IdRole::Other, nullptr, "ICD-10"},
    {"2.16.840.1.113883.6.90", "http://hl7.org/fhir/sid/icd-10-cm", IdRole::Other, nullptr, "ICD-10-CM"},
    {"2.16.840.1.113883.6.103", "http://hl7.org/fhir/sid/icd-9-cm", IdRole::Other, nullptr, "ICD-9-CM diagnoses"},
    {"2.16.840.1.113883.6.104", "http://hl7.org/fhir/sid/icd-9-cm", IdRole::Other, nullptr, "ICD-9-CM procedures"},
    {"2.16.840.1.113883.6.12", "http://www.ama-assn.org/go/cpt", IdRole::Other, nullptr, "CPT-4"},
    {"2.16.840.1.113883.6.88", "http://www.nlm.nih.gov/research/umls/rxnorm", IdRole::Other, nullptr, "RxNorm"},
    {"2.16.840.1.113883.6.69", "http://hl7.org/fhir/sid/ndc", IdRole::Other, nullptr, "NDC"},
    {"2.16.840.1.113883.6.8", "http://unitsofmeasure.org", IdRole::Other, nullptr, "UCUM"},
    {"2.16.840.1.113883.12.292", "http://hl7.org/fhir/sid/cvx", IdRole::Other, nullptr, "CVX"},
    {"2.16.840.1.113883.5.1", "http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender", IdRole::Other, nullptr,
     "AdministrativeGender"},
    {"2.16.840.1.113883.5.4", "http://terminology.hl7.org/CodeSystem/v3-ActCode", IdRole::Other, nullptr, "ActCode"},
    {"2.16.840.1.113883.5.25", "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", IdRole::Other, nullptr,
     "Confidentiality"},
    {"2.16.840.1.113883.5.111", "http://terminology.hl7.org/CodeSystem/v3-RoleCode", IdRole::Other, nullptr, "RoleCode"},
    {"2.16.840.1.113883.5.112", "http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration", IdRole::Other,
     nullptr, "RouteOfAdministration"},
    {"2.16.840.1.113883.5.83", "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", IdRole::Other,
     nullptr, "ObservationInterpretation"},
    {"2.16.840.1.113883.3.221.5", "urn:oid:2.16.840.1.113883.3.221.5", IdRole::Other, nullptr,
     "PHDSC Source of Payment Typology"},
};

}  // namespace

const std::map<std::string, OidEntry>& OidSystems::table() {
  static const std::map<std::string, OidEntry> entries = [] {
    std::map<std::string, OidEntry> m;
    for (const auto& e : kEntries) m.emplace(e.oid, e);
    return m;
  }();
  return entries;
}

const OidEntry* OidSystems::find(const std::string& oid) {
  auto it = table().find(oid);
  return it == table().end() ? nullptr : &it->second;
}

IdRole OidSystems::role(const std::string& oid) {
  const OidEntry* e = find(oid);
  return e ? e->role : IdRole::Other;
}

std::string OidSystems::system(const std::string& oid) const {
  auto o = overrides_.find(oid);
  if (o != overrides_.end()) return o->second;
  const OidEntry* e = find(oid);
  if (e && e->system) return e->system;
  return "urn:oid:" + oid;
}

}  // namespace gw::cda
