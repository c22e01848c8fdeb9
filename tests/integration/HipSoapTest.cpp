// HIPMessageServer over SOAP 1.2 against a real gatewayd with the real cda plugin: a Chinese platform's
// patient registration (PRPA_IN201311UV02) answered with an MCCI AA in the SOAP body and stored, the same
// message again a duplicate with the same answer, a wrong key refused before the body is read, broken
// envelopes and mismatched actions refused as Sender faults, and zeep (a client we did not write) calling
// through the WSDL. The cn_* sample has no declared licence: it is read from ../shared/samples beside the
// checkout, never copied, and the tests skip without it.
#include <gtest/gtest.h>

#include <Poco/File.h>
#include <Poco/Net/SocketStream.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>

#include <gw/kit/Text.hpp>

#include "DaemonProcess.hpp"
#include "TestSupport.hpp"
#include "common/Json.hpp"

namespace {

const std::string kRegister =
    std::string(GW_TEST_DATA_DIR) + "/../../../shared/samples/cda/cn_hip_prpa_in201311uv02_patient_register.xml";
const std::string kHipPath = "/v1/hospitals/bj-union/hip";
const char* kSoap12 = "application/soap+xml; charset=utf-8";

std::string soapCall(const std::string& action, const std::string& message) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:hip=\"urn:hl7-org:v3\">"
         "<soap:Body><hip:HIPMessageServer><hip:action>" + action + "</hip:action><hip:message><![CDATA[" + message +
         "]]></hip:message></hip:HIPMessageServer></soap:Body></soap:Envelope>";
}

class HipSoap : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Poco::File(kRegister).exists()) GTEST_SKIP() << "shared cn_hip samples not found (" << kRegister << "): skipped";
    Poco::File(dir_.file("plugins")).createDirectories();
    Poco::File(std::string(GW_PLUGIN_DIR) + "/cda.so").copyTo(dir_.file("plugins/cda.so"));
    port_ = gwtest::freePort();
    gwtest::writeFile(dir_.file("gateway.yaml"),
                      "server:\n  listen: 127.0.0.1:" + std::to_string(port_) +
                          "\n  admin_key_sha256: " + gwtest::sha256(gwtest::kAdminKey) +
                          "\n  group_key_sha256: " + gwtest::sha256("group-key") +
                          "\nstore:\n  sqlite:\n    path: " + dir_.file("gw.db") +
                          "\nplugins:\n  folder: " + dir_.file("plugins") + "\n  cache_folder: " + dir_.file("cache") +
                          "\nhospitals:\n  - id: bj-union\n    key_sha256: " + gwtest::sha256("bj-key") +
                          "\n    adapter: cda\n    hip:\n      actions:\n        S0001: PRPA_IN201311UV02\n"
                          "  - {id: other, key_sha256: " + gwtest::sha256("other-key") + ", adapter: cda}\n");
    daemon_ = std::make_unique<gwtest::Daemon>(dir_.file("gateway.yaml"), dir_.file("stderr.log"));
    ASSERT_TRUE(daemon_->waitHealthy(port_)) << gwtest::readFile(dir_.file("stderr.log"));
    // Ready once the plugin folder has been scanned, so that bj-union is routed to cda.
    bool ready = false;
    for (int i = 0; i < 300 && !ready; ++i, Poco::Thread::sleep(20)) ready = call("GET", "/readyz", "").status == 200;
    ASSERT_TRUE(ready) << gwtest::readFile(dir_.file("stderr.log"));
  }

  gwtest::HttpResult call(const std::string& method, const std::string& path, const std::string& key,
                          const std::string& body = "", const std::string& type = kSoap12) {
    return gwtest::httpCall(port_, method, path, body, {{"X-API-Key", key}}, type);
  }

  gwtest::TempDir dir_;
  std::uint16_t port_ = 0;
  std::unique_ptr<gwtest::Daemon> daemon_;
};

// The HIPMessageServerResult text of a SOAP 1.2 response, unescaped.
std::string resultOf(const std::string& envelope) {
  const std::string open = "<HIPMessageServerResult>", close = "</HIPMessageServerResult>";
  const auto from = envelope.find(open), to = envelope.find(close);
  if (from == std::string::npos || to == std::string::npos) return {};
  std::string text = envelope.substr(from + open.size(), to - from - open.size());
  for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}})
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) text.replace(at, entity.size(), c);
  return text;
}

TEST_F(HipSoap, PatientRegistrationIsAcknowledgedStoredAndADuplicateTheSecondTime) {
  const std::string request = soapCall("PatientRegister", gwtest::readFile(kRegister));
  auto first = call("POST", kHipPath, "bj-key", request);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.headers["Content-Type"].rfind("application/soap+xml", 0), 0u) << first.headers["Content-Type"];
  EXPECT_EQ(first.headers["X-Gateway-Outcome"], "AA");
  EXPECT_NE(first.body.find("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\">"), std::string::npos);
  const std::string ack = resultOf(first.body);
  EXPECT_NE(ack.find("<MCCI_IN000002UV01"), std::string::npos) << first.body;
  EXPECT_NE(ack.find("typeCode=\"AA\""), std::string::npos) << ack;
  EXPECT_NE(ack.find("22a0f9e0-4454-11dc-a6be-3603d6866807"), std::string::npos) << "targetMessage names the request";

  auto found = gw::parseJsonObject(
      call("GET", "/v1/fhir/Patient?identifier=urn:oid:2.16.156.10011.1.3%7C120109197706015516", "group-key").body,
      "search");
  ASSERT_EQ(found->getValue<int>("total"), 1);
  EXPECT_NE(found->getArray("entry")->getObject(0)->getObject("resource")->getValue<std::string>("id"), "");

  // The platform sends again (it did not see the answer): the same acknowledgement, nothing stored twice.
  auto again = call("POST", kHipPath, "bj-key", soapCall("S0001", gwtest::readFile(kRegister)));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.headers["X-Gateway-Duplicate"], "true");
  EXPECT_EQ(resultOf(again.body), ack);
  auto metrics = call("GET", "/metrics", "").body;
  EXPECT_NE(metrics.find("gateway_intake_messages_total{hospital=\"bj-union\",outcome=\"AA\"} 1"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("gateway_intake_messages_total{hospital=\"bj-union\",outcome=\"duplicate\"} 1"), std::string::npos) << metrics;
}

TEST_F(HipSoap, WrongKeyIsRefusedBeforeTheBodyIsRead) {
  // Headers announcing a large body and no body at all: reading it would wait for the request deadline.
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port_));
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  Poco::Net::SocketStream stream(socket);
  const auto started = std::chrono::steady_clock::now();
  stream << "POST " << kHipPath << " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: other-key\r\nContent-Type: " << kSoap12
         << "\r\nContent-Length: 100000\r\n\r\n" << std::flush;
  std::string status;
  std::getline(stream, status);
  EXPECT_EQ(status.rfind("HTTP/1.1 403", 0), 0u) << status;  // another hospital's key
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));

  auto none = call("POST", kHipPath, "no-such-key", soapCall("PatientRegister", "<x/>"));
  EXPECT_EQ(none.status, 401) << none.body;
}

TEST_F(HipSoap, BrokenEnvelopesAndMismatchedActionsAreSenderFaults) {
  auto broken = call("POST", kHipPath, "bj-key", "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">");
  EXPECT_EQ(broken.status, 400) << broken.body;
  EXPECT_EQ(broken.headers["Content-Type"].rfind("application/soap+xml", 0), 0u);
  EXPECT_NE(broken.body.find("<env:Value>env:Sender</env:Value>"), std::string::npos) << broken.body;
  EXPECT_NE(broken.body.find("envelope is refused"), std::string::npos) << broken.body;
  EXPECT_EQ(broken.headers["X-Gateway-Outcome"], "AR");

  auto merge = call("POST", kHipPath, "bj-key", soapCall("PatientMerge", gwtest::readFile(kRegister)));
  EXPECT_EQ(merge.status, 400) << merge.body;
  EXPECT_NE(merge.body.find("announces PRPA_IN201304UV02 but the message&apos;s root element is PRPA_IN201311UV02"),
            std::string::npos)
      << merge.body;
  // Nothing reached the store.
  auto found = gw::parseJsonObject(
      call("GET", "/v1/fhir/Patient?identifier=urn:oid:2.16.156.10011.1.3%7C120109197706015516", "group-key").body,
      "search");
  EXPECT_EQ(found->getValue<int>("total"), 0);
}

TEST_F(HipSoap, WsdlIsServedWithTheRequestsOwnAddress) {
  auto wsdl = gwtest::httpCall(port_, "GET", kHipPath + "?wsdl");
  ASSERT_EQ(wsdl.status, 200) << wsdl.body;
  EXPECT_NE(wsdl.body.find("<soap12:address location=\"http://127.0.0.1:" + std::to_string(port_) + kHipPath + "\"/>"),
            std::string::npos)
      << wsdl.body;
  EXPECT_EQ(gwtest::httpCall(port_, "GET", kHipPath).status, 400);
}

TEST_F(HipSoap, ZeepCallsHipMessageServerThroughTheWsdlAndGetsTheAcknowledgement) {
  // A client we did not write is part of the test, not optional: scripts/setup.sh installs python3-zeep.
  auto probe = gwtest::runCommand("/usr/bin/python3", {"-c", "import zeep"});
  ASSERT_EQ(probe.exitCode, 0) << "python3-zeep is missing (scripts/setup.sh installs it): " << probe.err;
  const std::string wsdl = "http://127.0.0.1:" + std::to_string(port_) + kHipPath + "?wsdl";
  auto result = gwtest::runCommand("/usr/bin/python3", {std::string(GW_SOURCE_DIR) + "/tests/integration/hip_zeep_client.py",
                                                        wsdl, "bj-key", "PatientRegister", kRegister});
  ASSERT_EQ(result.exitCode, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("content-type: application/soap+xml"), std::string::npos) << result.out;  // SOAP 1.2
  EXPECT_NE(result.out.find("<MCCI_IN000002UV01"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("typeCode=\"AA\""), std::string::npos) << result.out;

  // A fault reaches zeep's caller as a fault.
  gwtest::writeFile(dir_.file("not-a-patient.xml"), "<POOR_IN200901UV xmlns=\"urn:hl7-org:v3\"/>");
  auto refused = gwtest::runCommand("/usr/bin/python3", {std::string(GW_SOURCE_DIR) + "/tests/integration/hip_zeep_client.py",
                                                         wsdl, "bj-key", "PatientRegister", dir_.file("not-a-patient.xml")});
  EXPECT_EQ(refused.exitCode, 2) << refused.out << refused.err;
  EXPECT_NE(refused.out.find("fault: action 'PatientRegister' announces PRPA_IN201311UV02"), std::string::npos)
      << refused.out;
}

}  // namespace
