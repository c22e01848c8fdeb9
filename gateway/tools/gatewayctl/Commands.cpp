#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"check-config", "check-config FILE", "Validates a configuration file; prints OK or every error.", checkConfig},
      {"migrate", "migrate [--config FILE]", "Brings the configured store's schema up to date.", migrateStore},
      {"audit", "audit verify [--config FILE]", "Checks the audit log's hash chain; prints OK or the first broken row.",
       auditCommand},
  };
  return all;
}

}  // namespace gwctl
