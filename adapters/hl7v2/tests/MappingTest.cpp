// MappingTest.cpp: mapping behaviours not covered by the public samples: routing on MSH-9,
// unsupported events, ADT^A17 with two patients, ADT^A40 merge, currency and OID options,
// Chinese text, the resident ID card system, null values, bad amounts.
#include "TestSupport.hpp"

#include <gw/kit/Issues.hpp>
#include <gtest/gtest.h>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

TEST(Mapping, RoutesOnMsh9NotOnTheXmlRoot) {
  std::string xml = "<ConformanceMessage xmlns=\"urn:hl7-org:v2xml\"><MSH><MSH.1>|</MSH.1><MSH.2>^~\\&amp;</MSH.2>"
                    "<MSH.7><TS.1>20240301</TS.1></MSH.7><MSH.9><MSG.1>ADT</MSG.1><MSG.2>A08</MSG.2></MSH.9>"
                    "<MSH.10>X1</MSH.10><MSH.12><VID.1>2.5</VID.1></MSH.12></MSH><PID><PID.3><CX.1>7</CX.1>"
                    "<CX.5>MR</CX.5></PID.3></PID></ConformanceMessage>";
  auto out = makeAdapter().decode(xml, "text/xml");
  EXPECT_EQ(out.event, "ADT^A08");
  EXPECT_TRUE(parseJson(out.bytes)->has("entry"));
}

TEST(Mapping, RefusesUnsupportedEventsNamingThem) {
  auto e = decodeError(er7("ADT^A20", "NPU|W1^101^1|C"));
  EXPECT_EQ(e.status(), GW_ERR_UNSUPPORTED);
  EXPECT_NE(std::string(e.what()).find("ADT^A20"), std::string::npos);
  EXPECT_EQ(e.location(), "MSH-9");
}

TEST(Mapping, StrictRefusesAnInvalidBirthDateNamingTheField) {
  auto e = decodeError(er7("ADT^A01", "PID|1||1^^^^MR||LI^SI||19800230|F"), R"({"validation":"strict"})");
  EXPECT_EQ(e.status(), GW_ERR_INVALID);
  EXPECT_STREQ(e.what(), "PID-7: '19800230' is not a valid date");
  EXPECT_EQ(e.location(), "PID-7");
}

TEST(Mapping, LenientLeavesAnInvalidBirthDateOutAndReportsItWithTheValueAsSent) {
  auto out = makeAdapter().decode(er7("ADT^A01", "PID|1||1^^^^MR||LI^SI||19800230|F\rPV1|1|I"), "application/hl7-v2");
  auto patient = resources(parseJson(out.bytes), "Patient").at(0);
  EXPECT_FALSE(patient->has("birthDate"));
  EXPECT_EQ(str(patient, "gender"), "female");
  auto issues = gw::kit::readIssues(out.issues);
  ASSERT_EQ(issues.size(), 1u) << out.issues;
  EXPECT_EQ(issues[0].severity, "warning");
  EXPECT_EQ(issues[0].code, "value");
  EXPECT_EQ(issues[0].expression, "PID-7");
  EXPECT_EQ(issues[0].text, "PID-7: '19800230' is not a valid date");
  EXPECT_NE(out.issues.find(R"("valueString":"19800230")"), std::string::npos) << out.issues;
}

TEST(Mapping, APatientWithoutAnyIdentifierIsRefusedEvenWhenLenient) {
  auto e = decodeError(er7("ADT^A01", "PID|1||||LI^SI||19800101|F"));
  EXPECT_EQ(e.status(), GW_ERR_INVALID);
  EXPECT_EQ(e.location(), "PID-3");
}

TEST(Mapping, AdtA17SwapsTwoPatientsEachWithTheirEncounter) {
  auto out = makeAdapter().decode(er7("ADT^A17", "EVN|A17\rPID|1||A1^^^^MR||ONE\rPV1|1|I|W1^101^1||||||||||||||||V1\r"
                                                 "PID|2||A2^^^^MR||TWO\rPV1|1|I|W1^102^2||||||||||||||||V2"),
                                  "application/hl7-v2");
  auto b = parseJson(out.bytes);
  auto patients = resources(b, "Patient");
  auto encounters = resources(b, "Encounter");
  ASSERT_EQ(patients.size(), 2u);
  ASSERT_EQ(encounters.size(), 2u);
  EXPECT_EQ(str(encounters[1]->getObject("subject"), "reference"), fullUrlOf(b, patients[1]));
  EXPECT_EQ(identifiers(encounters[1])[0], "urn:gw:sh-intl:vn|V2");
}

TEST(Mapping, AdtA40LinksTheSurvivingAndTheMergedPatient) {
  auto out = makeAdapter().decode(er7("ADT^A40", "EVN|A40\rPID|1||NEW1^^^^MR||WANG\rMRG|OLD1^^^^MR"), "application/hl7-v2");
  auto b = parseJson(out.bytes);
  auto patients = resources(b, "Patient");
  ASSERT_EQ(patients.size(), 2u);
  auto link = patients[0]->getArray("link")->getObject(0);
  EXPECT_EQ(str(link, "type"), "replaces");
  EXPECT_EQ(str(link->getObject("other"), "reference"), fullUrlOf(b, patients[1]));
  EXPECT_EQ(identifiers(patients[1])[0], "urn:gw:sh-intl:mr|OLD1");
  EXPECT_FALSE(patients[1]->getValue<bool>("active"));
}

TEST(Mapping, KeepsChineseTextAndMapsTheResidentIdCard) {
  auto out = makeAdapter().decode(
      er7("ADT^A04", "PID|1||110101199003071234^^^&2.16.156.10011.1.3&ISO^NNCHN~M-88^^^HIS^MR||张三||19900307|M|||"
                     "浦东新区张江路1号^^上海^上海^201203^CHN^H\rPV1|1|O|内科^101||||D01^李^四"),
      "application/hl7-v2");
  auto b = parseJson(out.bytes);
  auto patient = resources(b, "Patient").at(0);
  EXPECT_EQ(identifiers(patient)[0], "urn:oid:2.16.156.10011.1.3|110101199003071234");
  EXPECT_EQ(identifiers(patient)[1], "urn:gw:sh-intl:mr|M-88");
  auto name = patient->getArray("name")->getObject(0);
  EXPECT_EQ(str(name, "family"), "张三");
  EXPECT_EQ(str(name, "text"), "张三");
  EXPECT_EQ(str(patient->getArray("address")->getObject(0), "city"), "上海");
  auto practitioner = resources(b, "Practitioner").at(0);
  EXPECT_EQ(identifiers(practitioner)[0], "urn:gw:sh-intl:practitioner|D01");
  EXPECT_EQ(str(practitioner->getArray("name")->getObject(0), "family"), "李");
  // The conditional upsert uses the MR, not the first identifier.
  EXPECT_NE(out.bytes.find("\"url\":\"Patient?identifier=urn:gw:sh-intl:mr|M-88\""), std::string::npos);
}

TEST(Mapping, UsesConfiguredAuthorityOidsAndCurrency) {
  std::string message = er7("DFT^P03", "PID|1||P1^^^HIS^MR\rFT1|1|T1||20240301||CG|F001^挂号费^L|||1|12.50");
  auto b = parseJson(makeAdapter(R"({"currency":"CNY","assigning_authority_oids":{"HIS":"1.2.156.112604"}})")
                         .decode(message, "application/hl7-v2")
                         .bytes);
  EXPECT_EQ(identifiers(resources(b, "Patient").at(0))[0], "urn:oid:1.2.156.112604|P1");
  auto price = resources(b, "ChargeItem").at(0)->getObject("priceOverride");
  EXPECT_EQ(str(price, "currency"), "CNY");
  EXPECT_DOUBLE_EQ(price->getValue<double>("value"), 12.5);
  auto usd = parseJson(makeAdapter(R"({"currency":"USD"})").decode(message, "application/hl7-v2").bytes);
  EXPECT_EQ(str(resources(usd, "ChargeItem").at(0)->getObject("priceOverride"), "currency"), "USD");
}

TEST(Mapping, RejectsAnAmountThatIsNotANumber) {
  auto e = decodeError(er7("DFT^P03", "PID|1||P1^^^^MR\rFT1|1|T1||20240301||CG|F001|||1|abc"));
  EXPECT_EQ(e.status(), GW_ERR_INVALID);
  EXPECT_EQ(e.location(), "FT1-11");
}

TEST(Mapping, NullValuesAreNotWrittenAsText) {
  auto b = parseJson(makeAdapter().decode(er7("ADT^A08", "PID|1||P1^^^^MR||\"\"^\"\"||\"\"|\"\""), "application/hl7-v2").bytes);
  auto patient = resources(b, "Patient").at(0);
  EXPECT_FALSE(patient->has("name"));
  EXPECT_FALSE(patient->has("birthDate"));
  EXPECT_FALSE(patient->has("gender"));
}

TEST(Mapping, RefusesBadOptions) {
  EXPECT_THROW(makeAdapter(R"({"currency":"yuan"})"), gw::sdk::Error);
  EXPECT_THROW(makeAdapter(R"({"assigning_authority_oids":{"HIS":"not-an-oid"}})"), gw::sdk::Error);
  EXPECT_THROW(makeAdapter("{}", "bad partner id"), gw::sdk::Error);
  try {
    makeAdapter(R"({"currency":42})");
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_CONFIG);
  }
}

TEST(Mapping, IdentifyReadsMessageIdAndEvent) {
  auto out = makeAdapter().identify(sample("hl7v2-xml/hapi_oru_r01_v22_ns_prefix.xml"), "application/xml");
  EXPECT_EQ(out.messageId, "LABMI1199510101340007");
  EXPECT_EQ(out.event, "ORU^R01");
  EXPECT_TRUE(out.bytes.empty());
}

TEST(Mapping, IdentifyReadsOnlyTheEr7Header) {
  // A body that would not decode (bad date further down) still identifies.
  auto out = makeAdapter().identify(er7("ADT^A01", "PID|1||1^^^^MR||X||19800230"), "application/hl7-v2");
  EXPECT_EQ(out.messageId, "MSG-1");
  EXPECT_EQ(out.event, "ADT^A01");
}

TEST(Mapping, SiuS15CancelsTheAppointment) {
  auto b = parseJson(makeAdapter()
                         .decode(er7("SIU^S15", "SCH|A1|F1|||||||||^^^20240301090000^20240301093000\rPID|1||P1^^^^MR\r"
                                                "RGS|1\rAIP|1||D7^ZHAO^LIU|^Doctor"),
                                 "application/hl7-v2")
                         .bytes);
  auto appointment = resources(b, "Appointment").at(0);
  EXPECT_EQ(str(appointment, "status"), "cancelled");
  EXPECT_EQ(str(appointment, "start"), "2024-03-01T09:00:00+08:00");  // SCH-11 (TQ) before v2.6
  EXPECT_EQ(appointment->getArray("participant")->size(), 2u);
}

TEST(Mapping, ZeroPriorityAndOrderAreNotWrittenAsPositiveIntegers) {
  auto b = parseJson(makeAdapter()
                         .decode(er7("BAR^P01", "PID|1||P1^^^^MR\rPV1|1|I\rDG1|1||I10^Cholera^I10||||||||||||00\r"
                                                "IN1|0|PLAN1|PAY1^^^^NIIP|Payer||||||||||||||||||0"),
                                 "application/hl7-v2")
                         .bytes);
  auto diagnosis = resources(b, "Encounter").at(0)->getArray("diagnosis")->getObject(0);
  EXPECT_FALSE(diagnosis->has("rank"));
  EXPECT_FALSE(resources(b, "Coverage").at(0)->has("order"));
}
