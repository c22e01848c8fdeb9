// 278 Health Care Services Review responses decoded into ClaimResponses with use "preauthorization": the
// decision (HCR01) as outcome, disposition and the preauth-decision extension, the certification number
// (HCR02) and period (DTP 007/036), the reason (HCR03), matched to our Claim by the echoed trace (TRN01 2).
// Responses without a decision or a trace are refused at the patient event, and answered with a 999.
#include "X12TestSupport.hpp"

#include "Review278Reader.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

const std::string kSurgery = "9f2d4b6a-1c3e-4a5f-8b7d-0e1f2a3b4c5d";

// The one ClaimResponse decoding a fixture gives.
JsonObject decodedResponse(const std::string& x12) {
  JsonObject bundle = parseObject(adapterWith().decode(x12, "application/edi-x12").bytes);
  EXPECT_EQ(arrayAt(bundle, "entry")->size(), 1u);
  return objectAt(objectIn(arrayAt(bundle, "entry"), 0), "resource");
}

// The valueCode or valueCoding.code of the extension `url`, or "".
std::string extensionCode(const JsonObject& resource, const std::string& url) {
  JsonArray extensions = arrayAt(resource, "extension");
  for (std::size_t i = 0; extensions && i < extensions->size(); ++i) {
    JsonObject extension = objectIn(extensions, i);
    if (stringAt(extension, "url") != url) continue;
    return extension->has("valueCode") ? stringAt(extension, "valueCode") : stringAt(objectAt(extension, "valueCoding"), "code");
  }
  return {};
}

std::vector<std::string> noteTexts(const JsonObject& resource) {
  std::vector<std::string> texts;
  JsonArray notes = arrayAt(resource, "processNote");
  for (std::size_t i = 0; notes && i < notes->size(); ++i) texts.push_back(stringAt(objectIn(notes, i), "text"));
  return texts;
}

}  // namespace

TEST(X12Decode278, AnApprovalCarriesItsCertificationNumberAndPeriod) {
  auto output = adapterWith().decode(fixture("278-response-approved.x12"), "application/edi-x12");
  EXPECT_EQ(output.event, "278");
  EXPECT_EQ(output.messageId, "000000311");
  EXPECT_EQ(output.contentType, "application/fhir+json");
  JsonObject response = decodedResponse(fixture("278-response-approved.x12"));
  EXPECT_EQ(stringAt(response, "resourceType"), "ClaimResponse");
  EXPECT_EQ(stringAt(response, "use"), "preauthorization");
  EXPECT_EQ(stringAt(objectAt(response, "request"), "reference"), "Claim/" + kSurgery);  // TRN01 2, not the UMO's TRN01 1
  EXPECT_EQ(stringAt(response, "outcome"), "complete");
  EXPECT_EQ(extensionCode(response, kPreauthDecisionExtension), "approved");
  EXPECT_THAT(stringAt(response, "disposition"), HasSubstr("certified in total (HCR01 A1)"));
  EXPECT_EQ(stringAt(response, "preAuthRef"), "AUTH-778812");
  EXPECT_EQ(stringAt(objectAt(response, "preAuthPeriod"), "start"), "2026-04-14");
  EXPECT_EQ(stringAt(objectAt(response, "preAuthPeriod"), "end"), "2026-05-14");
  EXPECT_EQ(stringAt(response, "status"), "active");
  EXPECT_EQ(firstCode(objectAt(response, "type")), "institutional");  // an admission review (UM01 AR)
  EXPECT_EQ(stringAt(response, "created"), "2026-03-21");
  EXPECT_EQ(stringAt(objectAt(response, "insurer"), "display"), "Key Insurance Company");
  EXPECT_EQ(stringAt(objectAt(objectAt(response, "patient"), "identifier"), "value"), "BCX448812");
  EXPECT_EQ(stringAt(objectAt(response, "patient"), "display"), "Turner, Rosa");
  EXPECT_THAT(noteTexts(response), ElementsAre("service 1 (HC 27447): certified in total, certification AUTH-778812"));
  EXPECT_EQ(stringAt(objectIn(arrayAt(response, "identifier"), 0), "value"), "KEYINS/000000311/311/0001/1");
}

TEST(X12Decode278, ADenialCarriesItsReasonAndNoCertification) {
  JsonObject response = decodedResponse(fixture("278-response-denied.x12"));
  EXPECT_EQ(stringAt(response, "outcome"), "complete");
  EXPECT_EQ(extensionCode(response, kPreauthDecisionExtension), "denied");
  EXPECT_EQ(extensionCode(response, kPreauthReasonExtension), "0F");
  EXPECT_THAT(stringAt(response, "disposition"), HasSubstr("not certified (HCR01 A3)"));
  EXPECT_THAT(stringAt(response, "disposition"), HasSubstr("reason 0F"));
  EXPECT_FALSE(response->has("preAuthRef"));
  EXPECT_FALSE(response->has("preAuthPeriod"));
  EXPECT_THAT(noteTexts(response), Contains("decision reason (HCR03) 0F"));
  EXPECT_THAT(noteTexts(response), Contains(HasSubstr("Conservative treatment for six weeks")));
}

TEST(X12Decode278, APendedRequestIsQueued) {
  JsonObject response = decodedResponse(fixture("278-response-pended.x12"));
  EXPECT_EQ(stringAt(response, "outcome"), "queued");
  EXPECT_EQ(extensionCode(response, kPreauthDecisionExtension), "pended");
  EXPECT_THAT(stringAt(response, "disposition"), HasSubstr("pended (HCR01 A4)"));
  EXPECT_EQ(stringAt(objectAt(response, "request"), "reference"), "Claim/" + kSurgery);
  EXPECT_FALSE(response->has("preAuthRef"));
}

TEST(X12Decode278, EachActionCodeHasItsOutcomeAndDecision) {
  struct Expected {
    std::string hcr, outcome, decision;
  };
  for (const auto& expected : {Expected{"HCR*A2*AUTH-1", "complete", "partially-approved"},
                               Expected{"HCR*A6*AUTH-1", "complete", "partially-approved"},
                               Expected{"HCR*CT*", "queued", "pended"}, Expected{"HCR*NA*", "complete", "approved"}}) {
    JsonObject response = decodedResponse(replaced(fixture("278-response-pended.x12"), "HCR*A4", expected.hcr));
    EXPECT_EQ(stringAt(response, "outcome"), expected.outcome) << expected.hcr;
    EXPECT_EQ(extensionCode(response, kPreauthDecisionExtension), expected.decision) << expected.hcr;
  }
}

TEST(X12Decode278, IdentifyNamesTheTransaction) {
  auto output = adapterWith().identify(fixture("278-response-denied.x12"), "application/edi-x12");
  EXPECT_EQ(output.event, "278");
  EXPECT_EQ(output.messageId, "000000312");
}

TEST(X12Decode278, AResponseWithoutHcrIsRefusedAtItsPatientEventAndAnsweredWithIk3) {
  // HCR replaced by another segment, so the counts stay right and the decision alone is missing.
  std::string withoutDecision = replaced(fixture("278-response-pended.x12"), "HCR*A4~", "MSG*under review~");
  auto error = errorOf([&] { adapterWith().decode(withoutDecision, "application/edi-x12"); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_EQ(error.location(), "segment 11 (HL) missing HCR");
  EXPECT_THAT(error.what(), HasSubstr("segment 11 (HL): the patient event (HL 4) has no HCR"));

  RefusedReply refusal = refusedReply(withoutDecision);
  EXPECT_EQ(refusal.reply.event, "999");
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "AK1"), ElementsAre(ElementsAre("AK1", "HI", "313", "005010X217")));
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "AK2"), ElementsAre(ElementsAre("AK2", "278", "0001", "005010X217")));
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "IK3"), ElementsAre(ElementsAre("IK3", "HCR", "9", "", "3")));
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "IK5"), ElementsAre(ElementsAre("IK5", "R", "5")));
}

TEST(X12Decode278, ResponsesThatCannotBeAppliedAreRefusedNamingTheElement) {
  auto refusal = [](const std::string& from, const std::string& to) {
    return errorOf([&] { adapterWith().decode(replaced(fixture("278-response-approved.x12"), from, to), "application/edi-x12"); });
  };
  auto unknown = refusal("HCR*A1*AUTH-778812~\nDTP", "HCR*ZZ*AUTH-778812~\nDTP");
  EXPECT_EQ(unknown.location(), "segment 15 (HCR) element 1");
  EXPECT_THAT(unknown.what(), HasSubstr("HCR01 action code \"ZZ\""));
  auto noNumber = refusal("HCR*A1*AUTH-778812~\nDTP", "HCR*A1~\nDTP");
  EXPECT_EQ(noNumber.location(), "segment 15 (HCR) element 2");
  EXPECT_THAT(noNumber.what(), HasSubstr("HCR02 certification number is missing"));
  auto noTrace = refusal("TRN*2*", "TRN*3*");
  EXPECT_EQ(noTrace.location(), "segment 11 (HL) missing TRN");
  EXPECT_THAT(noTrace.what(), HasSubstr("cannot be matched to a Claim"));

  // The 999 points IK4 at the unknown action code.
  RefusedReply reply = refusedReply(replaced(fixture("278-response-approved.x12"), "HCR*A1*AUTH-778812~\nDTP", "HCR*ZZ*AUTH-778812~\nDTP"));
  EXPECT_THAT(segmentsWithId(reply.reply.bytes, "IK3"), ElementsAre(ElementsAre("IK3", "HCR", "13", "", "8")));
  EXPECT_THAT(segmentsWithId(reply.reply.bytes, "IK4"), ElementsAre(ElementsAre("IK4", "1", "306", "7", "ZZ")));
}

TEST(X12Decode278, OurOwnRequestIsNotAResponse) {
  std::string request = adapterWith().encode(fixture("preauth-page.json")).bytes;
  auto error = errorOf([&] { adapterWith().decode(request, "application/edi-x12"); });
  EXPECT_EQ(error.status(), GW_ERR_UNSUPPORTED);
  EXPECT_THAT(error.what(), HasSubstr("a 278 request (BHT02 13)"));
}

TEST(X12Decode278, AnAcceptedResponseIsAcknowledgedWithA999ForThe278) {
  std::string approved = fixture("278-response-approved.x12");
  Acknowledgement ack = acknowledgementOf(approved, GW_ACK_ACCEPT, "", "", adapterWith().options(), kReplyNow);
  EXPECT_EQ(ack.event, "999");
  EXPECT_THAT(segmentsWithId(ack.bytes, "AK1"), ElementsAre(ElementsAre("AK1", "HI", "311", "005010X217")));
  EXPECT_THAT(segmentsWithId(ack.bytes, "AK2"), ElementsAre(ElementsAre("AK2", "278", "0001", "005010X217")));
  EXPECT_THAT(segmentsWithId(ack.bytes, "IK5"), ElementsAre(ElementsAre("IK5", "A")));
  EXPECT_THAT(segmentsWithId(ack.bytes, "AK9"), ElementsAre(ElementsAre("AK9", "A", "1", "1", "1")));
}

TEST(X12Decode278, TheInsurers999ForOurRequestAnswersAPreauthorization) {
  std::string ack =
      "ISA*00*          *00*          *ZZ*KEYINS         *ZZ*GROUP01        *260321*0900*^*00501*000000601*0*T*:~"
      "GS*FA*KEYINS*GROUP01*20260321*0900*601*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HI*77*005010X217~"
      "AK2*278*0001*005010X217~IK5*A~AK9*A*1*1*1~SE*6*0001~GE*1*601~IEA*1*000000601~";
  JsonObject bundle = parseObject(adapterWith().decode(ack, "application/edi-x12").bytes);
  JsonObject response = objectAt(objectIn(arrayAt(bundle, "entry"), 0), "resource");
  EXPECT_EQ(stringAt(response, "use"), "preauthorization");
  EXPECT_EQ(stringAt(response, "outcome"), "queued");
  EXPECT_EQ(stringAt(objectAt(objectAt(response, "request"), "identifier"), "value"), "77/1");
}
