// Attacks on the HTTP surface over real loopback sockets: truncated and stalled bodies, request
// smuggling, and slow clients holding the server's threads (issue 13, items 1, 3 and 5).
#include <gtest/gtest.h>

#include <Poco/File.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <chrono>
#include <thread>
#include <vector>

#include <Poco/JSON/Parser.h>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"
#include "common/PrintableText.hpp"

namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

// A raw TCP client, so that a test can send exactly the bytes an attacker or a broken network would.
class RawClient {
 public:
  // `source` picks the client's own loopback address (the whole of 127.0.0.0/8 is local on Linux).
  RawClient(std::uint16_t port, const char* source = "127.0.0.1") {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &from.sin_addr);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0;
  }
  ~RawClient() { ::close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }
  bool send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  void finishSending() { ::shutdown(fd_, SHUT_WR); }
  // Everything the server sends until it closes the connection or `timeoutMs` pass without a byte.
  std::string receiveUntilClosed(int timeoutMs = 5000) {
    std::string out;
    char buffer[4096];
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, timeoutMs) <= 0) break;
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closedByServer_ = true;
        break;
      }
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
  }
  // Has the server closed the connection (a read returns end of stream or an error at once)?
  bool closedByServer() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return false;
    char c;
    return ::recv(fd_, &c, 1, MSG_DONTWAIT) <= 0;
  }
  bool sawClose() const { return closedByServer_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closedByServer_ = false;
};

int responsesIn(const std::string& bytes) {
  int n = 0;
  for (std::size_t at = bytes.find("HTTP/1."); at != std::string::npos; at = bytes.find("HTTP/1.", at + 1)) ++n;
  return n;
}

int statusOf(const std::string& bytes) {
  return bytes.size() > 12 && bytes.compare(0, 7, "HTTP/1.") == 0 ? std::stoi(bytes.substr(9, 3)) : 0;
}

std::string echo(const std::string& id) {
  // Padding makes the body large enough to be sent in parts.
  return "<Echo id=\"" + id + "\"><patient mrn=\"MRN-1\" family=\"Li\" given=\"Wei\"/><note>" +
         std::string(30000, 'x') + "</note></Echo>";
}

class HttpAttack : public ::testing::Test {
 protected:
  void SetUp() override {
    Poco::File(dir_.file("plugins")).createDirectories();
    Poco::File(std::string(GW_PLUGIN_DIR) + "/echo.so").copyTo(dir_.file("plugins/echo.so"));
    start();
  }
  // `storeExtra`, `serverExtra`: more keys of the `store:` and `server:` sections, indented by two spaces.
  void start(const std::string& storeExtra = "", const std::string& serverExtra = "") {
    gateway_.reset();
    gwtest::writeFile(dir_.file("gateway.yaml"),
                      "server:\n  listen: 127.0.0.1:0\n  threads: 16\n  queue: 64\n  request_timeout_seconds: 2\n" +
                          serverExtra + "  admin_key_sha256: " + gwtest::sha256(gwtest::kAdminKey) +
                      "\nstore:\n  sqlite:\n    path: " + dir_.file("gw.db") + "\n" + storeExtra + "plugins:\n  folder: " +
                      dir_.file("plugins") + "\n  cache_folder: " + dir_.file("cache") +
                      "\nhospitals:\n  - {id: sh-intl, key_sha256: " + gwtest::sha256("sh-key") +
                      ", adapter: echo}\n");
    gateway_ = std::make_unique<gw::Gateway>(gw::loadConfig(dir_.file("gateway.yaml")));
    gateway_->start();
  }
  int count(const std::string& sql) {
    Poco::Data::Session s = gateway_->context().db.session();
    int n = 0;
    s << sql, into(n), now;
    return n;
  }
  void TearDown() override { gateway_.reset(); }

  std::uint16_t port() const { return gateway_->port(); }
  std::string head(const std::string& framing, const std::string& key = "sh-key") {
    return "POST /v1/hospitals/sh-intl/messages HTTP/1.1\r\nHost: gw\r\nX-API-Key: " + key +
           "\r\nContent-Type: application/xml\r\n" + framing + "\r\n";
  }
  int stored() {
    Poco::Data::Session s = gateway_->context().db.session();
    int n = 0;
    s << "SELECT COUNT(*) FROM inbound_message", into(n), now;
    return n;
  }
  gwtest::HttpResult postWhole(const std::string& body) {
    return gwtest::httpCall(port(), "POST", "/v1/hospitals/sh-intl/messages", body, {{"X-API-Key", "sh-key"}});
  }

  gwtest::TempDir dir_;
  std::unique_ptr<gw::Gateway> gateway_;
};

TEST_F(HttpAttack, ABodyCutShortByADroppedConnectionIsNeverStoredAndTheRetryIsAccepted) {
  const std::string body = echo("MSG-TRUNC");
  {
    RawClient client(port());
    ASSERT_TRUE(client.connected());
    client.send(head("Content-Length: " + std::to_string(body.size()) + "\r\n") + body.substr(0, 20000));
    client.finishSending();
    const std::string answer = client.receiveUntilClosed();
    EXPECT_EQ(statusOf(answer), 400) << answer;
    EXPECT_NE(answer.find("incomplete_body"), std::string::npos) << answer;
  }
  EXPECT_EQ(stored(), 0);
  auto retry = postWhole(body);
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.headers["X-Gateway-Outcome"], "AA");
}

TEST_F(HttpAttack, AStalledBodyIsAnswered408WithinTheDeadlineAndNeverStored) {
  const std::string body = echo("MSG-STALL");
  RawClient client(port());
  client.send(head("Content-Length: " + std::to_string(body.size()) + "\r\n") + body.substr(0, 20000));
  const auto started = std::chrono::steady_clock::now();
  const std::string answer = client.receiveUntilClosed(10000);
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(statusOf(answer), 408) << answer;
  EXPECT_TRUE(client.sawClose());
  EXPECT_LT(waited, std::chrono::seconds(5));  // the deadline is 2 s; the client would have waited 10
  EXPECT_EQ(stored(), 0);
  EXPECT_EQ(postWhole(body).status, 200);
}

TEST_F(HttpAttack, AChunkedBodyWithoutItsLastChunkIsNeverStored) {
  const std::string body = echo("MSG-CHUNK");
  RawClient client(port());
  char size[16];
  std::snprintf(size, sizeof size, "%zx", static_cast<std::size_t>(20000));
  client.send(head("Transfer-Encoding: chunked\r\n") + size + "\r\n" + body.substr(0, 20000) + "\r\n");
  client.finishSending();
  const std::string answer = client.receiveUntilClosed();
  EXPECT_EQ(statusOf(answer), 400) << answer;
  EXPECT_EQ(stored(), 0);
}

TEST_F(HttpAttack, AWholeChunkedBodyIsAccepted) {
  const std::string body = echo("MSG-CHUNK-OK");
  std::string chunked;
  for (std::size_t at = 0; at < body.size(); at += 7000) {
    std::string part = body.substr(at, 7000);
    char size[16];
    std::snprintf(size, sizeof size, "%zX;ext=1", part.size());
    chunked += std::string(size) + "\r\n" + part + "\r\n";
  }
  RawClient client(port());
  client.send(head("Transfer-Encoding: chunked\r\nConnection: close\r\n") + chunked + "0\r\n\r\n");
  const std::string answer = client.receiveUntilClosed();
  EXPECT_EQ(statusOf(answer), 200) << answer;
  EXPECT_NE(answer.find("outcome=\"AA\""), std::string::npos) << answer;
  EXPECT_EQ(stored(), 1);
}

TEST_F(HttpAttack, AMalformedChunkSizeIsRefused) {
  RawClient client(port());
  client.send(head("Transfer-Encoding: chunked\r\n") + "zz\r\n<Echo/>\r\n0\r\n\r\n");
  const std::string answer = client.receiveUntilClosed();
  EXPECT_EQ(statusOf(answer), 400) << answer;
  EXPECT_NE(answer.find("bad_chunk"), std::string::npos);
  EXPECT_EQ(stored(), 0);
}

TEST_F(HttpAttack, TheUnreadBodyOfARefusedRequestIsNeverParsedAsARequest) {
  const std::string smuggled = "GET /v1/admin/partners HTTP/1.1\r\nHost: gw\r\nX-API-Key: " +
                               std::string(gwtest::kAdminKey) + "\r\n\r\n";
  RawClient client(port());
  client.send(head("Content-Length: " + std::to_string(smuggled.size()) + "\r\n", "wrong-key") + smuggled);
  const std::string answer = client.receiveUntilClosed();
  EXPECT_EQ(statusOf(answer), 401) << answer;
  EXPECT_EQ(responsesIn(answer), 1) << answer;
  EXPECT_TRUE(client.sawClose());
}

TEST_F(HttpAttack, AmbiguousFramingIsRefusedAndTheConnectionClosed) {
  const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n";
  for (const std::string framing :
       {"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "Content-Length: 5\r\nContent-Length: 40\r\n",
        "Content-Length: +5\r\n", "Transfer-Encoding: gzip, chunked\r\n"}) {
    RawClient client(port());
    client.send(head(framing) + "0\r\n\r\n" + smuggled);
    const std::string answer = client.receiveUntilClosed();
    EXPECT_TRUE(statusOf(answer) == 400 || statusOf(answer) == 501) << framing << answer;
    EXPECT_EQ(responsesIn(answer), 1) << framing << answer;
    EXPECT_TRUE(client.sawClose()) << framing;
  }
  EXPECT_EQ(stored(), 0);
}

// 80 clients on one address, each sending a header line every half second and reconnecting when it
// is closed: the gateway keeps answering health probes and a hospital (from another address), and
// closes every slow connection at its deadline although it never stopped sending.
TEST_F(HttpAttack, SlowClientsCannotTakeTheServerFromOthers) {
  std::atomic<bool> stop{false};
  std::atomic<int> outlived{0}, closedAtDeadline{0}, refused{0};
  std::vector<std::thread> attackers;
  for (int i = 0; i < 80; ++i) {
    attackers.emplace_back([&] {
      while (!stop) {
        RawClient slow(port(), "127.0.0.2");
        if (!slow.connected() || !slow.send("POST /v1/hospitals/sh-intl/messages HTTP/1.1\r\n")) {
          ++refused;
          std::this_thread::sleep_for(std::chrono::milliseconds(200));
          continue;
        }
        const auto started = std::chrono::steady_clock::now();
        for (int line = 0;; ++line) {
          std::this_thread::sleep_for(std::chrono::milliseconds(500));
          const auto held = std::chrono::steady_clock::now() - started;
          if (slow.closedByServer() || !slow.send("X-Slow-" + std::to_string(line) + ": a\r\n")) {
            // Refused at once (over the per-address limit), or closed at the 2 s deadline.
            ++(held < std::chrono::seconds(1) ? refused : closedAtDeadline);
            break;
          }
          if (held > std::chrono::seconds(6)) {
            ++outlived;  // the deadline did not hold
            break;
          }
          if (stop) return;
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));  // the attack is in place
  int answered = 0, healthy = 0;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 48 || std::chrono::steady_clock::now() - started < std::chrono::seconds(5); ++i) {
    if (postWhole("<Echo id=\"H-" + std::to_string(i) + "\"><patient mrn=\"M\" family=\"Li\" given=\"W\"/></Echo>")
            .status == 200)
      ++answered;
    if (gwtest::httpCall(port(), "GET", "/healthz").status == 200) ++healthy;
    if (i + 1 != answered || i + 1 != healthy) break;  // one failure is enough
  }
  stop = true;
  for (auto& t : attackers) t.join();
  EXPECT_GE(answered, 48);
  EXPECT_EQ(healthy, answered);
  EXPECT_EQ(outlived, 0) << "slow connections outlived the request deadline";
  EXPECT_GT(refused, 0) << "the per-address limit refused nothing";
  EXPECT_GT(closedAtDeadline, 0);
  EXPECT_GT(gateway_->server().guard().deadlinesPassed(), 0u);
  // Operators see the attack in /metrics.
  const std::string metrics = gwtest::httpCall(port(), "GET", "/metrics").body;
  auto counter = [&metrics](const std::string& series) {
    const std::size_t at = metrics.find("\n" + series + " ");
    return at == std::string::npos ? -1L : std::stol(metrics.substr(at + series.size() + 2));
  };
  EXPECT_GT(counter("gateway_connections_refused_total{reason=\"per_address\"}"), 0) << metrics;
  EXPECT_EQ(counter("gateway_connections_refused_total{reason=\"total\"}"), 0);
  EXPECT_GT(counter("gateway_request_deadlines_passed_total"), 0);
}

// Item 4: one unauthenticated request with a NUL (or a byte that is not UTF-8) in its path broke the
// audit chain for good, and made the error body invalid JSON.
TEST_F(HttpAttack, BytesInAPathCannotBreakTheAuditChainOrTheErrorBody) {
  for (const std::string path : {"/v1/hospitals/x%00/messages", "/v1/hospitals/x%FF%FE/messages",
                                 "/v1/hospitals/x%0D%0AInjected:%20yes/messages"}) {
    auto r = gwtest::httpCall(port(), "POST", path, "<Echo/>", {{"X-API-Key", "sh-key"}});
    EXPECT_EQ(r.status, 400) << path << " " << r.body;
    EXPECT_TRUE(gw::isPrintableUtf8(r.body)) << path;
    EXPECT_NO_THROW(Poco::JSON::Parser().parse(r.body)) << r.body;
  }
  // The same bytes where they pass routing (an admin id) reach the audit log escaped.
  gwtest::httpCall(port(), "POST", "/v1/hospitals/sh%2Dintl/messages", "<Echo/>", {{"X-API-Key", "\x01\xFF"}});
  gw::AuditVerification chain = gateway_->context().audit.verify();
  EXPECT_TRUE(chain.intact) << chain.problem;
  EXPECT_GT(chain.rows, 0);
}

// Item 6: admin refusals and admin actions were not audited; both are now, with the client's address.
TEST_F(HttpAttack, EveryAdminRequestAndEveryRefusalIsAuditedWithItsSource) {
  EXPECT_EQ(gwtest::httpCall(port(), "GET", "/v1/admin/partners").status, 401);
  EXPECT_EQ(gwtest::httpCall(port(), "GET", "/v1/admin/partners", "", {{"X-API-Key", "wrong"}}).status, 401);
  EXPECT_EQ(gwtest::httpCall(port(), "POST", "/v1/admin/plugins/reload", "", {{"X-API-Key", "wrong"}}).status, 401);
  EXPECT_EQ(gwtest::httpCall(port(), "GET", "/v1/admin/partners", "", {{"X-API-Key", gwtest::kAdminKey}}).status, 200);
  EXPECT_EQ(gwtest::httpCall(port(), "POST", "/v1/admin/plugins/reload", "", {{"X-API-Key", gwtest::kAdminKey}}).status,
            200);
  EXPECT_EQ(gwtest::httpCall(port(), "POST", "/v1/admin/partners/sh-intl/translate",
                             "<Echo id=\"T\"><patient mrn=\"M\" family=\"Li\" given=\"W\"/></Echo>",
                             {{"X-API-Key", gwtest::kAdminKey}})
                .status,
            200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.fail' AND outcome = 'denied' AND "
                  "source = '127.0.0.1' AND resource LIKE '%/v1/admin/%'"),
            3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'admin.request' AND outcome = 'ok' AND "
                  "source = '127.0.0.1'"),
            3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE resource = 'POST /v1/admin/partners/sh-intl/translate'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE source = ''"), 0);
}

// Item 12: more requests at once than store sessions answered 500 "No more sessions available", and
// their refusals went unaudited. They wait for a session now.
TEST_F(HttpAttack, MoreRequestsThanStoreSessionsWaitTheirTurnAndAreAllAudited) {
  start("  pool: {min: 1, max: 2}\n", "  max_connections_per_address: 32\n");
  std::atomic<int> unauthorized{0}, other{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 12; ++i)
    clients.emplace_back([&] {
      for (int j = 0; j < 5; ++j) {
        try {
          const int status =
              gwtest::httpCall(port(), "POST", "/v1/hospitals/sh-intl/messages", "<Echo/>", {{"X-API-Key", "no"}})
                  .status;
          ++(status == 401 ? unauthorized : other);
        } catch (const std::exception&) {
          ++other;
        }
      }
    });
  for (auto& c : clients) c.join();
  EXPECT_EQ(unauthorized, 60);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.fail'"), 60);
}

}  // namespace

namespace {

long residentKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

}  // namespace

// A declared length costs memory only when its bytes arrive: 8 connections that each declare the 10 MiB
// limit and send one byte made the old reader zero-fill 80 MiB for bytes that never came.
TEST_F(HttpAttack, ADeclaredLengthThatNeverArrivesHoldsNoMemory) {
  start("", "  max_body_bytes: 10485760\n");
  const long before = residentKiB();
  std::vector<std::unique_ptr<RawClient>> clients;
  for (int i = 0; i < 8; ++i) {
    clients.push_back(std::make_unique<RawClient>(port()));
    ASSERT_TRUE(clients.back()->send(head("Content-Length: 10485760\r\n") + "<"));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // every connection is now waiting for its body
  const long grown = residentKiB() - before;
  EXPECT_LT(grown, 20 * 1024) << "resident memory grew by " << grown << " KiB for 8 bytes of body";
  for (auto& client : clients) EXPECT_EQ(statusOf(client->receiveUntilClosed()), 408);  // and the deadline still holds
  EXPECT_EQ(stored(), 0);
}
