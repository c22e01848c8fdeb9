// isolation: process (issue 17). A plugin that crashes, hangs, exits, allocates without bound, forks, opens a
// socket, writes a file or garbles its channel loses its worker, not the gateway: another hospital is served
// throughout with no failed request, the bad message is kept as a dead letter with the cause and answered AE,
// and the plugin version is quarantined where the rules say. Real worker processes, real HTTP over loopback.
#include <gtest/gtest.h>

#include <Poco/File.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <regex>
#include <thread>

#include "PluginFixtures.hpp"
#include "app/Gateway.hpp"

namespace {

using namespace gwtest;
using namespace std::chrono_literals;

const std::map<std::string, std::string> kAdmin{{"X-API-Key", kAdminKey}};

// Puts a built plugin into the test gateway's plugin folder as NAME.so.
void plugIn(const TempDir& dir, const std::string& built, const std::string& name) {
  Poco::File(dir.file("plugins")).createDirectories();
  installPlugin(built, dir.file("plugins/" + name + ".so"));
}

HttpResult send(std::uint16_t port, const std::string& hospital, const std::string& body) {
  return httpCall(port, "POST", "/v1/hospitals/" + hospital + "/messages", body, {{"X-API-Key", hospital}},
                  "text/plain");
}

// A second hospital on a healthy adapter, sending all the time from two threads.
class SteadyHospital {
 public:
  SteadyHospital(std::uint16_t port, const std::string& hospital) {
    for (int t = 0; t < 2; ++t)
      threads_.emplace_back([this, port, hospital, t] {
        for (int i = 0; !stopping_; ++i) {
          const std::string body = "<Echo id=\"steady-" + std::to_string(t) + "-" + std::to_string(i) +
                                   "\"><patient mrn=\"" + std::to_string(i % 50) + "\"/></Echo>";
          std::string failure;
          try {
            auto r = httpCall(port, "POST", "/v1/hospitals/" + hospital + "/messages", body, {{"X-API-Key", hospital}});
            if (r.status != 200) failure = std::to_string(r.status) + " " + r.body;
          } catch (const std::exception& e) {
            failure = e.what();
          }
          if (failure.empty()) {
            ++served_;
          } else {
            ++failed_;
            std::lock_guard<std::mutex> lock(mutex_);
            if (firstFailure_.empty()) firstFailure_ = failure;
          }
        }
      });
  }
  ~SteadyHospital() { stop(); }
  void stop() {
    stopping_ = true;
    for (auto& thread : threads_) thread.join();
    threads_.clear();
  }
  int served() const { return served_; }
  int failed() const { return failed_; }
  std::string firstFailure() {
    std::lock_guard<std::mutex> lock(mutex_);
    return firstFailure_;
  }

 private:
  std::atomic<bool> stopping_{false};
  std::atomic<int> served_{0}, failed_{0};
  std::mutex mutex_;
  std::string firstFailure_;
  std::vector<std::thread> threads_;
};

std::string metrics(std::uint16_t port) { return httpCall(port, "GET", "/metrics", "", {}).body; }

long counter(const std::string& text, const std::string& series) {
  const auto at = text.find(series + " ");
  return at == std::string::npos ? 0 : std::stol(text.substr(at + series.size() + 1));
}

long failures(const std::string& text) {
  long total = 0;
  static const std::regex line(R"(gateway_plugin_worker_failures_total\{[^}]*\} (\d+))");
  for (std::sregex_iterator it(text.begin(), text.end(), line), end; it != end; ++it) total += std::stol((*it)[1]);
  return total;
}

#ifdef __SANITIZE_ADDRESS__
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

struct Misbehaviour {
  std::string what;
  std::regex cause;  // in the answer and the dead letter
};

TEST(WorkerIsolation, EachMisbehaviourCostsAWorkerNotTheGatewayNorAnotherHospital) {
  TempDir dir;
  plugIn(dir, GW_MISBEHAVE_V1, "misbehave");
  plugIn(dir, GW_ECHO_V1, "echo");
  // Quarantine is tested below; here every misbehaviour must be seen on its own.
  gw::Gateway gateway(pluginConfig(dir, hospital("sh-bad", "misbehave") + hospital("sh-good", "echo"),
                                   "  call_timeout_ms: 1500\n  worker_memory_mb: 128\n"
                                   "  quarantine:\n    crashes: 1000\n"));
  gateway.start();
  const std::uint16_t port = gateway.port();
  ASSERT_EQ(send(port, "sh-bad", "id=first mrn=1").status, 200);  // the version has served: no quarantine at once
  std::remove("/tmp/gw-misbehave-wrote-this");

  SteadyHospital good(port, "sh-good");
  const std::vector<Misbehaviour> cases = {
      {"segv", std::regex("SIGSEGV")},
      {"abort", std::regex("SIGABRT")},
      {"exit", std::regex("exited with status 3")},
      {"loop", std::regex("deadline of 1500 ms")},
      // An address-space limit makes malloc fail and the decoder abort. AddressSanitizer (the sanitizer test
      // build) reserves terabytes of address space, so there the limit cannot be RLIMIT_AS: the worker then
      // ends at its resident-size limit or, failing that, at the deadline.
      {"alloc", std::regex(kSanitized ? "SIGABRT|exited with status 1|deadline" : "SIGABRT")},
      {"fork", std::regex("SIGSYS")},
      {"socket", std::regex("SIGSYS")},
      {"write-file", std::regex("SIGSYS")},
      {"channel", std::regex("broke the channel")},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const std::string message = "id=bad-" + c.what + " mrn=2 do=" + c.what;
    auto r = send(port, "sh-bad", message);
    EXPECT_EQ(r.status, 500) << r.body;
    EXPECT_EQ(r.headers["X-Gateway-Outcome"], "AE");
    // Answered in the adapter's own format (its acknowledge runs in a fresh worker), with the cause.
    EXPECT_NE(r.body.find("outcome=AE"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("poison message"), std::string::npos) << r.body;
    EXPECT_TRUE(std::regex_search(r.body, c.cause)) << r.body;

    // The same bytes again are answered at once: a poison message is not run again.
    const long before = failures(metrics(port));
    auto again = send(port, "sh-bad", message);
    EXPECT_EQ(again.status, 500);
    EXPECT_NE(again.body.find("; not run again"), std::string::npos) << again.body;
    EXPECT_EQ(failures(metrics(port)), before);
  }
  // Each misbehaviour cost exactly two workers (the first try and one more), counted by cause.
  const std::string text = metrics(port);
  EXPECT_EQ(counter(text, R"(gateway_plugin_worker_failures_total{plugin="misbehave",cause="SIGSEGV"})"), 2) << text;
  EXPECT_EQ(counter(text, R"(gateway_plugin_worker_failures_total{plugin="misbehave",cause="SIGSYS"})"), 6) << text;
  const long deadlines = counter(text, R"(gateway_plugin_worker_failures_total{plugin="misbehave",cause="deadline"})");
  if (kSanitized) EXPECT_TRUE(deadlines >= 2 && deadlines <= 4) << text;  // each alloc try: deadline or exit
  else EXPECT_EQ(deadlines, 2) << text;
  EXPECT_EQ(counter(text, R"(gateway_plugin_worker_failures_total{plugin="misbehave",cause="malformed"})"), 2) << text;
  EXPECT_GE(counter(text, R"(gateway_plugin_worker_restarts_total{plugin="misbehave"})"), 17) << text;
  EXPECT_FALSE(Poco::File("/tmp/gw-misbehave-wrote-this").exists()) << "the sandbox let a worker write a file";

  // Garbage on stdout goes nowhere: the channel is not stdout, and the message is accepted.
  auto printed = send(port, "sh-bad", "id=printer mrn=3 do=stdout");
  EXPECT_EQ(printed.status, 200) << printed.body;
  EXPECT_NE(printed.body.find("outcome=AA"), std::string::npos) << printed.body;
  // And the adapter still serves good messages in new workers.
  EXPECT_EQ(send(port, "sh-bad", "id=after mrn=4").status, 200);

  good.stop();
  EXPECT_EQ(good.failed(), 0) << good.firstFailure();
  EXPECT_GT(good.served(), 20);

  // Every bad message is a dead letter that says why.
  auto letters = httpCall(port, "GET", "/v1/admin/messages?status=failed&hospital=sh-bad", "", kAdmin);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_TRUE(std::regex_search(letters.body, c.cause)) << letters.body;
  }
}

TEST(WorkerIsolation, AnIdentifyThatCrashesAfterAFailedDecodeIsAnErrorToRetryNotARefusal) {
  TempDir dir;
  plugIn(dir, GW_MISBEHAVE_V1, "misbehave");
  gw::Gateway gateway(pluginConfig(dir, hospital("sh-i", "misbehave"), "  quarantine:\n    crashes: 1000\n"));
  gateway.start();
  const std::uint16_t port = gateway.port();
  ASSERT_EQ(send(port, "sh-i", "id=ok mrn=1").status, 200);
  // No mrn=: decode refuses it normally, so the host asks identify for its id, and identify crashes.
  auto r = send(port, "sh-i", "id=ident identify=segv");
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_EQ(r.headers["X-Gateway-Outcome"], "AE");
  EXPECT_NE(r.body.find("SIGSEGV"), std::string::npos) << r.body;
  auto letters = httpCall(port, "GET", "/v1/admin/messages?status=failed&hospital=sh-i", "", kAdmin);
  EXPECT_NE(letters.body.find("SIGSEGV"), std::string::npos) << letters.body;
  auto refused = httpCall(port, "GET", "/v1/admin/messages?status=rejected&hospital=sh-i", "", kAdmin);
  EXPECT_EQ(refused.body.find("sha256:"), std::string::npos) << refused.body;
}

TEST(WorkerIsolation, AVersionThatFailsBeforeItsFirstCallIsQuarantinedAtOnceAndThePreviousVersionServes) {
  TempDir dir;
  plugIn(dir, GW_MISBEHAVE_V1, "misbehave");
  gw::Gateway gateway(pluginConfig(dir, hospital("sh-q", "misbehave"), "  call_timeout_ms: 2000\n"));
  gateway.start();
  const std::uint16_t port = gateway.port();
  ASSERT_EQ(send(port, "sh-q", "id=v1-ok mrn=1").status, 200);

  plugIn(dir, GW_MISBEHAVE_V2, "misbehave");
  ASSERT_EQ(httpCall(port, "POST", "/v1/admin/plugins/reload", "", kAdmin, "application/json").status, 200);
  ASSERT_EQ(gateway.plugins().snapshot()->partner("sh-q")->adapterVersion(), "2.0.0");
  auto crashed = send(port, "sh-q", "id=v2-first mrn=2");
  EXPECT_EQ(crashed.status, 500) << crashed.body;
  EXPECT_NE(crashed.body.find("quarantined"), std::string::npos) << crashed.body;

  // The next scan sets 2.0.0 aside and routes the partner to 1.0.0 again; the listing says so.
  auto listing = httpCall(port, "POST", "/v1/admin/plugins/reload", "", kAdmin, "application/json");
  EXPECT_NE(listing.body.find(R"("code":"quarantined")"), std::string::npos) << listing.body;
  EXPECT_NE(listing.body.find("serving the previous version 1.0.0 again"), std::string::npos) << listing.body;
  ASSERT_TRUE(gateway.plugins().snapshot()->partner("sh-q"));
  EXPECT_EQ(gateway.plugins().snapshot()->partner("sh-q")->adapterVersion(), "1.0.0");
  EXPECT_EQ(send(port, "sh-q", "id=v1-again mrn=3").status, 200);
  EXPECT_EQ(counter(metrics(port), R"(gateway_plugin_quarantines_total{plugin="misbehave"})"), 1);
}

TEST(WorkerIsolation, CrashesWithinTheWindowQuarantineAVersionAndItsPartnersAreAnsweredAEWithTheReason) {
  TempDir dir;
  plugIn(dir, GW_MISBEHAVE_V1, "misbehave");
  gw::Gateway gateway(pluginConfig(dir, hospital("sh-k", "misbehave"),
                                   "  quarantine:\n    crashes: 3\n    window_seconds: 60\n"));
  gateway.start();
  const std::uint16_t port = gateway.port();
  ASSERT_EQ(send(port, "sh-k", "id=ok mrn=1").status, 200);
  EXPECT_NE(send(port, "sh-k", "id=p1 mrn=1 do=segv").body.find("poison message"), std::string::npos);
  auto third = send(port, "sh-k", "id=p2 mrn=1 do=abort");  // its first worker is the third failure
  EXPECT_EQ(third.status, 500);
  EXPECT_NE(third.body.find("quarantined: its workers failed 3 times within 60 s"), std::string::npos) << third.body;

  // No earlier version: after the next scan the partner is unrouted, and answered AE 503 with the reason.
  auto listing = httpCall(port, "POST", "/v1/admin/plugins/reload", "", kAdmin, "application/json");
  EXPECT_NE(listing.body.find(R"("quarantined":"its workers failed 3 times)"), std::string::npos) << listing.body;
  auto refused = send(port, "sh-k", "id=later mrn=1");
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.headers["X-Gateway-Outcome"], "AE");
  EXPECT_NE(refused.body.find("is quarantined"), std::string::npos) << refused.body;
}

TEST(WorkerIsolation, IsolationIsPerPluginAndReported) {
  TempDir dir;
  plugIn(dir, GW_MISBEHAVE_V1, "misbehave");
  plugIn(dir, GW_ECHO_V1, "echo");
  gw::Gateway gateway(pluginConfig(dir, hospital("sh-bad", "misbehave") + hospital("sh-good", "echo"),
                                   "  workers: 3\n  overrides:\n    echo:\n      isolation: none\n"));
  gateway.start();
  auto snapshot = gateway.plugins().snapshot();
  EXPECT_TRUE(snapshot->partner("sh-bad")->isolated());
  EXPECT_FALSE(snapshot->partner("sh-good")->isolated());
  auto listing = httpCall(gateway.port(), "GET", "/v1/admin/plugins", "", kAdmin);
  EXPECT_NE(listing.body.find(R"("isolation":"none")"), std::string::npos) << listing.body;
  EXPECT_NE(listing.body.find(R"("isolation":"process")"), std::string::npos) << listing.body;
  EXPECT_NE(listing.body.find(R"("workers_per_partner":3)"), std::string::npos) << listing.body;
  EXPECT_EQ(httpCall(gateway.port(), "POST", "/v1/hospitals/sh-good/messages", kEchoMessage,
                     {{"X-API-Key", "sh-good"}}).status, 200);
}

}  // namespace
