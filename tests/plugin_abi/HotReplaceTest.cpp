// Hot replace under load: 8 clients translate continuously over loopback while the plugin file is replaced
// 50 times with alternating v1/v2 builds. No request may fail, and afterwards one copy stays mapped.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

#include "PluginFixtures.hpp"
#include "app/Gateway.hpp"

namespace {

using namespace gwtest;
using namespace std::chrono_literals;

// Stops and joins the client threads however the test body ends.
class ClientThreads {
 public:
  ~ClientThreads() { stop(); }
  template <class Body>
  void start(int count, Body body) {
    for (int i = 0; i < count; ++i) threads_.emplace_back([this, body] {
        while (!stopping_) body();
      });
  }
  void stop() {
    stopping_ = true;
    for (auto& thread : threads_) thread.join();
    threads_.clear();
  }

 private:
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_;
};

TEST(HotReplace, FiftyReplacementsUnderLoadLoseNoRequestAndLeaveOneCopyMapped) {
  TempDir dir;
  Poco::File(dir.file("plugins")).createDirectories();
  installPlugin(GW_ECHO_V1, dir.file("plugins/echo.so"));
  gw::Gateway gateway(pluginConfig(dir, hospital("sh-hot", "echo", "      tag: hot\n")));
  gateway.start();
  const std::uint16_t port = gateway.port();
  const std::map<std::string, std::string> admin{{"X-API-Key", kAdminKey}};

  std::atomic<int> fromV1{0}, fromV2{0}, failed{0};
  std::mutex failureMutex;
  std::string firstFailure;
  ClientThreads clients;
  clients.start(8, [&] {
    std::string failure;
    try {
      auto r = httpCall(port, "POST", "/v1/admin/partners/sh-hot/translate", kEchoMessage, admin);
      const bool v1 = r.body.find(R"("tag":[{"code":"hot"}])") != std::string::npos &&
                      r.headers["X-Gateway-Adapter"] == "echo/1.0.0";
      const bool v2 = r.body.find(R"("tag":[{"code":"hot"},{"code":"v2"}])") != std::string::npos &&
                      r.headers["X-Gateway-Adapter"] == "echo/2.0.0";
      if (r.status == 200 && v1) ++fromV1;
      else if (r.status == 200 && v2) ++fromV2;
      else failure = std::to_string(r.status) + " " + r.headers["X-Gateway-Adapter"] + " " + r.body;
    } catch (const std::exception& e) {
      failure = e.what();
    }
    if (!failure.empty()) {
      ++failed;
      std::lock_guard<std::mutex> lock(failureMutex);
      if (firstFailure.empty()) firstFailure = failure;
    }
  });

  for (int i = 0; i < 50; ++i) {
    const bool v2 = i % 2 == 0;
    installPlugin(v2 ? GW_ECHO_V2 : GW_ECHO_V1, dir.file("plugins/echo.so"));
    auto reload = httpCall(port, "POST", "/v1/admin/plugins/reload", "", admin, "application/json");
    EXPECT_EQ(reload.status, 200) << reload.body;
    auto instance = gateway.plugins().snapshot()->partner("sh-hot");
    EXPECT_TRUE(instance && instance->adapterVersion() == (v2 ? "2.0.0" : "1.0.0")) << "replacement " << i;
    std::this_thread::sleep_for(20ms);
  }
  clients.stop();
  std::cout << "hot replace: 50 replacements, " << fromV1.load() + fromV2.load() << " requests answered ("
            << fromV1.load() << " by v1, " << fromV2.load() << " by v2), " << failed.load() << " failed\n";

  EXPECT_EQ(failed.load(), 0) << firstFailure;
  EXPECT_GT(fromV1.load(), 0);
  EXPECT_GT(fromV2.load(), 0);
  // The last request may still be unwinding in a server thread when its answer arrives: allow it to finish.
  const std::string cache = dir.file("cache");
  for (int waited = 0; waited < 200 && (gw::mappedFilesUnder(cache) != 1 || gw::PluginLibrary::alive() != 1); ++waited)
    std::this_thread::sleep_for(10ms);
  EXPECT_EQ(gw::mappedFilesUnder(cache), 1);
  EXPECT_EQ(gw::PluginLibrary::alive(), 1);
  std::cout << "answers from v1: " << fromV1 << ", from v2: " << fromV2 << "\n";
}

}  // namespace
