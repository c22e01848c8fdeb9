// FieldLimitsTest.cpp: HL7's maximum repetitions and lengths per field and version (FieldLimits.cpp, generated
// from the HL7 v2 database as nHapi tabulates it). Lenient: a second repetition of a non-repeating field is
// left out and a value longer than its maximum kept whole, each with a warning naming the field (and an ERR of
// severity W in the ACK); strict: refused naming the field. v2.7 and later set no maximum length on most fields.
#include "Er7Reader.hpp"
#include "Er7ToXml.hpp"
#include "FieldLimits.hpp"
#include "TestSupport.hpp"

#include <gw/testing/AdapterInstance.hpp>
#include <gw/testing/LoadedPlugin.hpp>

#include <gtest/gtest.h>

#include <algorithm>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

namespace {

const std::string kPv1 = "PV1|1|I|||||||||||||||||V1";

// "PID-8 structure", … in order.
std::vector<std::string> found(const std::vector<gw::kit::Issue>& issues) {
  std::vector<std::string> out;
  for (const auto& issue : issues) out.push_back(issue.expression + " " + issue.code);
  return out;
}

}  // namespace

TEST(FieldLimits, TheTableHoldsEachVersionsLimitsAndOlderOrUnknownVersionsUseTheNearestKnownOne) {
  ASSERT_NE(fieldLimit("2.5", "PID", 8), nullptr);
  EXPECT_EQ(fieldLimit("2.5", "PID", 8)->maxRepetitions, 1);
  EXPECT_EQ(fieldLimit("2.5", "PID", 8)->maxLength, 1);
  EXPECT_EQ(fieldLimit("2.5", "PID", 19)->maxLength, 16);
  EXPECT_EQ(fieldLimit("2.5", "PID", 3)->maxRepetitions, 0);  // unbounded
  EXPECT_EQ(fieldLimit("2.8", "PID", 8)->maxLength, 0);       // no maximum from 2.7 on
  EXPECT_EQ(fieldLimit("2.3", "PID", 2)->maxLength, 16);
  EXPECT_EQ(fieldLimit("2.3", "TQ1", 7), nullptr);  // TQ1 came with 2.5
  EXPECT_EQ(fieldLimit("2.5", "ZPI", 1), nullptr);
  EXPECT_EQ(limitsVersion("2.5.1"), "2.5.1");
  EXPECT_EQ(limitsVersion("2.1"), "2.3");
  EXPECT_EQ(limitsVersion("2.2"), "2.3");
  EXPECT_EQ(limitsVersion("2.5.2"), "2.5.1");
  EXPECT_EQ(limitsVersion("2.9"), "2.8.1");
  EXPECT_EQ(limitsVersion("2.4CN"), "2.4");
  EXPECT_EQ(limitsVersion(""), "2.5");
  EXPECT_EQ(limitsVersion("V25"), "2.5");
}

TEST(FieldLimits, ARepetitionWhereOneIsExpectedIsLeftOutWithAWarningAndRefusedWhenStrict) {
  const std::string message =
      er7("ADT^A01", "PID|1||123^^^H^MR||DOE^JOHN||19700101~19710101|M~F\r" + kPv1);
  auto result = lenient(message);
  auto patient = resources(result.bundle, "Patient").at(0);
  EXPECT_EQ(str(patient, "birthDate"), "1970-01-01");
  EXPECT_EQ(str(patient, "gender"), "male");
  ASSERT_EQ(found(result.issues), (std::vector<std::string>{"PID-7 structure", "PID-8 structure"}));
  EXPECT_EQ(result.issues[1].text, "PID-8: sent 2 repetitions where HL7 v2.5 allows one: the first is kept");
  EXPECT_EQ(result.issues[1].severity, "warning");
  EXPECT_NE(result.outcome.find("\"valueString\":\"M~F\""), std::string::npos) << result.outcome;
  EXPECT_EQ(strictRefusal(message), "PID-7");
}

TEST(FieldLimits, AValueLongerThanItsMaximumIsKeptWholeWithAWarningThatHoldsNoValue) {
  const std::string message =
      er7("ADT^A01", "PID|1||123^^^H^MR||DOE^JOHN||19700101|M|||||||||||123456789012345678\r" + kPv1);
  auto result = lenient(message);
  auto ids = identifiers(resources(result.bundle, "Patient").at(0));
  EXPECT_NE(std::find_if(ids.begin(), ids.end(),
                         [](const std::string& id) { return id.find("123456789012345678") != std::string::npos; }),
            ids.end());
  ASSERT_EQ(found(result.issues), std::vector<std::string>{"PID-19 too-long"});
  EXPECT_EQ(result.issues[0].text, "PID-19: 18 characters where HL7 v2.5 allows at most 16: kept whole");
  EXPECT_NE(result.outcome.find("\"valueString\":\"123456789012345678\""), std::string::npos) << result.outcome;
  // Identifying, yet only its length is wrong: a warning when lenient, refused only when strict.
  EXPECT_EQ(strictRefusal(message), "PID-19");
}

TEST(FieldLimits, LengthCountsCharactersWithComponentsAndSeparators) {
  // PV1-10 (hospital service) allows 3 in v2.5: "MED" fits, a three-character Chinese name too, "ME^D" does not.
  auto fits = lenient(er7("ADT^A01", "PID|1||123^^^H^MR||DOE^JOHN||19700101|M\rPV1|1|I||||||||内科|||||||||V1"));
  EXPECT_TRUE(fits.issues.empty()) << fits.outcome;
  auto tooLong = lenient(er7("ADT^A01", "PID|1||123^^^H^MR||DOE^JOHN||19700101|M\rPV1|1|I||||||||ME^D|||||||||V1"));
  EXPECT_EQ(found(tooLong.issues), std::vector<std::string>{"PV1-10 too-long"});
}

TEST(FieldLimits, Version27AndLaterSetNoMaximumLength) {
  for (const std::string version : {"2.7", "2.8"}) {
    auto result = lenient(er7("ADT^A01", "PID|1||123^^^H^MR||DOE^JOHN||19700101|MALE\r" + kPv1, version));
    for (const auto& issue : result.issues) EXPECT_NE(issue.code, "too-long") << version << ": " << issue.text;
  }
}

TEST(FieldLimits, AMessageWithinItsLimitsGetsNoWarning) {
  auto result = lenient(er7("ADT^A01",
                            "PID|1||123^^^H^MR~456^^^H^PI||DOE^JOHN~DOE^J||19700101|M|||1 MAIN ST^^TOWN||555-1234\r"
                            "PV1|1|I|W1^101^1||||1001^SMITH^JOHN|||MED||||7|||||V1\r"
                            "OBX|1|NM|718-7^Hb^LN||13.5|g/dL|12-16|N|||F"));
  EXPECT_TRUE(result.issues.empty()) << result.outcome;
}

TEST(FieldLimits, ALengthTooShortForWhatTheSameVersionDefinesIsCorrected) {
  // OBX-2 says 2 characters up to v2.5.1, yet table 0125 has CWE; v2.3.1 added MSH-9.3 but kept 7 characters.
  auto cwe = lenient(er7("ORU^R01", "PID|1||123^^^H^MR||DOE^JOHN||19700101|M\rOBR|1|PL1||CBC^CBC^L\r"
                                    "OBX|1|CWE|625-4^Bacteria^LN||27268008^Salmonella^SCT||||||F", "2.5.1"));
  EXPECT_TRUE(cwe.issues.empty()) << cwe.outcome;
  std::string structure = er7("ADT^A01", "PID|1||123^^^H^MR||DOE^JOHN||19700101|M\r" + kPv1, "2.3.1");
  structure.replace(structure.find("ADT^A01"), 7, "ADT^A01^ADT_A01");
  auto withStructure = lenient(structure);
  EXPECT_TRUE(withStructure.issues.empty()) << withStructure.outcome;
}

TEST(FieldLimits, EachFieldIsReportedOncePerSegmentName) {
  auto result = lenient(er7("ORU^R01", "PID|1||123^^^H^MR||DOE^JOHN||19700101|M\rOBR|1|PL1||CBC^CBC^L\r"
                                       "OBX|1|NM|718-7^Hb^LN||13.5||12-16|N~H|||F\r"
                                       "OBX|2|NM|789-8^RBC^LN||4.5||4-5|N~L~H|||F"));
  EXPECT_EQ(found(result.issues), std::vector<std::string>{});  // OBX-8 repeats (up to five times before 2.5)
  auto twice = lenient(er7("ORU^R01", "PID|1||123^^^H^MR||DOE^JOHN||19700101|M\rOBR|1|PL1||CBC^CBC^L\r"
                                      "OBX|1|NM|718-7^Hb^LN||13.5||||||F~C\rOBX|2|NM|789-8^RBC^LN||4.5||||||F~C~X"));
  EXPECT_EQ(found(twice.issues), std::vector<std::string>{"OBX-11 structure"});
}

TEST(FieldLimits, AVersionOutsideTheTableIsCheckedAgainstTheNearestKnownVersion) {
  auto result = lenient(er7("ADT^A01", "PID|1||123^^^H^MR||DOE^JOHN||19700101|M~F\r" + kPv1, "2.2"));
  ASSERT_EQ(found(result.issues), std::vector<std::string>{"PID-8 structure"});
  EXPECT_EQ(result.issues[0].text, "PID-8: sent 2 repetitions where HL7 v2.3 allows one: the first is kept");
}

TEST(FieldLimits, AnXmlTwinGetsTheSameWarnings) {
  const std::string message = er7("ADT^A01", "PID|1||123^^^H^MR||DOE^JOHN||19700101~19710101|M~F|||||||||||"
                                             "123456789012345678\r" + kPv1);
  auto er7Result = lenient(message);
  auto xmlResult = lenient(er7ToXml(message), "application/hl7-v2+xml");
  ASSERT_EQ(found(er7Result.issues),
            (std::vector<std::string>{"PID-7 structure", "PID-8 structure", "PID-19 too-long"}));
  EXPECT_EQ(xmlResult.outcome, er7Result.outcome);
}

TEST(FieldLimits, TheWarningsTravelInTheAckAsErrSegmentsOfSeverityW) {
  const std::string message = er7("ADT^A01", "PID|1||123^^^H^MR||DOE^JOHN||19700101|M~F\r" + kPv1);
  auto adapter = makeAdapter();
  auto out = adapter.decode(message, "application/hl7-v2");
  auto ack = adapter.acknowledgeReply({message, "application/hl7-v2", out.reply, GW_ACK_ACCEPT, "", "", out.issues});
  Message read = readEr7(ack.bytes).messages.at(0);
  EXPECT_EQ(read.first("MSA")->text(1), "AA");
  const Segment* err = read.first("ERR");
  ASSERT_NE(err, nullptr) << ack.bytes;
  EXPECT_EQ(err->text(2, 1), "PID");
  EXPECT_EQ(err->text(2, 3), "8");
  EXPECT_EQ(err->text(4), "W");
  EXPECT_EQ(err->text(8), "PID-8: sent 2 repetitions where HL7 v2.5 allows one: the first is kept");
}

TEST(FieldLimits, ThePluginReportsThemThroughTheCAbi) {
  gw::testkit::LoadedPlugin plugin(HL7V2_PLUGIN_PATH);
  const gw_adapter* hl7v2 = plugin.adapter("hl7v2");
  ASSERT_NE(hl7v2, nullptr) << plugin.error();
  const std::string message = er7("ADT^A01", "PID|1||123^^^H^MR||DOE^JOHN||19700101|MALE\r" + kPv1);

  gw::testkit::AdapterInstance lenientInstance(*hl7v2, "sh-intl", GW_KIND_HOSPITAL, "{}");
  ASSERT_TRUE(lenientInstance.ok()) << lenientInstance.created();
  auto accepted = lenientInstance.decode(message, "application/hl7-v2");
  ASSERT_EQ(accepted.status, GW_OK) << accepted;
  auto issues = gw::kit::readIssues(accepted.issues);
  ASSERT_FALSE(issues.empty()) << accepted.issues;
  EXPECT_EQ(issues[0].expression, "PID-8");
  EXPECT_EQ(issues[0].code, "too-long");
  auto ack = lenientInstance.acknowledgeReply(message, "application/hl7-v2", accepted.reply, GW_ACK_ACCEPT,
                                              accepted.issues);
  ASSERT_EQ(ack.status, GW_OK) << ack;
  EXPECT_NE(ack.output.find("ERR|"), std::string::npos) << ack.output;
  EXPECT_NE(ack.output.find("|W|"), std::string::npos) << ack.output;

  gw::testkit::AdapterInstance strictInstance(*hl7v2, "sh-intl", GW_KIND_HOSPITAL, R"({"validation":"strict"})");
  ASSERT_TRUE(strictInstance.ok()) << strictInstance.created();
  auto refused = strictInstance.decode(message, "application/hl7-v2");
  EXPECT_EQ(refused.status, GW_ERR_INVALID);
  EXPECT_EQ(refused.errorLocation, "PID-8");
}
