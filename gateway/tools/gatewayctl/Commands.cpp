#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"check-config", "check-config FILE",
       "Validates a configuration file, then creates each partner's adapter instance once from the configured "
       "plugin folder (a dry run); prints OK or every error.",
       checkConfig},
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
      {"partners", "partners [--config FILE]",
       "Lists the configured partners, their adapters and key fingerprints, and whether the plugin folder serves "
       "them. Exit 1 when one is unrouted.",
       listPartners},
      {"replay", "replay --hospital ID --adapter NAME [--plugins DIR] [--since T] [--config FILE]",
       "Dry-runs an adapter over the messages stored for a hospital and reports each output that differs from "
       "the stored one (the shadow test before switching a partner). Exit 1 on any difference or failure.",
       replayMessages},
      {"new-plugin", "new-plugin NAME DIR",
       "Scaffolds a buildable out-of-tree hospital adapter project on the adapter kit (find_package(GatewayPluginSdk), "
       "gw_add_adapter) with its own test and the SDK's adapter ABI suite.",
       newPlugin},
  };
  return all;
}

}  // namespace gwctl
