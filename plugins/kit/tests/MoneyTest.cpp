// Money in minor units: exact from any decimal text a partner writes, refused rather than rounded.
#include <gw/kit/JsonReader.hpp>
#include <gw/kit/Money.hpp>

#include <gtest/gtest.h>

#include <random>

using namespace gw::kit;

TEST(KitMoney, MinorDigitsFollowIso4217) {
  EXPECT_EQ(minorDigits("CNY"), 2);
  EXPECT_EQ(minorDigits("USD"), 2);
  EXPECT_EQ(minorDigits("HKD"), 2);
  EXPECT_EQ(minorDigits("JPY"), 0);
  EXPECT_EQ(minorDigits("KRW"), 0);
  EXPECT_EQ(minorDigits("KWD"), 3);
  EXPECT_EQ(minorDigits(""), 2);
}

TEST(KitMoney, ReadsEveryWayOfWritingTheSameAmount) {
  for (const char* text : {"12.3", "12.30", "12.300", "1230e-2", "1.23E1", "0.123e2", "12.3e0", "012.30"})
    EXPECT_EQ(minorUnits(std::string_view(text), 2), 1230) << text;
  EXPECT_EQ(minorUnits(std::string_view("-70.5"), 2), -7050);
  EXPECT_EQ(minorUnits(std::string_view("0"), 2), 0);
  EXPECT_EQ(minorUnits(std::string_view("1500"), 0), 1500);
  EXPECT_EQ(minorUnits(std::string_view("1.5e3"), 0), 1500);
  EXPECT_EQ(minorUnits(std::string_view("12.345"), 3), 12345);
  // Thirteen whole digits and cents: more than a double carries exactly through "%.10g" and friends.
  EXPECT_EQ(minorUnits(std::string_view("1234567890123.45"), 2), 123456789012345);
}

TEST(KitMoney, RefusesWhatWouldHaveToBeRounded) {
  EXPECT_FALSE(minorUnits(std::string_view("12.345"), 2));
  EXPECT_FALSE(minorUnits(std::string_view("0.5"), 0));
  EXPECT_FALSE(minorUnits(std::string_view("1e-3"), 2));
  EXPECT_FALSE(minorUnits(std::string_view("10000000000000.01"), 2)) << "past 10^15 minor units";
  EXPECT_FALSE(minorUnits(std::string_view("1e400"), 2));
  for (const char* text : {"", "-", ".", "abc", "12,30", "1.2.3", "1e", "12.30 CNY", "+5", " 5"})
    EXPECT_FALSE(minorUnits(std::string_view(text), 2)) << "'" << text << "'";
}

TEST(KitMoney, WritesTheMinorUnitsOfTheCurrency) {
  EXPECT_EQ(decimalText(1230, 2), "12.30");
  EXPECT_EQ(decimalText(5, 2), "0.05");
  EXPECT_EQ(decimalText(-7, 2), "-0.07");
  EXPECT_EQ(decimalText(0, 2), "0.00");
  EXPECT_EQ(decimalText(1500, 0), "1500");
  EXPECT_EQ(decimalText(12345, 3), "12.345");
}

TEST(KitMoney, AmountsRoundTripThroughJsonExactly) {
  // Parsed by the kit's reader, written by Poco::JSON: the same text, precision included.
  JsonObject money = parseObject(R"({"value":220.00,"currency":"CNY"})");
  EXPECT_EQ(minorUnitsOfJson(money->get("value"), 2), 22000);
  EXPECT_EQ(render(money), R"({"value":220.00,"currency":"CNY"})");
  JsonObject built = newObject();
  built->set("value", jsonAmount(-4050, 2));
  EXPECT_EQ(render(built), R"({"value":-40.50})");
  // A whole number and a string are amounts too; a binary double is not (its text is lost).
  EXPECT_EQ(minorUnitsOfJson(parseObject(R"({"v":7})")->get("v"), 2), 700);
  EXPECT_EQ(minorUnitsOfJson(parseObject(R"({"v":"7.25"})")->get("v"), 2), 725);
  EXPECT_FALSE(minorUnitsOfJson(Poco::Dynamic::Var(7.25), 2));
  EXPECT_FALSE(minorUnitsOfJson(parseObject(R"({"v":true})")->get("v"), 2));
}

TEST(KitMoney, RandomAmountsSurviveTextAndJson) {
  std::mt19937_64 random(20261203);
  std::uniform_int_distribution<std::int64_t> amounts(-kMaxMinorUnits, kMaxMinorUnits);
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t minor = amounts(random);
    const int digits = i % 4 == 0 ? 0 : i % 4 == 1 ? 3 : 2;
    const std::string text = decimalText(minor, digits);
    ASSERT_EQ(minorUnits(std::string_view(text), digits), minor) << text;
    JsonObject money = parseObject("{\"value\":" + text + "}");
    ASSERT_EQ(minorUnitsOfJson(money->get("value"), digits), minor) << text;
    ASSERT_EQ(render(money), "{\"value\":" + text + "}");
  }
}
