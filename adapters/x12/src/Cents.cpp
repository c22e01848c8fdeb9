// Decimal text ⇄ cents without floating point.
#include "Cents.hpp"

#include <cctype>

namespace gw::x12 {

std::optional<std::int64_t> centsOf(const std::string& decimal) {
  std::size_t i = 0;
  bool negative = false;
  if (i < decimal.size() && (decimal[i] == '-' || decimal[i] == '+')) negative = decimal[i++] == '-';
  std::int64_t whole = 0;
  std::size_t digits = 0;
  for (; i < decimal.size() && std::isdigit(static_cast<unsigned char>(decimal[i])); ++i, ++digits) {
    if (digits > 15) return std::nullopt;
    whole = whole * 10 + (decimal[i] - '0');
  }
  std::int64_t fraction = 0;
  std::size_t fractionDigits = 0;
  if (i < decimal.size() && decimal[i] == '.') {
    for (++i; i < decimal.size() && std::isdigit(static_cast<unsigned char>(decimal[i])); ++i, ++fractionDigits) {
      // Trailing zeros past the cents are harmless ("12.500"); anything else would be rounded away.
      if (fractionDigits >= 2) {
        if (decimal[i] != '0') return std::nullopt;
        continue;
      }
      fraction = fraction * 10 + (decimal[i] - '0');
    }
  }
  if (i != decimal.size() || digits + fractionDigits == 0) return std::nullopt;
  if (fractionDigits == 1) fraction *= 10;
  std::int64_t cents = whole * 100 + fraction;
  return negative ? -cents : cents;
}

std::string x12Amount(std::int64_t cents) {
  std::string sign = cents < 0 ? "-" : "";
  std::uint64_t magnitude = cents < 0 ? static_cast<std::uint64_t>(-cents) : static_cast<std::uint64_t>(cents);
  std::string text = sign + std::to_string(magnitude / 100);
  std::uint64_t fraction = magnitude % 100;
  if (fraction == 0) return text;
  text += '.';
  text += static_cast<char>('0' + fraction / 10);
  if (fraction % 10) text += static_cast<char>('0' + fraction % 10);
  return text;
}

}  // namespace gw::x12
