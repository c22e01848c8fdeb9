// The X12 reader on real interchanges: the public 837P/837I samples (delimiters from ISA, loop counts,
// CLM totals against their service lines) and the envelope faults some of them carry.
#include "Cents.hpp"
#include "X12Interchange.hpp"
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

struct ClaimSummary {
  std::string id;
  std::int64_t total = 0;
  std::int64_t lines = 0;  // sum of SV1-02 / SV2-03
  std::size_t lineCount = 0;
};

struct Summary {
  std::size_t hl = 0, sbr = 0;
  std::vector<ClaimSummary> claims;
};

Summary summarize(const Interchange& interchange) {
  Summary summary;
  for (const auto& segment : interchange.segments) {
    if (segment.id() == "HL") ++summary.hl;
    if (segment.id() == "SBR") ++summary.sbr;
    if (segment.id() == "CLM") summary.claims.push_back({segment.at(1), centsOf(segment.at(2)).value_or(-1), 0, 0});
    if ((segment.id() == "SV1" || segment.id() == "SV2") && !summary.claims.empty()) {
      summary.claims.back().lines += centsOf(segment.at(segment.id() == "SV1" ? 2 : 3)).value_or(-1);
      ++summary.claims.back().lineCount;
    }
  }
  return summary;
}

}  // namespace

TEST(X12Reader, ProfessionalSampleHasBillingSubscriberAndPatientLoopsAndATotalThatAddsUp) {
  Interchange interchange = readInterchange(sample("lfh_837p_5010_basic.837"));
  EXPECT_TRUE(interchange.problems.empty()) << interchange.problems.front();
  EXPECT_EQ(interchange.control, "000000907");
  ASSERT_EQ(interchange.groups.size(), 1u);
  EXPECT_EQ(interchange.groups[0].version, "005010X222A2");
  ASSERT_EQ(interchange.groups[0].sets.size(), 1u);
  EXPECT_EQ(interchange.groups[0].sets[0].code, "837");
  EXPECT_EQ(interchange.groups[0].sets[0].control, "0021");
  Summary summary = summarize(interchange);
  EXPECT_EQ(summary.hl, 3u);  // 20 billing provider, 22 subscriber, 23 patient
  ASSERT_EQ(summary.claims.size(), 1u);
  EXPECT_EQ(summary.claims[0].id, "26463774");
  EXPECT_EQ(summary.claims[0].total, 10000);
  EXPECT_EQ(summary.claims[0].lines, 10000);
  EXPECT_EQ(summary.claims[0].lineCount, 4u);
  const Segment& sv1 = interchange.segments[30];
  EXPECT_EQ(sv1.id(), "SV1");
  EXPECT_THAT(sv1.components(1, interchange.delimiters.component), ElementsAre("HC", "99213"));
}

TEST(X12Reader, CoordinationOfBenefitsSampleHasTheOtherPayerLoop) {
  Interchange interchange = readInterchange(sample("lfh_837p_5010_cob.837"));
  EXPECT_TRUE(interchange.problems.empty());
  Summary summary = summarize(interchange);
  EXPECT_EQ(summary.hl, 3u);
  EXPECT_EQ(summary.sbr, 2u);  // 2000B and 2320
  ASSERT_EQ(summary.claims.size(), 1u);
  EXPECT_EQ(summary.claims[0].total, 7904);
  EXPECT_EQ(summary.claims[0].lines, 7904);
  EXPECT_EQ(summary.claims[0].lineCount, 3u);
}

TEST(X12Reader, InstitutionalSampleAddsUpOverItsRevenueLines) {
  Interchange interchange = readInterchange(sample("lfh_837i_5010_institutional.837i"));
  EXPECT_TRUE(interchange.problems.empty());
  EXPECT_EQ(interchange.delimiters.repetition, '^');
  Summary summary = summarize(interchange);
  EXPECT_EQ(summary.hl, 2u);
  ASSERT_EQ(summary.claims.size(), 1u);
  EXPECT_EQ(summary.claims[0].id, "756048Q");
  EXPECT_EQ(summary.claims[0].total, 8993);
  EXPECT_EQ(summary.claims[0].lines, 8993);
}

TEST(X12Reader, DelimitersComeFromTheIsaSegment) {
  Interchange interchange = readInterchange(sample("ims_837p_5010_alt_separators.txt"));
  EXPECT_EQ(interchange.delimiters.element, '~');
  EXPECT_EQ(interchange.delimiters.component, '^');
  EXPECT_EQ(interchange.delimiters.segment, '_');
  EXPECT_EQ(interchange.delimiters.repetition, '\0');  // ISA11 is "U" here: no repetition separator
  Summary summary = summarize(interchange);
  ASSERT_EQ(summary.claims.size(), 2u);
  EXPECT_EQ(summary.claims[0].id, "A37YH556");
  EXPECT_EQ(summary.claims[1].id, "A37YH667");
  EXPECT_EQ(summary.claims[1].total, 50000);
  EXPECT_EQ(interchange.segments.size(), 38u);  // the trailing blank lines are not segments
  // The sample's SE01 is wrong (it says 25): reported with the segment's position.
  ASSERT_EQ(interchange.problems.size(), 1u);
  EXPECT_EQ(interchange.problems[0], "segment 36 (SE): SE01 says 25 segments, counted 34");
}

TEST(X12Reader, TrailingSpacesAndTwoSegmentsOnOneLineAreTolerated) {
  Interchange interchange = readInterchange(sample("ims_837i_5010_x223.txt"));
  Summary summary = summarize(interchange);
  EXPECT_EQ(interchange.segments.size(), 52u);
  EXPECT_EQ(summary.sbr, 3u);
  ASSERT_EQ(summary.claims.size(), 1u);
  EXPECT_EQ(summary.claims[0].lines, 7342);
  ASSERT_EQ(interchange.problems.size(), 1u);
  EXPECT_EQ(interchange.problems[0], "segment 50 (SE): SE01 says 25 segments, counted 48");
}

TEST(X12Reader, ComplexSampleHasTwoSetsSixClaimsAndWrongCounts) {
  Interchange interchange = readInterchange(sample("ims_837p_5010_complex.txt"));
  ASSERT_EQ(interchange.groups.size(), 1u);
  EXPECT_EQ(interchange.groups[0].sets.size(), 2u);
  Summary summary = summarize(interchange);
  EXPECT_EQ(summary.hl, 8u);
  EXPECT_EQ(summary.sbr, 12u);
  EXPECT_EQ(summary.claims.size(), 6u);
  std::int64_t lines = 0;
  for (const auto& claim : summary.claims) lines += claim.lines;
  EXPECT_EQ(lines, 12476);
  ASSERT_EQ(interchange.problems.size(), 3u);
  EXPECT_THAT(interchange.problems[0], HasSubstr("SE01 says 25 segments, counted 147"));
  EXPECT_THAT(interchange.problems[1], HasSubstr("SE01 says 26 segments, counted 147"));
  EXPECT_THAT(interchange.problems[2], HasSubstr("(GE): GE01 says 1 transaction sets, counted 2"));
  auto error = errorOf([&] { readValidInterchange(sample("ims_837p_5010_complex.txt")); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_THAT(error.what(), HasSubstr("SE01 says 25 segments, counted 147 (and 2 more envelope problems)"));
  EXPECT_EQ(error.location(), "segment 149 (SE)");
}

TEST(X12Reader, Version4010InterchangeReadsWithoutRepetitionSeparator) {
  Interchange interchange = readInterchange(sample("pyx12_837i_4010_cob.txt"));
  EXPECT_TRUE(interchange.problems.empty());
  EXPECT_EQ(interchange.version, "00401");
  EXPECT_EQ(interchange.delimiters.repetition, '\0');
  Summary summary = summarize(interchange);
  EXPECT_EQ(summary.claims.size(), 2u);
  EXPECT_EQ(summary.sbr, 5u);
}

TEST(X12Reader, EnvelopeFaultsNameTheSegment) {
  std::string good = sample("lfh_835_5010_managed_care.835");
  std::string badCount = good;
  badCount.replace(badCount.find("SE*26*"), 6, "SE*40*");
  EXPECT_EQ(readInterchange(badCount).problems.at(0), "segment 28 (SE): SE01 says 40 segments, counted 26");
  std::string badControl = good;
  badControl.replace(badControl.find("IEA*1*000000907"), 15, "IEA*1*000000908");
  EXPECT_EQ(readInterchange(badControl).problems.at(0),
            "segment 30 (IEA) element 2: IEA02 000000908 does not match ISA13 000000907");
  std::string badGroup = good;
  badGroup.replace(badGroup.find("GE*1*1"), 6, "GE*2*7");
  EXPECT_THAT(readInterchange(badGroup).problems,
              ElementsAre("segment 29 (GE): GE01 says 2 transaction sets, counted 1",
                          "segment 29 (GE): GE02 7 does not match GS06 1"));
  std::string noTrailer = good.substr(0, good.find("IEA*"));
  EXPECT_THAT(readInterchange(noTrailer).problems.back(), HasSubstr("the interchange ends without IEA"));
}

TEST(X12Reader, TextThatIsNotAnInterchangeIsRefused) {
  EXPECT_EQ(errorOf([] { readInterchange("MSH|^~\\&|..."); }).status(), GW_ERR_INVALID);
  EXPECT_EQ(errorOf([] { readInterchange(""); }).status(), GW_ERR_INVALID);
  std::string shortIsa = "ISA*00*  *00*          *ZZ*A*ZZ*B*200101*1200*^*00501*000000001*0*T*:~";
  EXPECT_THAT(errorOf([&] { readInterchange(shortIsa); }).what(), HasSubstr("ISA"));
  std::string good = sample("lfh_835_5010_managed_care.835");
  std::string badId = good;
  badId.replace(badId.find("TRN*"), 4, "t!n*");
  auto error = errorOf([&] { readInterchange(badId); });
  EXPECT_EQ(error.location(), "segment 5");
}

TEST(X12Reader, InterchangeAcknowledgementsSitOutsideFunctionalGroups) {
  const std::string isa =
      "ISA*00*          *00*          *ZZ*KEYINS         *ZZ*GROUP01        *260310*1200*^*00501*000000012*0*P*:~";
  Interchange ta1Only = readInterchange(isa + "TA1*000000042*260309*1100*A*000~IEA*0*000000012~");
  EXPECT_TRUE(ta1Only.problems.empty());
  EXPECT_THAT(ta1Only.interchangeAcknowledgements, ElementsAre(1u));
  EXPECT_TRUE(ta1Only.groups.empty());
  Interchange inGroup = readInterchange(isa + "GS*FA*KEYINS*GROUP01*20260310*1200*5*X*005010X231A1~"
                                              "TA1*000000042*260309*1100*A*000~GE*0*5~IEA*1*000000012~");
  EXPECT_THAT(inGroup.problems, ElementsAre("segment 3 (TA1): TA1 inside the functional group opened at segment 2 (GS)"));
}
