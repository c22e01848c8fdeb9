// DateFormatTest.cpp: hospital date text to FHIR date and dateTime, and the errors for bad text.
#include "DateFormat.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using gw::xmlmap::DateFormat;

TEST(DateFormat, CompactTimestampGetsTheConfiguredOffset) {
  EXPECT_EQ(DateFormat("%Y%m%d%H%M").toDateTime("202403051430", "+08:00"), "2024-03-05T14:30:00+08:00");
}

TEST(DateFormat, DayFirstDateBecomesAFhirDate) {
  EXPECT_EQ(DateFormat("%d/%m/%Y").toDate("29/02/2024"), "2024-02-29");
  EXPECT_EQ(DateFormat("%d/%m/%Y").toDate("5/3/1980"), "1980-03-05");
}

TEST(DateFormat, EnglishMonthNamesAsMirthSends) {
  EXPECT_EQ(DateFormat("%b %d, %Y").toDate("Aug 15, 1942"), "1942-08-15");
}

TEST(DateFormat, AFormatWithoutTimeGivesADateEvenForDateTime) {
  EXPECT_EQ(DateFormat("%Y-%m-%d").toDateTime("2024-03-05", "+08:00"), "2024-03-05");
}

TEST(DateFormat, AnOffsetInTheTextWinsOverTheConfiguredOne) {
  EXPECT_EQ(DateFormat("%Y-%m-%dT%H:%M:%S%z").toDateTime("2024-03-05T14:30:15+0100", "+08:00"),
            "2024-03-05T14:30:15+01:00");
  EXPECT_EQ(DateFormat("%Y-%m-%dT%H:%M:%S%z").toDateTime("2024-03-05T14:30:15Z", "+08:00"), "2024-03-05T14:30:15Z");
}

TEST(DateFormat, ImpossibleOrMismatchedDatesAreRefusedWithTheReason) {
  EXPECT_THROW(DateFormat("%Y%m%d").toDate("20230229"), std::invalid_argument);
  EXPECT_THROW(DateFormat("%Y%m%d").toDate("2023-02-01"), std::invalid_argument);
  EXPECT_THROW(DateFormat("%Y%m%d%H%M").toDateTime("202301012560", "+08:00"), std::invalid_argument);
  try {
    DateFormat("%Y%m%d").toDate("19421315");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("month 13"), std::string::npos) << e.what();
  }
}

TEST(DateFormat, UnsupportedDirectivesAreRefusedAtLoad) {
  EXPECT_THROW(DateFormat("%Y%j"), std::invalid_argument);
  EXPECT_THROW(DateFormat("%m/%d"), std::invalid_argument);
}
