// Text an attacker or a partner chose, made safe for reasons, the audit log and JSON (issue 13, items 4 and 13).
#include <gtest/gtest.h>

#include "common/PrintableText.hpp"
#include "common/ReasonText.hpp"

namespace {

TEST(ReasonText, QuotedValuesBecomeAnEllipsisAndFieldsStay) {
  EXPECT_EQ(gw::withoutValues("PID-7: 'Aug 15, 1942' is not a valid date"), "PID-7: '…' is not a valid date");
  EXPECT_EQ(gw::withoutValues(R"(PID-5 "ZHANG San" and PID-19 '123-45-6789')"), R"(PID-5 "…" and PID-19 '…')");
  EXPECT_EQ(gw::withoutValues("the adapter's output is not a FHIR Bundle"), "the adapter's output is not a FHIR Bundle");
  EXPECT_EQ(gw::withoutValues("line 3 (starts with 'MSH|^~\\&|EHR"), "line 3 (starts with '…");
  EXPECT_EQ(gw::withoutValues("empty '' value"), "empty '' value");
}

TEST(PrintableText, ValidUtf8IsKeptAndEveryOtherByteEscaped) {
  EXPECT_TRUE(gw::isPrintableUtf8("医生集团 sh-intl"));
  EXPECT_FALSE(gw::isPrintableUtf8(std::string("x\0y", 3)));
  EXPECT_FALSE(gw::isPrintableUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(gw::isPrintableUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(gw::isPrintableUtf8("a\r\nInjected: 1"));  // header injection
  EXPECT_EQ(gw::printableText(std::string("x\0y", 3)), "x\\x00y");
  EXPECT_EQ(gw::printableText("\xFF" "a\\b"), "\\xFFa\\\\b");
  EXPECT_EQ(gw::printableText("医生"), "医生");
  // Two different inputs never escape to the same text.
  EXPECT_NE(gw::printableText("\\x00"), gw::printableText(std::string("\0", 1)));
}

}  // namespace
