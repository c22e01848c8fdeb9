// gatewayctl check-config FILE
// Parses the configuration, then, as a dry run, loads its plugin folder with the daemon's host and creates
// each partner's adapter instance once (copies go to a temporary cache; nothing is served). A partner the
// daemon would leave unrouted (adapter not loaded, options refused, a missing or broken mapping file) is an
// error naming the partner and the reason, so that it is found before a reload and not after.
#include <Poco/TemporaryFile.h>

#include <iostream>

#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"
#include "plugin/PluginHost.hpp"
#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

namespace {

// One issue per partner whose adapter instance could not be created, at the partner's block.
std::vector<gw::ConfigIssue> unroutedPartners(const gw::GatewayConfig& config) {
  Poco::TemporaryFile cacheFolder;  // the copies loaded by this check, removed when it ends
  gw::PluginsConfig plugins = config.plugins;
  plugins.cacheFolder = cacheFolder.path();
  gw::PluginHost host(plugins);
  host.configure(std::make_shared<const gw::GatewayConfig>(config));
  auto snapshot = host.snapshot();
  std::vector<gw::ConfigIssue> issues;
  auto check = [&](const std::vector<gw::PartnerConfig>& partners, const std::string& section) {
    for (std::size_t i = 0; i < partners.size(); ++i) {
      const gw::PartnerConfig& p = partners[i];
      if (snapshot->partner(p.id)) continue;
      issues.push_back({config.file, p.line, p.column, section + "[" + std::to_string(i) + "]",
                        "partner '" + p.id + "' cannot be routed: " + snapshot->unroutedReason(p.id)});
    }
  };
  check(config.hospitals, "hospitals");
  check(config.insurers, "insurers");
  // A refused plugin file explains an adapter that is "not loaded".
  if (!issues.empty())
    for (const auto& refusal : snapshot->refusals())
      issues.push_back({refusal.file, 0, 0, "", "plugin refused (" + refusal.code + "): " + refusal.reason});
  return issues;
}

}  // namespace

int checkConfig(const std::vector<std::string>& args) {
  if (args.size() != 1) throw UsageError("expects exactly one FILE");
  std::vector<gw::ConfigIssue> issues;
  try {
    issues = unroutedPartners(gw::loadConfig(args[0]));
  } catch (const gw::ConfigError& e) {
    std::cout << e.what() << "\n";
    return 1;
  }
  if (!issues.empty()) {
    std::cout << gw::ConfigError(issues).what() << "\n";
    return 1;
  }
  std::cout << "OK\n";
  return 0;
}

}  // namespace gwctl
