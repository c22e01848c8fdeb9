#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"check-config", "check-config FILE", "Validates a configuration file; prints OK or every error.", checkConfig},
      {"migrate", "migrate [--config FILE]", "Brings the configured store's schema up to date.", migrateStore},
      {"audit", "audit verify [--config FILE]", "Checks the audit log's hash chain; prints OK or the first broken row.",
       auditCommand},
      {"plugin", "plugin inspect FILE.so",
       "Runs the gateway's load checks on a plugin; prints its descriptor or why it is refused.", inspectPlugin},
      {"translate",
       "translate --plugins DIR --adapter NAME [--options FILE.yaml] [--encode] [--partner ID] [--content-type TYPE] "
       "INPUT...",
       "Translates files with an adapter as the gateway would: partner format to canonical JSON on stdout, or "
       "with --encode canonical JSON to the partner format. Exit 0 translated, 1 rejected.",
       translate},
  };
  return all;
}

}  // namespace gwctl
