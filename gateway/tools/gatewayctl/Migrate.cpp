// gatewayctl migrate [--config FILE]
#include <iostream>

#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"
#include "store/Database.hpp"
#include "store/Migrations.hpp"
#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

int migrateStore(const std::vector<std::string>& args) {
  auto loaded = configFromArguments(args, 0);
  if (!loaded) return 1;
  const gw::GatewayConfig& config = *loaded;
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
