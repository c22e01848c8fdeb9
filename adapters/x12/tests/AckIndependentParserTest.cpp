// The 999 and TA1 replies read by an independent X12 parser (node-x12, the package tools/x12-validator
// installs) through tests/read-acknowledgement.js: the envelope passes its strict checks and it finds IK3/IK4
// and TA1 where the adapter put them.
#include "NodeX12Reader.hpp"
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

std::string replyToRefused(const std::string& x12) { return refusedReply(x12).reply.bytes; }

}  // namespace

TEST(X12AckIndependentParser, ReadsTheIk4OfARefusedRemittanceAndTheTa1OfABrokenEnvelope) {
  const std::string good = sample("lfh_835_5010_managed_care.835");
  std::vector<std::string> replies = {
      replyToRefused(replaced(good, "*1200.00*495.00*", "*1200.00*49S.00*")),  // CLP04 of the second claim
      replyToRefused(replaced(good, "IEA*1*000000907", "IEA*1*000000908")),   // IEA02 is not ISA13
      acknowledgementOf(good, GW_ACK_ACCEPT, "", "", adapterWith().options(), kReplyNow).bytes};
  NodeX12Reader reader;
  NodeToolRun run = reader.run(replies);
  GW_NODE_TOOL_RAN_OR_SKIP(run);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  JsonArray answer = readerAnswer(run);
  ASSERT_EQ(answer->size(), replies.size());

  expectStrictlyValid(answer, 0);
  EXPECT_THAT(readSegments(answer, 0, "AK2"), ElementsAre(ElementsAre("AK2", "835", "112233", "005010X221A1")));
  EXPECT_THAT(readSegments(answer, 0, "IK3"), ElementsAre(ElementsAre("IK3", "CLP", "18", "", "8")));
  EXPECT_THAT(readSegments(answer, 0, "IK4"), ElementsAre(ElementsAre("IK4", "4", "782", "6", "49S.00")));
  EXPECT_THAT(readSegments(answer, 0, "IK5"), ElementsAre(ElementsAre("IK5", "R", "5")));

  expectStrictlyValid(answer, 1);
  EXPECT_THAT(readSegments(answer, 1, "TA1"), ElementsAre(ElementsAre("TA1", "000000907", "131031", "1147", "R", "001")));
  EXPECT_THAT(readSegments(answer, 1, "GS"), ::testing::IsEmpty());
  EXPECT_EQ(readSegments(answer, 1, "ISA").at(0).at(8), "000000005      ");  // addressed back to the sender

  expectStrictlyValid(answer, 2);
  EXPECT_THAT(readSegments(answer, 2, "IK5"), ElementsAre(ElementsAre("IK5", "A")));
  EXPECT_THAT(readSegments(answer, 2, "IK3"), ::testing::IsEmpty());
}

TEST(X12AckIndependentParser, TheReaderCatchesABrokenReply) {
  // Guards the test above: a TA1 reply whose IEA02 was altered, and a 999 whose SE01 was, fail its strict check.
  const std::string good = sample("lfh_835_5010_managed_care.835");
  std::string ta1 = replyToRefused(replaced(good, "IEA*1*000000907", "IEA*1*000000908"));
  std::string ack999 = acknowledgementOf(good, GW_ACK_ACCEPT, "", "", adapterWith().options(), kReplyNow).bytes;
  NodeX12Reader reader;
  NodeToolRun run = reader.run({replaced(ta1, "IEA*0*030712000", "IEA*0*030712001"), replaced(ack999, "SE*6*", "SE*7*")});
  GW_NODE_TOOL_RAN_OR_SKIP(run);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_THAT(strictErrors(readerAnswer(run)), ElementsAre(HasSubstr("IEA02"), HasSubstr("SE01")));
}
