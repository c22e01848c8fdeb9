// gatewayctl partners [--config FILE]: every configured partner with its adapter, whether the plugin
// folder serves it (and why not), and its credential fingerprint (never the key).
#include <Poco/TemporaryFile.h>

#include <iomanip>
#include <iostream>

#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"
#include "http/ApiKey.hpp"
#include "plugin/PluginHost.hpp"
#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

int listPartners(const std::vector<std::string>& args) {
  auto loaded = configFromArguments(args);
  if (!loaded) return 1;
  auto config = std::make_shared<const gw::GatewayConfig>(*loaded);
  // The daemon's host on the configured folder, with copies in a folder of our own.
  Poco::TemporaryFile cache;  // removed when the command ends, after the host below
  gw::PluginsConfig plugins = config->plugins;
  plugins.cacheFolder = cache.path();
  gw::PluginHost host(plugins);
  host.configure(config);
  auto routes = host.snapshot();
  int unrouted = 0;
  std::cout << std::left << std::setw(9) << "KIND" << std::setw(22) << "ID" << std::setw(14) << "ADAPTER"
            << std::setw(22) << "KEY" << "STATUS\n";
  auto show = [&](const std::vector<gw::PartnerConfig>& partners, const char* kind) {
    for (const auto& p : partners) {
      auto instance = routes->partner(p.id);
      std::string status = instance ? "routed (" + instance->pluginName() + " " + instance->adapterVersion() + ")"
                                    : "UNROUTED: " + routes->unroutedReason(p.id);
      if (!instance) ++unrouted;
      std::cout << std::setw(9) << kind << std::setw(22) << p.id << std::setw(14) << p.adapter << std::setw(22)
                << gw::keyFingerprint(p.keySha256) << status << "\n";
    }
  };
  show(config->hospitals, "hospital");
  show(config->insurers, "insurer");
  return unrouted == 0 ? 0 : 1;
}

}  // namespace gwctl
