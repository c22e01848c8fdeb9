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
  auto loaded = configFromArguments(args, 1);
  if (!loaded) return 1;
  const gw::GatewayConfig& config = *loaded;
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
