// The configuration most subcommands take: `--config FILE` (default conf/gateway.yaml), loaded and
// validated, with every error printed.
#include <iostream>

#include "config/ConfigError.hpp"
#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

std::optional<gw::GatewayConfig> configFromArguments(const std::vector<std::string>& args, std::size_t first) {
  std::string path = "conf/gateway.yaml";
  for (std::size_t i = first; i < args.size(); ++i) {
    if (args[i] == "--config" && i + 1 < args.size())
      path = args[++i];
    else
      throw UsageError("unexpected argument '" + args[i] + "'");
  }
  try {
    return gw::loadConfig(path);
  } catch (const gw::ConfigError& e) {
    std::cout << e.what() << "\n";
    return std::nullopt;
  }
}

}  // namespace gwctl
