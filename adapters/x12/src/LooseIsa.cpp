// Counts 16 element separators from offset 3; ISA16 is the one byte after the last, the terminator the next.
#include "LooseIsa.hpp"

#include <gw/kit/Text.hpp>

#include <cctype>

namespace gw::x12 {

namespace {

// Longer than any ISA, even with padded fields; a separator further away means this is not one.
constexpr std::size_t kSearchLimit = 256;

bool usableDelimiter(char c) {
  return !std::isalnum(static_cast<unsigned char>(c)) && c != ' ' && c != '\0';
}

}  // namespace

std::optional<LooseIsa> readLooseIsa(std::string_view text) {
  text = kit::withoutBom(text);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  if (text.size() < 4 || text.substr(0, 3) != "ISA" || !usableDelimiter(text[3])) return std::nullopt;
  LooseIsa loose;
  Delimiters& d = loose.delimiters;
  d.element = text[3];
  loose.isa.position = 1;
  loose.isa.elements = {"ISA"};
  std::size_t start = 4;
  for (std::size_t i = 4; i < text.size() && i < kSearchLimit && loose.isa.elements.size() < 16; ++i) {
    if (text[i] != d.element) continue;
    loose.isa.elements.emplace_back(text.substr(start, i - start));
    start = i + 1;
  }
  if (loose.isa.elements.size() < 16 || start + 1 >= text.size()) return std::nullopt;
  d.component = text[start];
  loose.isa.elements.emplace_back(1, d.component);
  const char terminator = text[start + 1];
  d.segment = usableDelimiter(terminator) && terminator != d.element && terminator != d.component ? terminator : '\0';
  const std::string& isa11 = loose.isa.at(11);
  d.repetition = isa11.size() == 1 && usableDelimiter(isa11[0]) ? isa11[0] : '\0';
  return loose;
}

}  // namespace gw::x12
