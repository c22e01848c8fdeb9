#include "config/ConfigError.hpp"

namespace gw {

std::string ConfigIssue::toString() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += ": ";
  if (!key.empty()) out += "'" + key + "': ";
  out += message;
  return out;
}

static std::string joinIssues(const std::vector<ConfigIssue>& issues) {
  std::string out;
  for (const auto& issue : issues) {
    if (!out.empty()) out += "\n";
    out += issue.toString();
  }
  return out;
}

ConfigError::ConfigError(std::vector<ConfigIssue> issues)
    : std::runtime_error(joinIssues(issues)), issues_(std::move(issues)) {}

}  // namespace gw
