// VisitRecordTest.cpp: the shipped VisitRecord mapping (conf/mappings/visitrecord.yaml) on its
// samples: identifiers and systems, names (Chinese too), dates, class, doctor, charges with amounts
// and currencies, coverage (family plan and own policy), and a required field that is missing.
#include "XmlMapTestSupport.hpp"

#include <gtest/gtest.h>

using namespace gw::xmlmap::test;

namespace {

Poco::JSON::Object::Ptr decodeSample(const std::string& name, gw::sdk::Output* output = nullptr) {
  auto adapter = makeAdapter(mappingPath("visitrecord.yaml"));
  auto out = adapter.decode(sampleMessage(name), "application/xml");
  if (output) *output = out;
  return parseJson(out.bytes);
}

}  // namespace

TEST(VisitRecord, BundleIsATransactionIdentifiedByTheSendersMessageId) {
  gw::sdk::Output out;
  auto bundle = decodeSample("visitrecord-inpatient-family-plan.xml", &out);
  EXPECT_EQ(out.messageId, "VR-20240305-000123");
  EXPECT_EQ(out.event, "DISCHARGE");
  EXPECT_EQ(out.contentType, "application/fhir+json");
  EXPECT_EQ(str(bundle, "type"), "transaction");
  EXPECT_EQ(str(bundle->getObject("identifier"), "system"), "urn:gw:sh-intl:message");
  EXPECT_EQ(str(bundle->getObject("identifier"), "value"), "VR-20240305-000123");
  EXPECT_EQ(str(bundle, "timestamp"), "2024-03-05T18:20:07+08:00");
}

TEST(VisitRecord, PatientWithChineseNameMrnAndResidentIdCard) {
  auto bundle = decodeSample("visitrecord-inpatient-family-plan.xml");
  auto patients = resources(bundle, "Patient");
  ASSERT_EQ(patients.size(), 1u);
  auto patient = patients[0];
  EXPECT_EQ(identifiers(patient), (std::vector<std::string>{"urn:gw:sh-intl:mr|MRN0012345",
                                                             "urn:oid:2.16.156.10011.1.3|1101011990XXXX0011"}));
  auto name = patient->getArray("name")->getObject(0);
  EXPECT_EQ(str(name, "text"), "李雷");
  EXPECT_EQ(str(name, "family"), "李");
  EXPECT_EQ(name->getArray("given")->getElement<std::string>(0), "雷");
  EXPECT_EQ(str(patient, "gender"), "male");
  EXPECT_EQ(str(patient, "birthDate"), "1990-03-07");
  EXPECT_EQ(str(patient->getArray("telecom")->getObject(0), "value"), "13800000001");
  auto request = requestOf(bundle, patient);
  EXPECT_EQ(str(request, "method"), "PUT");
  EXPECT_EQ(str(request, "url"), "Patient?identifier=urn:gw:sh-intl:mr|MRN0012345");
}

TEST(VisitRecord, EncounterWithVisitNumberClassPeriodDepartmentAndAttendingDoctor) {
  auto bundle = decodeSample("visitrecord-inpatient-family-plan.xml");
  auto encounter = resources(bundle, "Encounter").at(0);
  EXPECT_EQ(identifiers(encounter), std::vector<std::string>{"urn:gw:sh-intl:vn|IP2024030100017"});
  EXPECT_EQ(str(encounter, "status"), "finished");
  EXPECT_EQ(str(encounter->getObject("class"), "code"), "IMP");
  EXPECT_EQ(str(encounter->getObject("class"), "system"), "http://terminology.hl7.org/CodeSystem/v3-ActCode");
  EXPECT_EQ(str(encounter->getObject("period"), "start"), "2024-03-01T10:15:00+08:00");
  EXPECT_EQ(str(encounter->getObject("period"), "end"), "2024-03-05T16:30:00+08:00");
  auto department = encounter->getObject("serviceType")->getArray("coding")->getObject(0);
  EXPECT_EQ(str(department, "code"), "CARD");
  EXPECT_EQ(str(department, "display"), "Cardiology 心内科");
  EXPECT_EQ(referenceOf(encounter, "subject"), fullUrlOf(bundle, resources(bundle, "Patient").at(0)));

  auto doctor = resources(bundle, "Practitioner").at(0);
  EXPECT_EQ(identifiers(doctor), std::vector<std::string>{"urn:gw:sh-intl:practitioner|D0456"});
  EXPECT_EQ(str(doctor->getArray("name")->getObject(0), "family"), "王");
  auto participant = encounter->getArray("participant")->getObject(0);
  EXPECT_EQ(referenceOf(participant, "individual"), fullUrlOf(bundle, doctor));
}

TEST(VisitRecord, EachChargeBecomesAChargeItemWithAmountsCurrencyAndReferences) {
  auto bundle = decodeSample("visitrecord-inpatient-family-plan.xml");
  auto charges = resources(bundle, "ChargeItem");
  ASSERT_EQ(charges.size(), 3u);
  std::string encounterUrl = fullUrlOf(bundle, resources(bundle, "Encounter").at(0));
  std::string patientUrl = fullUrlOf(bundle, resources(bundle, "Patient").at(0));
  for (const auto& charge : charges) {
    EXPECT_EQ(referenceOf(charge, "context"), encounterUrl);
    EXPECT_EQ(referenceOf(charge, "subject"), patientUrl);
    EXPECT_EQ(str(charge, "status"), "billable");
  }
  auto ward = charges[1];
  EXPECT_EQ(identifiers(ward), std::vector<std::string>{"urn:gw:sh-intl:transaction|IP2024030100017-2"});
  EXPECT_EQ(str(ward->getObject("code")->getArray("coding")->getObject(0), "code"), "WARD-VIP");
  EXPECT_EQ(str(ward->getObject("quantity"), "value"), "4");
  EXPECT_EQ(str(ward->getObject("priceOverride"), "currency"), "CNY");
  EXPECT_DOUBLE_EQ(ward->getObject("priceOverride")->getValue<double>("value"), 10000.0);
  auto unitPrice = ward->getArray("extension")->getObject(0);
  EXPECT_EQ(str(unitPrice, "url"), "https://gw.example.org/fhir/StructureDefinition/unit-price");
  EXPECT_DOUBLE_EQ(unitPrice->getObject("valueMoney")->getValue<double>("value"), 2500.0);
  EXPECT_EQ(str(charges[2], "occurrenceDateTime"), "2024-03-01T11:30:00+08:00");
}

TEST(VisitRecord, DecimalsKeepTheirSourcePrecision) {
  gw::sdk::Output out;
  decodeSample("visitrecord-inpatient-family-plan.xml", &out);
  EXPECT_NE(out.bytes.find("\"value\":120.50"), std::string::npos);
  EXPECT_NE(out.bytes.find("\"value\":800.00"), std::string::npos);
}

TEST(VisitRecord, ChargeCurrencyComesFromTheMessageElseTheMappingDefault) {
  auto bundle = decodeSample("visitrecord-outpatient-self.xml");
  auto charges = resources(bundle, "ChargeItem");
  ASSERT_EQ(charges.size(), 2u);
  EXPECT_EQ(str(charges[0]->getObject("priceOverride"), "currency"), "USD");
  EXPECT_EQ(str(charges[1]->getObject("priceOverride"), "currency"), "CNY");
}

TEST(VisitRecord, FamilyPlanCoverageNamesTheSubscribingSpouse) {
  auto bundle = decodeSample("visitrecord-inpatient-family-plan.xml");
  auto coverage = resources(bundle, "Coverage").at(0);
  EXPECT_EQ(identifiers(coverage), std::vector<std::string>{"urn:gw:sh-intl:policy|FP-2024-778812"});
  EXPECT_EQ(str(coverage, "subscriberId"), "FP-2024-778812-01");
  EXPECT_EQ(str(coverage->getObject("relationship")->getArray("coding")->getObject(0), "code"), "spouse");
  auto spouse = resources(bundle, "RelatedPerson").at(0);
  EXPECT_EQ(str(spouse->getArray("name")->getObject(0), "text"), "韩梅梅");
  EXPECT_EQ(referenceOf(coverage, "subscriber"), fullUrlOf(bundle, spouse));
  EXPECT_EQ(referenceOf(coverage, "policyHolder"), fullUrlOf(bundle, spouse));
  EXPECT_EQ(referenceOf(coverage, "beneficiary"), fullUrlOf(bundle, resources(bundle, "Patient").at(0)));
  auto organizations = resources(bundle, "Organization");
  ASSERT_EQ(organizations.size(), 2u);
  EXPECT_EQ(identifiers(organizations[1]), std::vector<std::string>{"urn:gw:sh-intl:niip|INS-0007"});
  EXPECT_EQ(str(coverage->getArray("payor")->getObject(0), "reference"), fullUrlOf(bundle, organizations[1]));
}

TEST(VisitRecord, OwnPolicyHasThePatientAsSubscriberAndNoRelatedPerson) {
  auto bundle = decodeSample("visitrecord-outpatient-self.xml");
  auto coverage = resources(bundle, "Coverage").at(0);
  EXPECT_TRUE(resources(bundle, "RelatedPerson").empty());
  EXPECT_EQ(referenceOf(coverage, "subscriber"), fullUrlOf(bundle, resources(bundle, "Patient").at(0)));
  EXPECT_FALSE(coverage->has("policyHolder"));
  EXPECT_EQ(str(coverage->getObject("relationship")->getArray("coding")->getObject(0), "code"), "self");
  auto patient = resources(bundle, "Patient").at(0);
  EXPECT_EQ(str(patient->getArray("name")->getObject(0), "family"), "Olsen");
  EXPECT_EQ(str(patient, "gender"), "female");
  EXPECT_EQ(str(resources(bundle, "Encounter").at(0)->getObject("class"), "code"), "AMB");
}

TEST(VisitRecord, SelfPayEmergencyHasNoCoverageNoIdCardAndAnOpenPeriod) {
  auto bundle = decodeSample("visitrecord-emergency-selfpay.xml");
  EXPECT_TRUE(resources(bundle, "Coverage").empty());
  EXPECT_EQ(resources(bundle, "Organization").size(), 1u);  // the hospital only
  auto patient = resources(bundle, "Patient").at(0);
  EXPECT_EQ(identifiers(patient), std::vector<std::string>{"urn:gw:sh-intl:mr|MRN0100002"});
  EXPECT_FALSE(patient->has("telecom"));
  auto encounter = resources(bundle, "Encounter").at(0);
  EXPECT_EQ(str(encounter, "status"), "in-progress");
  EXPECT_EQ(str(encounter->getObject("class"), "code"), "EMER");
  EXPECT_FALSE(encounter->getObject("period")->has("end"));
}

TEST(VisitRecord, SameMessageGivesTheSameBundle) {
  auto adapter = makeAdapter(mappingPath("visitrecord.yaml"));
  std::string message = sampleMessage("visitrecord-inpatient-family-plan.xml");
  EXPECT_EQ(adapter.decode(message, "application/xml").bytes, adapter.decode(message, "application/xml").bytes);
}

TEST(VisitRecord, MissingRequiredFieldIsInvalidWithItsMessageAndXPath) {
  auto adapter = makeAdapter(mappingPath("visitrecord.yaml"));
  std::string message = sampleMessage("visitrecord-emergency-selfpay.xml");
  message.replace(message.find("<MRN>MRN0100002</MRN>"), 21, "<MRN/>");
  try {
    adapter.decode(message, "application/xml");
    FAIL() << "decoded without an MRN";
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
    EXPECT_STREQ(e.what(), "the patient has no MRN (Patient/MRN)");
    EXPECT_EQ(e.location(), "/v:VisitRecord/v:Patient/v:MRN");
  }
}

TEST(VisitRecord, RequiredFieldInsideARepeatedGroupNamesTheGroupElement) {
  auto adapter = makeAdapter(mappingPath("visitrecord.yaml"));
  std::string message = sampleMessage("visitrecord-inpatient-family-plan.xml");
  message.replace(message.find("<Amount>10000.00</Amount>"), 25, "");
  try {
    adapter.decode(message, "application/xml");
    FAIL() << "decoded a charge without an amount";
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
    EXPECT_STREQ(e.what(), "a charge has no amount (Charge/Amount)");
    EXPECT_EQ(e.location(), "/VisitRecord/Charges/Charge[2]/v:Amount");
  }
}

// Encounter.class is required in FHIR: an unmapped class is refused even when lenient. The birth date is
// refused when strict (tests/LenientValidationTest.cpp shows lenient).
TEST(VisitRecord, UnmappedCodeAndBadDateAreInvalid) {
  auto adapter = gw::xmlmap::XmlMapAdapter(gw::sdk::Partner{"sh-intl", GW_KIND_HOSPITAL,
                                                R"({"mapping":")" + mappingPath("visitrecord.yaml") +
                                                    R"(","validation":"strict"})"});
  auto lenient = makeAdapter(mappingPath("visitrecord.yaml"));
  std::string message = sampleMessage("visitrecord-emergency-selfpay.xml");
  std::string badClass = message;
  badClass.replace(badClass.find("<Class>ER</Class>"), 17, "<Class>XX</Class>");
  try {
    lenient.decode(badClass, "application/xml");
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
    EXPECT_NE(std::string(e.what()).find("'XX' is not in value map 'encounter_class'"), std::string::npos) << e.what();
  }
  std::string badDate = message;
  badDate.replace(badDate.find("02/09/1991"), 10, "1991-09-02");
  try {
    adapter.decode(badDate, "application/xml");
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
    EXPECT_NE(std::string(e.what()).find("%d/%m/%Y"), std::string::npos) << e.what();
    EXPECT_EQ(e.location(), "/v:VisitRecord/v:Patient/v:BirthDate");
  }
}

TEST(VisitRecord, OtherDocumentsAreUnsupportedNamingTheRootFound) {
  auto adapter = makeAdapter(mappingPath("visitrecord.yaml"));
  try {
    adapter.decode(testData("hl7v2-xml/mirth_orm_o01_hl7message.xml"), "application/xml");
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_UNSUPPORTED);
    EXPECT_NE(std::string(e.what()).find("<HL7Message> (no namespace)"), std::string::npos) << e.what();
  }
  std::string wrongNamespace = sampleMessage("visitrecord-emergency-selfpay.xml");
  wrongNamespace.replace(wrongNamespace.find("visitrecord:1"), 13, "visitrecord:2");
  try {
    adapter.decode(wrongNamespace, "application/xml");
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_UNSUPPORTED);
    EXPECT_NE(std::string(e.what()).find("urn:example:sh-intl:visitrecord:2"), std::string::npos) << e.what();
  }
}

TEST(VisitRecord, HostileXmlIsRefusedByTheHardenedParser) {
  auto adapter = makeAdapter(mappingPath("visitrecord.yaml"));
  std::string xxe = "<?xml version=\"1.0\"?><!DOCTYPE VisitRecord [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    "<VisitRecord xmlns=\"urn:example:sh-intl:visitrecord:1\">&x;</VisitRecord>";
  try {
    adapter.decode(xxe, "application/xml");
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
  }
  EXPECT_THROW(adapter.decode("<VisitRecord", "application/xml"), gw::sdk::Error);
}
