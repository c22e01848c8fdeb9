#include "common/ReasonText.hpp"

namespace gw {

namespace {

bool opensQuote(const std::string& text, std::size_t at) {
  if (text[at] != '\'' && text[at] != '"') return false;
  if (at == 0) return true;
  const char before = text[at - 1];
  return before == ' ' || before == '(' || before == ':' || before == ',' || before == '=' || before == '[';
}

}  // namespace

std::string withoutValues(const std::string& reason) {
  std::string out;
  out.reserve(reason.size());
  for (std::size_t at = 0; at < reason.size();) {
    if (!opensQuote(reason, at)) {
      out += reason[at++];
      continue;
    }
    const char quote = reason[at];
    const std::size_t close = reason.find(quote, at + 1);
    if (close == std::string::npos) {  // unterminated: everything after it may be a value
      out += quote;
      out += "\xE2\x80\xA6";
      break;
    }
    out += quote;
    if (close > at + 1) out += "\xE2\x80\xA6";
    out += quote;
    at = close + 1;
  }
  return out;
}

}  // namespace gw
