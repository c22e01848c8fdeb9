// AcknowledgementTest.cpp: the ACK in the request's encoding: swapped MSH-3/4 and 5/6,
// ACK^<trigger>^ACK, MSA-1 from the outcome, MSA-2 the sender's id, ERR with location and text,
// XML in the request's namespace style, and a minimal AR for unreadable requests.
#include "Er7Reader.hpp"
#include "Er7Writer.hpp"
#include "TestSupport.hpp"
#include "XmlReader.hpp"

#include <gtest/gtest.h>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

namespace {
const std::string kRequest =
    "MSH|^~\\&|HIS|SH-INTL|GW|GROUP|20240301083000+0800||ADT^A01^ADT_A01|MSG-77|P|2.5\rPID|1||1^^^^MR";
}

TEST(Acknowledgement, AcceptsInEr7WithSwappedApplications) {
  auto out = makeAdapter().acknowledge(kRequest, "application/hl7-v2", GW_ACK_ACCEPT, "", "");
  EXPECT_EQ(out.contentType, "application/hl7-v2");
  Message ack = readEr7(out.bytes).messages.at(0);
  const Segment& msh = ack.header();
  EXPECT_EQ(msh.text(3), "GW");
  EXPECT_EQ(msh.text(4), "GROUP");
  EXPECT_EQ(msh.text(5), "HIS");
  EXPECT_EQ(msh.text(6), "SH-INTL");
  EXPECT_EQ(ack.event(), "ACK^A01");
  EXPECT_EQ(msh.text(9, 3), "ACK");
  EXPECT_FALSE(msh.text(10).empty());
  EXPECT_NE(msh.text(10), "MSG-77");
  EXPECT_EQ(msh.text(12), "2.5");
  const Segment* msa = ack.first("MSA");
  ASSERT_NE(msa, nullptr);
  EXPECT_EQ(msa->text(1), "AA");
  EXPECT_EQ(msa->text(2), "MSG-77");
  EXPECT_EQ(ack.first("ERR"), nullptr);
  EXPECT_EQ(out.bytes.find('\n'), std::string::npos);  // segments end with CR
}

TEST(Acknowledgement, ErrorCarriesLocationAndText) {
  auto out = makeAdapter().acknowledge(kRequest, "application/hl7-v2", GW_ACK_ERROR, "PID-7",
                                       "PID-7: '19800230' is not a valid date");
  Message ack = readEr7(out.bytes).messages.at(0);
  EXPECT_EQ(ack.first("MSA")->text(1), "AE");
  const Segment* err = ack.first("ERR");
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(err->text(2, 1), "PID");
  EXPECT_EQ(err->text(2, 2), "1");
  EXPECT_EQ(err->text(2, 3), "7");
  EXPECT_EQ(err->text(3, 1), "102");
  EXPECT_EQ(err->text(4), "E");
  EXPECT_EQ(err->text(8), "PID-7: '19800230' is not a valid date");  // '|' and '^' free, escaped if not
}

TEST(Acknowledgement, RejectInXmlKeepsTheNamespacePrefix) {
  std::string request = sample("hl7v2-xml/hapi_oru_r01_v22_ns_prefix.xml");
  auto out = makeAdapter().acknowledge(request, "application/xml", GW_ACK_REJECT, "MSH-9",
                                       "message type X^Y is not supported");
  EXPECT_EQ(out.contentType, "application/hl7-v2+xml");
  EXPECT_NE(out.bytes.find("<ns0:ACK xmlns:ns0=\"urn:hl7-org:v2xml\">"), std::string::npos) << out.bytes;
  // v2.2 names: CM_MSG for MSH-9, plain text MSH-5 and MSH-12, as in the request.
  EXPECT_NE(out.bytes.find("<ns0:MSH.9><ns0:CM_MSG.1>ACK</ns0:CM_MSG.1><ns0:CM_MSG.2>R01</ns0:CM_MSG.2></ns0:MSH.9>"),
            std::string::npos) << out.bytes;
  EXPECT_NE(out.bytes.find("<ns0:MSH.5>LABMI1</ns0:MSH.5>"), std::string::npos) << out.bytes;
  EXPECT_NE(out.bytes.find("<ns0:MSH.12>2.2</ns0:MSH.12>"), std::string::npos) << out.bytes;
  Message ack = readXml(out.bytes);
  EXPECT_EQ(ack.first("MSA")->text(1), "AR");
  EXPECT_EQ(ack.first("MSA")->text(2), "LABMI1199510101340007");
  EXPECT_EQ(ack.header().text(5), "LABMI1");
  // v2.2: MSA-3 text and ERR-1 (ELD) instead of ERR-2..8.
  EXPECT_EQ(ack.first("MSA")->text(3), "message type X^Y is not supported");
  EXPECT_EQ(ack.first("ERR")->text(1, 1), "MSH");
  EXPECT_EQ(ack.first("ERR")->text(1, 4, 1), "200");
}

TEST(Acknowledgement, XmlAckInDefaultNamespaceAndMirthDialect) {
  auto v2xml = makeAdapter().acknowledge(sample("hl7v2-xml/itb_adt_a08_escaped_pipe.xml"), "text/xml", GW_ACK_ACCEPT, "", "");
  EXPECT_NE(v2xml.bytes.find("<ACK xmlns=\"urn:hl7-org:v2xml\">"), std::string::npos);
  EXPECT_EQ(readXml(v2xml.bytes).first("MSA")->text(2), "19481551");
  auto mirth = makeAdapter().acknowledge(sample("hl7v2-xml/mirth_orm_o01_hl7message.xml"), "text/xml", GW_ACK_ERROR,
                                         "PID-7", "bad date");
  EXPECT_NE(mirth.bytes.find("<HL7Message>"), std::string::npos);
  EXPECT_NE(mirth.bytes.find("<MSA.1><MSA.1.1>AE</MSA.1.1></MSA.1>"), std::string::npos) << mirth.bytes;
  EXPECT_EQ(readXml(mirth.bytes).first("MSA")->text(2), "12345678");
}

TEST(Acknowledgement, UnreadableRequestStillGetsAMinimalReject) {
  auto xml = makeAdapter().acknowledge(sample("hl7v2-xml/hapi_rsp_k22_bad_encoding_chars.xml"), "application/xml",
                                       GW_ACK_ERROR, "line 46, column 10", "not well-formed XML");
  Message ack = readXml(xml.bytes);
  EXPECT_EQ(ack.first("MSA")->text(1), "AR");
  EXPECT_NE(ack.first("ERR")->text(8).find("not well-formed"), std::string::npos);
  auto er7 = makeAdapter().acknowledge("garbage", "application/hl7-v2", GW_ACK_ERROR, "", "");
  Message ack2 = readEr7(er7.bytes).messages.at(0);
  EXPECT_EQ(ack2.first("MSA")->text(1), "AR");
  EXPECT_NE(ack2.first("ERR")->text(8).find("not an HL7 segment"), std::string::npos);
}

TEST(Acknowledgement, EscapesDelimitersInTheErrorText) {
  auto out = makeAdapter().acknowledge(kRequest, "application/hl7-v2", GW_ACK_ERROR, "", "a|b^c&d~e");
  EXPECT_NE(out.bytes.find("a\\F\\b\\S\\c\\T\\d\\R\\e"), std::string::npos) << out.bytes;
  EXPECT_EQ(readEr7(out.bytes).messages.at(0).first("ERR")->text(8), "a|b^c&d~e");
}

TEST(Acknowledgement, AnAcceptedMessagesWarningsBecomeErrSegmentsOfSeverityW) {
  auto adapter = makeAdapter();
  const std::string mirth = sample("hl7v2-er7/mirth_orm_o01.txt");
  auto decoded = adapter.decode(mirth, "application/hl7-v2");
  ASSERT_FALSE(decoded.issues.empty());
  auto out = adapter.acknowledgeReply(
      {mirth, "application/hl7-v2", decoded.reply, GW_ACK_ACCEPT, "", "", decoded.issues});
  Message ack = readEr7(out.bytes).messages.at(0);
  EXPECT_EQ(ack.first("MSA")->text(1), "AA");
  std::vector<const Segment*> errs;
  for (const auto& segment : ack.segments)
    if (segment.name == "ERR") errs.push_back(&segment);
  // PID-2, PV1-10 and PV1-14 longer than v2.4 allows; PID-7 and PV1-44 not dates.
  ASSERT_EQ(errs.size(), 5u) << out.bytes;
  // Version 2.4 has no severity field: ERR-1 (ELD) names the field, code 102, and the text says "warning".
  EXPECT_EQ(errs[0]->text(1, 1), "PID");
  EXPECT_EQ(errs[0]->text(1, 3), "2");
  EXPECT_EQ(errs[0]->text(1, 4, 1), "102");
  EXPECT_EQ(errs[0]->text(1, 4, 2), "warning: PID-2: 21 characters where HL7 v2.4 allows at most 20: kept whole");
  EXPECT_EQ(errs[1]->text(1, 1), "PID");
  EXPECT_EQ(errs[1]->text(1, 3), "7");
  EXPECT_EQ(errs[1]->text(1, 4, 2).rfind("warning: ", 0), 0u) << errs[1]->text(1, 4, 2);
  EXPECT_EQ(errs[4]->text(1, 1), "PV1");
  EXPECT_EQ(errs[4]->text(1, 3), "44");
}

TEST(Acknowledgement, From25AWarningIsAnErrWithSeverityWAndItsLocation) {
  auto out = makeAdapter().acknowledgeReply(
      {kRequest, "application/hl7-v2", "", GW_ACK_ACCEPT, "", "",
       R"({"resourceType":"OperationOutcome","issue":[{"severity":"warning","code":"value",)"
       R"("diagnostics":"PID-7: not a valid date","expression":["PID-7"]}]})"});
  Message ack = readEr7(out.bytes).messages.at(0);
  EXPECT_EQ(ack.first("MSA")->text(1), "AA");
  const Segment* err = ack.first("ERR");
  ASSERT_NE(err, nullptr) << out.bytes;
  EXPECT_EQ(err->text(2, 1), "PID");
  EXPECT_EQ(err->text(2, 3), "7");
  EXPECT_EQ(err->text(3, 1), "102");
  EXPECT_EQ(err->text(4), "W");
  EXPECT_EQ(err->text(8), "PID-7: not a valid date");
}

// ABI 1.1: the acknowledgement is written from the header decode kept as its reply, without the message;
// it must be the same acknowledgement as one written from the message itself (its own id and time aside).
TEST(Acknowledgement, TheReplyOfDecodeAnswersAsTheMessageItselfWould) {
  auto comparable = [](const gw::sdk::Output& out) {
    Message ack = out.contentType == "application/hl7-v2+xml" ? readXml(out.bytes) : readEr7(out.bytes).messages.at(0);
    Segment& msh = ack.segments.at(0);
    msh.fieldForWrite(7) = Field{};
    msh.fieldForWrite(10) = Field{};
    std::string root = out.bytes.substr(0, out.bytes.find('>', out.bytes.find("ACK")) + 1);
    return root + "\n" + writeEr7(ack);
  };
  const std::vector<std::pair<std::string, std::string>> requests = {
      {sample("hl7v2-xml/hapi_oru_r01_v22_ns_prefix.xml"), "application/xml"},
      {sample("hl7v2-xml/itb_adt_a08_escaped_pipe.xml"), "text/xml"},
      {sample("hl7v2-xml/mirth_orm_o01_hl7message.xml"), "text/xml"},
      {sample("hl7v2-er7/mirth_orm_o01.txt"), "application/hl7-v2"},
      {kRequest, "application/hl7-v2"},
      // Other separators than the usual ones, and one (the sender's) that data contains escaped.
      {"MSH*:!$@*HIS*SH-INTL*GW*GROUP*20240301083000+0800**ADT:A01:ADT_A01*ID$F$7*P*2.5\rPID*1**1:::MR\r",
       "application/hl7-v2"}};
  auto adapter = makeAdapter();
  for (const auto& [request, type] : requests) {
    auto identified = adapter.identify(request, type);
    ASSERT_FALSE(identified.reply.empty()) << request.substr(0, 60);
    for (gw_ack_outcome outcome : {GW_ACK_ACCEPT, GW_ACK_ERROR}) {
      auto fromMessage = adapter.acknowledge(request, type, outcome, "PID-7", "bad date");
      auto fromReply = adapter.acknowledgeReply({"", type, identified.reply, outcome, "PID-7", "bad date", ""});
      EXPECT_EQ(fromReply.contentType, fromMessage.contentType);
      EXPECT_EQ(comparable(fromReply), comparable(fromMessage)) << request.substr(0, 60);
    }
  }
}
