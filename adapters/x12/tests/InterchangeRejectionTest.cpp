// A broken interchange envelope answered with a TA1: the ISA's fields, the IEA against the ISA, an
// interchange cut short, an ISA that is not fixed width; in the sender's delimiters, addressed back to it.
#include "X12Interchange.hpp"
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

std::string remittance() { return sample("lfh_835_5010_managed_care.835"); }

// The one TA1 of a reply; empty when there is not exactly one.
std::vector<std::string> ta1Of(const Acknowledgement& reply) {
  auto found = segmentsWithId(reply.bytes, "TA1");
  return found.size() == 1 ? found[0] : std::vector<std::string>{};
}

}  // namespace

TEST(X12InterchangeRejection, TrailerControlNumberNotMatchingTheHeaderIsNoteCode001) {
  RefusedReply rejection = refusedReply(replaced(remittance(), "IEA*1*000000907", "IEA*1*000000908"));
  EXPECT_EQ(rejection.location, "segment 30 (IEA) element 2");
  EXPECT_EQ(rejection.reply.contentType, "application/edi-x12");
  EXPECT_EQ(rejection.reply.event, "TA1");
  // TA101-TA103: the received ISA13, ISA09, ISA10; R: rejected.
  EXPECT_THAT(ta1Of(rejection.reply), ElementsAre("TA1", "000000907", "131031", "1147", "R", "001"));
  Interchange reply = readInterchange(rejection.reply.bytes);
  EXPECT_THAT(reply.problems, IsEmpty());
  EXPECT_TRUE(reply.groups.empty());  // a TA1 stands alone: no 999 for the groups of a rejected interchange
  const Segment& isa = reply.segments.front();
  EXPECT_EQ(isa.at(6), "12345          ");  // back to the sender
  EXPECT_EQ(isa.at(8), "000000005      ");
  EXPECT_EQ(isa.at(13), "030712000");
  EXPECT_THAT(segmentsWithId(rejection.reply.bytes, "IEA").at(0), ElementsAre("IEA", "0", "030712000"));
}

TEST(X12InterchangeRejection, EachIsaFieldFaultHasItsNoteCode) {
  struct Case {
    std::string from, to, location, noteCode;
  };
  const std::vector<Case> cases = {
      {"*000000907*1*T*", "*00000090A*1*T*", "segment 1 (ISA) element 13", "018"},  // control number not 9 digits
      {"*131031*1147*", "*131331*1147*", "segment 1 (ISA) element 9", "014"},       // 31st of a 13th month
      {"*131031*1147*", "*131031*2561*", "segment 1 (ISA) element 10", "015"},      // 25:61
      {"*000000907*1*T*", "*000000907*1*X*", "segment 1 (ISA) element 15", "020"},  // usage neither P nor T
      {"IEA*1*", "IEA*2*", "segment 30 (IEA) element 1", "021"},                   // two groups said, one sent
  };
  for (const auto& c : cases) {
    RefusedReply rejection = refusedReply(replaced(remittance(), c.from, c.to));
    EXPECT_EQ(rejection.location, c.location) << c.to;
    EXPECT_EQ(rejection.reply.event, "TA1") << c.to;
    std::vector<std::string> ta1 = ta1Of(rejection.reply);
    ASSERT_EQ(ta1.size(), 6u) << rejection.reply.bytes;
    EXPECT_EQ(ta1[5], c.noteCode) << c.to;
  }
}

TEST(X12InterchangeRejection, AnEnvelopeFaultIsReportedBeforeASetFault) {
  // A wrong SE01 and a wrong IEA02: X12 reads the interchange envelope first, and so does decode.
  std::string both = replaced(replaced(remittance(), "SE*26*", "SE*25*"), "IEA*1*000000907", "IEA*1*000000908");
  RefusedReply rejection = refusedReply(both);
  EXPECT_EQ(rejection.location, "segment 30 (IEA) element 2");
  EXPECT_THAT(ta1Of(rejection.reply), ElementsAre("TA1", "000000907", "131031", "1147", "R", "001"));
}

TEST(X12InterchangeRejection, AnInterchangeCutShortIsNoteCode023) {
  std::string text = remittance();
  RefusedReply rejection = refusedReply(text.substr(0, text.find("IEA*")));
  EXPECT_EQ(rejection.location, "segment 29 (GE)");
  EXPECT_EQ(ta1Of(rejection.reply).at(5), "023");
}

TEST(X12InterchangeRejection, AnIsaThatIsNotFixedWidthIsStillAnsweredInItsDelimiters) {
  // ISA06 shortened: the reader refuses it, but its elements can still be read to answer the sender.
  std::string shortened = replaced(remittance(), "*30*000000005      *", "*30*000000005*");
  RefusedReply rejection = refusedReply(shortened);
  EXPECT_EQ(rejection.location, "segment 1 (ISA)");
  EXPECT_EQ(rejection.reply.event, "TA1");
  EXPECT_THAT(ta1Of(rejection.reply), ElementsAre("TA1", "000000907", "131031", "1147", "R", "022"));
  EXPECT_EQ(readInterchange(rejection.reply.bytes).segments.front().at(8), "000000005      ");
}

TEST(X12InterchangeRejection, RepliesInTheSendersDelimiters) {
  std::string text = sample("ims_837p_5010_alt_separators.txt");
  const std::string iea = "IEA~1~000000905";
  ASSERT_NE(text.find(iea), std::string::npos);
  Acknowledgement reply = acknowledgementOf(replaced(text, iea, "IEA~1~000000906"), GW_ACK_REJECT,
                                            "segment 1 (ISA)", "", adapterWith().options(), kReplyNow);
  EXPECT_EQ(reply.event, "TA1");
  Interchange read = readInterchange(reply.bytes);
  EXPECT_EQ(read.delimiters.element, '~');
  EXPECT_EQ(read.delimiters.segment, '_');
  EXPECT_THAT(segmentsWithId(reply.bytes, "TA1").at(0), ElementsAre("TA1", "000000905", "030101", "1253", "R", "001"));
}

TEST(X12InterchangeRejection, AnAcceptedInterchangeGetsNoTa1AndTextIsStillPlain) {
  EXPECT_EQ(acknowledgementOf(remittance(), GW_ACK_ACCEPT, "", "", adapterWith().options(), kReplyNow).event, "999");
  Acknowledgement notX12 = acknowledgementOf("hello", GW_ACK_REJECT, "segment 1 (ISA)", "not an X12 interchange",
                                             adapterWith().options(), kReplyNow);
  EXPECT_EQ(notX12.contentType, "text/plain");
  EXPECT_EQ(notX12.event, "text");
}
