// Sums Money in fixed point, read exactly from the decimal text: adding doubles would make 0.1 + 0.2 differ from 0.3.
#include "ClaimTotal.hpp"

#include <gw/kit/Money.hpp>

#include <cstdint>
#include <cstdlib>
#include <optional>

namespace gw::fhirclaim {

namespace {

// Ten-thousandths: finer than any currency's minor unit, so that a total is checked as the insurer wrote it.
constexpr int kScaleDigits = 4;
constexpr std::int64_t kScale = 10000;

struct Amount {
  std::int64_t scaled;  // value × kScale
  std::string currency;
};

// The Money at `key`, or nothing when absent, without a numeric value or finer than kScale.
std::optional<Amount> moneyAt(const JsonObject& parent, const std::string& key) {
  JsonObject money = objectAt(parent, key);
  if (!money || !money->has("value")) return std::nullopt;
  const auto& value = money->get("value");
  if (!value.isNumeric() || value.isBoolean()) return std::nullopt;
  auto scaled = kit::minorUnitsOfJson(value, kScaleDigits);
  if (!scaled) return std::nullopt;
  return Amount{*scaled, stringAt(money, "currency")};
}

// "2255.00 USD": at least two decimals, more only when the amount has them.
std::string describe(const Amount& amount) {
  std::int64_t magnitude = std::llabs(amount.scaled);
  std::string fraction = std::to_string(kScale + magnitude % kScale).substr(1);
  while (fraction.size() > 2 && fraction.back() == '0') fraction.pop_back();
  std::string text = (amount.scaled < 0 ? "-" : "") + std::to_string(magnitude / kScale) + "." + fraction;
  return amount.currency.empty() ? text : text + " " + amount.currency;
}

}  // namespace

void checkClaimTotal(const JsonObject& claim, const std::string& label, const std::string& location,
                     Problems& problems) {
  if (!claim->has("total")) return;
  std::optional<Amount> total = moneyAt(claim, "total");
  if (!total) {
    problems.push_back({location + ".total", label + ": total has no numeric value"});
    return;
  }
  Amount sum{0, total->currency};
  JsonArray items = arrayAt(claim, "item");
  for (std::size_t i = 0; items && i < items->size(); ++i) {
    std::optional<Amount> net = moneyAt(items->getObject(i), "net");
    if (!net) continue;
    if (net->currency != total->currency) {
      std::string path = "item[" + std::to_string(i) + "].net";
      problems.push_back({location + "." + path, label + ": " + path + " is in " +
                                                    (net->currency.empty() ? "no currency" : net->currency) +
                                                    " but total is in " +
                                                    (total->currency.empty() ? "no currency" : total->currency)});
      return;
    }
    sum.scaled += net->scaled;
  }
  if (sum.scaled != total->scaled) {
    problems.push_back({location + ".total", label + ": total " + describe(*total) +
                                                 " does not equal the sum of item net " + describe(sum)});
  }
}

}  // namespace gw::fhirclaim
