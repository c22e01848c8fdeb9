// AcknowledgementTest.cpp: the MCCI_IN000002UV01 answer: AA / AE / AR, the sender's message id as
// targetMessage, the reason text, sender and receiver swapped, and an AR for input too broken to read.
#include "TestSupport.hpp"
#include "V3Xml.hpp"
#include <gw/kit/HardenedXml.hpp>

#include <gtest/gtest.h>

using namespace gw::cda;
using namespace gw::cda::test;

namespace {

const char* const kRequest = R"(<PRPA_IN400001UV xmlns="urn:hl7-org:v3">
  <id root="2.16.156.10011.2.5.1.1" extension="MSG-42"/>
  <interactionId root="2.16.156.10011.2.5.1.2" extension="PRPA_IN400001UV"/>
  <receiver typeCode="RCV"><device><id><item root="2.16.156.10011.2.5.1.3" extension="GW"/></id></device></receiver>
  <sender typeCode="SND"><device><id><item root="2.16.156.10011.2.5.1.3" extension="HIS-9"/></id></device></sender>
</PRPA_IN400001UV>)";

struct Ack {
  std::string typeCode, targetId, text, receiverId, senderId, interaction;
};

Ack read(const gw::sdk::Output& out) {
  EXPECT_EQ(out.contentType, "application/xml");
  auto parsed = gw::kit::HardenedXml::parse(out.bytes);
  EXPECT_TRUE(parsed.ok()) << out.bytes;
  if (!parsed.ok()) return {};
  Node root = parsed.document().root();
  EXPECT_EQ(localName(root), "MCCI_IN000002UV01");
  Node ack = child(root, "acknowledgement");
  return {attr(ack, "typeCode"),
          attr(path(ack, {"targetMessage", "id"}), "extension"),
          attr(path(ack, {"acknowledgementDetail", "text"}), "value"),
          ids(path(root, {"receiver", "device"})).front().extension,
          ids(path(root, {"sender", "device"})).front().extension,
          attr(child(root, "interactionId"), "extension")};
}

}  // namespace

TEST(CdaAcknowledgement, AcceptsWithTheSendersMessageIdAndSwapsDevices) {
  Ack a = read(makeAdapter().acknowledge(kRequest, "application/xml", GW_ACK_ACCEPT, "", ""));
  EXPECT_EQ(a.typeCode, "AA");
  EXPECT_EQ(a.targetId, "MSG-42");
  EXPECT_EQ(a.receiverId, "HIS-9");
  EXPECT_EQ(a.senderId, "GW");
  EXPECT_EQ(a.interaction, "MCCI_IN000002UV01");
  EXPECT_EQ(a.text, "成功");
}

TEST(CdaAcknowledgement, AcceptsADocumentNamingTheDocumentId) {
  const std::string document = readFile(samplePath("hl7_ccda_discharge_summary.xml"));
  Ack a = read(makeAdapter().acknowledge(document, "application/cda+xml", GW_ACK_ACCEPT, "", ""));
  EXPECT_EQ(a.typeCode, "AA");
  EXPECT_EQ(a.targetId, "TT988");
}

TEST(CdaAcknowledgement, ErrorAndRejectCarryTheReason) {
  Ack e = read(makeAdapter().acknowledge(kRequest, "application/xml", GW_ACK_ERROR, "line 3", "诊断代码 <缺失> & more"));
  EXPECT_EQ(e.typeCode, "AE");
  EXPECT_EQ(e.text, "诊断代码 <缺失> & more (line 3)");
  Ack r = read(makeAdapter().acknowledge(kRequest, "application/xml", GW_ACK_REJECT, "", "unsupported interaction"));
  EXPECT_EQ(r.typeCode, "AR");
  EXPECT_EQ(r.targetId, "MSG-42");
}

TEST(CdaAcknowledgement, AnswersUnreadableInputWithAnArNamingWhy) {
  Ack a = read(makeAdapter().acknowledge("<? xml broken", "application/xml", GW_ACK_ACCEPT, "", ""));
  EXPECT_EQ(a.typeCode, "AR");
  EXPECT_NE(a.text.find("not well-formed"), std::string::npos) << a.text;
}
