// AckTemplateTest.cpp: the acknowledgement comes from the mapping's template, with the request's
// message id, the outcome code, the reason (XML-escaped for XML content types) and a UTC timestamp.
#include "AckTemplate.hpp"
#include "XmlMapTestSupport.hpp"

#include <gtest/gtest.h>

#include <cctype>


using namespace gw::xmlmap::test;

TEST(AckTemplate, AcceptNamesTheRequestsMessageId) {
  auto adapter = makeAdapter(mappingPath("visitrecord.yaml"));
  auto ack = adapter.acknowledge(sampleMessage("visitrecord-outpatient-self.xml"), "application/xml", GW_ACK_ACCEPT, "", "");
  EXPECT_EQ(ack.contentType, "application/xml");
  EXPECT_EQ(ack.messageId, "VR-20240311-000987");
  EXPECT_NE(ack.bytes.find("<MessageId>VR-20240311-000987</MessageId>"), std::string::npos) << ack.bytes;
  EXPECT_NE(ack.bytes.find("<Status>AA</Status>"), std::string::npos) << ack.bytes;
  std::size_t at = ack.bytes.find("<ReceivedAt>");
  ASSERT_NE(at, std::string::npos) << ack.bytes;
  std::string stamp = ack.bytes.substr(at + 12, 20);
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u, 11u, 12u, 14u, 15u, 17u, 18u})
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(stamp[i]))) << stamp;
  EXPECT_EQ(stamp.substr(4, 1) + stamp.substr(7, 1) + stamp.substr(10, 1) + stamp.substr(13, 1) + stamp.substr(16, 1) +
                stamp.substr(19, 1),
            "--T::Z")
      << stamp;
}

TEST(AckTemplate, ErrorCarriesTheEscapedReasonAndLocation) {
  auto adapter = makeAdapter(mappingPath("visitrecord.yaml"));
  auto ack = adapter.acknowledge(sampleMessage("visitrecord-outpatient-self.xml"), "application/xml", GW_ACK_ERROR,
                                 "/v:VisitRecord/v:Patient/v:MRN", "MRN <missing> & more");
  EXPECT_NE(ack.bytes.find("<Status>AE</Status>"), std::string::npos) << ack.bytes;
  EXPECT_NE(ack.bytes.find("<Text>MRN &lt;missing&gt; &amp; more</Text>"), std::string::npos) << ack.bytes;
  EXPECT_NE(ack.bytes.find("<ErrorLocation>/v:VisitRecord/v:Patient/v:MRN</ErrorLocation>"), std::string::npos);
}

TEST(AckTemplate, UnreadableRequestStillGetsARejectNamingWhy) {
  auto adapter = makeAdapter(mappingPath("visitrecord.yaml"));
  auto ack = adapter.acknowledge("<Other/>", "application/xml", GW_ACK_ACCEPT, "", "");
  EXPECT_NE(ack.bytes.find("<Status>AR</Status>"), std::string::npos) << ack.bytes;
  EXPECT_NE(ack.bytes.find("root element &lt;Other&gt;"), std::string::npos) << ack.bytes;
  EXPECT_NE(ack.bytes.find("<MessageId></MessageId>"), std::string::npos) << ack.bytes;
}

TEST(AckTemplate, MirthMappingAnswersInTheMirthDialect) {
  auto adapter = makeAdapter(mappingPath("mirth-hl7message.yaml"), "mirth-lab");
  auto ack = adapter.acknowledge(testData("hl7v2-xml/mirth_orm_o01_hl7message.xml"), "application/xml", GW_ACK_REJECT,
                                 "MSH-9", "unsupported");
  EXPECT_NE(ack.bytes.find("<MSA.1><MSA.1.1>AR</MSA.1.1></MSA.1>"), std::string::npos) << ack.bytes;
  EXPECT_NE(ack.bytes.find("<MSA.2><MSA.2.1>12345678</MSA.2.1></MSA.2>"), std::string::npos) << ack.bytes;
}

TEST(AckTemplate, PlainTextTemplatesAreNotEscaped) {
  gw::xmlmap::AckValues values{"M1", "AE", "a < b", "2024-01-01T00:00:00Z", ""};
  EXPECT_EQ(gw::xmlmap::renderAck("${outcome}|${message_id}|${text}", "text/plain", values), "AE|M1|a < b");
  EXPECT_EQ(gw::xmlmap::renderAck("${outcome}|${text}", "application/xml; charset=utf-8", values), "AE|a &lt; b");
}
