// The HTTP surface over real loopback: health, readiness, metrics, errors, limits and draining.
#include <gtest/gtest.h>

#include <Poco/File.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/Thread.h>

#include <atomic>
#include <cstdlib>
#include <chrono>
#include <thread>

#include <future>
#include <regex>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"
#include "http/HttpServer.hpp"

namespace {

gw::GatewayConfig testConfig(const gwtest::TempDir& dir, std::size_t maxBody = 4096) {
  std::string text = "server:\n  listen: 127.0.0.1:0\n  threads: 4\n  max_body_bytes: " + std::to_string(maxBody) +
                     "\n  admin_key_sha256: " + gwtest::sha256(gwtest::kAdminKey) +
                     "\nstore:\n  sqlite:\n    path: " + dir.file("gw.db") +
                     "\nhospitals:\n  - {id: sh-intl, key_sha256: " + gwtest::sha256("h") + ", adapter: hl7v2}\n";
  return gw::parseConfig(text, dir.file("gateway.yaml"));
}

class GatewayHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    gateway_ = std::make_unique<gw::Gateway>(testConfig(dir_));
    gateway_->start();
  }
  void TearDown() override { gateway_.reset(); }
  std::uint16_t port() const { return gateway_->port(); }

  gwtest::TempDir dir_;
  std::unique_ptr<gw::Gateway> gateway_;
};

TEST_F(GatewayHttp, HealthzAnswersUp) {
  auto r = gwtest::httpCall(port(), "GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"up\""), std::string::npos);
}

TEST_F(GatewayHttp, ReadyzReportsTheStore) {
  auto r = gwtest::httpCall(port(), "GET", "/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"store\":\"ok\""), std::string::npos) << r.body;
}

TEST_F(GatewayHttp, ReadyzIsUnavailableWhenACheckFails) {
  gateway_->context().readiness.push_back({"plugins", [](std::string& why) {
                                             why = "no plugin loaded";
                                             return false;
                                           }});
  auto r = gwtest::httpCall(port(), "GET", "/readyz");
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("no plugin loaded"), std::string::npos);
}

TEST_F(GatewayHttp, MetricsAreValidPrometheusTextAndCountRequests) {
  gwtest::httpCall(port(), "GET", "/healthz");
  gwtest::httpCall(port(), "GET", "/nowhere/at/all");
  auto r = gwtest::httpCall(port(), "GET", "/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["Content-Type"], "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(r.body.find("gateway_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("route=\"unmatched\",method=\"GET\",status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(r.body.find("gateway_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 1"),
            std::string::npos);
  EXPECT_NE(r.body.find("gateway_build_info{"), std::string::npos);
  EXPECT_NE(r.body.find("gateway_store_errors_total 0"), std::string::npos);
  // Every line is a comment or `name{labels} value`, as the exposition format requires.
  std::regex sample(R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*",?)*\})? [-+0-9.eE]+(Inf)?$)");
  std::istringstream lines(r.body);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) continue;
    EXPECT_TRUE(std::regex_match(line, sample)) << line;
  }
}

TEST_F(GatewayHttp, UnknownRouteIs404WithJsonError) {
  auto r = gwtest::httpCall(port(), "GET", "/v1/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.headers["Content-Type"], "application/json");
  EXPECT_NE(r.body.find(R"({"error":{"code":"not_found")"), std::string::npos) << r.body;
}

TEST_F(GatewayHttp, WrongMethodIs405WithAllow) {
  auto r = gwtest::httpCall(port(), "DELETE", "/healthz");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["Allow"], "GET");
  EXPECT_NE(r.body.find("method_not_allowed"), std::string::npos);
}

TEST_F(GatewayHttp, OversizeBodyIs413BeforeTheHandlerRuns) {
  auto r = gwtest::httpCall(port(), "POST", "/v1/admin/partners", std::string(5000, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("body_too_large"), std::string::npos);
}

TEST_F(GatewayHttp, AdminRoutesNeedTheAdminKey) {
  EXPECT_EQ(gwtest::httpCall(port(), "GET", "/v1/admin/partners").status, 401);
  EXPECT_EQ(gwtest::httpCall(port(), "GET", "/v1/admin/partners", "", {{"X-API-Key", "wrong"}}).status, 401);
  auto r = gwtest::httpCall(port(), "GET", "/v1/admin/partners", "", {{"X-API-Key", gwtest::kAdminKey}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"id\":\"sh-intl\""), std::string::npos) << r.body;
  auto bearer = gwtest::httpCall(port(), "GET", "/v1/admin/partners", "",
                                 {{"Authorization", std::string("Bearer ") + gwtest::kAdminKey}});
  EXPECT_EQ(bearer.status, 200);
}

TEST_F(GatewayHttp, ReloadAppliesPartnerSectionsAndRefusesBadFiles) {
  std::string good = "hospitals:\n  - {id: bj-union, key_sha256: " + gwtest::sha256("k") + ", adapter: cda}\n";
  gwtest::writeFile(dir_.file("next.yaml"), good);
  std::string errors;
  EXPECT_TRUE(gateway_->reload(dir_.file("next.yaml"), errors)) << errors;
  auto r = gwtest::httpCall(port(), "GET", "/v1/admin/partners", "", {{"X-API-Key", gwtest::kAdminKey}});
  EXPECT_NE(r.body.find("bj-union"), std::string::npos);
  EXPECT_EQ(r.body.find("sh-intl"), std::string::npos);

  gwtest::writeFile(dir_.file("bad.yaml"), "hospitals:\n  - {id: x, adaptr: cda}\n");
  EXPECT_FALSE(gateway_->reload(dir_.file("bad.yaml"), errors));
  EXPECT_NE(errors.find("bad.yaml:2:"), std::string::npos) << errors;
  r = gwtest::httpCall(port(), "GET", "/v1/admin/partners", "", {{"X-API-Key", gwtest::kAdminKey}});
  EXPECT_NE(r.body.find("bj-union"), std::string::npos);
}

TEST(HttpServerDrain, StopLetsRequestsInFlightFinish) {
  gw::ServerConfig config;
  config.port = 0;
  config.threads = 2;
  gw::Router router;
  router.add("GET", "/slow", [](gw::Request& request) {
    Poco::Thread::sleep(700);
    request.send(200, "text/plain", "done");
  });
  gw::Metrics metrics;
  gw::HttpServer server(config, router, metrics);
  server.start();
  auto pending = std::async(std::launch::async, [&] { return gwtest::httpCall(server.port(), "GET", "/slow"); });
  while (server.inFlight() == 0) Poco::Thread::sleep(5);
  server.stop(4);
  auto result = pending.get();
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "done");
}

// Poco gives each connection a thread until it closes. With more busy keep-alive clients than threads,
// a newcomer (a health probe, another hospital) must still get an answer: connections close after
// server.max_keep_alive_requests and the queue moves.
TEST(HttpServerKeepAlive, ClientsBeyondTheThreadCountAreStillServed) {
  gw::ServerConfig config;
  config.port = 0;
  config.threads = 2;
  config.maxKeepAliveRequests = 20;
  gw::Router router;
  router.add("GET", "/ping", [](gw::Request& request) { request.send(200, "text/plain", "pong"); });
  gw::Metrics metrics;
  gw::HttpServer server(config, router, metrics);
  server.start();
  std::atomic<bool> stop{false};
  std::vector<std::thread> busy;
  for (int i = 0; i < 4; ++i)
    busy.emplace_back([&] {
      Poco::Net::HTTPClientSession session("127.0.0.1", server.port());
      session.setKeepAlive(true);
      while (!stop) {
        try {
          Poco::Net::HTTPRequest request("GET", "/ping", Poco::Net::HTTPMessage::HTTP_1_1);
          request.setKeepAlive(true);
          session.sendRequest(request);
          Poco::Net::HTTPResponse response;
          Poco::NullOutputStream discard;
          Poco::StreamCopier::copyStream(session.receiveResponse(response), discard);
        } catch (const Poco::Exception&) {
          session.reset();  // closed by the server after its request limit: reconnect
        }
      }
    });
  Poco::Thread::sleep(200);  // every thread now serves a keep-alive client, two more are queued
  const auto started = std::chrono::steady_clock::now();
  auto probe = gwtest::httpCall(server.port(), "GET", "/ping");
  const auto waited = std::chrono::steady_clock::now() - started;
  stop = true;
  for (auto& thread : busy) thread.join();
  EXPECT_EQ(probe.status, 200);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count(), 2000)
      << "a new client waited for a keep-alive connection to time out";
  server.stop(1);
}

// Issue 13 (low): /readyz said "store: ok" while the disk was full and no message could be committed.
TEST(GatewayReadiness, ReadyzIsUnavailableWhenTheStoresDiskIsFull) {
  gwtest::TempDir dir;
  const std::string disk = dir.file("disk");
  Poco::File(disk).createDirectories();
  if (std::system(("mount -t tmpfs -o size=40m tmpfs " + disk + " 2>/dev/null").c_str()) != 0)
    GTEST_SKIP() << "cannot mount a small tmpfs here (needs root): the full-disk check is not exercised";
  struct Unmount {
    std::string path;
    ~Unmount() { std::system(("umount " + path).c_str()); }
  } unmount{disk};
  std::string text = "server:\n  listen: 127.0.0.1:0\n  max_body_bytes: 1048576\nstore:\n  sqlite:\n    path: " + disk +
                     "/gw.db\n";
  {
    gw::Gateway gateway(gw::parseConfig(text, dir.file("gateway.yaml")));
    gateway.start();
    EXPECT_EQ(gwtest::httpCall(gateway.port(), "GET", "/readyz").status, 200);
    gwtest::writeFile(disk + "/filler", std::string(30u << 20, 'x'));  // leaves ~10 MiB: under 2 x 1 MiB + 16 MiB
    auto r = gwtest::httpCall(gateway.port(), "GET", "/readyz");
    EXPECT_EQ(r.status, 503);
    EXPECT_NE(r.body.find("MiB free"), std::string::npos) << r.body;
  }
}

}  // namespace
