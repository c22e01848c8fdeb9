// Er7ReaderTest.cpp: ER7 parsing into the message model: delimiters from MSH, escapes, segment
// ends, BOM, trailing spaces, null vs empty vs absent, batches with comments.
#include "Er7Reader.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

TEST(Er7Reader, ReadsFieldsComponentsSubcomponentsAndRepetitions) {
  auto doc = readEr7("MSH|^~\\&|APP|FAC|||20240101||ADT^A01|1|P|2.5\rPID|1||123^^^HIS&1.2.3&ISO^MR~456^^^^SS||ZHANG^SAN");
  ASSERT_EQ(doc.messages.size(), 1u);
  const Segment& pid = doc.messages[0].segments[1];
  EXPECT_EQ(pid.name, "PID");
  EXPECT_EQ(pid.repetitionCount(3), 2u);
  EXPECT_EQ(pid.repetition(3, 0).text(4, 2), "1.2.3");
  EXPECT_EQ(pid.repetition(3, 1).text(5), "SS");
  EXPECT_EQ(pid.text(5, 2), "SAN");
  EXPECT_EQ(doc.messages[0].event(), "ADT^A01");
}

TEST(Er7Reader, DecodesEscapesAndKeepsFormattingEscapes) {
  Delimiters d;
  EXPECT_EQ(decodeEr7Escapes("A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\", d), "A|B^C&D~E\\");
  EXPECT_EQ(decodeEr7Escapes("line\\.br\\next", d), "line\\.br\\next");
  EXPECT_EQ(decodeEr7Escapes("\\X41\\\\X00\\", d), "A");
  EXPECT_EQ(decodeEr7Escapes("\\XE4B8AD\\", d), "中");
}

TEST(Er7Reader, KeepsNullEmptyAndAbsentApart) {
  auto doc = readEr7("MSH|^~\\&|A|B|||20240101||ADT^A08|1|P|2.5\nPID|1||X||\"\"||");
  const Segment& pid = doc.messages[0].segments[1];
  EXPECT_TRUE(pid.isNull(5));
  ASSERT_NE(pid.field(4), nullptr);
  EXPECT_TRUE(pid.field(4)->isEmpty());
  EXPECT_FALSE(pid.field(4)->isNull());
  EXPECT_EQ(pid.field(30), nullptr);
}

TEST(Er7Reader, ReadsDelimitersFromMsh) {
  auto doc = readEr7("MSH#$*@%A#B\rPID#1##ID1$$$AUTH%X*ID2");
  const Segment& pid = doc.messages[0].segments[1];
  EXPECT_EQ(pid.repetitionCount(3), 2u);
  EXPECT_EQ(pid.repetition(3, 0).text(4, 1), "AUTH");
  EXPECT_EQ(pid.repetition(3, 0).text(4, 2), "X");
}

TEST(Er7Reader, AcceptsCrLfCrlfBomAndTrailingSpaces) {
  auto doc = readEr7("\xEF\xBB\xBFMSH|^~\\&|A|B|||20240101||ADT^A01|1|P|2.5   \r\n\r\nPID|1||X  \n");
  ASSERT_EQ(doc.messages.size(), 1u);
  EXPECT_EQ(doc.messages[0].segments.size(), 2u);
  EXPECT_EQ(doc.messages[0].segments[1].text(3), "X");
}

TEST(Er7Reader, SplitsBatchFileAndSkipsComments) {
  auto doc = readEr7(sample("hl7v2-er7/hapi_messages_batch_with_comments.txt"));
  EXPECT_TRUE(doc.isBatch());
  ASSERT_GE(doc.messages.size(), 5u);
  EXPECT_EQ(doc.messages[0].event(), "ORU^R01");
  EXPECT_EQ(doc.messages[1].event(), "BAR^P01");
  EXPECT_EQ(doc.messages[1].controlId(), "589888ADT30502184808");
  // MSH-2 '^~\}' makes '}' the subcomponent separator of that message.
  EXPECT_EQ(doc.messages[1].delimiters.subcomponent, '}');
}

TEST(Er7Reader, RejectsTextThatIsNotEr7) {
  EXPECT_THROW(readEr7(""), gw::sdk::Error);
  EXPECT_THROW(readEr7("PID|1||X"), gw::sdk::Error);
  EXPECT_THROW(readEr7("hello world"), gw::sdk::Error);
  try {
    readEr7("MSH|^~\\&|A\rnot a segment");
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}
