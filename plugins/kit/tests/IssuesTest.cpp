// kit::Issues: lenient records a defect as a warning, strict refuses it naming the field; the OperationOutcome
// it writes is read back whole by readIssues.
#include <gw/kit/Issues.hpp>
#include <gw/plugin.hpp>

#include <gtest/gtest.h>

using gw::kit::Issues;

TEST(Issues, LenientRecordsADefectAndItsOriginalValue) {
  Issues issues(true);
  EXPECT_TRUE(issues.operationOutcome().empty());
  issues.defect("PID-7", "value", "PID-7: not a valid date", "Aug 15, 1942");
  issues.defect("PV1-44", "value", "PV1-44: not a valid date");
  const std::string outcome = issues.operationOutcome();
  EXPECT_EQ(outcome.rfind(R"({"resourceType":"OperationOutcome","issue":[)", 0), 0u) << outcome;
  EXPECT_NE(outcome.find(R"("valueString":"Aug 15, 1942")"), std::string::npos) << outcome;
  auto read = gw::kit::readIssues(outcome);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].severity, "warning");
  EXPECT_EQ(read[0].code, "value");
  EXPECT_EQ(read[0].expression, "PID-7");
  EXPECT_EQ(read[0].text, "PID-7: not a valid date");
  EXPECT_EQ(read[1].expression, "PV1-44");
}

TEST(Issues, StrictRefusesTheDefectNamingTheField) {
  Issues issues(false);
  try {
    issues.defect("PID-7", "value", "PID-7: not a valid date", "Aug 15, 1942");
    FAIL() << "strict validation accepted a defect";
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
    EXPECT_EQ(e.location(), "PID-7");
    EXPECT_STREQ(e.what(), "PID-7: not a valid date");
  }
  EXPECT_TRUE(issues.empty());
}

TEST(Issues, TextThatIsNotAnOperationOutcomeGivesNoIssues) {
  EXPECT_TRUE(gw::kit::readIssues("").empty());
  EXPECT_TRUE(gw::kit::readIssues("not json").empty());
  EXPECT_TRUE(gw::kit::readIssues(R"({"issue":"x"})").empty());
}
