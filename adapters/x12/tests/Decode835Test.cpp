// 835 remittances decoded into ClaimResponses: the public samples with their claim statuses and
// amounts, adjustments, lines, payment, a reversal, provider-level adjustments and broken envelopes.
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

#include <algorithm>
#include <cmath>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::HasSubstr;

namespace {

JsonObject decoded(const std::string& x12) {
  auto output = adapterWith().decode(x12, "application/edi-x12");
  EXPECT_EQ(output.contentType, "application/fhir+json");
  return parseObject(output.bytes);
}

JsonObject response(const JsonObject& bundle, std::size_t index) {
  return objectAt(objectIn(arrayAt(bundle, "entry"), index), "resource");
}

double amount(const JsonObject& money) { return money->getValue<double>("value"); }

// The amount of the total (or adjudication) whose category code is `code`; NaN when absent.
double categoryAmount(const JsonArray& entries, const std::string& code) {
  for (std::size_t i = 0; entries && i < entries->size(); ++i) {
    JsonObject entry = objectIn(entries, i);
    if (stringAt(objectIn(arrayAt(objectAt(entry, "category"), "coding"), 0), "code") == code)
      return amount(objectAt(entry, "amount"));
  }
  return std::nan("");
}

std::string codeOf(const JsonObject& concept) { return stringAt(objectIn(arrayAt(concept, "coding"), 0), "code"); }

const std::string kPayerIsa =
    "ISA*00*          *00*          *ZZ*PAYER          *ZZ*GROUP01        *260310*1200*^*00501*000000011*0*P*:~";

// An 835 interchange around `body` (the "~"-terminated segments between ST and SE), its counts right.
std::string remittance(const std::string& body) {
  const std::string header = "BPR*I*100*C*CHK************20260310~TRN*1*CHK9*1999999999~N1*PR*KEY INSURANCE~LX*1~";
  const auto segments = std::count(header.begin(), header.end(), '~') + std::count(body.begin(), body.end(), '~') + 2;
  return kPayerIsa + "GS*HP*PAYER*GROUP01*20260310*1200*11*X*005010X221A1~ST*835*0001~" + header + body + "SE*" +
         std::to_string(segments) + "*0001~GE*1*11~IEA*1*000000011~";
}

std::string typeOf(const JsonObject& claimResponse) { return codeOf(objectAt(claimResponse, "type")); }

}  // namespace

TEST(X12Decode835, ManagedCareSampleGivesTwoPaidClaimsWithAdjustmentsAndLines) {
  auto output = adapterWith().decode(sample("lfh_835_5010_managed_care.835"), "application/edi-x12");
  EXPECT_EQ(output.messageId, "000000907");
  EXPECT_EQ(output.event, "835");
  JsonObject bundle = parseObject(output.bytes);
  EXPECT_EQ(stringAt(bundle, "type"), "collection");
  ASSERT_EQ(arrayAt(bundle, "entry")->size(), 2u);

  JsonObject first = response(bundle, 0);
  EXPECT_EQ(stringAt(first, "resourceType"), "ClaimResponse");
  EXPECT_EQ(stringAt(objectAt(first, "request"), "reference"), "Claim/5554555444");
  EXPECT_EQ(stringAt(first, "status"), "active");
  EXPECT_EQ(stringAt(first, "outcome"), "complete");
  EXPECT_EQ(stringAt(first, "created"), "2002-03-14");  // DTM*405: BPR16 is absent
  EXPECT_EQ(amount(objectAt(objectAt(first, "payment"), "amount")), 450.0);
  EXPECT_EQ(categoryAmount(arrayAt(first, "total"), "submitted"), 800.0);
  EXPECT_EQ(categoryAmount(arrayAt(first, "total"), "benefit"), 450.0);
  EXPECT_EQ(categoryAmount(arrayAt(first, "total"), "copay"), 300.0);
  EXPECT_THAT(stringAt(first, "disposition"), HasSubstr("processed as primary"));
  EXPECT_EQ(stringAt(objectIn(arrayAt(first, "identifier"), 0), "value"), "94060555410000");
  EXPECT_EQ(stringAt(objectAt(objectAt(first, "patient"), "identifier"), "value"), "33344555510");
  EXPECT_EQ(stringAt(objectAt(first, "insurer"), "display"), "RUSHMORE LIFE");
  // The claim-level CAS before SVC: CO A2 50.
  JsonObject claimAdjustment = objectIn(arrayAt(first, "adjudication"), 0);
  EXPECT_EQ(codeOf(objectAt(claimAdjustment, "category")), "CO");
  EXPECT_EQ(codeOf(objectAt(claimAdjustment, "reason")), "A2");
  EXPECT_EQ(amount(objectAt(claimAdjustment, "amount")), 50.0);
  // One SVC line: billed 800, paid 500, then CAS PR 1 300 on that line.
  JsonArray items = arrayAt(first, "item");
  ASSERT_EQ(items->size(), 1u);
  JsonArray line = arrayAt(objectIn(items, 0), "adjudication");
  EXPECT_EQ(categoryAmount(line, "submitted"), 800.0);
  EXPECT_EQ(categoryAmount(line, "benefit"), 500.0);
  EXPECT_EQ(categoryAmount(line, "PR"), 300.0);
  JsonObject payment = objectAt(first, "payment");
  EXPECT_EQ(stringAt(objectAt(payment, "identifier"), "value"), "7170066655");
  EXPECT_THAT(render(objectAt(payment, "type")), HasSubstr("\"ACH\""));

  JsonObject second = response(bundle, 1);
  EXPECT_EQ(stringAt(objectAt(second, "request"), "reference"), "Claim/8765432112");
  EXPECT_EQ(amount(objectAt(objectAt(second, "payment"), "amount")), 495.0);
  EXPECT_EQ(categoryAmount(arrayAt(second, "total"), "submitted"), 1200.0);
  EXPECT_EQ(categoryAmount(arrayAt(second, "total"), "copay"), 600.0);
  JsonArray secondLine = arrayAt(objectIn(arrayAt(second, "item"), 0), "adjudication");
  EXPECT_EQ(secondLine->size(), 4u);  // submitted, benefit, PR 1 600, CO 45 50
  EXPECT_EQ(categoryAmount(secondLine, "CO"), 50.0);
  // Decoding is deterministic: the same interchange gives the same ids.
  EXPECT_EQ(stringAt(response(decoded(sample("lfh_835_5010_managed_care.835")), 1), "id"), stringAt(second, "id"));
}

TEST(X12Decode835, DeniedClaimWithAllLinesAdjustedAwayPaysNothing) {
  JsonObject bundle = decoded(sample("pyx12_835_5010_mult_loops.txt"));
  ASSERT_EQ(arrayAt(bundle, "entry")->size(), 1u);
  JsonObject denied = response(bundle, 0);
  EXPECT_EQ(stringAt(objectAt(denied, "request"), "reference"), "Claim/2005555A");
  EXPECT_THAT(stringAt(denied, "disposition"), HasSubstr("denied"));
  EXPECT_EQ(amount(objectAt(objectAt(denied, "payment"), "amount")), 0.0);
  EXPECT_EQ(codeOf(objectAt(objectAt(denied, "payment"), "type")), "partial");
  EXPECT_EQ(stringAt(objectAt(denied, "payment"), "date"), "2004-10-28");  // BPR16
  EXPECT_EQ(categoryAmount(arrayAt(denied, "total"), "submitted"), 915.39);
  JsonArray items = arrayAt(denied, "item");
  ASSERT_EQ(items->size(), 3u);
  EXPECT_EQ(categoryAmount(arrayAt(objectIn(items, 0), "adjudication"), "CO"), 500.04);
  EXPECT_EQ(categoryAmount(arrayAt(objectIn(items, 1), "adjudication"), "OA"), 127.8);
  EXPECT_EQ(categoryAmount(arrayAt(objectIn(items, 2), "adjudication"), "OA"), 287.55);
  EXPECT_THAT(render(arrayAt(denied, "processNote")), HasSubstr("remark N14"));
}

TEST(X12Decode835, ReversalIsCancelledWithANegativePaymentAndPlbBecomesANote) {
  std::string text =
      "ISA*00*          *00*          *ZZ*PAYER          *ZZ*GROUP01        *260310*1200*^*00501*000000011*0*P*:~"
      "GS*HP*PAYER*GROUP01*20260310*1200*11*X*005010X221A1~ST*835*0001~"
      "BPR*I*-20*C*CHK************20260310~TRN*1*CHK123*1999999999~N1*PR*KEY INSURANCE~N1*PE*GROUP*XX*1912301953~"
      "LX*1~CLP*0b7d3c2e-9a51-4f7e-8c1d-2f4a6b8c0d11*22*220.5*-150**12*PCN1~CAS*CO*45*-70.5~"
      "CLP*0b7d3c2e-9a51-4f7e-8c1d-2f4a6b8c0d11*1*220.5*130*90.5*12*PCN2~CAS*PR*2*90.5~"
      "PLB*1912301953*20261231*WO:0b7d3c2e-9a51-4f7e-8c1d-2f4a6b8c0d11*-20*L6*5~SE*12*0001~GE*1*11~IEA*1*000000011~";
  JsonObject bundle = decoded(text);
  ASSERT_EQ(arrayAt(bundle, "entry")->size(), 2u);
  JsonObject reversal = response(bundle, 0);
  EXPECT_EQ(stringAt(reversal, "status"), "cancelled");
  EXPECT_EQ(amount(objectAt(objectAt(reversal, "payment"), "amount")), -150.0);
  EXPECT_EQ(categoryAmount(arrayAt(reversal, "adjudication"), "CO"), -70.5);
  JsonObject corrected = response(bundle, 1);
  EXPECT_EQ(stringAt(corrected, "status"), "active");
  EXPECT_EQ(amount(objectAt(objectAt(corrected, "payment"), "amount")), 130.0);
  // WO names the claim: on it (it matches both; the later wins); L6 names none: the first, flagged.
  std::string notes = render(arrayAt(corrected, "processNote"));
  EXPECT_THAT(notes, HasSubstr("provider-level adjustment (PLB) WO 0b7d3c2e-9a51-4f7e-8c1d-2f4a6b8c0d11: -20"));
  EXPECT_THAT(render(arrayAt(reversal, "processNote")), HasSubstr("L6: 5 (for the whole remittance, not this claim)"));
}

TEST(X12Decode835, BrokenRemittancesAreInvalidWithTheSegment) {
  std::string text = sample("lfh_835_5010_managed_care.835");
  std::string wrongCount = text;
  wrongCount.replace(wrongCount.find("SE*26*"), 6, "SE*25*");
  auto error = errorOf([&] { adapterWith().decode(wrongCount, "application/edi-x12"); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_EQ(std::string(error.what()), "segment 28 (SE): SE01 says 25 segments, counted 26");
  EXPECT_EQ(error.location(), "segment 28 (SE)");
  std::string badAmount = text;
  badAmount.replace(badAmount.find("*800.00*450.00*"), 15, "*800.00*4X0.00*");
  EXPECT_THAT(errorOf([&] { adapterWith().decode(badAmount, "application/edi-x12"); }).what(),
              HasSubstr("segment 13 (CLP): CLP04 \"4X0.00\" is not an amount"));
}

TEST(X12Decode835, ClaimsAndJsonAreNotDecoded) {
  EXPECT_EQ(errorOf([] { adapterWith().decode(sample("lfh_837p_5010_basic.837"), "application/edi-x12"); }).status(),
            GW_ERR_UNSUPPORTED);
  EXPECT_EQ(errorOf([] { adapterWith().decode("{}", "application/json"); }).status(), GW_ERR_UNSUPPORTED);
}

TEST(X12Identify, NamesTheInterchangeAndItsTransaction) {
  auto remittance = adapterWith().identify(sample("pyx12_835_5010_mult_loops.txt"), "text/plain");
  EXPECT_EQ(remittance.messageId, "000238388");
  EXPECT_EQ(remittance.event, "835");
  auto claim = adapterWith().identify(sample("lfh_837i_5010_institutional.837i"), "application/edi-x12");
  EXPECT_EQ(claim.event, "837I");
  EXPECT_EQ(adapterWith().identify(sample("lfh_837p_5010_basic.837"), "application/edi-x12").event, "837P");
  // 4010 names the institutional guide X096; dental is X224 (5010) or X097 (4010).
  EXPECT_EQ(adapterWith().identify(sample("lfh_837i_4010_institutional.837"), "application/edi-x12").event, "837I");
  const std::string dental = kPayerIsa +
                             "GS*HC*GROUP01*KEYINS*20260310*1200*7*X*005010X224A2~ST*837*0001*005010X224A2~"
                             "BHT*0019*00*7-1*20260310*1200*CH~SE*3*0001~GE*1*7~IEA*1*000000011~";
  EXPECT_EQ(adapterWith().identify(dental, "application/edi-x12").event, "837D");
  EXPECT_THAT(errorOf([&] { adapterWith().decode(dental, "application/edi-x12"); }).what(), HasSubstr("not 837D"));
}

TEST(X12Decode835, InstitutionalWhenTheRemittanceSaysSoNotByTheFacilityCodeAlone) {
  JsonObject bundle = decoded(remittance(
      "CLP*PARTA*1*100*80**MA*PCN1*11*1~"            // Medicare Part A
      "CLP*INPATIENT*1*100*80**12*PCN2*11*1~MIA*0***80~"  // inpatient adjudication
      "CLP*DRG*1*100*80**12*PCN3*11*1**470~"          // CLP11: a DRG
      "CLP*REVENUE*1*100*80**12*PCN4*13*1~SVC*HC:99213*100*80*0450*1~"  // SVC04: a revenue code
      "CLP*OFFICE*1*100*80**12*PCN5*11*1~SVC*HC:99213*100*80**1~"));    // CLP08 11: office, or inpatient?
  ASSERT_EQ(arrayAt(bundle, "entry")->size(), 5u);
  EXPECT_EQ(typeOf(response(bundle, 0)), "institutional");
  EXPECT_EQ(typeOf(response(bundle, 1)), "institutional");
  EXPECT_EQ(typeOf(response(bundle, 2)), "institutional");
  EXPECT_EQ(typeOf(response(bundle, 3)), "institutional");
  EXPECT_EQ(typeOf(response(bundle, 4)), "professional");
}

TEST(X12Decode835, MedicarePartASampleHasAnInstitutionalClaim) {
  JsonObject bundle = decoded(sample("lfh_835_5010_medicare_part_a.835"));
  ASSERT_EQ(arrayAt(bundle, "entry")->size(), 2u);
  EXPECT_EQ(typeOf(response(bundle, 0)), "institutional");  // CLP06 MA, MIA
  EXPECT_EQ(typeOf(response(bundle, 1)), "professional");   // MB with MOA and CLP08 13: nothing says which
}

TEST(X12Decode835, LenientMissingChargeIsReportedAndLeftOut) {
  auto output = adapterWith().decode(remittance("CLP*C1*1**80**12*PCN1~SVC*HC:99213**80**1~"), "application/edi-x12");
  EXPECT_THAT(output.issues, HasSubstr("segment 8 CLP03"));
  EXPECT_THAT(output.issues, HasSubstr("segment 9 SVC02"));
  JsonObject claim = response(parseObject(output.bytes), 0);
  EXPECT_TRUE(std::isnan(categoryAmount(arrayAt(claim, "total"), "submitted")));
  EXPECT_EQ(categoryAmount(arrayAt(claim, "total"), "benefit"), 80.0);
  EXPECT_EQ(amount(objectAt(objectAt(claim, "payment"), "amount")), 80.0);
  EXPECT_THAT(stringAt(claim, "disposition"), ::testing::Not(HasSubstr("billed")));
  // complete/partial compares paid with billed: not said without the charge.
  EXPECT_THAT(render(objectAt(objectAt(claim, "payment"), "type")), ::testing::Not(HasSubstr("ex-paymenttype")));
  JsonArray line = arrayAt(objectIn(arrayAt(claim, "item"), 0), "adjudication");
  EXPECT_TRUE(std::isnan(categoryAmount(line, "submitted")));
  EXPECT_EQ(categoryAmount(line, "benefit"), 80.0);
}

TEST(X12Decode835, StrictRefusesAMissingCharge) {
  auto error = errorOf([] {
    adapterWith(R"("validation":"strict")").decode(remittance("CLP*C1*1**80**12*PCN1~"), "application/edi-x12");
  });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_THAT(error.what(), HasSubstr("CLP03 (charge) is missing"));
  EXPECT_EQ(error.location(), "segment 8 CLP03");
}

TEST(X12Decode835, PaidAmountClaimIdAndStatusStayRequiredWhenLenient) {
  auto refusal = [](const std::string& body) {
    auto error = errorOf([&] { adapterWith().decode(remittance(body), "application/edi-x12"); });
    EXPECT_EQ(error.status(), GW_ERR_INVALID);
    return std::string(error.what());
  };
  EXPECT_EQ(refusal("CLP*C1*22~"), "segment 8 (CLP): CLP04 is missing: an amount is required");
  EXPECT_EQ(refusal("CLP**1*100*80~"), "segment 8 (CLP): CLP01 patient control number is missing: the claim cannot be matched");
  EXPECT_EQ(refusal("CLP*C1**100*80~"), "segment 8 (CLP): CLP02 claim status is missing");
  EXPECT_EQ(refusal("CLP*C1*1*100*80~SVC*HC:99213*100~"), "segment 9 (SVC): SVC03 is missing: an amount is required");
}

TEST(X12Decode835, LinesOutsideAClaimAreRefusedNotDropped) {
  auto error = errorOf([] {
    adapterWith().decode(remittance("SVC*HC:99213*100*80~CLP*C1*1*100*80~"), "application/edi-x12");
  });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_EQ(std::string(error.what()), "segment 8 (SVC): SVC outside a claim (no CLP before it)");
  EXPECT_EQ(errorOf([] {
              adapterWith().decode(remittance("CLP*C1*1*100*80~PLB*1912301953*20261231*L6*5~CAS*CO*45*20~"),
                                   "application/edi-x12");
            }).status(),
            GW_ERR_INVALID);
}

TEST(X12Decode835, EveryClaimOfThe4010SampleBecomesAResponse) {
  const std::string text = sample("x12parser_835_4010_grip.txt");
  JsonObject bundle = decoded(text);
  EXPECT_EQ(segmentsWithId(text, "CLP").size(), 9u);
  ASSERT_EQ(arrayAt(bundle, "entry")->size(), 9u);
  EXPECT_EQ(stringAt(response(bundle, 7), "status"), "cancelled");  // CLP*123456*22
  EXPECT_EQ(stringAt(response(bundle, 8), "status"), "cancelled");  // CLP*090909*22
}

TEST(X12Decode835, AnIncompleteClaimIsRefusedEvenWhenTheOthersAreComplete) {
  // The sample's last CLP (CLP*090909*22) has neither charge nor payment: the payment cannot be left out.
  auto error = errorOf([] { adapterWith().decode(sample("x12parser_835_5010_example1.txt"), "application/edi-x12"); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_EQ(error.location(), "segment 98 (CLP) element 4");
  EXPECT_THAT(error.what(), HasSubstr("CLP04 is missing"));
}

TEST(X12Decode, KindIsJudgedBeforeEnvelopeCounts) {
  // An 837 whose SE01 is wrong (it says 9, there are 3): refused for being an 837.
  const std::string claim = kPayerIsa +
                            "GS*HC*GROUP01*KEYINS*20260310*1200*7*X*005010X222A1~ST*837*0001*005010X222A1~"
                            "BHT*0019*00*7-1*20260310*1200*CH~SE*9*0001~GE*1*7~IEA*1*000000011~";
  auto error = errorOf([&] { adapterWith().decode(claim, "application/edi-x12"); });
  EXPECT_EQ(error.status(), GW_ERR_UNSUPPORTED);
  EXPECT_THAT(error.what(), HasSubstr("not 837P"));
  // Without any set read, the envelope problem is all there is to say.
  const std::string noGroup = kPayerIsa + "ST*835*0001~SE*2*0001~IEA*0*000000011~";
  auto invalid = errorOf([&] { adapterWith().decode(noGroup, "application/edi-x12"); });
  EXPECT_EQ(invalid.status(), GW_ERR_INVALID);
  EXPECT_THAT(invalid.what(), HasSubstr("ST outside a functional group"));
}

TEST(X12Decode, InterchangeAcknowledgementsAreNamedAndNotDecoded) {
  const std::string ta1 = kPayerIsa + "TA1*000000042*260309*1100*A*000~IEA*0*000000011~";
  EXPECT_EQ(adapterWith().identify(ta1, "application/edi-x12").event, "TA1");
  auto error = errorOf([&] { adapterWith().decode(ta1, "application/edi-x12"); });
  EXPECT_EQ(error.status(), GW_ERR_UNSUPPORTED);
  EXPECT_THAT(error.what(), HasSubstr("not TA1"));
}
