// The watch thread: a new file is routed, a changed file replaces its predecessor, and a removed file unroutes
// its partners, each within 2 seconds at the default watch interval.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "PluginFixtures.hpp"
#include "plugin/PluginHost.hpp"

namespace {

using namespace gwtest;

bool within2Seconds(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

TEST(FolderWatch, NewChangedAndRemovedFilesArePickedUpWithinTwoSeconds) {
  TempDir dir;
  auto config = std::make_shared<const gw::GatewayConfig>(pluginConfig(dir, hospital("sh-watch", "echo")));
  ASSERT_EQ(config->plugins.watchIntervalMs, 1000);
  gw::PluginHost host(config->plugins);
  host.configure(config);
  host.startWatching();
  EXPECT_EQ(host.snapshot()->unroutedReason("sh-watch"), "adapter 'echo' is not loaded");

  installPlugin(GW_ECHO_V1, dir.file("plugins/echo.so"));
  EXPECT_TRUE(within2Seconds([&] { return host.snapshot()->partner("sh-watch") != nullptr; }));

  installPlugin(GW_ECHO_V2, dir.file("plugins/echo.so"));
  EXPECT_TRUE(within2Seconds([&] {
    auto instance = host.snapshot()->partner("sh-watch");
    return instance && instance->adapterVersion() == "2.0.0";
  }));

  Poco::File(dir.file("plugins/echo.so")).remove();
  EXPECT_TRUE(within2Seconds([&] { return host.snapshot()->partner("sh-watch") == nullptr; }));
  EXPECT_EQ(host.snapshot()->unroutedReason("sh-watch"), "adapter 'echo' is not loaded");
  EXPECT_TRUE(host.snapshot()->plugins().empty());
}

}  // namespace
