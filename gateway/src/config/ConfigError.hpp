// Configuration problems, each naming file:line:column and the key, collected before failing.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace gw {

struct ConfigIssue {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string key;  // dotted path, e.g. "hospitals[1].adapter"
  std::string message;

  std::string toString() const;
};

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<ConfigIssue> issues);
  const std::vector<ConfigIssue>& issues() const { return issues_; }

 private:
  std::vector<ConfigIssue> issues_;
};

}  // namespace gw
