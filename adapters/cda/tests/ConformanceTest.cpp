// ConformanceTest.cpp: every sample in the shared CDA sample set (/work/shared/samples/cda: the
// Chinese cn_* examples read in place, never copied) and in tests/data/cda (CC0 C-CDA copies) is
// either translated (key fields asserted) or rejected with the expected status and reason; a sample
// without an expectation fails. Every translated Bundle is then checked by the independent FHIR R4
// validator (tools/fhir-validator) with zero errors required.
#include "TestSupport.hpp"

#include <gw/kit/Text.hpp>
#include <gw/testing/FhirValidator.hpp>

#include <gtest/gtest.h>


#include <algorithm>
#include <dirent.h>
#include <functional>
#include <map>

using namespace gw::cda;
using namespace gw::cda::test;
using Bundle = Poco::JSON::Object::Ptr;
using Resource = Poco::JSON::Object::Ptr;

namespace {

struct Expectation {
  gw_status status = GW_OK;
  std::string event;
  std::string reason;    // a substring of the error, when rejected
  std::string location;  // the error location, when rejected
  std::function<void(const Bundle&, const std::string& original)> check;
};

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

Resource only(const Bundle& b, const std::string& type) {
  auto all = resources(b, type);
  EXPECT_EQ(all.size(), 1u) << type;
  return all.empty() ? Resource(new Poco::JSON::Object) : all.front();
}

std::string nameText(const Resource& r) { return str(r->getArray("name")->getObject(0), "text"); }

std::string fullUrlOf(const Bundle& b, const Resource& r) {
  auto entries = b->getArray("entry");
  for (std::size_t i = 0; i < entries->size(); ++i)
    if (entries->getObject(i)->getObject("resource").get() == r.get()) return entries->getObject(i)->getValue<std::string>("fullUrl");
  return "";
}

std::vector<std::string> practitionerIds(const Bundle& b) {
  std::vector<std::string> out;
  for (const auto& p : resources(b, "Practitioner"))
    for (const auto& id : identifiers(p)) out.push_back(id);
  return out;
}

std::vector<std::string> conditionCodes(const Bundle& b) {
  std::vector<std::string> out;
  for (const auto& c : resources(b, "Condition"))
    for (const auto& code : codings(c, "code")) out.push_back(code);
  return out;
}

std::vector<std::string> conditionTexts(const Bundle& b) {
  std::vector<std::string> out;
  for (const auto& c : resources(b, "Condition")) out.push_back(str(c->getObject("code"), "text"));
  return out;
}

void checkOriginalKept(const Bundle& b, const std::string& original) {
  auto attachment = only(b, "DocumentReference")->getArray("content")->getObject(0)->getObject("attachment");
  std::string decoded;
  ASSERT_TRUE(gw::kit::base64Decode(str(attachment, "data"), decoded)) << "the attachment is not base64";
  EXPECT_EQ(decoded, original);
}

Resource chargeItem(const Bundle& b, const std::string& code) {
  for (const auto& c : resources(b, "ChargeItem"))
    if (has(codings(c, "code"), "urn:oid:2.16.156.10011.2.2.4|" + code)) return c;
  ADD_FAILURE() << "no ChargeItem " << code;
  return new Poco::JSON::Object;
}

double moneyValue(const Poco::JSON::Object::Ptr& money) { return money ? money->getValue<double>("value") : -1; }

const std::map<std::string, Expectation>& expectations() {
  static const std::map<std::string, Expectation> m = {
      {"cn_hip_prpa_in201311uv02_patient_register.xml",
       {GW_OK, "PRPA_IN201311UV02", "", "", [](const Bundle& b, const std::string&) {
          EXPECT_EQ(str(b->getObject("identifier"), "system"), "urn:gw:bj-union:message");
          EXPECT_EQ(str(b->getObject("identifier"), "value"), "22a0f9e0-4454-11dc-a6be-3603d6866807");
          EXPECT_EQ(str(b, "timestamp"), "2013-01-16T11:28:55+08:00");
          auto patient = only(b, "Patient");
          auto ids = identifiers(patient);
          EXPECT_TRUE(has(ids, "urn:oid:2.16.156.10011.1.3|120109197706015516"));  // 身份证
          EXPECT_TRUE(has(ids, "urn:oid:2.16.156.10011.1.19|38273N237"));          // 健康卡号
          EXPECT_TRUE(has(ids, "urn:oid:2.16.156.10011.1.2|38273N237"));           // 健康档案编号
          for (const auto& id : ids) EXPECT_EQ(id.find("患者ID"), std::string::npos) << "placeholder kept: " << id;
          EXPECT_EQ(nameText(patient), "刘永好");
          EXPECT_EQ(str(patient, "gender"), "male");
          EXPECT_EQ(str(patient, "birthDate"), "1957-03-23");
          EXPECT_EQ(str(patient->getArray("telecom")->getObject(0), "value"), "028-2222444");
          auto address = patient->getArray("address")->getObject(0);
          EXPECT_EQ(str(address, "state"), "广东省");
          EXPECT_EQ(str(address, "city"), "广州市");
          EXPECT_EQ(str(address, "postalCode"), "510000");
          auto coverage = only(b, "Coverage");
          EXPECT_TRUE(has(codings(coverage, "type"), "urn:oid:2.16.156.10011.2.3.1.248|1"));
          EXPECT_EQ(str(coverage->getObject("type")->getArray("coding")->getObject(0), "display"), "城镇职工基本医疗保险");
          EXPECT_EQ(str(coverage->getObject("beneficiary"), "reference"), fullUrlOf(b, patient));
        }}},
      {"cn_hip_prpa_in201304uv02_merge_trailing_space.xml",
       {GW_OK, "PRPA_IN201304UV02", "", "", [](const Bundle& b, const std::string&) {
          auto patient = only(b, "Patient");
          EXPECT_TRUE(has(identifiers(patient), "urn:oid:2.16.156.10011.1.3|120109197706015516"));
          EXPECT_EQ(nameText(patient), "刘永好");
          EXPECT_FALSE(patient->has("link")) << "the prior id is the placeholder 被合并患者ID";
        }}},
      {"cn_hip_prpa_in400001uv_outpatient_visit.xml",
       {GW_OK, "PRPA_IN400001UV", "", "", [](const Bundle& b, const std::string&) {
          auto patient = only(b, "Patient");
          EXPECT_TRUE(has(identifiers(patient), "urn:oid:2.16.156.10011.1.3|123456789098765432"));
          auto encounter = only(b, "Encounter");
          auto ids = identifiers(encounter);
          EXPECT_TRUE(has(ids, "urn:oid:2.16.156.10011.1.11|11"));          // 门急诊号
          EXPECT_FALSE(has(ids, "urn:oid:2.16.156.10011.2.5.1.8|2"));       // 就诊次数: a count, not unique
          EXPECT_TRUE(has(ids, "urn:oid:2.16.156.10011.2.5.1.9|123456"));   // 就诊流水号
          EXPECT_EQ(str(encounter->getObject("class"), "code"), "AMB");
          EXPECT_EQ(str(encounter, "status"), "in-progress");
          EXPECT_EQ(str(encounter->getObject("period"), "start"), "2017-01-01");
          EXPECT_EQ(str(encounter->getArray("location")->getObject(0)->getObject("location"), "display"), "外科");
          auto practitioner = only(b, "Practitioner");
          EXPECT_TRUE(has(identifiers(practitioner), "urn:gw:bj-union:practitioner|001"));
          EXPECT_EQ(nameText(practitioner), "张医生");
          auto participant = encounter->getArray("participant")->getObject(0);
          EXPECT_EQ(str(participant->getObject("individual"), "reference"), fullUrlOf(b, practitioner));
          // 医疗保险类别 sent in admissionReferralSourceCode.
          EXPECT_TRUE(has(codings(only(b, "Coverage"), "type"), "urn:oid:2.16.156.10011.2.3.1.248|1"));
        }}},
      {"cn_wst500_c002_outpatient_record.xml",
       {GW_OK, "C0002", "", "", [](const Bundle& b, const std::string& original) {
          EXPECT_EQ(str(b->getObject("identifier"), "value"), "RN001");
          auto patient = only(b, "Patient");
          EXPECT_TRUE(has(identifiers(patient), "urn:oid:2.16.156.10011.1.3|111111111111111111"));
          EXPECT_EQ(nameText(patient), "贾小明");
          EXPECT_EQ(str(patient, "gender"), "male");
          EXPECT_EQ(str(patient, "birthDate"), "2008-01-01");
          auto encounter = only(b, "Encounter");
          EXPECT_TRUE(has(identifiers(encounter), "urn:oid:2.16.156.10011.1.11|E10000000"));
          EXPECT_EQ(str(encounter->getObject("class"), "code"), "AMB");
          EXPECT_TRUE(has(conditionCodes(b), "urn:oid:2.16.156.10011.2.3.3.11.3|1"));   // ICD-10 (national)
          EXPECT_TRUE(has(conditionCodes(b), "urn:oid:2.16.156.10011.2.3.3.14|BEA"));   // TCM GB/T 15657
          EXPECT_TRUE(has(conditionTexts(b), "先天性心脏病"));
          EXPECT_TRUE(has(practitionerIds(b), "urn:gw:bj-union:practitioner|234234234"));
          EXPECT_TRUE(has(codings(only(b, "Composition"), "type"), "urn:oid:2.16.156.10011.2.4|C0002"));
          checkOriginalKept(b, original);
        }}},
      {"cn_wst500_c004_western_prescription.xml",
       {GW_OK, "C0004", "", "", [](const Bundle& b, const std::string& original) {
          auto request = only(b, "MedicationRequest");
          EXPECT_EQ(str(request->getObject("medicationCodeableConcept"), "text"), "氢氯噻臻");
          EXPECT_EQ(str(request->getObject("groupIdentifier"), "value"), "10000000");  // 处方编号
          auto dosage = request->getArray("dosageInstruction")->getObject(0);
          EXPECT_TRUE(has(codings(dosage, "route"), "urn:oid:2.16.156.10011.2.3.1.158|1"));
          auto dose = dosage->getArray("doseAndRate")->getObject(0)->getObject("doseQuantity");
          EXPECT_DOUBLE_EQ(moneyValue(dose), 20.88);
          EXPECT_EQ(str(dose, "unit"), "mg");
          auto charge = only(b, "ChargeItem");  // 处方药品金额 4.00 元
          EXPECT_DOUBLE_EQ(moneyValue(charge->getObject("priceOverride")), 4.0);
          EXPECT_EQ(str(charge->getObject("priceOverride"), "currency"), "CNY");
          EXPECT_EQ(str(charge->getObject("context"), "reference"), fullUrlOf(b, only(b, "Encounter")));
          checkOriginalKept(b, original);
        }}},
      {"cn_wst500_c032_inpatient_front_page.xml",
       {GW_OK, "C0032", "", "", [](const Bundle& b, const std::string& original) {
          auto patient = only(b, "Patient");
          EXPECT_EQ(nameText(patient), "孙松山");
          EXPECT_EQ(str(patient, "birthDate"), "1932-05-21");
          EXPECT_TRUE(has(identifiers(patient), "urn:oid:2.16.156.10011.1.3|110108XXXX05212214"));
          for (const auto& id : identifiers(patient)) EXPECT_NE(id.substr(id.size() - 2), "|-") << "placeholder kept: " << id;
          auto encounter = only(b, "Encounter");
          EXPECT_TRUE(has(identifiers(encounter), "urn:oid:2.16.156.10011.1.12|371000"));  // 住院号
          EXPECT_EQ(str(encounter->getObject("class"), "code"), "IMP");
          EXPECT_EQ(str(encounter->getObject("period"), "start"), "2013-02-16T13:14:00+08:00");
          EXPECT_EQ(str(encounter->getObject("period"), "end"), "2013-03-09T11:04:00+08:00");
          EXPECT_EQ(str(encounter->getArray("location")->getObject(0)->getObject("location"), "display"), "普外科");
          std::map<std::string, double> totals;
          auto extensions = encounter->getArray("extension");
          for (std::size_t i = 0; extensions && i < extensions->size(); ++i) {
            auto money = extensions->getObject(i)->getObject("valueMoney");
            EXPECT_EQ(str(money, "currency"), "CNY");
            totals[str(extensions->getObject(i), "url")] = moneyValue(money);
          }
          EXPECT_DOUBLE_EQ(totals["https://gw.example.org/fhir/StructureDefinition/total-charge"], 59521.00);
          EXPECT_DOUBLE_EQ(totals["https://gw.example.org/fhir/StructureDefinition/patient-paid"], 9320.00);
          auto charges = resources(b, "ChargeItem");
          EXPECT_EQ(charges.size(), 28u);
          for (const auto& c : charges) {
            EXPECT_EQ(str(c->getObject("priceOverride"), "currency"), "CNY");
            EXPECT_EQ(str(c->getObject("context"), "reference"), fullUrlOf(b, encounter));
          }
          EXPECT_DOUBLE_EQ(moneyValue(chargeItem(b, "HDSD00.11.147")->getObject("priceOverride")), 32.8);  // 一般医疗服务费
          EXPECT_DOUBLE_EQ(moneyValue(chargeItem(b, "HDSD00.11.098")->getObject("priceOverride")), 12074.18);  // 西药费
          auto antibiotics = chargeItem(b, "HDSD00.11.099");  // 其中抗菌药物费用: part of 西药费, counted there
          EXPECT_EQ(str(antibiotics->getArray("partOf")->getObject(0), "reference"), fullUrlOf(b, chargeItem(b, "HDSD00.11.098")));
          EXPECT_EQ(str(antibiotics, "status"), "not-billable");
          double billable = 0;
          for (const auto& c : charges)
            if (str(c, "status") == "billable") billable += moneyValue(c->getObject("priceOverride"));
          // The sum of the top-level fee categories; this synthetic example's stated total (59521.00) differs.
          EXPECT_NEAR(billable, 55192.96, 0.001);
          auto primary = encounter->getArray("diagnosis")->getObject(0);  // 出院诊断-主要诊断 first, rank 1
          EXPECT_EQ(primary->getValue<int>("rank"), 1);
          EXPECT_TRUE(has(codings(primary, "use"), "http://terminology.hl7.org/CodeSystem/diagnosis-role|DD"));
          for (const auto& c : resources(b, "Condition")) {
            if (fullUrlOf(b, c) != str(primary->getObject("condition"), "reference")) continue;
            EXPECT_EQ(str(c->getArray("category")->getObject(0), "text"), "出院诊断-主要诊断疾病编码");
          }
          EXPECT_EQ(str(only(b, "Coverage")->getObject("type"), "text"), "城镇职工基本医疗保险");  // 医疗付费方式
          EXPECT_TRUE(has(conditionCodes(b), "urn:oid:2.16.156.10011.2.3.3.11.3|1"));
          EXPECT_TRUE(has(conditionCodes(b), "urn:oid:2.16.156.10011.2.3.3.11.5|1"));
          auto procedure = only(b, "Procedure");
          EXPECT_TRUE(has(codings(procedure, "code"), "urn:oid:2.16.156.10011.2.3.3.12|1"));  // ICD-9-CM-3
          EXPECT_EQ(str(procedure, "performedDateTime"), "2000-04-07T14:30:00+08:00");
          auto doctors = practitionerIds(b);
          for (const char* id : {"64482", "62459", "76452", "75508"})
            EXPECT_TRUE(has(doctors, std::string("urn:gw:bj-union:practitioner|") + id)) << id;
          checkOriginalKept(b, original);
        }}},
      {"cn_wst500_c053_discharge_summary_MALFORMED.xml",
       {GW_ERR_INVALID, "", "not well-formed XML", "line 1, column 3", nullptr}},
      {"hl7_ccda_ccd1_with_payers.xml",
       {GW_OK, "34133-9", "", "", [](const Bundle& b, const std::string& original) {
          auto patient = only(b, "Patient");
          EXPECT_TRUE(has(identifiers(patient), "http://hl7.org/fhir/sid/us-ssn|444222222"));
          EXPECT_EQ(str(patient->getArray("name")->getObject(0), "family"), "Betterhalf");
          EXPECT_EQ(str(patient, "gender"), "female");
          EXPECT_EQ(str(patient, "birthDate"), "1975-05-01");
          auto coverage = only(b, "Coverage");
          EXPECT_EQ(str(coverage, "subscriberId"), "1138345");
          EXPECT_EQ(str(coverage->getArray("payor")->getObject(0), "display"), "Good Health Insurance");
          EXPECT_TRUE(has(codings(coverage, "relationship"), "http://terminology.hl7.org/CodeSystem/v3-RoleCode|SELF"));
          EXPECT_FALSE(resources(b, "Condition").empty());
          for (const auto& c : resources(b, "Condition"))
            EXPECT_EQ(codings(c, "code").front().rfind("http://snomed.info/sct|", 0), 0u);
          bool systolic = false;
          for (const auto& o : resources(b, "Observation"))
            if (has(codings(o, "code"), "http://loinc.org|8480-6")) {
              systolic = true;
              EXPECT_EQ(str(o->getObject("valueQuantity"), "system"), "http://unitsofmeasure.org");
            }
          EXPECT_TRUE(systolic);
          for (const auto& m : resources(b, "MedicationRequest"))
            EXPECT_EQ(codings(m, "medicationCodeableConcept").front().rfind("http://www.nlm.nih.gov/research/umls/rxnorm|", 0), 0u);
          checkOriginalKept(b, original);
        }}},
      {"hl7_ccda_discharge_summary.xml",
       {GW_OK, "18842-5", "", "", [](const Bundle& b, const std::string& original) {
          auto patient = only(b, "Patient");
          EXPECT_TRUE(has(identifiers(patient), "http://hl7.org/fhir/sid/us-ssn|111-00-2330"));
          auto encounter = only(b, "Encounter");
          EXPECT_TRUE(has(identifiers(encounter), "urn:oid:2.16.840.1.113883.19|9937012"));
          EXPECT_EQ(str(encounter->getObject("class"), "code"), "IMP");
          EXPECT_EQ(str(encounter->getObject("period"), "start"), "2014-09-09T19:04:00-05:00");
          EXPECT_EQ(str(encounter->getObject("period"), "end"), "2014-09-16T19:04:00-05:00");
          EXPECT_TRUE(has(codings(encounter->getObject("hospitalization"), "dischargeDisposition"),
                          "urn:oid:2.16.840.1.113883.12.112|01"));
          EXPECT_TRUE(has(conditionCodes(b), "http://snomed.info/sct|74400008"));
          EXPECT_TRUE(has(codings(only(b, "Procedure"), "code"), "http://www.ama-assn.org/go/cpt|44970"));
          EXPECT_TRUE(has(practitionerIds(b), "http://hl7.org/fhir/sid/us-npi|99999999"));
          checkOriginalKept(b, original);
        }}},
      // In the shared samples only (read from there when present): what the adapter already does with
      // them; the tolerance issue (15) asks for more.
      {"cerner_ccda_problems_meds_nbsp.xml",
       {GW_OK, "34133-9", "", "", [](const Bundle& b, const std::string& original) {
          auto patient = only(b, "Patient");
          EXPECT_EQ(str(patient->getArray("name")->getObject(0), "family"), "Wade");
          EXPECT_EQ(str(patient, "birthDate"), "1954-03-23");
          EXPECT_EQ(resources(b, "Condition").size(), 5u);
          EXPECT_TRUE(has(conditionCodes(b), "http://hl7.org/fhir/sid/icd-9-cm|434.91"));
          EXPECT_EQ(resources(b, "MedicationRequest").size(), 6u);
          checkOriginalKept(b, original);
        }}},
      {"mtuitive_ccda_opnote_cataract.xml",
       {GW_OK, "11504-8", "", "", [](const Bundle& b, const std::string& original) {
          auto patient = only(b, "Patient");
          EXPECT_EQ(str(patient->getArray("name")->getObject(0), "family"), "Wayne");
          EXPECT_EQ(str(patient, "birthDate"), "1965-01-15");
          EXPECT_TRUE(has(conditionCodes(b), "http://hl7.org/fhir/sid/icd-9-cm|366.16"));
          checkOriginalKept(b, original);
        }}},
      {"hl7_ccda_encounter_billable_dx.xml", {GW_ERR_UNSUPPORTED, "", "section fragment", "", nullptr}},
      {"hl7_ccda_multiple_cpt_em.xml", {GW_ERR_UNSUPPORTED, "", "section fragment", "", nullptr}},
  };
  return m;
}

std::vector<std::string> listXml(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > 4 && name.substr(name.size() - 4) == ".xml") out.push_back(name);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool sharedSamplesPresent() { return exists(CDA_SHARED_SAMPLES_DIR); }

// The samples to run: the C-CDA copies always, the shared set when it is there.
std::vector<std::string> sampleNames() {
  std::vector<std::string> names = listXml(CDA_TEST_DATA_DIR);
  for (const auto& n : listXml(CDA_SHARED_SAMPLES_DIR))
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  return names;
}

// The cda files of the third-party corpus: their expectations live in tests/corpus/expectations.json, which the
// Corpus.ThirdPartyMessages test checks through the built plugin.
bool inCorpus(const std::string& name) {
  static const std::string manifest = readFile(std::string(CDA_TEST_DATA_DIR) + "/../../corpus/expectations.json");
  return parseJson(manifest)->getObject("files")->has("cda/" + name);
}

std::string translated(const std::string& name) {
  std::string input = readFile(samplePath(name));
  return makeAdapter().decode(input, "application/xml").bytes;
}

}  // namespace

TEST(CdaConformance, EveryC_CdaCopyIsTheSharedSampleByteForByte) {
  for (const auto& name : listXml(CDA_TEST_DATA_DIR)) {
    EXPECT_EQ(name.rfind("cn_", 0), std::string::npos) << name << ": Chinese national-standard samples must not be copied";
    std::string shared = std::string(CDA_SHARED_SAMPLES_DIR) + "/" + name;
    if (exists(shared)) {
      EXPECT_EQ(readFile(samplePath(name)), readFile(shared)) << name;
    }
  }
}

TEST(CdaConformance, ChineseSamplesAreReadFromTheSharedSampleSet) {
  if (!sharedSamplesPresent()) GTEST_SKIP() << "shared samples not found at " << CDA_SHARED_SAMPLES_DIR
                                            << ": the Chinese WS/T 500 / platform samples (no licence, not copied) are skipped";
  int chinese = 0;
  for (const auto& name : listXml(CDA_SHARED_SAMPLES_DIR)) chinese += name.rfind("cn_", 0) == 0;
  EXPECT_GE(chinese, 7);
}

TEST(CdaConformance, EverySampleIsTranslatedOrRejectedAsExpected) {
  if (!sharedSamplesPresent())
    std::cout << "[ note ] shared samples absent (" << CDA_SHARED_SAMPLES_DIR << "): only the C-CDA copies run\n";
  for (const auto& name : sampleNames()) {
    SCOPED_TRACE(name);
    auto it = expectations().find(name);
    if (it == expectations().end()) {
      EXPECT_TRUE(inCorpus(name)) << "no expectation for sample " << name << ", here or in the corpus manifest";
      continue;
    }
    const Expectation& e = it->second;
    std::string input = readFile(samplePath(name));
    CdaAdapter adapter = makeAdapter();
    if (e.status != GW_OK) {
      try {
        adapter.decode(input, "application/xml");
        ADD_FAILURE() << "translated, expected a rejection";
      } catch (const gw::sdk::Error& error) {
        EXPECT_EQ(error.status(), e.status);
        EXPECT_NE(std::string(error.what()).find(e.reason), std::string::npos) << error.what();
        EXPECT_EQ(error.location(), e.location);
      }
      continue;
    }
    gw::sdk::Output out = adapter.decode(input, "application/xml");
    EXPECT_EQ(out.event, e.event);
    EXPECT_EQ(out.contentType, "application/fhir+json");
    gw::sdk::Output id = adapter.identify(input, "application/xml");
    EXPECT_EQ(id.messageId, out.messageId);
    EXPECT_EQ(id.event, out.event);
    Bundle bundle = parseJson(out.bytes);
    EXPECT_EQ(str(bundle, "type"), "transaction");
    EXPECT_EQ(str(bundle->getObject("identifier"), "value"), out.messageId);
    e.check(bundle, input);
  }
}

TEST(CdaConformance, TheSameInputGivesTheSameBundle) {
  for (const auto& name : sampleNames()) {
    auto it = expectations().find(name);
    if (it == expectations().end() || it->second.status != GW_OK) continue;
    EXPECT_EQ(translated(name), translated(name)) << name;
  }
}

TEST(CdaConformance, TranslatedBundlesPassTheFhirR4Validator) {
  TempFolder bundles("gw-cda-fhir");
  std::vector<std::string> files;
  for (const auto& name : sampleNames()) {
    auto it = expectations().find(name);
    if (it == expectations().end() || it->second.status != GW_OK) continue;
    files.push_back(bundles.write(name + ".json", translated(name)));
  }
  ASSERT_FALSE(files.empty());
  GW_EXPECT_VALID_FHIR(files);
}
