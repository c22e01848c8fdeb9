// MLLP framing without a network: frames in any pieces, noise, abandoned and oversize frames; and the ACK the
// gateway writes itself when no adapter can.
#include <gtest/gtest.h>

#include <regex>

#include "intake/Er7FallbackAck.hpp"
#include "mllp/MllpFrameReader.hpp"

namespace {

using gw::mllp::MllpFrameReader;

std::vector<std::string> drain(MllpFrameReader& reader) {
  std::vector<std::string> frames;
  std::string frame;
  while (reader.next(frame)) frames.push_back(frame);
  return frames;
}

TEST(MllpFrameReader, EverySplitOfTwoFramesYieldsTheSameTwoMessages) {
  const std::string bytes = "\x0bMSH|first\rPID|1\r\x1c\x0d\x0bMSH|second\r\x1c\x0d";
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    SCOPED_TRACE(cut);
    MllpFrameReader reader(1024);
    reader.feed(std::string_view(bytes).substr(0, cut));
    reader.feed(std::string_view(bytes).substr(cut));
    EXPECT_EQ(drain(reader), (std::vector<std::string>{"MSH|first\rPID|1\r", "MSH|second\r"}));
    EXPECT_EQ(reader.bytesOutsideFrames(), 0u);
    EXPECT_FALSE(reader.inFrame());
  }
}

TEST(MllpFrameReader, NoiseBetweenFramesIsDiscardedAndCounted) {
  MllpFrameReader reader(1024);
  reader.feed("\r\nhello\x0b" "A\x1c\x0d" "\x1c\x0d" "\x0b" "B\x1c");
  reader.feed("C\x0b" "D\x1c\x0d");  // an end without its carriage return still ends the frame
  EXPECT_EQ(drain(reader), (std::vector<std::string>{"A", "B", "D"}));
  EXPECT_EQ(reader.bytesOutsideFrames(), 7u + 2u + 1u);
}

TEST(MllpFrameReader, ANewStartInsideAFrameAbandonsThePartialFrame) {
  MllpFrameReader reader(1024);
  reader.feed("\x0bMSH|half");
  EXPECT_TRUE(reader.inFrame());
  reader.feed("\x0bMSH|whole\x1c\x0d");
  EXPECT_EQ(drain(reader), std::vector<std::string>{"MSH|whole"});
  EXPECT_EQ(reader.framesAbandoned(), 1u);
}

TEST(MllpFrameReader, AFramePastTheLimitStopsReadingAndKeepsItsStart) {
  MllpFrameReader reader(16);
  reader.feed("\x0bMSH|0123456789");
  EXPECT_FALSE(reader.oversize());
  reader.feed("abcdefghij\x1c\x0d\x0bMSH|next\x1c\x0d");
  EXPECT_TRUE(reader.oversize());
  EXPECT_EQ(reader.partial(), "MSH|0123456789ab");
  EXPECT_TRUE(drain(reader).empty());  // neither the oversize frame nor anything after it
}

TEST(FallbackAck, AnswersTheSendersControlIdWithApplicationsSwapped) {
  const std::string ack = gw::er7FallbackAck(
      "MSH|^~\\&|HIS|SH-1|GW|GROUP|20260101||ADT^A01|CTRL-9|P|2.4\rPID|1||secret\r", "AE", "no adapter | now\r");
  EXPECT_TRUE(std::regex_search(ack, std::regex(R"(^MSH\|\^~\\&\|GW\|GROUP\|HIS\|SH-1\|\d{14}\|\|ACK\|[^|]+\|P\|2\.4\r)")))
      << ack;
  EXPECT_NE(ack.find("\rMSA|AE|CTRL-9|no adapter   now \r"), std::string::npos) << ack;  // no segment break
  EXPECT_EQ(ack.find("secret"), std::string::npos);
}

TEST(FallbackAck, ReadsOtherDelimitersAndSurvivesAMessageThatIsNotHl7) {
  const std::string odd = gw::er7FallbackAck("MSH#$%!@#A#B#C#D#T##ACK#ID-7#P#2.5\r", "AR", "x");
  EXPECT_NE(odd.find("MSA|AR|ID-7|x\r"), std::string::npos) << odd;
  const std::string garbage = gw::er7FallbackAck("<xml/>", "AE", "not HL7");
  EXPECT_NE(garbage.find("\rMSA|AE||not HL7\r"), std::string::npos) << garbage;
  EXPECT_NE(garbage.find("|P|2.5\r"), std::string::npos) << garbage;
}

}  // namespace
