// The `plugins` section: folder, cache_folder (default ../var/plugin-cache beside the file) and watch interval.
#include <gtest/gtest.h>

#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"

namespace {

TEST(PluginsConfig, CacheFolderDefaultsBesideTheFileAndResolvesRelativePaths) {
  auto defaults = gw::parseConfig("plugins:\n  folder: p\n", "/etc/gw/gateway.yaml");
  EXPECT_EQ(defaults.plugins.cacheFolder, "/etc/var/plugin-cache");
  auto set = gw::parseConfig("plugins:\n  folder: p\n  cache_folder: cache\n", "/etc/gw/gateway.yaml");
  EXPECT_EQ(set.plugins.cacheFolder, "/etc/gw/cache");
}

TEST(PluginsConfig, CacheFolderMustBeAText) {
  try {
    gw::parseConfig("plugins:\n  folder: p\n  cache_folder: [a]\n", "/etc/gw/gateway.yaml");
    FAIL() << "a list was accepted as cache_folder";
  } catch (const gw::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("3:17: 'plugins.cache_folder': must be a single value"), std::string::npos)
        << e.what();
  }
}

}  // namespace
