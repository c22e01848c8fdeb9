// TextRulesTest.cpp: the lexical checks behind decimals, integers, currencies, offsets and partner ids.
#include "TextRules.hpp"

#include <gtest/gtest.h>

using namespace gw::xmlmap;

TEST(TextRules, FhirDecimalAndInteger) {
  for (const char* ok : {"0", "120.50", "-3.0", "10000"}) EXPECT_TRUE(isFhirDecimal(ok)) << ok;
  for (const char* bad : {"", "-", "01", "1.", ".5", "1,200.00", "1e3", " 1"}) EXPECT_FALSE(isFhirDecimal(bad)) << bad;
  for (const char* ok : {"0", "-7", "123456789"}) EXPECT_TRUE(isFhirInteger(ok)) << ok;
  for (const char* bad : {"", "1.0", "007", "1234567890"}) EXPECT_FALSE(isFhirInteger(bad)) << bad;
}

TEST(TextRules, CurrencyOffsetAndPartnerId) {
  EXPECT_TRUE(isCurrencyCode("CNY"));
  EXPECT_FALSE(isCurrencyCode("cny"));
  EXPECT_FALSE(isCurrencyCode("RMB!"));
  for (const char* ok : {"Z", "+08:00", "-05:30", "+14:00"}) EXPECT_TRUE(isUtcOffset(ok)) << ok;
  for (const char* bad : {"", "8", "+0800", "+14:30", "+08:60", "08:00"}) EXPECT_FALSE(isUtcOffset(bad)) << bad;
  EXPECT_TRUE(isPartnerId("sh-intl"));
  EXPECT_FALSE(isPartnerId("-x"));
  EXPECT_FALSE(isPartnerId("a b"));
}
