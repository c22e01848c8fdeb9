#include "claims/Money.hpp"

#include <cmath>
#include <regex>

namespace gw {

std::optional<std::int64_t> toMinorUnits(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return std::nullopt;
  std::string text;
  if (value.isString()) {
    text = value.extract<std::string>();
  } else if (value.isInteger()) {
    return value.convert<Poco::Int64>() * 100;
  } else if (value.isNumeric()) {
    // A JSON number: its shortest text form has the decimals the sender wrote.
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10g", value.convert<double>());
    text = buffer;
  } else {
    return std::nullopt;
  }
  static const std::regex decimal("^(-?)([0-9]+)(?:\\.([0-9]{1,2}))?$");
  std::smatch m;
  if (!std::regex_match(text, m, decimal)) return std::nullopt;
  std::int64_t units = std::stoll(m[2].str()) * 100;
  std::string cents = m[3].str();
  if (cents.size() == 1) cents += "0";
  if (!cents.empty()) units += std::stoll(cents);
  return m[1].str() == "-" ? -units : units;
}

std::string fromMinorUnits(std::int64_t minor) {
  const bool negative = minor < 0;
  std::uint64_t magnitude = negative ? static_cast<std::uint64_t>(-minor) : static_cast<std::uint64_t>(minor);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s%llu.%02llu", negative ? "-" : "",
                static_cast<unsigned long long>(magnitude / 100), static_cast<unsigned long long>(magnitude % 100));
  return buffer;
}

std::int64_t groupPart(std::int64_t amount, double share) {
  return static_cast<std::int64_t>(std::llround(static_cast<double>(amount) * share));
}

}  // namespace gw
