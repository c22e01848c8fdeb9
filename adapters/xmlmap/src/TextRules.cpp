// TextRules.cpp: see TextRules.hpp.
#include "TextRules.hpp"

#include <cctype>

namespace gw::xmlmap {

namespace {

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Digits from `i` without a leading zero (a lone 0 is fine); moves `i` past them.
bool unsignedInteger(const std::string& s, std::size_t& i, std::size_t maxDigits) {
  std::size_t start = i;
  while (i < s.size() && digit(s[i])) ++i;
  std::size_t n = i - start;
  return n > 0 && n <= maxDigits && (n == 1 || s[start] != '0');
}

}  // namespace

bool isFhirDecimal(const std::string& text) {
  std::size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
  if (!unsignedInteger(text, i, 18)) return false;
  if (i == text.size()) return true;
  if (text[i++] != '.' || i == text.size()) return false;
  while (i < text.size() && digit(text[i])) ++i;
  return i == text.size();
}

bool isFhirInteger(const std::string& text) {
  std::size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
  return unsignedInteger(text, i, 9) && i == text.size();
}

bool isCurrencyCode(const std::string& text) {
  if (text.size() != 3) return false;
  for (char c : text)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

bool isUtcOffset(const std::string& text) {
  if (text == "Z") return true;
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return false;
  if (!digit(text[1]) || !digit(text[2]) || !digit(text[4]) || !digit(text[5])) return false;
  int hours = (text[1] - '0') * 10 + (text[2] - '0');
  int minutes = (text[4] - '0') * 10 + (text[5] - '0');
  return minutes < 60 && (hours < 14 || (hours == 14 && minutes == 0));
}

bool isPartnerId(const std::string& text) {
  if (text.empty() || !std::isalnum(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

}  // namespace gw::xmlmap
