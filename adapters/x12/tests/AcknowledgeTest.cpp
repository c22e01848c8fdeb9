// The reply to an insurer's interchange: a 999 accepting or rejecting each received transaction set,
// in the sender's delimiters, addressed back to the sender; text/plain when the bytes are not X12.
#include "X12Interchange.hpp"
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::HasSubstr;

TEST(X12Acknowledge, AcceptedRemittanceGetsA999AcceptingItsSet) {
  auto ack = adapterWith().acknowledge(sample("lfh_835_5010_managed_care.835"), "application/edi-x12",
                                       GW_ACK_ACCEPT, "", "stored");
  EXPECT_EQ(ack.contentType, "application/edi-x12");
  EXPECT_EQ(ack.event, "999");
  Interchange reply = readValidInterchange(ack.bytes);
  const Segment& isa = reply.segments.front();
  EXPECT_EQ(isa.at(6), "12345          ");  // from the 835's receiver, back to its sender
  EXPECT_EQ(isa.at(8), "000000005      ");
  EXPECT_EQ(isa.at(5), "30");
  ASSERT_EQ(reply.groups.size(), 1u);
  EXPECT_EQ(reply.groups[0].functionalCode, "FA");
  EXPECT_EQ(reply.groups[0].sets[0].code, "999");
  EXPECT_THAT(segmentsWithId(ack.bytes, "AK1").at(0), ::testing::ElementsAre("AK1", "HP", "1", "005010X221A1"));
  EXPECT_THAT(segmentsWithId(ack.bytes, "AK2").at(0), ::testing::ElementsAre("AK2", "835", "112233", "005010X221A1"));
  EXPECT_THAT(segmentsWithId(ack.bytes, "IK5").at(0), ::testing::ElementsAre("IK5", "A"));
  EXPECT_THAT(segmentsWithId(ack.bytes, "AK9").at(0), ::testing::ElementsAre("AK9", "A", "1", "1", "1"));
}

TEST(X12Acknowledge, ErrorPointsAtTheSegmentInsideItsSet) {
  auto ack = adapterWith().acknowledge(sample("lfh_835_5010_managed_care.835"), "application/edi-x12", GW_ACK_ERROR,
                                       "segment 13 (CLP) element 4", "CLP04 is not an amount");
  Interchange reply = readValidInterchange(ack.bytes);
  EXPECT_THAT(segmentsWithId(ack.bytes, "IK3").at(0), ::testing::ElementsAre("IK3", "CLP", "11", "", "8"));
  EXPECT_THAT(segmentsWithId(ack.bytes, "IK4").at(0), ::testing::ElementsAre("IK4", "4", "782", "6", "450.00"));
  EXPECT_THAT(segmentsWithId(ack.bytes, "IK5").at(0), ::testing::ElementsAre("IK5", "R", "5"));
  EXPECT_THAT(segmentsWithId(ack.bytes, "AK9").at(0), ::testing::ElementsAre("AK9", "R", "1", "1", "0"));
}

TEST(X12Acknowledge, RepliesInTheSendersDelimiters) {
  auto ack = adapterWith().acknowledge(sample("ims_837p_5010_alt_separators.txt"), "text/plain", GW_ACK_REJECT, "", "");
  Interchange reply = readValidInterchange(ack.bytes);
  EXPECT_EQ(reply.delimiters.element, '~');
  EXPECT_EQ(reply.delimiters.segment, '_');
  EXPECT_THAT(segmentsWithId(ack.bytes, "IK5").at(0), ::testing::ElementsAre("IK5", "R", "5"));
}

TEST(X12Acknowledge, BytesThatAreNotX12GetPlainText) {
  auto ack = adapterWith().acknowledge("hello", "text/plain", GW_ACK_ERROR, "segment 1 (ISA)", "not an X12 interchange");
  EXPECT_EQ(ack.contentType, "text/plain");
  EXPECT_EQ(ack.bytes, "X12 error at segment 1 (ISA): not an X12 interchange\n");
}

TEST(X12Acknowledge, AnAcknowledgementIsNotAcknowledgedInX12) {
  std::string ack999 =
      "ISA*00*          *00*          *ZZ*KEYINS         *ZZ*GROUP01        *260306*0900*^*00501*000000501*0*T*:~"
      "GS*FA*KEYINS*GROUP01*20260306*0900*501*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HC*42*005010X222A1~"
      "AK2*837*0001*005010X222A1~IK5*A~AK9*A*1*1*1~SE*6*0001~GE*1*501~IEA*1*000000501~";
  auto ack = adapterWith().acknowledge(ack999, "application/edi-x12", GW_ACK_ACCEPT, "", "1 claim acknowledged");
  EXPECT_EQ(ack.contentType, "text/plain");
  EXPECT_EQ(ack.bytes, "X12 accepted: 1 claim acknowledged\n");
}
