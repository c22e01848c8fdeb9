// gatewayctl migrate [--config FILE]
#include <iostream>

#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"
#include "store/Database.hpp"
#include "store/Migrations.hpp"
#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

int migrateStore(const std::vector<std::string>& args) {
  std::string path = "conf/gateway.yaml";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config" && i + 1 < args.size())
      path = args[++i];
    else
      throw UsageError("unexpected argument '" + args[i] + "'");
  }
  gw::GatewayConfig config;
  try {
    config = gw::loadConfig(path);
  } catch (const gw::ConfigError& e) {
    std::cout << e.what() << "\n";
    return 1;
  }
  gw::Database db(config.store);
  gw::MigrationReport report = gw::migrate(db);
  if (report.applied.empty()) {
    std::cout << "schema is up to date at version " << report.toVersion << "\n";
  } else {
    for (const auto& name : report.applied) std::cout << "applied " << name << "\n";
    std::cout << "schema now at version " << report.toVersion << "\n";
  }
  return 0;
}

}  // namespace gwctl
