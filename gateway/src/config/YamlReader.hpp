// Typed, position-aware access to a YAML tree: every problem becomes a ConfigIssue with file:line:column.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/ConfigError.hpp"

namespace gw {

class YamlReader {
 public:
  YamlReader(std::string file, std::vector<ConfigIssue>& issues) : file_(std::move(file)), issues_(issues) {}

  const std::string& file() const { return file_; }

  // True when `node` is a mapping; reports keys outside `allowed` and keys given twice.
  bool mapping(const YAML::Node& node, const std::string& path, const std::vector<std::string>& allowed);
  bool sequence(const YAML::Node& node, const std::string& path);

  std::optional<std::string> text(const YAML::Node& map, const std::string& path, const std::string& key,
                                  bool required);
  std::optional<std::int64_t> integer(const YAML::Node& map, const std::string& path, const std::string& key,
                                      bool required, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(const YAML::Node& map, const std::string& path, const std::string& key, bool required);
  // One of a fixed set of words.
  std::optional<std::string> choice(const YAML::Node& map, const std::string& path, const std::string& key,
                                    bool required, const std::vector<std::string>& words);

  // The scalar's text after ${ENV} / ${ENV:-default} substitution; reports unset variables.
  std::optional<std::string> scalar(const YAML::Node& node, const std::string& path);

  void error(const YAML::Node& at, const std::string& path, const std::string& message);
  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

 private:
  std::string file_;
  std::vector<ConfigIssue>& issues_;
};

// Replaces ${NAME} and ${NAME:-default}; returns the first unset name in `missing` (and leaves it empty).
std::string substituteEnvironment(const std::string& text, std::string& missing);

}  // namespace gw
