// RecognitionTest.cpp: what the adapter accepts and refuses, and why: interaction and document kinds
// (trailing spaces tolerated, unknown kinds named), content types, partner options, OID systems.
#include "TestSupport.hpp"

#include <gw/kit/Issues.hpp>
#include <gtest/gtest.h>

#include <algorithm>

using namespace gw::cda;
using namespace gw::cda::test;

namespace {

const char* const kRegistration = R"(<PRPA_IN201311UV02 xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <id root="2.16.156.10011.2.5.1.1" extension="MSG-1"/>
  <creationTime value="20240301083000"/>
  <interactionId root="2.16.156.10011.2.5.1.2" extension="%EVENT%"/>
  <sender typeCode="SND"><device><id><item root="2.16.156.10011.2.5.1.3" extension="HIS-9"/></id></device></sender>
  <receiver typeCode="RCV"><device><id><item root="2.16.156.10011.2.5.1.3" extension="GW"/></id></device></receiver>
  <controlActProcess><subject><registrationRequest><subject1><patient>
    <id><item root="1.2.3.4.5" extension="P-77"/></id>
    <patientPerson>
      <id><item root="2.16.156.10011.1.3" extension="110101199001011234"/></id>
      <name xsi:type="LIST_EN"><item><part value="王小红"/></item></name>
      <administrativeGenderCode code="%SEX%" codeSystem="2.16.156.10011.2.3.3.4"/>
    </patientPerson>
  </patient></subject1></registrationRequest></subject></controlActProcess>
</PRPA_IN201311UV02>)";

std::string registration(const std::string& event = "PRPA_IN201311UV02", const std::string& sex = "2") {
  std::string s = kRegistration;
  s.replace(s.find("%EVENT%"), 7, event);
  s.replace(s.find("%SEX%"), 5, sex);
  return s;
}

gw::sdk::Error decodeError(const std::string& input, const std::string& contentType = "application/xml",
                           const std::string& options = "{}") {
  try {
    makeAdapter(options).decode(input, contentType);
  } catch (const gw::sdk::Error& e) {
    return e;
  }
  return gw::sdk::Error(GW_OK, "decoded");
}

}  // namespace

TEST(CdaRecognition, ToleratesSpacesAroundTheInteractionId) {
  auto out = makeAdapter().identify(registration(" PRPA_IN201311UV02  "), "application/hl7-v3+xml");
  EXPECT_EQ(out.event, "PRPA_IN201311UV02");
  EXPECT_EQ(out.messageId, "MSG-1");
}

TEST(CdaRecognition, RefusesARootThatDisagreesWithItsInteractionId) {
  auto e = decodeError(registration("PRPA_IN201314UV02"));
  EXPECT_EQ(e.status(), GW_ERR_INVALID);
  EXPECT_NE(std::string(e.what()).find("PRPA_IN201314UV02"), std::string::npos) << e.what();
}

TEST(CdaRecognition, NamesAnUnknownInteraction) {
  std::string input = registration();
  for (std::string from = "PRPA_IN201311UV02"; input.find(from) != std::string::npos;)
    input.replace(input.find(from), from.size(), "POOR_IN200901UV");
  auto e = decodeError(input);
  EXPECT_EQ(e.status(), GW_ERR_UNSUPPORTED);
  EXPECT_NE(std::string(e.what()).find("POOR_IN200901UV"), std::string::npos) << e.what();
}

TEST(CdaRecognition, NamesAnUnknownDocumentCode) {
  auto e = decodeError(R"(<ClinicalDocument xmlns="urn:hl7-org:v3"><id root="1.2.3" extension="D1"/>
    <code code="X99" codeSystem="9.9.9"/></ClinicalDocument>)");
  EXPECT_EQ(e.status(), GW_ERR_UNSUPPORTED);
  EXPECT_NE(std::string(e.what()).find("'X99'"), std::string::npos) << e.what();
}

TEST(CdaRecognition, RefusesXmlOutsideTheHl7V3Namespace) {
  auto e = decodeError("<ClinicalDocument xmlns=\"urn:example\"/>");
  EXPECT_EQ(e.status(), GW_ERR_UNSUPPORTED);
  EXPECT_NE(std::string(e.what()).find("urn:example"), std::string::npos) << e.what();
}

TEST(CdaRecognition, RefusesAnotherContentType) {
  EXPECT_EQ(decodeError(registration(), "application/hl7-v2").status(), GW_ERR_UNSUPPORTED);
}

TEST(CdaRecognition, RejectsMalformedXmlWithItsPosition) {
  auto e = decodeError("<PRPA_IN201311UV02 xmlns=\"urn:hl7-org:v3\">\n  <id root=\"1\"\n</PRPA_IN201311UV02>");
  EXPECT_EQ(e.status(), GW_ERR_INVALID);
  EXPECT_EQ(e.location().rfind("line ", 0), 0u) << e.location();
}

TEST(CdaRecognition, RefusesAnEntityDeclaration) {
  auto e = decodeError("<!DOCTYPE x [<!ENTITY a \"b\">]><ClinicalDocument xmlns=\"urn:hl7-org:v3\">&a;</ClinicalDocument>");
  EXPECT_EQ(e.status(), GW_ERR_INVALID);
}

TEST(CdaRecognition, MapsSexByGbT2261) {
  const std::pair<const char*, const char*> cases[] = {{"1", "male"}, {"2", "female"}, {"0", "unknown"}, {"9", "unknown"}};
  for (const auto& [code, gender] : cases) {
    auto bundle = parseJson(makeAdapter().decode(registration("PRPA_IN201311UV02", code), "application/xml").bytes);
    EXPECT_EQ(str(resources(bundle, "Patient").front(), "gender"), gender) << code;
  }
}

TEST(CdaRecognition, KeepsUnknownOidsAsUrnOidAndAppliesOverrides) {
  auto plain = parseJson(makeAdapter().decode(registration(), "application/xml").bytes);
  auto ids = identifiers(resources(plain, "Patient").front());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "urn:oid:1.2.3.4.5|P-77"), ids.end());
  auto mapped = parseJson(makeAdapter(R"({"oid_systems":{"1.2.3.4.5":"https://his.example.cn/patient"}})")
                              .decode(registration(), "application/xml").bytes);
  ids = identifiers(resources(mapped, "Patient").front());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "https://his.example.cn/patient|P-77"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "urn:oid:2.16.156.10011.1.3|110101199001011234"), ids.end());
}

TEST(CdaRecognition, RefusesUnusableOptionsNamingTheOption) {
  for (const char* options : {R"({"oid_systems":{"not-an-oid":"urn:x:y"}})", R"({"currency":"yuan"})",
                              R"({"timezone":"Beijing"})", R"({"oid_systems":{"1.2.3":"no uri"}})"}) {
    try {
      makeAdapter(options);
      ADD_FAILURE() << options;
    } catch (const gw::sdk::Error& e) {
      EXPECT_EQ(e.status(), GW_ERR_CONFIG) << options;
    }
  }
}

TEST(CdaRecognition, ADischargeFinishesTheEncounter) {
  const char* discharge = R"(<PRPA_IN400003UV xmlns="urn:hl7-org:v3">
  <id root="2.16.156.10011.2.5.1.1" extension="DIS-1"/>
  <creationTime value="20240310100000"/>
  <interactionId root="2.16.156.10011.2.5.1.2" extension="PRPA_IN400003UV"/>
  <controlActProcess><subject><encounterEvent>
    <id><item root="2.16.156.10011.1.12" extension="ZY2024001"/></id>
    <code code="3" codeSystem="2.16.156.10011.2.3.1.271"><displayName value="住院"/></code>
    <effectiveTime><low value="20240301080000"/><high value="20240310093000"/></effectiveTime>
    <subject><patient><patientPerson><id><item root="2.16.156.10011.1.3" extension="110101199001011234"/></id></patientPerson></patient></subject>
    <discharger><assignedPerson><id><item root="2.16.156.10011.1.4" extension="D-17"/></id>
      <assignedPerson><name><item><part value="李主任"/></item></name></assignedPerson></assignedPerson></discharger>
  </encounterEvent></subject></controlActProcess>
</PRPA_IN400003UV>)";
  auto bundle = parseJson(makeAdapter().decode(discharge, "application/xml").bytes);
  auto encounter = resources(bundle, "Encounter").front();
  EXPECT_EQ(str(encounter, "status"), "finished");
  EXPECT_EQ(str(encounter->getObject("class"), "code"), "IMP");
  EXPECT_EQ(str(encounter->getObject("period"), "end"), "2024-03-10T09:30:00+08:00");
  auto ids = identifiers(encounter);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "urn:oid:2.16.156.10011.1.12|ZY2024001"), ids.end());
  auto doctor = identifiers(resources(bundle, "Practitioner").front());
  EXPECT_NE(std::find(doctor.begin(), doctor.end(), "urn:gw:bj-union:practitioner|D-17"), doctor.end());
}

namespace {

// A discharge whose root lacks the release suffix its interactionId carries, with a placeholder end time.
const char* const kMessyDischarge = R"(<PRPA_IN400003UV xmlns="urn:hl7-org:v3">
  <id root="2.16.156.10011.2.5.1.1" extension="DIS-2"/>
  <creationTime value="20240310100000"/>
  <interactionId root="2.16.156.10011.2.5.1.2" extension="PRPA_IN400003UV01"/>
  <sender typeCode="SND"><device><id><item root="2.16.156.10011.2.5.1.3" extension="HIS-9"/></id></device></sender>
  <receiver typeCode="RCV"><device><id><item root="2.16.156.10011.2.5.1.3" extension="GW"/></id></device></receiver>
  <controlActProcess><subject><encounterEvent>
    <id><item root="2.16.156.10011.1.12" extension="ZY2024002"/></id>
    <code code="3" codeSystem="2.16.156.10011.2.3.1.271"><displayName value="住院"/></code>
    <effectiveTime><low value="20240301080000"/><high value="00000000"/></effectiveTime>
    <subject><patient><patientPerson><id><item root="2.16.156.10011.1.3" extension="110101199001011234"/></id></patientPerson></patient></subject>
  </encounterEvent></subject></controlActProcess>
</PRPA_IN400003UV>)";

}  // namespace

TEST(CdaRecognition, LenientAcceptsAMissingReleaseSuffixAndAPlaceholderTimeWithWarnings) {
  auto adapter = makeAdapter();
  auto out = adapter.decode(kMessyDischarge, "application/xml");
  EXPECT_EQ(out.event, "PRPA_IN400003UV");
  EXPECT_EQ(out.messageId, "DIS-2");
  auto encounter = resources(parseJson(out.bytes), "Encounter").front();
  EXPECT_EQ(str(encounter->getObject("period"), "start"), "2024-03-01T08:00:00+08:00");
  EXPECT_FALSE(encounter->getObject("period")->has("end"));
  std::vector<std::string> warned;
  for (const auto& issue : gw::kit::readIssues(out.issues)) warned.push_back(issue.severity + " " + issue.expression);
  EXPECT_EQ(warned, (std::vector<std::string>{"warning interactionId", "warning encounterEvent/effectiveTime/high"}));

  // The acknowledgement answers from the ids decode kept, and lists the warnings as typeCode W.
  auto ack = adapter.acknowledgeReply({"", "application/xml", out.reply, GW_ACK_ACCEPT, "", "", out.issues});
  EXPECT_NE(ack.bytes.find(R"(<acknowledgement typeCode="AA">)"), std::string::npos) << ack.bytes;
  EXPECT_NE(ack.bytes.find(R"(extension="DIS-2")"), std::string::npos) << ack.bytes;
  EXPECT_NE(ack.bytes.find(R"(extension="HIS-9")"), std::string::npos) << ack.bytes;
  EXPECT_NE(ack.bytes.find(R"(<acknowledgementDetail typeCode="W">)"), std::string::npos) << ack.bytes;
}

TEST(CdaRecognition, StrictRefusesTheDefectsLenientReports) {
  auto e = decodeError(kMessyDischarge, "application/xml", R"({"validation":"strict"})");
  EXPECT_EQ(e.status(), GW_ERR_INVALID);
  EXPECT_NE(std::string(e.what()).find("PRPA_IN400003UV01"), std::string::npos) << e.what();
}
