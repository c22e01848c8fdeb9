// ChineseNamesTest.cpp: a hospital XML whose elements and attributes have Chinese names
// (tests/data/jiuzhen-outpatient.xml) translated end to end through tests/data/jiuzhen.yaml, whose
// message id, event, foreach, when, field and money XPaths name them, mostly as absolute paths
// (/就诊记录/消息头/机构/@编码), which libxml2 2.9 refuses as written; and errors in such XPaths.
#include "XmlMapTestSupport.hpp"

#include "MappingLoader.hpp"

#include <gw/testing/FhirValidator.hpp>

#include <gtest/gtest.h>

using namespace gw::xmlmap::test;

namespace {

std::string ownData(const std::string& name) { return std::string(XMLMAP_TESTS_DIR) + "/data/" + name; }

gw::sdk::Output decodeVisit() {
  auto adapter = makeAdapter(ownData("jiuzhen.yaml"), "pd-demo");
  return adapter.decode(readFile(ownData("jiuzhen-outpatient.xml")), "application/xml");
}

}  // namespace

TEST(ChineseNames, MessageIdEventAndTimestampComeFromChineseElements) {
  gw::sdk::Output out = decodeVisit();
  EXPECT_EQ(out.messageId, "JZ-20240612-000087");
  EXPECT_EQ(out.event, "门诊结算");
  auto bundle = parseJson(out.bytes);
  EXPECT_EQ(str(bundle->getObject("identifier"), "value"), "JZ-20240612-000087");
  EXPECT_EQ(str(bundle, "timestamp"), "2024-06-12T15:42:10+08:00");
}

TEST(ChineseNames, PatientFromChineseElementsAndAttributes) {
  auto bundle = parseJson(decodeVisit().bytes);
  auto patient = resources(bundle, "Patient").at(0);
  EXPECT_EQ(identifiers(patient), (std::vector<std::string>{"urn:gw:pd-demo:mr|MZ00098765",
                                                             "urn:oid:2.16.156.10011.1.3|310115198805XXXX24"}));
  auto name = patient->getArray("name")->getObject(0);
  EXPECT_EQ(str(name, "text"), "王芳");
  EXPECT_EQ(str(name, "family"), "王");
  EXPECT_EQ(name->getArray("given")->getElement<std::string>(0), "芳");
  EXPECT_EQ(str(patient, "gender"), "female");  // 性别/@代码 = 2 through the value map
  EXPECT_EQ(str(patient, "birthDate"), "1988-05-21");
  EXPECT_EQ(str(patient->getArray("telecom")->getObject(0), "value"), "13900000002");
  auto hospital = resources(bundle, "Organization").at(0);
  EXPECT_EQ(identifiers(hospital), (std::vector<std::string>{"urn:gw:group:partner|pd-demo",
                                                              "urn:gw:pd-demo:facility|H310115001"}));
  EXPECT_EQ(str(hospital, "name"), "浦东示例医院");
}

TEST(ChineseNames, EncounterDoctorAndDiagnosisSelectedByChineseWhen) {
  auto bundle = parseJson(decodeVisit().bytes);
  auto encounter = resources(bundle, "Encounter").at(0);
  EXPECT_EQ(identifiers(encounter), std::vector<std::string>{"urn:gw:pd-demo:vn|OP2024061200342"});
  EXPECT_EQ(str(encounter->getObject("class"), "code"), "AMB");  // 门诊 through the value map
  EXPECT_EQ(str(encounter->getObject("period"), "start"), "2024-06-12T09:30:00+08:00");
  EXPECT_EQ(str(encounter->getObject("period"), "end"), "2024-06-12T10:05:00+08:00");
  EXPECT_EQ(str(encounter->getObject("serviceType")->getArray("coding")->getObject(0), "display"), "皮肤科");
  auto doctor = resources(bundle, "Practitioner").at(0);
  EXPECT_EQ(identifiers(doctor), std::vector<std::string>{"urn:gw:pd-demo:practitioner|D0789"});
  EXPECT_EQ(referenceOf(encounter->getArray("participant")->getObject(0), "individual"), fullUrlOf(bundle, doctor));
  auto condition = resources(bundle, "Condition").at(0);
  EXPECT_EQ(str(condition->getObject("code")->getArray("coding")->getObject(0), "code"), "L20.9");
  EXPECT_EQ(str(condition->getObject("code"), "text"), "特应性皮炎");
  EXPECT_EQ(referenceOf(encounter->getArray("diagnosis")->getObject(0), "condition"), fullUrlOf(bundle, condition));
}

TEST(ChineseNames, EachChargeOfTheChineseGroupWithItsAmountAndTheHeadersCurrency) {
  const std::string bytes = decodeVisit().bytes;
  auto charges = resources(parseJson(bytes), "ChargeItem");
  ASSERT_EQ(charges.size(), 3u);
  std::vector<std::string> seen;
  for (const auto& charge : charges)
    seen.push_back(identifiers(charge).at(0) + " " + str(charge->getObject("code"), "text") + " " +
                   str(charge->getObject("priceOverride"), "currency"));
  EXPECT_EQ(seen, (std::vector<std::string>{"urn:gw:pd-demo:charge|OP2024061200342-1 门诊诊查费 CNY",
                                            "urn:gw:pd-demo:charge|OP2024061200342-2 血常规 CNY",
                                            "urn:gw:pd-demo:charge|OP2024061200342-3 丁酸氢化可的松乳膏 CNY"}));
  // Amounts are written as sent (a parsed JSON number would lose the trailing zeros).
  for (const char* amount : {"{\"value\":25.00,", "{\"value\":20.50,", "{\"value\":86.40,"})
    EXPECT_NE(bytes.find(amount), std::string::npos) << amount;
}

TEST(ChineseNames, TheBundleHasNoFhirValidationErrors) {
  TempFolder folder("xmlmap-chinese");
  GW_EXPECT_VALID_FHIR(std::vector<std::string>{folder.write("bundle.json", decodeVisit().bytes)});
}

TEST(ChineseNames, AMissingRequiredValueIsLocatedByItsChineseXPath) {
  auto adapter = makeAdapter(ownData("jiuzhen.yaml"), "pd-demo");
  std::string visit = readFile(ownData("jiuzhen-outpatient.xml"));
  visit.replace(visit.find("<病历号>MZ00098765</病历号>"), std::string("<病历号>MZ00098765</病历号>").size(), "");
  try {
    adapter.decode(visit, "application/xml");
    FAIL() << "decoded without the MRN";
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
    EXPECT_STREQ(e.what(), "患者没有病历号 (the patient has no MRN)");
    EXPECT_EQ(e.location(), "/就诊记录/患者/病历号");
  }
}

TEST(ChineseNames, ABadChineseXPathNamesFileLineColumnAndTheCharacterAsWritten) {
  const std::string yaml = readFile(ownData("jiuzhen.yaml"));
  std::string broken = yaml;
  broken.replace(broken.find("id: /就诊记录/消息头/消息ID"), std::string("id: /就诊记录/消息头/消息ID").size(),
                 "id: /就诊记录/消息头]");
  try {
    gw::xmlmap::loadMappingText(broken, "jiuzhen.yaml", "pd-demo");
    FAIL() << "loaded a broken XPath";
  } catch (const gw::xmlmap::MappingError& e) {
    // ']' is the 10th character of the XPath as written (libxml2 saw it 7 bytes later, after child::).
    EXPECT_STREQ(e.what(), "jiuzhen.yaml:10:7: 'message.id': bad XPath '/就诊记录/消息头]': invalid expression at character 10");
  }
}
