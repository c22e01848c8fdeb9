// AckTemplate.hpp: the acknowledgement a mapping file writes as text with placeholders:
// ${message_id} ${outcome} (AA/AE/AR) ${text} ${timestamp} ${error_location} ${warnings}. Values are XML-escaped
// when the content type is XML, so a reason containing '<' cannot break the partner's parser.
#pragma once

#include <optional>
#include <string>

namespace gw::xmlmap {

struct AckValues {
  std::string messageId;
  std::string outcome;  // AA, AE or AR
  std::string text;
  std::string timestamp;  // UTC, ISO 8601
  std::string errorLocation;
  std::string warnings{};  // an accepted message's defects (lenient validation): "field: what; field: what"
};

// Empty when every ${…} in `templateText` is a known placeholder; else what is wrong.
std::optional<std::string> checkAckTemplate(const std::string& templateText);

std::string renderAck(const std::string& templateText, const std::string& contentType, const AckValues& values);

}  // namespace gw::xmlmap
