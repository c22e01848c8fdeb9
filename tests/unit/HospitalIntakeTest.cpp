// Hospital intake over loopback with the echo plugin loaded from disk, on both store backends:
// credentials before the body, durable before the ACK, idempotent, dead letters and replay, audit.
#include <gtest/gtest.h>

#include <Poco/File.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketStream.h>

#include <atomic>
#include <set>
#include <thread>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"
#include "store/InboundMessageRepository.hpp"

namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

std::string echo(const std::string& id, const std::string& mrn = "MRN-1") {
  return "<Echo id=\"" + id + "\"><patient mrn=\"" + mrn + "\" family=\"Li\" given=\"Wei\"/></Echo>";
}

class HospitalIntake : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = std::make_unique<gwtest::TestStore>(GetParam(), dir_);
    GW_REQUIRE_STORE(*store_);
    Poco::File(dir_.file("plugins")).createDirectories();
    Poco::File(std::string(GW_PLUGIN_DIR) + "/echo.so").copyTo(dir_.file("plugins/echo.so"));
    gwtest::writeFile(dir_.file("gateway.yaml"), configText("echo"));
    gateway_ = std::make_unique<gw::Gateway>(gw::loadConfig(dir_.file("gateway.yaml")));
    gateway_->start();
  }
  void TearDown() override {
    gateway_.reset();
    store_.reset();
  }
  std::string configText(const std::string& shAdapter) {
    return "server:\n  listen: 127.0.0.1:0\n  threads: 8\n  admin_key_sha256: " + gwtest::sha256(gwtest::kAdminKey) +
           "\n" + store_->yaml() + "plugins:\n  folder: " + dir_.file("plugins") +
           "\n  cache_folder: " + dir_.file("cache") + "\nhospitals:\n" +
           "  - {id: sh-intl, key_sha256: " + gwtest::sha256("sh-key") + ", adapter: " + shAdapter + "}\n" +
           "  - {id: bj-union, key_sha256: " + gwtest::sha256("bj-key") + ", adapter: echo}\n";
  }
  gwtest::HttpResult post(const std::string& body, const std::string& key = "sh-key",
                          const std::string& hospital = "sh-intl") {
    return gwtest::httpCall(gateway_->port(), "POST", "/v1/hospitals/" + hospital + "/messages", body,
                            {{"X-API-Key", key}}, "application/xml");
  }
  int count(const std::string& sql) {
    Poco::Data::Session s = gateway_->context().db.session();
    int n = 0;
    s << sql, into(n), now;
    return n;
  }
  std::vector<std::string> auditActions() {
    Poco::Data::Session s = gateway_->context().db.session();
    std::vector<std::string> rows;
    s << "SELECT action || ' ' || outcome FROM audit_log ORDER BY seq", into(rows), now;
    return rows;
  }

  gwtest::TempDir dir_;
  std::unique_ptr<gwtest::TestStore> store_;
  std::unique_ptr<gw::Gateway> gateway_;
};

TEST_P(HospitalIntake, AcceptedMessageIsStoredThenAcknowledged) {
  auto r = post(echo("MSG-1"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"(<EchoAck id="MSG-1" outcome="AA"></EchoAck>)");
  EXPECT_EQ(r.headers["X-Gateway-Outcome"], "AA");
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbound_message WHERE status = 'accepted' AND message_id = 'MSG-1'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM fhir_identifier WHERE system = 'urn:gw:sh-intl:mr' AND value = 'MRN-1'"), 1);
  EXPECT_EQ(auditActions(), std::vector<std::string>{"message.accept ok"});
}

TEST_P(HospitalIntake, CredentialsAreCheckedBeforeTheBodyAndFailuresAudited) {
  EXPECT_EQ(post(echo("M"), "").status, 401);
  EXPECT_EQ(post(echo("M"), "nope").status, 401);
  auto asOther = post(echo("M"), "bj-key");
  EXPECT_EQ(asOther.status, 403);
  EXPECT_NE(asOther.body.find("may act only as itself"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbound_message"), 0);
  EXPECT_EQ(auditActions(), (std::vector<std::string>{"auth.fail denied", "auth.fail denied", "auth.fail denied"}));

  // A request that announces a body but never sends it is answered 401 at once: the body is not awaited.
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", gateway_->port()));
  socket.setReceiveTimeout(Poco::Timespan(3, 0));
  Poco::Net::SocketStream stream(socket);
  stream << "POST /v1/hospitals/sh-intl/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\n"
            "Content-Length: 100000\r\nX-API-Key: nope\r\n\r\n"
         << std::flush;
  std::string statusLine;
  std::getline(stream, statusLine);
  EXPECT_EQ(statusLine.rfind("HTTP/1.1 401", 0), 0u) << statusLine;
}

TEST_P(HospitalIntake, ARepeatGetsTheOriginalAckAndWritesNothing) {
  auto first = post(echo("MSG-2"));
  ASSERT_EQ(first.status, 200);
  const int messages = count("SELECT COUNT(*) FROM inbound_message");
  const int resources = count("SELECT COUNT(*) FROM fhir_resource");
  const int audits = count("SELECT COUNT(*) FROM audit_log");
  auto again = post(echo("MSG-2"));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.headers["X-Gateway-Duplicate"], "true");
  auto metrics = gwtest::httpCall(gateway_->port(), "GET", "/metrics").body;
  EXPECT_NE(metrics.find(R"(gateway_intake_messages_total{hospital="sh-intl",outcome="AA"} 1)"), std::string::npos);
  EXPECT_NE(metrics.find(R"(gateway_intake_messages_total{hospital="sh-intl",outcome="duplicate"} 1)"),
            std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbound_message"), messages);
  EXPECT_EQ(count("SELECT COUNT(*) FROM fhir_resource"), resources);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audits);
}

TEST_P(HospitalIntake, SameIdWithDifferentBytesIsRejected) {
  ASSERT_EQ(post(echo("MSG-3", "A")).status, 200);
  auto clash = post(echo("MSG-3", "B"));
  EXPECT_EQ(clash.status, 409);
  EXPECT_NE(clash.body.find(R"(outcome="AR")"), std::string::npos) << clash.body;
  EXPECT_NE(clash.body.find("already used for different content"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM fhir_identifier WHERE system = 'urn:gw:sh-intl:mr' AND value = 'B'"), 0);
}

TEST_P(HospitalIntake, ConcurrentDuplicatesAreStoredOnce) {
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::set<std::string> bodies;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      auto r = post(echo("MSG-RACE"));
      if (r.status == 200) ++ok;
      std::lock_guard<std::mutex> lock(mutex);
      bodies.insert(r.body);
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 8);
  EXPECT_EQ(bodies.size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbound_message WHERE message_id = 'MSG-RACE'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM fhir_resource WHERE resource_type = 'Patient'"), 1);
}

TEST_P(HospitalIntake, HostileXmlIsRejectedWithItsReasonBeforeTheAdapter) {
  auto r = post("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><Echo id=\"X\">&a;</Echo>");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find(R"(outcome="AR")"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("id=\"\""), std::string::npos) << "the adapter never parsed the hostile bytes";
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbound_message WHERE status = 'rejected'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM fhir_resource"), 0);
  auto bad = post("<Echo id=\"Y\"><patient mrn=\"1\"></Echo>");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("line 1"), std::string::npos) << bad.body;
}

TEST_P(HospitalIntake, OversizeBodyIs413BeforeItIsRead) {
  // Announce 5 MiB but send none of it: the answer comes from the declared length alone.
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", gateway_->port()));
  socket.setReceiveTimeout(Poco::Timespan(3, 0));
  Poco::Net::SocketStream stream(socket);
  stream << "POST /v1/hospitals/sh-intl/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\n"
            "Content-Length: 5242880\r\nX-API-Key: sh-key\r\n\r\n"
         << std::flush;
  std::string statusLine;
  std::getline(stream, statusLine);
  EXPECT_EQ(statusLine.rfind("HTTP/1.1 413", 0), 0u) << statusLine;
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbound_message"), 0);
}

TEST_P(HospitalIntake, ChunkedBodyOverTheLimitIs413) {
  Poco::Net::HTTPClientSession session("127.0.0.1", gateway_->port());
  Poco::Net::HTTPRequest request("POST", "/v1/hospitals/sh-intl/messages", Poco::Net::HTTPMessage::HTTP_1_1);
  request.setChunkedTransferEncoding(true);
  request.set("X-API-Key", "sh-key");
  request.setContentType("application/xml");
  std::ostream& body = session.sendRequest(request);
  const std::string block(64 * 1024, 'x');
  try {
    for (int i = 0; i < 80 && body.good(); ++i) body << block;  // 5 MiB: the server stops reading at 4 MiB
    body.flush();
  } catch (const Poco::Exception&) {
  }
  Poco::Net::HTTPResponse response;
  try {
    session.receiveResponse(response);
    EXPECT_EQ(response.getStatus(), Poco::Net::HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE);
  } catch (const Poco::Exception&) {
    // The server may close while we still write; what matters is that nothing was stored.
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbound_message"), 0);
}

TEST_P(HospitalIntake, StoreFailureIsNeverAcknowledgedAsAccepted) {
  {
    Poco::Data::Session s = gateway_->context().db.session();
    s << "ALTER TABLE fhir_resource RENAME TO fhir_resource_gone", now;
  }
  auto r = post(echo("MSG-4"));
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find(R"(outcome="AE")"), std::string::npos) << r.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbound_message WHERE status = 'accepted'"), 0);
  {
    Poco::Data::Session s = gateway_->context().db.session();
    s << "ALTER TABLE fhir_resource_gone RENAME TO fhir_resource", now;
  }
  EXPECT_EQ(post(echo("MSG-4")).status, 200) << "the hospital's retry succeeds once the store is back";
}

TEST_P(HospitalIntake, UnroutedHospitalMessagesBecomeDeadLettersThatReplay) {
  gateway_.reset();
  gwtest::writeFile(dir_.file("gateway.yaml"), configText("not-loaded"));
  gateway_ = std::make_unique<gw::Gateway>(gw::loadConfig(dir_.file("gateway.yaml")));
  gateway_->start();
  auto r = post(echo("MSG-5"));
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("not-loaded"), std::string::npos) << r.body;

  auto admin = [&](const std::string& method, const std::string& path) {
    return gwtest::httpCall(gateway_->port(), method, path, "", {{"X-API-Key", gwtest::kAdminKey}});
  };
  auto list = admin("GET", "/v1/admin/messages?status=failed&hospital=sh-intl");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("not-loaded"), std::string::npos) << list.body;
  EXPECT_EQ(list.body.find("Li"), std::string::npos) << "no message bodies in listings";
  const int id = count("SELECT id FROM inbound_message WHERE status = 'failed'");

  gwtest::writeFile(dir_.file("gateway.yaml"), configText("echo"));
  std::string errors;
  ASSERT_TRUE(gateway_->reload(dir_.file("gateway.yaml"), errors)) << errors;
  auto replay = admin("POST", "/v1/admin/messages/" + std::to_string(id) + "/replay");
  ASSERT_EQ(replay.status, 200) << replay.body;
  EXPECT_NE(replay.body.find("\"status\":\"accepted\""), std::string::npos) << replay.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbound_message WHERE status = 'accepted'"), 1);
  EXPECT_EQ(admin("POST", "/v1/admin/messages/999999/replay").status, 404);
  EXPECT_TRUE(gateway_->context().audit.verify().intact);
}

INSTANTIATE_TEST_SUITE_P(Backends, HospitalIntake, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
