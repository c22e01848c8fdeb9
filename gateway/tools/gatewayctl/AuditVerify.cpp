// gatewayctl audit verify [--config FILE]
#include <iostream>

#include "audit/AuditLog.hpp"
#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"
#include "store/Database.hpp"
#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

int auditCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "verify") throw UsageError("expects the subcommand 'verify'");
  std::string path = "conf/gateway.yaml";
  for (std::size_t i = 1; i < args.size(); ++i) {
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
  gw::AuditVerification result = gw::AuditLog(db, true).verify();
  if (!result.intact) {
    std::cout << "BROKEN after " << result.rows - 1 << " intact rows: " << result.problem << "\n";
    return 1;
  }
  std::cout << "OK: " << result.rows << " rows, chain intact\n";
  return 0;
}

}  // namespace gwctl
