// The options every adapter shares: one value is accepted or refused alike by all, with the option named.
#include <gw/kit/PartnerOptions.hpp>
#include <gw/plugin.hpp>

#include <gtest/gtest.h>

using namespace gw::kit;

namespace {

std::string refusal(const std::string& partnerId, const std::string& optionsJson) {
  try {
    PartnerOptions::read(partnerId, *parseOptions(optionsJson));
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_CONFIG);
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST(KitPartnerOptions, DefaultsAndSetValues) {
  PartnerOptions defaults = PartnerOptions::read("sh-intl", *parseOptions(""));
  EXPECT_EQ(defaults.partnerId, "sh-intl");
  EXPECT_EQ(defaults.currency, "CNY");
  EXPECT_EQ(defaults.timezone, "+08:00");
  PartnerOptions set = PartnerOptions::read("h1", *parseOptions(R"({"currency":"USD","timezone":"-05:00"})"));
  EXPECT_EQ(set.currency, "USD");
  EXPECT_EQ(set.timezone, "-05:00");
}

TEST(KitPartnerOptions, RefusalsNameTheOption) {
  EXPECT_EQ(refusal("h1", R"({"currency":"yuan"})"), "option currency: 'yuan' is not an ISO 4217 code such as CNY");
  EXPECT_EQ(refusal("h1", R"({"timezone":"Asia/Shanghai"})"),
            "option timezone: 'Asia/Shanghai' is not an offset such as +08:00");
  EXPECT_EQ(refusal("", "{}"), "the partner id is empty");
  EXPECT_EQ(refusal("a b", "{}"), "partner id 'a b' cannot be used in an identifier system URN");
  EXPECT_EQ(refusal("h1", R"({"currency":[1]})").rfind("option currency: ", 0), 0u);
  EXPECT_NE(refusal("h1", "[1]").find("options are not a JSON object"), std::string::npos);
  EXPECT_NE(refusal("h1", "{").find("options are not a JSON object"), std::string::npos);
}
