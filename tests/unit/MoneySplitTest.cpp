// The revenue split in integer minor units: the group's part is the exact share rounded half away from zero,
// and the two parts add up to the amount, over many random amounts and contract shares.
#include <gtest/gtest.h>

#include <gw/kit/Money.hpp>

#include <random>

#include "claims/Money.hpp"
#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"

namespace {

TEST(MoneySplit, HalfAMinorUnitGoesAwayFromZero) {
  EXPECT_EQ(gw::groupPart(1, gw::Share{500000}), 1);    // 0.005 → 0.01
  EXPECT_EQ(gw::groupPart(-1, gw::Share{500000}), -1);  // −0.005 → −0.01 (a reversal mirrors the payment)
  EXPECT_EQ(gw::groupPart(3, gw::Share{500000}), 2);    // 0.015 → 0.02
  EXPECT_EQ(gw::groupPart(1, gw::Share{499999}), 0);
  EXPECT_EQ(gw::groupPart(25050, gw::Share{600000}), 15030);
  EXPECT_EQ(gw::groupPart(100, gw::Share{333333}), 33);
  EXPECT_EQ(gw::groupPart(gw::kit::kMaxMinorUnits, gw::Share{gw::Share::kWhole}), gw::kit::kMaxMinorUnits);
}

TEST(MoneySplit, PartsAlwaysAddUpAndTheGroupsIsTheNearestMinorUnit) {
  std::mt19937_64 random(1203);
  std::uniform_int_distribution<std::int64_t> amounts(-gw::kit::kMaxMinorUnits, gw::kit::kMaxMinorUnits);
  std::uniform_int_distribution<std::int64_t> small(-100000, 100000);
  std::uniform_int_distribution<std::int64_t> shares(0, gw::Share::kWhole);
  for (int i = 0; i < 100000; ++i) {
    const std::int64_t amount = i % 2 ? amounts(random) : small(random);
    const gw::Share share{shares(random)};
    const std::int64_t group = gw::groupPart(amount, share);
    const std::int64_t hospital = amount - group;
    ASSERT_EQ(group + hospital, amount);
    // |group − amount × share| ≤ ½ minor unit, checked in exact integers (scaled by 2 × 10^6).
    const __int128 exact = static_cast<__int128>(amount) * share.perMillion;
    const __int128 error = static_cast<__int128>(group) * gw::Share::kWhole - exact;
    ASSERT_LE(error < 0 ? -2 * error : 2 * error, gw::Share::kWhole) << amount << " at " << share.perMillion;
    // Same sign as the amount, never more than it: neither party is billed for money that was not charged.
    if (amount >= 0) ASSERT_TRUE(group >= 0 && group <= amount);
    else ASSERT_TRUE(group <= 0 && group >= amount);
  }
}

TEST(MoneySplit, ContractSharesAreReadExactly) {
  const std::string hash(64, 'a');
  auto config = gw::parseConfig("hospitals:\n  - id: h\n    key_sha256: " + hash + "\n    adapter: hl7v2\n"
                                "    contract:\n      shares:\n        - {from: 2026-01-01, to: 2026-12-31, group: 0.29}\n"
                                "        - {from: 2027-01-01, group: 0.333333, categories: [{name: lab, codes: [\"80*\"], group: 1}]}\n",
                                "x.yaml");
  ASSERT_EQ(config.hospitals[0].contract.periods.size(), 2u);
  // 0.29 is 0.28999999999999998 as a double; 1000 × it truncates to 289.
  EXPECT_EQ(config.hospitals[0].contract.periods[0].groupShare.perMillion, 290000);
  EXPECT_EQ(gw::groupPart(1000, config.hospitals[0].contract.periods[0].groupShare), 290);
  EXPECT_EQ(config.hospitals[0].contract.periods[1].groupShare.perMillion, 333333);
  EXPECT_EQ(config.hospitals[0].contract.periods[1].categories[0].groupShare.perMillion, gw::Share::kWhole);
  try {
    gw::parseConfig("hospitals:\n  - id: h\n    key_sha256: " + hash + "\n    adapter: hl7v2\n"
                    "    contract:\n      shares:\n        - {from: 2026-01-01, group: 0.3333333}\n",
                    "x.yaml");
    FAIL() << "a share finer than a millionth was accepted";
  } catch (const gw::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("at most six decimals"), std::string::npos) << e.what();
  }
}

TEST(MoneySplit, AmountsAreReadInTheCurrencysMinorUnit) {
  EXPECT_EQ(gw::toMinorUnits(Poco::Dynamic::Var(std::string("1500")), "JPY"), 1500);
  EXPECT_FALSE(gw::toMinorUnits(Poco::Dynamic::Var(std::string("1500.5")), "JPY"));
  EXPECT_EQ(gw::toMinorUnits(Poco::Dynamic::Var(std::string("1.005")), "KWD"), 1005);
  EXPECT_FALSE(gw::toMinorUnits(Poco::Dynamic::Var(std::string("1.005")), "CNY"));
  EXPECT_EQ(gw::fromMinorUnits(1500, "JPY"), "1500");
  EXPECT_EQ(gw::fromMinorUnits(1500, "CNY"), "15.00");
}

}  // namespace
