// AckTemplate.cpp: see AckTemplate.hpp.
#include "AckTemplate.hpp"

#include <gw/kit/Text.hpp>

#include <algorithm>
#include <cctype>

namespace gw::xmlmap {

namespace {

const char* const kPlaceholders[] = {"message_id", "outcome", "text", "timestamp", "error_location", "warnings"};

}  // namespace

std::optional<std::string> checkAckTemplate(const std::string& templateText) {
  std::size_t pos = 0;
  while ((pos = templateText.find("${", pos)) != std::string::npos) {
    std::size_t end = templateText.find('}', pos);
    if (end == std::string::npos) return "unclosed '${' in the template";
    std::string name = templateText.substr(pos + 2, end - pos - 2);
    if (std::find(std::begin(kPlaceholders), std::end(kPlaceholders), name) == std::end(kPlaceholders))
      return "unknown placeholder ${" + name +
             "} (known: ${message_id} ${outcome} ${text} ${timestamp} ${error_location} ${warnings})";
    pos = end + 1;
  }
  return std::nullopt;
}

std::string renderAck(const std::string& templateText, const std::string& contentType, const AckValues& values) {
  const bool escape = kit::isXmlMediaType(contentType);
  std::string out;
  std::size_t pos = 0;
  while (true) {
    std::size_t start = templateText.find("${", pos);
    if (start == std::string::npos) break;
    std::size_t end = templateText.find('}', start);
    if (end == std::string::npos) break;
    out += templateText.substr(pos, start - pos);
    std::string name = templateText.substr(start + 2, end - start - 2);
    std::string value = name == "message_id"       ? values.messageId
                        : name == "outcome"        ? values.outcome
                        : name == "text"           ? values.text
                        : name == "timestamp"      ? values.timestamp
                        : name == "error_location" ? values.errorLocation
                        : name == "warnings"       ? values.warnings
                                                   : "";
    out += escape ? kit::xmlEscaped(value) : value;
    pos = end + 1;
  }
  return out + templateText.substr(pos);
}

}  // namespace gw::xmlmap
