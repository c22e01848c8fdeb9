#include "intake/Er7Header.hpp"

#include <algorithm>

namespace gw {

std::vector<std::string> er7HeaderFields(std::string_view segment, std::string_view name) {
  std::vector<std::string> fields;
  if (segment.size() < 8 || segment.substr(0, 3) != name) return fields;
  const char separator = segment[3];
  const std::string_view line = segment.substr(0, std::min(segment.find_first_of("\r\n"), std::size_t{4096}));
  fields.emplace_back(name);
  fields.emplace_back(1, separator);
  std::size_t at = 4;
  while (at <= line.size()) {
    const std::size_t end = std::min(line.find(separator, at), line.size());
    fields.emplace_back(line.substr(at, end - at));
    at = end + 1;
  }
  return fields;
}

std::string er7PlainText(std::string_view text, std::size_t limit) {
  std::string out;
  for (char c : text.substr(0, limit)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || c == '|' || c == '^' || c == '~' || c == '\\' || c == '&') ? ' ' : c;
  }
  return out;
}

}  // namespace gw
