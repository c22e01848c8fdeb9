// Lenient and strict validation in xmlmap: a value that cannot be used in a field that is not `required` (a
// date not in its format, a code not in its value map) is left out and reported, and the acknowledgement
// template's ${warnings} names it; strict refuses it; a required field is never lenient.
#include "XmlMapTestSupport.hpp"

#include <gw/kit/Issues.hpp>

#include <gtest/gtest.h>

using namespace gw::xmlmap;
using namespace gw::xmlmap::test;

namespace {

std::string ownData(const std::string& name) { return std::string(XMLMAP_TESTS_DIR) + "/data/" + name; }

// The shared 就诊记录 sample with one of its values replaced (the sample file itself is never edited).
std::string visitWith(const std::string& from, const std::string& to) {
  std::string xml = readFile(ownData("jiuzhen-outpatient.xml"));
  const std::size_t at = xml.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return xml.replace(at, from.size(), to);
}

XmlMapAdapter adapter(const std::string& validation) {
  return XmlMapAdapter(gw::sdk::Partner{"pd-demo", GW_KIND_HOSPITAL,
                                        R"({"mapping":")" + ownData("jiuzhen.yaml") + R"(","validation":")" +
                                            validation + R"("})"});
}

}  // namespace

TEST(LenientValidation, ABirthDateNotInItsFormatIsLeftOutAndReported) {
  const std::string visit = visitWith("<出生日期>1988年05月21日</出生日期>", "<出生日期>不详</出生日期>");
  auto lenient = adapter("lenient");
  auto out = lenient.decode(visit, "application/xml");
  auto patient = resources(parseJson(out.bytes), "Patient").at(0);
  EXPECT_FALSE(patient->has("birthDate"));
  EXPECT_EQ(str(patient, "gender"), "female");
  auto issues = gw::kit::readIssues(out.issues);
  ASSERT_EQ(issues.size(), 1u) << out.issues;
  EXPECT_EQ(issues[0].expression, "/就诊记录/患者/出生日期");
  EXPECT_NE(out.issues.find(R"("valueString":"不详")"), std::string::npos) << out.issues;

  auto ack = lenient.acknowledgeReply({visit, "application/xml", out.reply, GW_ACK_ACCEPT, "", "", out.issues});
  EXPECT_NE(ack.bytes.find("AA"), std::string::npos) << ack.bytes;

  try {
    adapter("strict").decode(visit, "application/xml");
    ADD_FAILURE() << "strict accepted a birth date not in its format";
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
    EXPECT_EQ(e.location(), "/就诊记录/患者/出生日期");
  }
}

TEST(LenientValidation, ACodeNotInItsValueMapIsLeftOutAndReported) {
  auto out = adapter("lenient").decode(visitWith(R"(<性别 代码="2">)", R"(<性别 代码="X">)"), "application/xml");
  auto patient = resources(parseJson(out.bytes), "Patient").at(0);
  EXPECT_FALSE(patient->has("gender"));
  auto issues = gw::kit::readIssues(out.issues);
  ASSERT_EQ(issues.size(), 1u) << out.issues;
  EXPECT_NE(issues[0].text.find("is not in value map 'sex'"), std::string::npos) << issues[0].text;
}

TEST(LenientValidation, TheAckTemplateNamesTheWarnings) {
  const std::string yaml = readFile(ownData("jiuzhen.yaml"));
  TempFolder folder("xmlmap-lenient");
  std::string withWarnings = yaml;
  const std::size_t text = withWarnings.find("${text}");
  ASSERT_NE(text, std::string::npos);
  withWarnings.replace(text, 7, "${text}${warnings}");
  const std::string mapping = folder.write("jiuzhen-warnings.yaml", withWarnings);
  XmlMapAdapter withTemplate(gw::sdk::Partner{"pd-demo", GW_KIND_HOSPITAL, R"({"mapping":")" + mapping + R"("})"});
  const std::string visit = visitWith("<出生日期>1988年05月21日</出生日期>", "<出生日期>不详</出生日期>");
  auto out = withTemplate.decode(visit, "application/xml");
  auto ack = withTemplate.acknowledgeReply({visit, "application/xml", out.reply, GW_ACK_ACCEPT, "", "", out.issues});
  EXPECT_NE(ack.bytes.find("/就诊记录/患者/出生日期: "), std::string::npos) << ack.bytes;
}

TEST(LenientValidation, ARequiredFieldIsNeverLenient) {
  try {
    adapter("lenient").decode(visitWith("<病历号>MZ00098765</病历号>", "<病历号></病历号>"), "application/xml");
    ADD_FAILURE() << "a message without its required MRN was accepted";
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
    EXPECT_NE(std::string(e.what()).find("患者没有病历号"), std::string::npos) << e.what();
  }
}
