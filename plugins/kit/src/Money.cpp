#include "gw/kit/Money.hpp"

#include "gw/kit/JsonDecimal.hpp"

#include <array>
#include <cctype>

namespace gw::kit {

namespace {

bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

int minorDigits(std::string_view currency) {
  // ISO 4217 (list one, 2024): the currencies whose minor unit is not the hundredth.
  static constexpr std::array<std::string_view, 16> kNone = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW",
                                                             "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"};
  static constexpr std::array<std::string_view, 7> kThousandths = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  for (auto code : kNone)
    if (code == currency) return 0;
  for (auto code : kThousandths)
    if (code == currency) return 3;
  return 2;
}

std::optional<std::int64_t> minorUnits(std::string_view text, int digits) {
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  // The significant digits, and how many of them are past the decimal point.
  std::string significant;
  std::size_t wholeDigits = 0, fractionDigits = 0;
  for (; i < text.size() && isDigit(text[i]); ++i, ++wholeDigits) significant += text[i];
  if (i < text.size() && text[i] == '.')
    for (++i; i < text.size() && isDigit(text[i]); ++i, ++fractionDigits) significant += text[i];
  if (wholeDigits == 0 && fractionDigits == 0) return std::nullopt;
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool negativeExponent = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    std::size_t exponentDigits = 0;
    for (; i < text.size() && isDigit(text[i]); ++i, ++exponentDigits)
      if (exponent < 1000) exponent = exponent * 10 + (text[i] - '0');
    if (exponentDigits == 0) return std::nullopt;
    if (negativeExponent) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;

  // value = significant × 10^(exponent − fractionDigits); in minor units, shift by `digits` more.
  long shift = exponent - static_cast<long>(fractionDigits) + digits;
  while (shift < 0) {  // digits below the minor unit: only zeros may be dropped
    if (significant.empty()) break;
    if (significant.back() != '0') return std::nullopt;
    significant.pop_back();
    ++shift;
  }
  std::int64_t minor = 0;
  for (char c : significant) {
    minor = minor * 10 + (c - '0');
    if (minor > kMaxMinorUnits) return std::nullopt;
  }
  for (; shift > 0 && minor != 0; --shift) {
    minor *= 10;
    if (minor > kMaxMinorUnits) return std::nullopt;
  }
  return negative ? -minor : minor;
}

std::optional<std::int64_t> minorUnitsOfJson(const Poco::Dynamic::Var& value, int digits) {
  if (value.isEmpty() || value.isBoolean()) return std::nullopt;
  if (value.type() == typeid(JsonDecimal) || value.isString()) return minorUnits(value.toString(), digits);
  if (value.isInteger()) return minorUnits(value.toString(), digits);
  return std::nullopt;
}

std::string decimalText(std::int64_t minor, int digits) {
  const bool negative = minor < 0;
  std::string magnitude = std::to_string(negative ? -static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor));
  if (digits > 0) {
    if (magnitude.size() <= static_cast<std::size_t>(digits))
      magnitude.insert(0, static_cast<std::size_t>(digits) + 1 - magnitude.size(), '0');
    magnitude.insert(magnitude.size() - static_cast<std::size_t>(digits), 1, '.');
  }
  return negative ? "-" + magnitude : magnitude;
}

Poco::Dynamic::Var jsonAmount(std::int64_t minor, int digits) { return JsonDecimal{decimalText(minor, digits)}; }

}  // namespace gw::kit
