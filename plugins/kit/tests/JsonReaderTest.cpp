// The kit's JSON reader: key order kept, nesting capped, typed reads that never throw on absent members.
#include <gw/kit/JsonReader.hpp>
#include <gw/plugin.hpp>

#include <gtest/gtest.h>

using namespace gw::kit;

namespace {

std::string nested(std::size_t depth) { return "{\"a\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}"; }

}  // namespace

TEST(KitJsonReader, KeepsKeyOrderAndDecimalPrecisionWhenRenderedAgain) {
  JsonObject claim = parseObject(R"({"resourceType":"Claim","id":"c1","total":{"value":12.50,"currency":"CNY"}})");
  EXPECT_EQ(render(claim), R"({"resourceType":"Claim","id":"c1","total":{"value":12.50,"currency":"CNY"}})");
  // FHIR decimals carry their precision; a double would have written 1.5, 0.1 and 1e+21.
  JsonObject numbers = parseObject(R"({"a":1.50,"b":0.10,"c":1E21,"d":-0.0,"e":12345678901234567890.5})");
  EXPECT_EQ(render(numbers), R"({"a":1.50,"b":0.10,"c":1E21,"d":-0.0,"e":12345678901234567890.5})");
  EXPECT_DOUBLE_EQ(numbers->getValue<double>("a"), 1.5);
  EXPECT_TRUE(numbers->get("a").isNumeric());
}

TEST(KitJsonReader, WholeNumbersAreIntegers) {
  JsonObject o = parseObject(R"({"n":3,"big":9007199254740993,"huge":18446744073709551615})");
  EXPECT_EQ(o->get("n").type(), typeid(Poco::Int64));
  EXPECT_EQ(o->getValue<Poco::Int64>("big"), 9007199254740993);
  EXPECT_EQ(o->getValue<Poco::UInt64>("huge"), 18446744073709551615ull);
}

TEST(KitJsonReader, RefusesWhatIsNotJson) {
  for (const std::string& text : {std::string("{\"a\":1}\0{}", 10), std::string("{\"a\":NaN}"), std::string("{\"a\":\"\xff\"}"),
                                 std::string("{\"a\":1,}"), std::string("{'a':1}"), std::string("{} {}")})
    EXPECT_THROW(parseObject(text), gw::sdk::Error) << text;
}

TEST(KitJsonReader, RefusesNestingPastTheCapAndAcceptsItUpToTheCap) {
  EXPECT_NO_THROW(parseObject(nested(kMaxJsonDepth)));
  try {
    parseObject(nested(kMaxJsonDepth + 1));
    FAIL() << "nesting past the cap was accepted";
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_INVALID);
    EXPECT_NE(std::string(e.what()).find("not JSON"), std::string::npos) << e.what();
  }
  // Ten thousand levels: refused, not a crash.
  EXPECT_THROW(parseObject(nested(10000)), gw::sdk::Error);
}

TEST(KitJsonReader, NamesWhatIsWrong) {
  try {
    parseObject("[1,2]");
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_STREQ(e.what(), "not a JSON object");
  }
  try {
    parseObject("{\"a\":");
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("not JSON: ", 0), 0u) << e.what();
  }
}

TEST(KitJsonReader, TypedReadsAnswerEmptyForAbsentOrOtherTypes) {
  JsonObject o = parseObject(R"({"s":"text","n":3,"o":{"k":"v"},"a":[{"x":"y"},2]})");
  EXPECT_EQ(stringAt(o, "s"), "text");
  EXPECT_EQ(stringAt(o, "n"), "");
  EXPECT_EQ(stringAt(o, "missing"), "");
  EXPECT_EQ(stringAt(nullptr, "s"), "");
  EXPECT_EQ(stringAt(objectAt(o, "o"), "k"), "v");
  EXPECT_FALSE(objectAt(o, "s"));
  EXPECT_FALSE(arrayAt(o, "o"));
  EXPECT_EQ(stringAt(objectIn(arrayAt(o, "a"), 0), "x"), "y");
  EXPECT_FALSE(objectIn(arrayAt(o, "a"), 1));
  EXPECT_FALSE(objectIn(arrayAt(o, "a"), 7));
  EXPECT_FALSE(objectIn(nullptr, 0));
}
