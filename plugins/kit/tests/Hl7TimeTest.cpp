// Hl7TimeTest.cpp: HL7 timestamps of every precision to FHIR date, dateTime and instant.
#include <gw/kit/Hl7Time.hpp>

#include <gw/plugin.hpp>

#include <gtest/gtest.h>

using namespace gw::kit;

TEST(Hl7Time, ConvertsEveryPrecision) {
  const std::string z = "+08:00";
  EXPECT_EQ(toFhirDateTime(parseHl7Time("1980", "X"), z), "1980");
  EXPECT_EQ(toFhirDateTime(parseHl7Time("198002", "X"), z), "1980-02");
  EXPECT_EQ(toFhirDateTime(parseHl7Time("19800229", "X"), z), "1980-02-29");
  EXPECT_EQ(toFhirDateTime(parseHl7Time("1980022913", "X"), z), "1980-02-29T13:00:00+08:00");
  EXPECT_EQ(toFhirDateTime(parseHl7Time("198002291314", "X"), z), "1980-02-29T13:14:00+08:00");
  EXPECT_EQ(toFhirDateTime(parseHl7Time("19800229131415", "X"), z), "1980-02-29T13:14:15+08:00");
  EXPECT_EQ(toFhirDateTime(parseHl7Time("20020429132718.734-0400", "X"), z), "2002-04-29T13:27:18.734-04:00");
  EXPECT_EQ(toFhirDateTime(parseHl7Time("198908181126+0215", "X"), z), "1989-08-18T11:26:00+02:15");
  // Milliseconds without the dot, as some senders write them (itb_orm_o01_hex_escape ORC-9).
  EXPECT_EQ(toFhirDateTime(parseHl7Time("20131011093800000", "X"), z), "2013-10-11T09:38:00.000+08:00");
}

TEST(Hl7Time, GivesDatesAndInstants) {
  EXPECT_EQ(toFhirDate(parseHl7Time("198808181126+0215", "PID-7")), "1988-08-18");
  EXPECT_EQ(toFhirInstant(parseHl7Time("2024", "MSH-7"), "Z"), "2024-01-01T00:00:00Z");
  EXPECT_EQ(toFhirInstant(parseHl7Time("202401021530", "MSH-7"), "+08:00"), "2024-01-02T15:30:00+08:00");
}

TEST(Hl7Time, RejectsInvalidValuesNamingTheField) {
  try {
    parseHl7Time("19800230", "PID-7");
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_STREQ(e.what(), "PID-7: '19800230' is not a valid date");
    EXPECT_EQ(e.location(), "PID-7");
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
  }
  for (const char* bad : {"19000229", "2012010219dd2527.532-0500", "Aug 15, 1942", "198", "1980013", "20240101246000",
                          "20240101+9900", "20240101.5", "20240101120000.12345", "2024010112000012345"})
    EXPECT_THROW(parseHl7Time(bad, "X"), gw::sdk::Error) << bad;
}

// HL7 v3 TS values as CDA documents carry them: the same rules (the cda adapter's own parser accepted a
// 31st of February and a +19:00 offset).
TEST(Hl7Time, ReadsV3TimesByTheSameRules) {
  EXPECT_EQ(toFhirDateTime(parseHl7Time("20101028092016.829-0500", "effectiveTime"), "+08:00"),
            "2010-10-28T09:20:16.829-05:00");
  EXPECT_EQ(toFhirDate(parseHl7Time("20130216", "birthTime")), "2013-02-16");
  EXPECT_THROW(parseHl7Time("20230231", "birthTime"), gw::sdk::Error);
  EXPECT_THROW(parseHl7Time("20230201120000+1900", "effectiveTime"), gw::sdk::Error);
}
