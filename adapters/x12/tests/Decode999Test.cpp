// 999 acknowledgements decoded into ClaimResponses, one per AK2: accepted sets are "queued", rejected
// ones "error" with their IK3/IK4 errors; request.identifier names page and position for the host.
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::HasSubstr;

namespace {

// The insurer's answer to page 42 (GS06 42): set 0001 accepted, 0002 rejected, 0003 accepted with errors.
const std::string k999 =
    "ISA*00*          *00*          *ZZ*KEYINS         *ZZ*GROUP01        *260306*0900*^*00501*000000501*0*T*:~\n"
    "GS*FA*KEYINS*GROUP01*20260306*0900*501*X*005010X231A1~\n"
    "ST*999*0001*005010X231A1~\n"
    "AK1*HC*42*005010X222A1~\n"
    "AK2*837*0001*005010X222A1~\n"
    "IK5*A~\n"
    "AK2*837*0002*005010X222A1~\n"
    "IK3*NM1*14*2010BA*8~\n"
    "CTX*CLM01:5c9e1f20-7b3a-4d6e-9f80-a1b2c3d4e5f6~\n"
    "IK4*9*67*7*XYZ~\n"
    "IK5*R*5~\n"
    "AK2*837*0003*005010X222A1~\n"
    "IK5*E~\n"
    "AK9*P*3*3*2~\n"
    "SE*13*0001~\n"
    "GE*1*501~\n"
    "IEA*1*000000501~\n";

JsonObject response(const JsonObject& bundle, std::size_t index) {
  return objectAt(objectIn(arrayAt(bundle, "entry"), index), "resource");
}

}  // namespace

TEST(X12Decode999, OneResponsePerTransactionSetWithPageAndPosition) {
  auto output = adapterWith().decode(k999, "application/edi-x12");
  EXPECT_EQ(output.event, "999");
  EXPECT_EQ(output.messageId, "000000501");
  JsonObject bundle = parseObject(output.bytes);
  ASSERT_EQ(arrayAt(bundle, "entry")->size(), 3u);

  JsonObject accepted = response(bundle, 0);
  EXPECT_EQ(stringAt(accepted, "outcome"), "queued");
  JsonObject identifier = objectAt(objectAt(accepted, "request"), "identifier");
  EXPECT_EQ(stringAt(identifier, "system"), "urn:gw:group:outbox-page");
  EXPECT_EQ(stringAt(identifier, "value"), "42/1");
  EXPECT_EQ(stringAt(accepted, "created"), "2026-03-06");
  EXPECT_EQ(stringAt(objectAt(accepted, "insurer"), "display"), "KEYINS");
  EXPECT_FALSE(accepted->has("error"));

  JsonObject rejected = response(bundle, 1);
  EXPECT_EQ(stringAt(rejected, "outcome"), "error");
  EXPECT_EQ(stringAt(objectAt(objectAt(rejected, "request"), "identifier"), "value"), "42/2");
  JsonArray errors = arrayAt(rejected, "error");
  ASSERT_EQ(errors->size(), 2u);
  EXPECT_EQ(stringAt(objectIn(arrayAt(objectAt(objectIn(errors, 0), "code"), "coding"), 0), "code"), "8");
  EXPECT_THAT(stringAt(objectAt(objectIn(errors, 0), "code"), "text"), HasSubstr("NM1 at position 14 in loop 2010BA"));
  EXPECT_THAT(stringAt(objectAt(objectIn(errors, 1), "code"), "text"), HasSubstr("element 9 of segment NM1"));
  EXPECT_THAT(stringAt(objectAt(objectIn(errors, 1), "code"), "text"), HasSubstr("\"XYZ\""));
  EXPECT_THAT(stringAt(rejected, "disposition"), HasSubstr("rejected"));

  JsonObject withErrors = response(bundle, 2);
  EXPECT_EQ(stringAt(withErrors, "outcome"), "queued");  // E: accepted, errors noted
  EXPECT_EQ(stringAt(objectAt(objectAt(withErrors, "request"), "identifier"), "value"), "42/3");
}

TEST(X12Decode999, RejectionWithoutSegmentErrorsStillSaysWhy) {
  std::string text = k999;
  const std::string details = "IK3*NM1*14*2010BA*8~\nCTX*CLM01:5c9e1f20-7b3a-4d6e-9f80-a1b2c3d4e5f6~\nIK4*9*67*7*XYZ~\n";
  text.replace(text.find(details), details.size(), "");
  text.replace(text.find("SE*13*"), 6, "SE*10*");
  JsonObject bundle = parseObject(adapterWith().decode(text, "application/edi-x12").bytes);
  JsonArray errors = arrayAt(response(bundle, 1), "error");
  ASSERT_EQ(errors->size(), 1u);
  EXPECT_EQ(stringAt(objectIn(arrayAt(objectAt(objectIn(errors, 0), "code"), "coding"), 0), "code"), "5");
}

TEST(X12Decode999, AnAk2WithoutVerdictIsInvalid) {
  std::string text = k999;
  text.replace(text.find("IK5*E~\n"), 7, "");
  text.replace(text.find("SE*13*"), 6, "SE*12*");
  auto error = errorOf([&] { adapterWith().decode(text, "application/edi-x12"); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_THAT(error.what(), HasSubstr("AK2 without IK5/AK5 verdict"));
}

TEST(X12Decode999, AnAcknowledgementOfSetsTheGatewayNeverSentIsUnsupported) {
  const std::string enrollment =
      "ISA*00*          *00*          *ZZ*KEYINS         *ZZ*GROUP01        *260306*0900*^*00501*000000502*0*T*:~"
      "GS*FA*KEYINS*GROUP01*20260306*0900*502*X*005010X231A1~ST*999*0001*005010X231A1~AK1*BE*13*005010X220A1~"
      "AK2*834*0001*005010X220A1~IK5*A~AK9*A*1*1*1~SE*6*0001~GE*1*502~IEA*1*000000502~";
  auto error = errorOf([&] { adapterWith().decode(enrollment, "application/edi-x12"); });
  EXPECT_EQ(error.status(), GW_ERR_UNSUPPORTED);
  EXPECT_THAT(error.what(), HasSubstr("834"));
  EXPECT_EQ(error.location(), "segment 5 (AK2)");
}

TEST(X12Decode999, ATrailerThatDoesNotMatchItsHeaderIsRefused) {
  // X12 rejects such an interchange (TA1 note code 001): it may be cut short or spliced from two.
  std::string text = k999;
  text.replace(text.find("IEA*1*000000501"), 15, "IEA*1*000000001");
  auto error = errorOf([&] { adapterWith().decode(text, "application/edi-x12"); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_THAT(error.what(), HasSubstr("IEA02 000000001 does not match ISA13 000000501"));
}
