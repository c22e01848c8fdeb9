#include "config/YamlReader.hpp"

#include <cstdlib>
#include <set>

namespace gw {

std::string substituteEnvironment(const std::string& text, std::string& missing) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t start = text.find("${", pos);
    if (start == std::string::npos) {
      out += text.substr(pos);
      break;
    }
    std::size_t end = text.find('}', start + 2);
    if (end == std::string::npos) {
      out += text.substr(pos);
      break;
    }
    out += text.substr(pos, start - pos);
    std::string inner = text.substr(start + 2, end - start - 2);
    std::string name = inner;
    std::optional<std::string> fallback;
    if (auto dash = inner.find(":-"); dash != std::string::npos) {
      name = inner.substr(0, dash);
      fallback = inner.substr(dash + 2);
    }
    if (const char* value = std::getenv(name.c_str()); value != nullptr && *value != '\0') {
      out += value;
    } else if (fallback) {
      out += *fallback;
    } else if (missing.empty()) {
      missing = name;
    }
    pos = end + 1;
  }
  return out;
}

void YamlReader::error(const YAML::Node& at, const std::string& path, const std::string& message) {
  ConfigIssue issue;
  issue.file = file_;
  if (at.IsDefined() && at.Mark().line >= 0) {
    issue.line = at.Mark().line + 1;
    issue.column = at.Mark().column + 1;
  }
  issue.key = path;
  issue.message = message;
  issues_.push_back(std::move(issue));
}

bool YamlReader::mapping(const YAML::Node& node, const std::string& path, const std::vector<std::string>& allowed) {
  if (!node.IsMap()) {
    error(node, path, "must be a mapping");
    return false;
  }
  std::set<std::string> seen;
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    if (!seen.insert(key).second) {
      error(entry.first, join(path, key), "key given twice");
      continue;
    }
    bool known = false;
    for (const auto& name : allowed) known = known || name == key;
    if (!known) {
      std::string list;
      for (const auto& name : allowed) list += (list.empty() ? "" : ", ") + name;
      error(entry.first, join(path, key), "unknown key (expected one of: " + list + ")");
    }
  }
  return true;
}

bool YamlReader::sequence(const YAML::Node& node, const std::string& path) {
  if (!node.IsSequence()) {
    error(node, path, "must be a list");
    return false;
  }
  return true;
}

std::optional<std::string> YamlReader::scalar(const YAML::Node& node, const std::string& path) {
  if (!node.IsScalar()) {
    error(node, path, "must be a single value");
    return std::nullopt;
  }
  std::string missing;
  std::string value = substituteEnvironment(node.Scalar(), missing);
  if (!missing.empty()) {
    error(node, path, "environment variable " + missing + " is not set");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> YamlReader::text(const YAML::Node& map, const std::string& path, const std::string& key,
                                            bool required) {
  const std::string at = join(path, key);
  YAML::Node node = map[key];
  if (!node.IsDefined() || node.IsNull()) {
    if (required) error(map, at, "required key is missing");
    return std::nullopt;
  }
  return scalar(node, at);
}

std::optional<std::int64_t> YamlReader::integer(const YAML::Node& map, const std::string& path,
                                                const std::string& key, bool required, std::int64_t min,
                                                std::int64_t max) {
  const std::string at = join(path, key);
  auto value = text(map, path, key, required);
  if (!value) return std::nullopt;
  std::size_t used = 0;
  long long number = 0;
  try {
    number = std::stoll(*value, &used, 10);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != value->size()) {
    error(map[key], at, "must be a whole number, got '" + *value + "'");
    return std::nullopt;
  }
  if (number < min || number > max) {
    error(map[key], at, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return number;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& map, const std::string& path, const std::string& key,
                                        bool required) {
  auto value = text(map, path, key, required);
  if (!value) return std::nullopt;
  if (*value == "true" || *value == "yes" || *value == "on") return true;
  if (*value == "false" || *value == "no" || *value == "off") return false;
  error(map[key], join(path, key), "must be true or false, got '" + *value + "'");
  return std::nullopt;
}

std::optional<std::string> YamlReader::choice(const YAML::Node& map, const std::string& path, const std::string& key,
                                              bool required, const std::vector<std::string>& words) {
  auto value = text(map, path, key, required);
  if (!value) return std::nullopt;
  std::string list;
  for (const auto& word : words) {
    if (word == *value) return value;
    list += (list.empty() ? "" : ", ") + word;
  }
  error(map[key], join(path, key), "must be one of: " + list + "; got '" + *value + "'");
  return std::nullopt;
}

}  // namespace gw
