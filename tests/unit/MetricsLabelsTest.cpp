// /metrics label cardinality (issue 13, item 11): an unauthenticated client choosing method names must not grow the
// exposition, and no value it sends may break the text format. Over real loopback HTTP.
#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <set>
#include <sstream>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"
#include "http/Metrics.hpp"

namespace {

gw::GatewayConfig metricsConfig(const gwtest::TempDir& dir) {
  std::string text = "server:\n  listen: 127.0.0.1:0\n  threads: 4\n  admin_key_sha256: " +
                     gwtest::sha256(gwtest::kAdminKey) + "\nstore:\n  sqlite:\n    path: " + dir.file("gw.db") + "\n";
  return gw::parseConfig(text, dir.file("gateway.yaml"));
}

// One sample line of the Prometheus text format 0.0.4: name, optional labels with escaped values, a number.
const std::regex& sampleLine() {
  static const std::regex sample(
      R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? [-+0-9.eE]+(Inf)?$)");
  return sample;
}

void expectParseable(const std::string& exposition) {
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) continue;
    EXPECT_TRUE(std::regex_match(line, sampleLine())) << line;
  }
}

std::set<std::string> requestSeries(const std::string& exposition) {
  std::set<std::string> series;
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("gateway_http_requests_total{", 0) == 0) series.insert(line.substr(0, line.rfind(' ')));
  return series;
}

std::set<std::string> methodLabels(const std::string& exposition) {
  std::set<std::string> methods;
  static const std::regex method(R"(,method="([^"]*)\")");
  for (const auto& series : requestSeries(exposition)) {
    std::smatch m;
    if (std::regex_search(series, m, method)) methods.insert(m[1]);
  }
  return methods;
}

// A method token a client may send: letters, and now and then a character that must be escaped in a label.
std::string randomMethod(std::mt19937& random) {
  static const std::string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  static const std::string hostile = "\"\\{}=,";
  std::uniform_int_distribution<std::size_t> length(3, 12), letter(0, letters.size() - 1),
      special(0, hostile.size() - 1);
  std::string method;
  for (std::size_t i = 0, n = length(random); i < n; ++i)
    method += (random() % 5 == 0) ? hostile[special(random)] : letters[letter(random)];
  return method;
}

TEST(MetricsLabels, ThreeHundredRandomMethodsDoNotGrowTheSeriesOrBreakTheFormat) {
  gwtest::TempDir dir;
  gw::Gateway gateway(metricsConfig(dir));
  gateway.start();
  std::mt19937 random(13);
  auto sendRandom = [&](int count) {
    for (int i = 0; i < count; ++i) {
      const std::string path = i % 2 ? "/healthz" : "/no/such/route";
      gwtest::httpCall(gateway.port(), randomMethod(random), path);
    }
  };

  gwtest::httpCall(gateway.port(), "GET", "/metrics");  // its own series exists before the first reading
  sendRandom(300);
  const auto first = gwtest::httpCall(gateway.port(), "GET", "/metrics").body;
  expectParseable(first);
  const std::set<std::string> allowed{"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "other"};
  for (const auto& method : methodLabels(first)) EXPECT_TRUE(allowed.count(method)) << method;
  EXPECT_LE(requestSeries(first).size(), 6u) << first;  // a few routes x {GET, other} x statuses, none per client

  sendRandom(300);
  const auto second = gwtest::httpCall(gateway.port(), "GET", "/metrics").body;
  expectParseable(second);
  EXPECT_EQ(requestSeries(second), requestSeries(first));  // 300 more methods, not one series more
  EXPECT_NE(second.find(R"(gateway_http_requests_total{route="/healthz",method="other",status="405"})"),
            std::string::npos)
      << second;
}

TEST(MetricsLabels, KnownMethodsKeepTheirNames) {
  gw::Metrics metrics;
  for (const char* method : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    metrics.observeRequest("/healthz", method, 200, 0.001);
  metrics.observeRequest("/healthz", "get", 200, 0.001);  // methods are case-sensitive: not GET
  const std::string text = metrics.render();
  for (const char* method : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "other"})
    EXPECT_NE(text.find(std::string("method=\"") + method + "\""), std::string::npos) << method;
  EXPECT_EQ(text.find("method=\"get\""), std::string::npos);
}

TEST(MetricsLabels, LabelValuesAreEscapedAndOutcomesComeFromAFixedSet) {
  gw::Metrics metrics;
  metrics.observeMessage("h\"1\\\n", "AA");
  metrics.observeMessage("sh-intl", "A\"R");
  metrics.observeRequest("/v1/\"odd\"", "GET", 200, 0.001);
  const std::string text = metrics.render();
  expectParseable(text);
  EXPECT_NE(text.find(R"(hospital="h\"1\\\n")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(gateway_intake_messages_total{hospital="sh-intl",outcome="other"} 1)"), std::string::npos)
      << text;
}

}  // namespace
