// Claim pages rendered as 837 interchanges: envelopes and control numbers from the page number, one
// transaction set per Claim, the loops of a dependant on a family plan with a second payer, a
// subscriber who is the patient, 837I lines, and partner delimiters. Read back with the adapter's reader.
#include "X12Interchange.hpp"
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

const std::string kFirst = "0b7d3c2e-9a51-4f7e-8c1d-2f4a6b8c0d11";
const std::string kSecond = "5c9e1f20-7b3a-4d6e-9f80-a1b2c3d4e5f6";

}  // namespace

TEST(X12Encode837, OneTransactionSetPerClaimWithControlNumbersFromThePage) {
  auto output = adapterWith().encode(fixture("claim-page.json"));
  EXPECT_EQ(output.contentType, "application/edi-x12");
  EXPECT_EQ(output.messageId, "000000042");  // page 1000000042 modulo 10^9
  EXPECT_EQ(output.event, "837P");
  Interchange interchange = readValidInterchange(output.bytes);
  EXPECT_EQ(interchange.control, "000000042");
  const Segment& isa = interchange.segments.front();
  EXPECT_EQ(isa.at(6), "GROUP01        ");
  EXPECT_EQ(isa.at(8), "KEYINS         ");
  EXPECT_EQ(isa.at(15), "T");
  ASSERT_EQ(interchange.groups.size(), 1u);
  EXPECT_EQ(interchange.groups[0].control, "42");
  EXPECT_EQ(interchange.groups[0].version, "005010X222A1");
  ASSERT_EQ(interchange.groups[0].sets.size(), 2u);
  EXPECT_EQ(interchange.groups[0].sets[0].control, "0001");
  EXPECT_EQ(interchange.groups[0].sets[1].control, "0002");
  auto claims = segmentsWithId(output.bytes, "CLM");
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims[0][1], kFirst);
  EXPECT_EQ(claims[0][2], "220.5");
  EXPECT_EQ(claims[1][1], kSecond);
  EXPECT_EQ(claims[1][2], "89.93");
}

TEST(X12Encode837, DependantOnAFamilyPlanGetsAPatientLoopAndTheOtherPayerLoops) {
  auto lines = setSegments(adapterWith().encode(fixture("claim-page.json")).bytes, "0001");
  EXPECT_THAT(std::vector<std::string>(lines.begin(), lines.begin() + 2),
              ElementsAre("ST*837*0001*005010X222A1", ::testing::StartsWith("BHT*0019*00*1000000042-1*")));
  EXPECT_THAT(std::vector<std::string>(lines.begin() + 2, lines.end()),
              ElementsAre("NM1*41*2*Partner Doctor Group*****46*GROUP01",
                          "PER*IC*Partner Doctor Group*TE*3055552222",
                          "NM1*40*2*Key Insurance Company*****46*KEYINS",
                          "HL*1**20*1",
                          "NM1*85*2*Partner Doctor Group*****XX*1912301953",
                          "N3*234 Seaway St",
                          "N4*Miami*FL*331110000",
                          "REF*EI*587654321",
                          "HL*2*1*22*1",
                          "SBR*P**2222-SJ******CI",
                          "NM1*IL*1*Smith*Jane*Q***MI*JS00111223333",
                          "N3*236 N Main St*Apt 4 B",  // the "*" in the street would have split the element
                          "N4*Miami*FL*33413",
                          "NM1*PR*2*Key Insurance Company*****PI*bcbs",
                          "HL*3*2*23*0",
                          "PAT*19",
                          "NM1*QC*1*Smith*Ted",
                          "N3*236 N Main St",
                          "N4*Miami*FL*33413",
                          "DMG*D8*20160501*M",
                          "CLM*" + kFirst + "*220.5***11:B:1*Y*A*Y*Y",
                          "HI*ABK:H6690*ABF:R509",
                          "NM1*82*1*Li*Wei****XX*1999996666",
                          "SBR*S*18*******CI",
                          "OI***Y***Y",
                          "NM1*IL*1*Smith*Ted****MI*T55TY666",
                          "N3*236 N Main St",
                          "N4*Miami*FL*33413",
                          "NM1*PR*2*Other Mutual*****PI*aetna",
                          "LX*1",
                          "SV1*HC:99213*100*UN*1***1:2",
                          "DTP*472*D8*20260302",
                          "LX*2",
                          "SV1*HC:87070*120.5*UN*2***2",
                          "DTP*472*D8*20260302",
                          "SE*38*0001"));
}

TEST(X12Encode837, SubscriberWhoIsThePatientHasDemographicsAndNoPatientLoop) {
  auto lines = setSegments(adapterWith().encode(fixture("claim-page.json")).bytes, "0002");
  EXPECT_THAT(lines, ::testing::Contains("HL*2*1*22*0"));
  EXPECT_THAT(lines, ::testing::Contains("SBR*P*18*******CI"));
  EXPECT_THAT(lines, ::testing::Contains("DMG*D8*19830501*F"));
  EXPECT_THAT(lines, ::testing::Not(::testing::Contains("PAT*19")));
  EXPECT_THAT(lines, ::testing::Contains("HI*ABK:J189"));
  EXPECT_THAT(lines, ::testing::Contains("SV1*HC:93005*76.54*UN*3***1"));
  EXPECT_THAT(lines, ::testing::Contains("DTP*472*RD8*20260301-20260303"));
}

TEST(X12Encode837, AutoChoosesTheGuideByClaimTypeInTwoGroupsNumberedWithThePage) {
  auto output = adapterWith(R"("transaction":"auto")").encode(fixture("claim-page.json"));
  EXPECT_EQ(output.event, "837P+837I");
  Interchange interchange = readValidInterchange(output.bytes);
  ASSERT_EQ(interchange.groups.size(), 2u);
  EXPECT_EQ(interchange.groups[0].version, "005010X222A1");
  EXPECT_EQ(interchange.groups[1].version, "005010X223A2");
  EXPECT_EQ(interchange.groups[0].control, "42");
  EXPECT_EQ(interchange.groups[1].control, "42");
  ASSERT_EQ(interchange.groups[1].sets.size(), 1u);
  EXPECT_EQ(interchange.groups[1].sets[0].control, "0002");  // its position in the page, not in the group
  auto lines = setSegments(output.bytes, "0002");
  EXPECT_THAT(lines, ::testing::Contains("CLM*" + kSecond + "*89.93***13:A:1**A*Y*Y"));
  EXPECT_THAT(lines, ::testing::Contains("DTP*434*RD8*20260301-20260304"));
  EXPECT_THAT(lines, ::testing::Contains("CL1*3**01"));
  EXPECT_THAT(lines, ::testing::Contains("HI*ABK:J189"));
  EXPECT_THAT(lines, ::testing::Contains("NM1*71*1*Li*Wei****XX*1999996666"));
  EXPECT_THAT(lines, ::testing::Contains("SV2*0305*HC:85025*13.39*UN*1"));
  EXPECT_THAT(lines, ::testing::Contains("SV2*0510*HC:93005*76.54*UN*3"));  // the revenue_code default
}

TEST(X12Encode837, InstitutionalOptionRendersEveryClaimAs837I) {
  auto output = adapterWith(R"("transaction":"837I","facility_type":"11")").encode(fixture("claim-page.json"));
  EXPECT_EQ(output.event, "837I");
  Interchange interchange = readValidInterchange(output.bytes);
  ASSERT_EQ(interchange.groups.size(), 1u);
  EXPECT_EQ(interchange.groups[0].sets.size(), 2u);
  auto lines = setSegments(output.bytes, "0001");
  EXPECT_THAT(lines, ::testing::Contains("DTP*435*D8*20260302"));  // inpatient: admission date
  EXPECT_THAT(lines, ::testing::Contains("HI*ABK:H6690"));
  EXPECT_THAT(lines, ::testing::Contains("HI*ABF:R509"));
}

TEST(X12Encode837, PartnerDelimitersAreUsedThroughout) {
  auto output = adapterWith(R"("element_separator":"|","segment_terminator":"!","component_separator":">",)"
                            R"("repetition_separator":"}","usage":"P","sender_qualifier":"30","receiver_qualifier":"01")")
                    .encode(fixture("claim-page.json"));
  EXPECT_EQ(output.bytes.substr(0, 4), "ISA|");
  Interchange interchange = readValidInterchange(output.bytes);
  EXPECT_EQ(interchange.delimiters.element, '|');
  EXPECT_EQ(interchange.delimiters.segment, '!');
  EXPECT_EQ(interchange.delimiters.component, '>');
  EXPECT_EQ(interchange.delimiters.repetition, '}');
  EXPECT_EQ(interchange.segments.front().at(5), "30");
  EXPECT_EQ(interchange.segments.front().at(15), "P");
  EXPECT_THAT(output.bytes, HasSubstr("SV1|HC>99213|100|UN|1|||1>2!"));
}

TEST(X12Encode837, ControlNumbersWrapAtNineDigits) {
  std::string page = fixture("claim-page.json");
  page.replace(page.find("1000000042"), 10, "7");
  EXPECT_EQ(adapterWith().encode(page).messageId, "000000007");
  Interchange interchange = readValidInterchange(adapterWith().encode(page).bytes);
  EXPECT_EQ(interchange.groups[0].control, "7");
}

TEST(X12Encode837, SecondaryClaimGoesToTheSecondPayerWithThePrimaryAsOtherPayer) {
  // What ClaimBuilder writes for the secondary payer: same insurance list, the second entry focal.
  JsonObject page = fixtureObject("claim-page.json");
  JsonObject claim = objectAt(objectIn(arrayAt(page, "entry"), 0), "resource");
  objectIn(arrayAt(claim, "insurance"), 0)->set("focal", false);
  objectIn(arrayAt(claim, "insurance"), 1)->set("focal", true);
  claim->set("insurer", referenceTo("Organization/insurer-aetna"));
  auto lines = setSegments(adapterWith().encode(render(page)).bytes, "0001");
  EXPECT_THAT(lines, ::testing::Contains("NM1*40*2*Other Mutual*****46*KEYINS"));
  EXPECT_THAT(lines, ::testing::Contains("HL*2*1*22*0"));  // the patient holds the secondary plan himself
  EXPECT_THAT(lines, ::testing::Contains("SBR*S*18*******CI"));
  EXPECT_THAT(lines, ::testing::Contains("NM1*IL*1*Smith*Ted****MI*T55TY666"));
  EXPECT_THAT(lines, ::testing::Contains("DMG*D8*20160501*M"));
  EXPECT_THAT(lines, ::testing::Contains("NM1*PR*2*Other Mutual*****PI*aetna"));
  EXPECT_THAT(lines, ::testing::Contains("SBR*P*19*2222-SJ******CI"));  // 2320: the primary, a parent's plan
  EXPECT_THAT(lines, ::testing::Contains("NM1*IL*1*Smith*Jane*Q***MI*JS00111223333"));
  EXPECT_THAT(lines, ::testing::Contains("NM1*PR*2*Key Insurance Company*****PI*bcbs"));
  EXPECT_THAT(lines, ::testing::Not(::testing::Contains("PAT*19")));
}
