// XPathTextTest.cpp: the rewrite that lets libxml2 2.9 compile a Chinese step after a single '/':
// those steps get the child axis; '//', a leading relative step, attributes, ASCII names and string
// literals are left alone; error offsets map back to characters of the XPath as written.
#include "XPathEvaluator.hpp"
#include "XPathText.hpp"

#include <gw/kit/HardenedXml.hpp>

#include <gtest/gtest.h>

using gw::xmlmap::XPathEvaluator;
using gw::xmlmap::XPathText;

namespace {

std::string rewritten(const std::string& written) { return XPathText::from(written).expression; }

}  // namespace

TEST(XPathText, AChineseStepAfterASingleSlashGetsTheChildAxis) {
  EXPECT_EQ(rewritten("/就诊记录/消息头/机构/@编码"), "/child::就诊记录/child::消息头/child::机构/@编码");
  EXPECT_EQ(rewritten("string(/就诊记录)"), "string(/child::就诊记录)");
  EXPECT_EQ(rewritten("/ 就诊记录"), "/ child::就诊记录");
  EXPECT_EQ(rewritten("a | /就诊记录[/就诊记录/b]"), "a | /child::就诊记录[/child::就诊记录/b]");
  // Needed only where '/' starts an absolute path, and the same step anywhere else.
  EXPECT_EQ(rewritten("消息头/机构"), "消息头/child::机构");
}

TEST(XPathText, EverythingElseIsLeftAsWritten) {
  for (const char* same : {"/v:VisitRecord/v:Header/@code", "//机构/@编码", "消息头", "@编码", "*[1]/@编码",
                           "concat(/a, '/就诊记录', \"/消息头\")", "/*[local-name()='就诊记录']", "/"})
    EXPECT_EQ(rewritten(same), same);
}

TEST(XPathText, ErrorOffsetsAreCharactersOfTheXPathAsWritten) {
  XPathText xpath = XPathText::from("/就诊记录/消息头]");
  // "/child::就诊记录/child::消息头]": ']' is byte 37; as written it is the 10th character.
  EXPECT_EQ(xpath.writtenCharacter(37), 10u);
  EXPECT_EQ(xpath.writtenCharacter(0), 1u);
  EXPECT_EQ(xpath.writtenCharacter(3), 2u);  // inside the inserted "child::": the name it stands before
}

TEST(XPathText, TheRewrittenExpressionsSelectTheChineseNodes) {
  auto parsed = gw::kit::HardenedXml::parse(
      "<就诊记录><消息头><机构 编码=\"H001\">浦东示例医院</机构></消息头><费用/><费用/></就诊记录>");
  ASSERT_TRUE(parsed.ok());
  XPathEvaluator xpath(parsed.document().get(), {});
  xmlNode* root = parsed.document().root();
  EXPECT_EQ(xpath.text(XPathText::from("/就诊记录/消息头/机构/@编码"), root), "H001");
  EXPECT_EQ(xpath.text(XPathText::from("string(/就诊记录/消息头/机构)"), root), "浦东示例医院");
  EXPECT_EQ(xpath.text(XPathText::from("count(/就诊记录/费用)"), root), "2");
  EXPECT_EQ(xpath.nodes(XPathText::from("/就诊记录/费用"), root).size(), 2u);
  EXPECT_TRUE(xpath.test(XPathText::from("/就诊记录/消息头/机构[@编码 = 'H001']"), root));
  EXPECT_EQ(XPathEvaluator::check(XPathText::from("/就诊记录/消息头/机构/@编码"), {}), std::nullopt);
}
