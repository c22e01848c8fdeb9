// XPathText.cpp: see XPathText.hpp.
#include "XPathText.hpp"

namespace gw::xmlmap {

namespace {

const std::string kChildAxis = "child::";

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

XPathText XPathText::from(const std::string& written) {
  XPathText out;
  out.written = written;
  std::string& expression = out.expression;
  for (std::size_t i = 0; i < written.size();) {
    const char c = written[i];
    if (c == '\'' || c == '"') {  // a literal runs to the next quote of its kind; XPath 1.0 has no escapes
      std::size_t close = written.find(c, i + 1);
      std::size_t end = close == std::string::npos ? written.size() : close + 1;
      expression.append(written, i, end - i);
      i = end;
    } else if (c == '/' && i + 1 < written.size() && written[i + 1] == '/') {
      expression += "//";  // after '//' libxml2 parses any name
      i += 2;
    } else if (c == '/') {
      std::size_t name = i + 1;
      while (name < written.size() && isBlank(written[name])) ++name;
      expression.append(written, i, name - i);
      if (name < written.size() && static_cast<unsigned char>(written[name]) >= 0x80) {
        expression += kChildAxis;
        out.childAxisAt.push_back(name);
      }
      i = name;
    } else {
      expression += c;
      ++i;
    }
  }
  return out;
}

std::size_t XPathText::writtenCharacter(std::size_t offset) const {
  std::size_t byte = offset;
  for (std::size_t at : childAxisAt) {
    if (byte < at) break;
    byte = byte < at + kChildAxis.size() ? at : byte - kChildAxis.size();
  }
  std::size_t characters = 0;
  for (std::size_t i = 0; i < byte && i < written.size(); ++i)
    if ((static_cast<unsigned char>(written[i]) & 0xC0) != 0x80) ++characters;  // not a UTF-8 continuation
  return characters + 1;
}

}  // namespace gw::xmlmap
