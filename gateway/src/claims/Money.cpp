#include "claims/Money.hpp"

#include <gw/kit/Money.hpp>

#include "common/Json.hpp"

namespace gw {

std::optional<std::int64_t> toMinorUnits(const Poco::Dynamic::Var& value, const std::string& currency) {
  return kit::minorUnitsOfJson(value, kit::minorDigits(currency));
}

std::string fromMinorUnits(std::int64_t minor, const std::string& currency) {
  return kit::decimalText(minor, kit::minorDigits(currency));
}

Poco::JSON::Object::Ptr moneyJson(std::int64_t minor, const std::string& currency) {
  Poco::JSON::Object::Ptr money = jsonObject();
  money->set("value", kit::jsonAmount(minor, kit::minorDigits(currency)));
  money->set("currency", currency);
  return money;
}

std::int64_t groupPart(std::int64_t amount, Share share) {
  // |amount| ≤ 10^15 and share ≤ 10^6: the product needs 128 bits.
  const __int128 scaled = static_cast<__int128>(amount) * share.perMillion;
  const __int128 half = Share::kWhole / 2;
  return static_cast<std::int64_t>((scaled >= 0 ? scaled + half : scaled - half) / Share::kWhole);
}

}  // namespace gw
