// XmlReaderTest.cpp: the v2.xml reader: namespace styles, version-specific element names, groups,
// repetitions, CDATA, escape elements, null vs empty, delimiters in text, hostile or broken XML.
#include "TestSupport.hpp"
#include "XmlReader.hpp"

#include <gtest/gtest.h>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

namespace {
const char* kHeader25 =
    "<MSH><MSH.1>|</MSH.1><MSH.2>^~\\&amp;</MSH.2><MSH.7><TS.1>20240101</TS.1></MSH.7>"
    "<MSH.9><MSG.1>ADT</MSG.1><MSG.2>A01</MSG.2></MSH.9><MSH.10>42</MSH.10><MSH.12><VID.1>2.5</VID.1></MSH.12></MSH>";
}

TEST(XmlReader, MatchesLocalNamesWithDefaultPrefixedOrNoNamespace) {
  for (const std::string& root : {std::string("<ADT_A01 xmlns=\"urn:hl7-org:v2xml\">") + kHeader25 + "</ADT_A01>",
                                  std::string("<ADT_A01>") + kHeader25 + "</ADT_A01>"}) {
    Message m = readXml(root);
    EXPECT_EQ(m.event(), "ADT^A01");
    EXPECT_EQ(m.controlId(), "42");
  }
  Message prefixed = readXml(sample("hl7v2-xml/hapi_oru_r01_v22_ns_prefix.xml"));
  EXPECT_EQ(prefixed.xmlStyle.ns, XmlStyle::Namespace::Prefixed);
  EXPECT_EQ(prefixed.xmlStyle.prefix, "ns0");
  EXPECT_EQ(prefixed.event(), "ORU^R01");  // CM_MSG.1 / CM_MSG.2 of v2.2
  EXPECT_EQ(prefixed.header().text(3), "LABMI1");  // MSH.3 as bare text
  EXPECT_EQ(prefixed.version(), "2.2");
}

TEST(XmlReader, ReadsFamilyNameAsTextOrAsFn1) {
  std::string v23 = std::string("<ADT_A01>") + kHeader25 +
                    "<PID><PID.5><XPN.1>WANG</XPN.1><XPN.2>WU</XPN.2></PID.5></PID></ADT_A01>";
  std::string v25 = std::string("<ADT_A01>") + kHeader25 +
                    "<PID><PID.5><XPN.1><FN.1>WANG</FN.1></XPN.1><XPN.2>WU</XPN.2></PID.5></PID></ADT_A01>";
  EXPECT_EQ(readXml(v23).segments[1].text(5, 1, 1), "WANG");
  EXPECT_EQ(readXml(v25).segments[1].text(5, 1, 1), "WANG");
}

TEST(XmlReader, ReadsRepetitionsGroupsAndIgnoresAttributesAndComments) {
  std::string xml = std::string("<ADT_A01>") + kHeader25 +
                    "<!-- a comment --><ADT_A01.PATIENT><PID LongName=\"Patient\"><PID.3 LongName=\"id\"><CX.1>A</CX.1></PID.3>"
                    "<PID.3><CX.1>B</CX.1></PID.3></PID></ADT_A01.PATIENT></ADT_A01>";
  Message m = readXml(xml);
  ASSERT_EQ(m.segments.size(), 2u);
  EXPECT_EQ(m.segments[1].repetitionCount(3), 2u);
  EXPECT_EQ(m.segments[1].text(3, 1, 1, 1), "B");
}

TEST(XmlReader, KeepsDelimitersInTextAndFormattingEscapes) {
  Message pipe = readXml(sample("hl7v2-xml/itb_adt_a08_escaped_pipe.xml"));
  EXPECT_EQ(pipe.segments[2].text(11, 1, 2), "QUINTANA N|8  1|C");
  Message ft = readXml(sample("hl7v2-xml/itb_oru_r01_ft_formatting.xml"));
  EXPECT_NE(ft.first("OBX")->text(5).find("\\.br\\"), std::string::npos);
  std::string xml = std::string("<ORU_R01>") + kHeader25 + "<OBX><OBX.5>a<escape V=\".br\"/>b^c</OBX.5></OBX></ORU_R01>";
  EXPECT_EQ(readXml(xml).first("OBX")->text(5), "a\\.br\\b^c");
}

TEST(XmlReader, ReadsCdataAsText) {
  Message m = readXml(sample("hl7v2-xml/itb_oru_r01_ed_cdata.xml"));
  EXPECT_EQ(m.first("OBX")->text(5, 5).rfind("<DAT xmlns=", 0), 0u);
}

TEST(XmlReader, KeepsNullEmptyAndAbsentApart) {
  std::string xml = std::string("<ADT_A01>") + kHeader25 + "<PID><PID.5/><PID.26>\"\"</PID.26></PID><IN1/></ADT_A01>";
  Message m = readXml(xml);
  const Segment& pid = m.segments[1];
  ASSERT_NE(pid.field(5), nullptr);
  EXPECT_TRUE(pid.field(5)->isEmpty());
  EXPECT_FALSE(pid.field(5)->isNull());
  EXPECT_TRUE(pid.isNull(26));
  EXPECT_EQ(pid.field(27), nullptr);
  EXPECT_EQ(m.segments[2].name, "IN1");
  EXPECT_TRUE(m.segments[2].fields.empty());
}

TEST(XmlReader, ReadsMirthDialect) {
  Message m = readXml(sample("hl7v2-xml/mirth_orm_o01_hl7message.xml"));
  EXPECT_TRUE(m.xmlStyle.mirth);
  EXPECT_EQ(m.event(), "ORM^O01");
  EXPECT_EQ(m.controlId(), "12345678");
  EXPECT_EQ(m.first("PID")->text(5, 2), "Alvar");
}

TEST(XmlReader, RejectsTruncatedXmlWithItsPosition) {
  try {
    readXml(sample("hl7v2-xml/hapi_rsp_k22_bad_encoding_chars.xml"));
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
    EXPECT_NE(std::string(e.what()).find("not well-formed"), std::string::npos);
    EXPECT_NE(e.location().find("line"), std::string::npos);
  }
}

TEST(XmlReader, NeverLoadsExternalDtdsAndRefusesEntityDeclarations) {
  // The external DTD of this sample points at an unreachable host: NONET and no DTDLOAD.
  EXPECT_EQ(readXml(sample("hl7v2-xml/hapi_qbp_q22_external_dtd.xml")).event(), "QBP^Q22");
  std::string xxe = "<?xml version=\"1.0\"?><!DOCTYPE ADT_A01 [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                    "<ADT_A01><MSH><MSH.10>&xxe;</MSH.10></MSH></ADT_A01>";
  EXPECT_THROW(readXml(xxe), gw::sdk::Error);
}

TEST(XmlReader, RejectsXmlThatIsNotHl7) {
  EXPECT_THROW(readXml("<html><body/></html>"), gw::sdk::Error);
}
