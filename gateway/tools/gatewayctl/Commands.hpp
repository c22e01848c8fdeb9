// The table of gatewayctl subcommands; each lives in its own file.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/GatewayConfig.hpp"

namespace gwctl {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Command {
  std::string name;
  std::string synopsis;
  std::string summary;
  std::function<int(const std::vector<std::string>&)> run;
};

const std::vector<Command>& commands();

// Reads `--config FILE` from args[first…] (any other argument is a usage error) and loads it; prints
// every configuration error and returns nothing when the file is not valid.
std::optional<gw::GatewayConfig> configFromArguments(const std::vector<std::string>& args, std::size_t first = 0);

// Subcommands (one file each).
int checkConfig(const std::vector<std::string>& args);
int migrateStore(const std::vector<std::string>& args);
int auditCommand(const std::vector<std::string>& args);
int inspectPlugin(const std::vector<std::string>& args);
int translate(const std::vector<std::string>& args);
int listPartners(const std::vector<std::string>& args);
int replayMessages(const std::vector<std::string>& args);
int newPlugin(const std::vector<std::string>& args);

}  // namespace gwctl
