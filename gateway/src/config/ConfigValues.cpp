#include "config/ConfigValues.hpp"

#include <Poco/Path.h>

#include <cctype>
#include <regex>

namespace gw {

std::string resolvePath(const std::string& configFile, const std::string& value) {
  Poco::Path path(value);
  if (path.isAbsolute()) return value;
  Poco::Path base(configFile);
  base.makeAbsolute();
  base.setFileName("");
  return base.resolve(path).toString();
}

bool parseListen(const std::string& text, std::string& host, std::uint16_t& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  long number = 0;
  try {
    std::size_t used = 0;
    number = std::stol(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1 || number < 0 || number > 65535) return false;
  } catch (const std::exception&) {
    return false;
  }
  host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  port = static_cast<std::uint16_t>(number);
  return true;
}

bool isSha256Hex(const std::string& text) {
  static const std::regex hex("^[0-9a-fA-F]{64}$");
  return std::regex_match(text, hex);
}

std::string fingerprintHex(const std::string& text) {
  std::string hex;
  for (char c : text)
    if (c != ':') hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return isSha256Hex(hex) ? hex : std::string();
}

}  // namespace gw
