// Pre-authorisation pages rendered as 278 Health Care Services Review requests (005010X217): the envelope
// (GS01 HI), the HL hierarchy UMO → requester → subscriber (→ dependant) → patient event → services, the
// Claim id as the event's trace number, an admission review for a planned stay and a services review for
// outpatient work, and pages that mix pre-authorisations with claims refused. Read back with the adapter's reader.
#include "X12Interchange.hpp"
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

namespace {

const std::string kSurgery = "9f2d4b6a-1c3e-4a5f-8b7d-0e1f2a3b4c5d";

// The surgery page with the Claim changed by `edit`.
std::string surgeryWith(const std::function<void(JsonObject&)>& edit) {
  JsonObject page = fixtureObject("preauth-page.json");
  JsonObject claim = objectAt(objectIn(arrayAt(page, "entry"), 0), "resource");
  edit(claim);
  return render(page);
}

}  // namespace

TEST(X12Encode278, APreauthorizationPageIsA278WithTheClaimIdAsTraceNumber) {
  auto output = adapterWith().encode(fixture("preauth-page.json"));
  EXPECT_EQ(output.contentType, "application/edi-x12");
  EXPECT_EQ(output.event, "278");
  EXPECT_EQ(output.messageId, "000000077");
  Interchange interchange = readValidInterchange(output.bytes);
  ASSERT_EQ(interchange.groups.size(), 1u);
  EXPECT_EQ(interchange.groups[0].functionalCode, "HI");
  EXPECT_EQ(interchange.groups[0].version, "005010X217");
  ASSERT_EQ(interchange.groups[0].sets.size(), 1u);
  EXPECT_EQ(interchange.groups[0].sets[0].code, "278");

  auto lines = setSegments(output.bytes, "0001");
  ASSERT_GE(lines.size(), 2u);
  EXPECT_THAT(lines[1], StartsWith("BHT*0007*13*77-1*"));
  EXPECT_THAT(std::vector<std::string>(lines.begin() + 2, lines.end()),
              ElementsAre("HL*1**20*1",
                          "NM1*X3*2*Key Insurance Company*****PI*KEYINS",
                          "HL*2*1*21*1",
                          "NM1*1P*2*Partner Doctor Group*****XX*1912301953",
                          "N3*234 Seaway St",
                          "N4*Miami*FL*331110000",
                          "HL*3*2*22*1",
                          "NM1*IL*1*Turner*Rosa*May***MI*BCX448812",
                          "DMG*D8*19610930*F",
                          "HL*4*3*EV*1",
                          "TRN*1*" + kSurgery + "*1587654321",
                          "UM*AR*I*2*11:A",
                          "DTP*435*D8*20260414",
                          "DTP*096*D8*20260417",
                          "HI*ABK:M1711",
                          "HL*5*4*SS*0",
                          "UM*HS*I",
                          "DTP*472*D8*20260414",
                          "SV2*0360*HC:27447*28500*UN*1",
                          "SE*22*0001"));
}

TEST(X12Encode278, OutpatientServicesAreAServicesReviewWithProfessionalLines) {
  std::string page = surgeryWith([](JsonObject& claim) {
    claim->remove("supportingInfo");
    claim->set("type", concept("http://terminology.hl7.org/CodeSystem/claim-type", "professional"));
    JsonObject item = objectIn(arrayAt(claim, "item"), 0);
    item->remove("category");
    JsonObject period = newObject();
    period->set("start", "2026-05-04");
    period->set("end", "2026-05-06");
    item->set("servicedPeriod", period);
    item->remove("servicedDate");
  });
  auto lines = setSegments(adapterWith().encode(page).bytes, "0001");
  EXPECT_THAT(lines, Contains("UM*HS*I*1*11:B"));
  EXPECT_THAT(lines, Contains("DTP*AAH*RD8*20260504-20260506"));
  EXPECT_THAT(lines, Contains("DTP*472*RD8*20260504-20260506"));
  EXPECT_THAT(lines, Contains("SV1*HC:27447*28500*UN*1"));
  EXPECT_THAT(lines, Not(Contains(StartsWith("DTP*435"))));
}

TEST(X12Encode278, ADependantGetsAPatientLevelUnderTheSubscriber) {
  JsonObject page = fixtureObject("preauth-page.json");
  JsonArray entries = arrayAt(page, "entry");
  for (std::size_t i = 0; i < entries->size(); ++i) {
    JsonObject resource = objectAt(objectIn(entries, i), "resource");
    if (stringAt(resource, "id") != "member-plan") continue;
    resource->set("relationship", concept("http://terminology.hl7.org/CodeSystem/subscriber-relationship", "spouse"));
    resource->set("subscriber", referenceTo("Patient/holder"));
  }
  JsonObject holder = newObject();
  holder->set("resourceType", "Patient");
  holder->set("id", "holder");
  JsonObject name = newObject();
  name->set("family", "Turner");
  JsonArray given = new Poco::JSON::Array;
  given->add("Sam");
  name->set("given", given);
  JsonArray names = new Poco::JSON::Array;
  names->add(name);
  holder->set("name", names);
  JsonObject entry = newObject();
  entry->set("fullUrl", "Patient/holder");
  entry->set("resource", holder);
  entries->add(entry);

  auto lines = setSegments(adapterWith().encode(render(page)).bytes, "0001");
  std::vector<std::string> hierarchy;
  for (const auto& line : lines)
    if (line.rfind("HL*", 0) == 0 || line.rfind("NM1*", 0) == 0) hierarchy.push_back(line);
  EXPECT_THAT(hierarchy, ElementsAre("HL*1**20*1", StartsWith("NM1*X3*"), "HL*2*1*21*1", StartsWith("NM1*1P*"),
                                     "HL*3*2*22*1", "NM1*IL*1*Turner*Sam****MI*BCX448812", "HL*4*3*23*1",
                                     "NM1*QC*1*Turner*Rosa*May", "HL*5*4*EV*1", "HL*6*5*SS*0"));
}

TEST(X12Encode278, APageMixingPreauthorizationsAndClaimsIsRefused) {
  JsonObject page = fixtureObject("preauth-page.json");
  JsonObject claim = objectAt(objectIn(arrayAt(fixtureObject("claim-page.json"), "entry"), 0), "resource");
  JsonObject entry = newObject();
  entry->set("fullUrl", "Claim/" + stringAt(claim, "id"));
  entry->set("resource", claim);
  arrayAt(page, "entry")->add(entry);
  auto error = errorOf([&] { adapterWith().encode(render(page)); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_EQ(error.location(), "Claim/" + stringAt(claim, "id"));
  EXPECT_THAT(error.what(), HasSubstr("mixes pre-authorisation requests"));
  EXPECT_THAT(error.what(), HasSubstr("\"claim\""));
}

TEST(X12Encode278, MissingDataNamesTheClaimAndThe278Element) {
  auto refusal = [](const std::function<void(JsonObject&)>& edit) {
    return std::string(errorOf([&] { adapterWith().encode(surgeryWith(edit)); }).what());
  };
  EXPECT_THAT(refusal([](JsonObject& claim) { claim->remove("diagnosis"); }),
              HasSubstr("missing Claim.diagnosis (2000E HI needs the principal diagnosis)"));
  EXPECT_THAT(refusal([](JsonObject& claim) { claim->remove("item"); }),
              HasSubstr("missing Claim.item (2000F needs at least one service line)"));
  EXPECT_THAT(refusal([](JsonObject& claim) {
                objectAt(objectIn(arrayAt(claim, "supportingInfo"), 0), "timingPeriod")->remove("start");
              }),
              HasSubstr("(2000E DTP*435 admission date)"));
  EXPECT_THAT(refusal([](JsonObject& claim) {
                objectAt(objectIn(arrayAt(claim, "item"), 0), "net")->set("currency", "EUR");
              }),
              HasSubstr("Claim.item[0].net is in EUR"));
}
