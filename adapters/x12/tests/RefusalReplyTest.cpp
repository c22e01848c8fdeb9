// A refused 835 answered in X12: decode names the segment and, when the fault is one element, the element;
// the 999 points IK3 at that segment inside its set and IK4 at the element with its syntax error code.
#include "X12Interchange.hpp"
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

// The published sample, corrupted in a copy.
std::string corrupted(const std::string& from, const std::string& to) {
  return replaced(sample("lfh_835_5010_managed_care.835"), from, to);
}

}  // namespace

TEST(X12RefusalReply, ABadAmountIsNamedBySegmentAndElementAndAnsweredWithIk3AndIk4) {
  // The second claim's CLP04 (paid) is not a number: segment 20 of the interchange, 18th of its set.
  RefusedReply refusal = refusedReply(corrupted("*1200.00*495.00*", "*1200.00*49S.00*"));
  EXPECT_EQ(refusal.location, "segment 20 (CLP) element 4");
  EXPECT_EQ(refusal.reply.event, "999");
  const std::string& bytes = refusal.reply.bytes;
  EXPECT_TRUE(readInterchange(bytes).problems.empty());
  EXPECT_THAT(segmentsWithId(bytes, "AK2").at(0), ElementsAre("AK2", "835", "112233", "005010X221A1"));
  EXPECT_THAT(segmentsWithId(bytes, "IK3"), ElementsAre(ElementsAre("IK3", "CLP", "18", "", "8")));
  // IK403 6: invalid character; 782 is the monetary amount element; IK404 is the bad data as sent.
  EXPECT_THAT(segmentsWithId(bytes, "IK4"), ElementsAre(ElementsAre("IK4", "4", "782", "6", "49S.00")));
  EXPECT_THAT(segmentsWithId(bytes, "IK5").at(0), ElementsAre("IK5", "R", "5"));
  EXPECT_THAT(segmentsWithId(bytes, "AK9").at(0), ElementsAre("AK9", "R", "1", "1", "0"));
}

TEST(X12RefusalReply, AMissingElementIsCodeOneWithoutBadData) {
  RefusedReply refusal = refusedReply(corrupted("CLP*5554555444*", "CLP**"));
  EXPECT_EQ(refusal.location, "segment 13 (CLP) element 1");
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "IK3"), ElementsAre(ElementsAre("IK3", "CLP", "11", "", "8")));
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "IK4"), ElementsAre(ElementsAre("IK4", "1", "1028", "1")));
}

TEST(X12RefusalReply, AnAdjustmentAmountPointsAtItsCasElement) {
  RefusedReply refusal = refusedReply(corrupted("CAS*PR*1*300.00~", "CAS*PR*1*300,00~"));
  EXPECT_EQ(refusal.location, "segment 19 (CAS) element 3");
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "IK3"), ElementsAre(ElementsAre("IK3", "CAS", "17", "", "8")));
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "IK4"), ElementsAre(ElementsAre("IK4", "3", "782", "6", "300,00")));
}

TEST(X12RefusalReply, AStrictChargeRefusalPointsAtTheChargeElement) {
  RefusedReply refusal = refusedReply(corrupted("*800.00*450.00*", "*8OO.00*450.00*"), R"("validation":"strict")");
  EXPECT_EQ(refusal.location, "segment 13 CLP03");  // the defect's expression, as lenient warnings name it
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "IK4"), ElementsAre(ElementsAre("IK4", "3", "782", "6", "8OO.00")));
}

TEST(X12RefusalReply, ASegmentOutOfPlaceIsAnUnexpectedSegmentWithoutIk4) {
  // A service line before any claim (SE01 counting it): the whole segment is wrong where it is, no element of it.
  std::string text = corrupted("LX*1~", "LX*1~SVC*HC:99211*10.00*5.00~");
  text.replace(text.find("SE*26*"), 6, "SE*27*");
  RefusedReply refusal = refusedReply(text);
  EXPECT_EQ(refusal.location, "segment 13 (SVC)");
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "IK3"), ElementsAre(ElementsAre("IK3", "SVC", "11", "", "2")));
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "IK4"), IsEmpty());
}

TEST(X12RefusalReply, AWrongSegmentCountIsSaidInIk5NotIk3) {
  RefusedReply refusal = refusedReply(corrupted("SE*26*", "SE*25*"));
  EXPECT_EQ(refusal.location, "segment 28 (SE)");
  EXPECT_EQ(refusal.reply.event, "999");
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "IK3"), IsEmpty());
  // IK502 4: number of included segments does not match actual count.
  EXPECT_THAT(segmentsWithId(refusal.reply.bytes, "IK5").at(0), ElementsAre("IK5", "R", "4"));
}

TEST(X12RefusalReply, TheAcceptingReplyToAGoodRemittanceIsUnchanged) {
  // Byte for byte what the 999 writer answered before IK4 and TA1 existed.
  Acknowledgement reply = acknowledgementOf(sample("lfh_835_5010_managed_care.835"), GW_ACK_ACCEPT, "", "stored",
                                            adapterWith().options(), kReplyNow);
  EXPECT_EQ(reply.contentType, "application/edi-x12");
  EXPECT_EQ(reply.event, "999");
  EXPECT_EQ(reply.bytes,
            "ISA*00*          *00*          *30*12345          *30*000000005      *260307*1200*^*00501*030712000*0*T*:~"
            "GS*FA*54321*000000005*20260307*1200*30712000*X*005010X231A1~ST*999*0001*005010X231A1~"
            "AK1*HP*1*005010X221A1~AK2*835*112233*005010X221A1~IK5*A~AK9*A*1*1*1~SE*6*0001~GE*1*30712000~"
            "IEA*1*030712000~");
}
