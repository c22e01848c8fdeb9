// A small reader for the four location forms; anything else names no segment.
#include "ErrorLocation.hpp"

#include <cctype>

namespace gw::x12 {

namespace {

bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// The digits at the start of `text`, consumed; 0 when there are none.
std::size_t leadingNumber(std::string_view& text) {
  std::size_t value = 0, used = 0;
  while (used < text.size() && used < 9 && std::isdigit(static_cast<unsigned char>(text[used])))
    value = value * 10 + static_cast<std::size_t>(text[used++] - '0');
  text.remove_prefix(used);
  return value;
}

}  // namespace

ErrorLocation errorLocationOf(std::string_view text) {
  ErrorLocation location;
  if (!startsWith(text, "segment ")) return location;
  text.remove_prefix(8);
  location.segment = leadingNumber(text);
  if (startsWith(text, " (")) {
    // "(CLP) element 4"
    std::size_t close = text.find(')');
    if (close == std::string_view::npos) return location;
    text.remove_prefix(close + 1);
    if (startsWith(text, " element ")) {
      text.remove_prefix(9);
      location.element = leadingNumber(text);
    } else if (startsWith(text, " missing ")) {
      location.missing = std::string(text.substr(9));
    }
  } else if (startsWith(text, " ")) {
    // "CLP03", "N103": the segment id, then the element in two digits
    text.remove_prefix(1);
    std::string_view name = text.substr(0, text.find(' '));
    if (name.size() > 2 && std::isdigit(static_cast<unsigned char>(name[name.size() - 2])) &&
        std::isdigit(static_cast<unsigned char>(name.back())))
      location.element = static_cast<std::size_t>((name[name.size() - 2] - '0') * 10 + (name.back() - '0'));
  }
  return location;
}

}  // namespace gw::x12
