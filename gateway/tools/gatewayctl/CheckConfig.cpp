// gatewayctl check-config FILE
#include <iostream>

#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"
#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

int checkConfig(const std::vector<std::string>& args) {
  if (args.size() != 1) throw UsageError("expects exactly one FILE");
  try {
    gw::loadConfig(args[0]);
  } catch (const gw::ConfigError& e) {
    std::cout << e.what() << "\n";
    return 1;
  }
  std::cout << "OK\n";
  return 0;
}

}  // namespace gwctl
