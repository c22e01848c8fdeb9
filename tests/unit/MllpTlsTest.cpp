// MLLP over TLS (issue 18) with `openssl s_client` as the hospital: only a client certificate that chains to the
// listener's CA and matches its pinned subject may send; a missing, foreign, expired or merely CA-signed-but-
// not-pinned certificate, and TLS 1.1, are refused before a byte of HL7 is read. Certificates are made by the
// openssl command line for each run.
#include <gtest/gtest.h>

#include <Poco/File.h>

#include <thread>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"

namespace {

using namespace std::chrono_literals;

class MllpTls : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string d = dir_.path();
    // A CA; a server certificate; the hospital's pinned certificate; another hospital's certificate from the same
    // CA; one from a CA the listener does not trust; and an expired one from the right CA (openssl ca, which can
    // back-date).
    const std::string script =
        "set -e; cd " + d + "\n"
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=test-ca\n"
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout rogue-ca.key -out rogue-ca.pem -days 2 -subj /CN=rogue-ca\n"
        "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=gateway\n"
        "openssl req -newkey rsa:2048 -nodes -keyout his.key -out his.csr '-subj' '/O=Test Hospital/CN=his.sh-tls'\n"
        "openssl req -newkey rsa:2048 -nodes -keyout other.key -out other.csr '-subj' '/O=Other Hospital/CN=his.other'\n"
        "openssl req -newkey rsa:2048 -nodes -keyout rogue.key -out rogue.csr '-subj' '/O=Test Hospital/CN=his.sh-tls'\n"
        "openssl req -newkey rsa:2048 -nodes -keyout expired.key -out expired.csr '-subj' '/O=Test Hospital/CN=his.sh-tls'\n"
        "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2\n"
        "openssl x509 -req -in his.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out his.pem -days 2\n"
        "openssl x509 -req -in other.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out other.pem -days 2\n"
        "openssl x509 -req -in rogue.csr -CA rogue-ca.pem -CAkey rogue-ca.key -CAcreateserial -out rogue.pem -days 2\n"
        "printf '[ca]\\ndefault_ca=t\\n[t]\\ndatabase=index.txt\\nnew_certs_dir=.\\nserial=serial\\ndefault_md=sha256\\n"
        "policy=p\\n[p]\\ncommonName=supplied\\norganizationName=optional\\n' > ca.cnf\n"
        "touch index.txt; echo 1000 > serial\n"
        "openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr -out expired.pem "
        "-startdate 20200101000000Z -enddate 20200201000000Z -notext\n";
    gwtest::writeFile(dir_.file("make-certs.sh"), script);
    const std::string made = gwtest::commandOutput("bash " + dir_.file("make-certs.sh"));
    ASSERT_TRUE(Poco::File(dir_.file("expired.pem")).exists()) << made;

    Poco::File(dir_.file("plugins")).createDirectories();
    Poco::File(std::string(GW_PLUGIN_DIR) + "/hl7v2.so").copyTo(dir_.file("plugins/hl7v2.so"));
    // On 0.0.0.0 without allowed_sources: allowed only because the certificate is pinned.
    gwtest::writeFile(dir_.file("gateway.yaml"),
                      "server:\n  listen: 127.0.0.1:0\n  admin_key_sha256: " + gwtest::sha256(gwtest::kAdminKey) +
                          "\nstore:\n  sqlite:\n    path: " + d + "/gw.db\nplugins:\n  folder: " + d +
                          "/plugins\n  cache_folder: " + d + "/cache\nhospitals:\n  - id: sh-tls\n    key_sha256: " +
                          gwtest::sha256("k") + "\n    adapter: hl7v2\n    mllp:\n      listen: 0.0.0.0:0\n"
                          "      idle_timeout_seconds: 2\n      tls:\n        certificate: server.pem\n"
                          "        private_key: server.key\n        ca: ca.pem\n"
                          "        client_subject: \"CN=his.sh-tls,O=Test Hospital\"\n");
    gateway_ = std::make_unique<gw::Gateway>(gw::loadConfig(dir_.file("gateway.yaml")));
    gateway_->start();
    gwtest::writeFile(dir_.file("message.bin"),
                      "\x0bMSH|^~\\&|HIS|SH|GW|GROUP|20261203101500||ADT^A04^ADT_A01|TLS-1|P|2.5\rEVN|A04|"
                      "20261203101500\rPID|1||MRN-TLS-1^^^SH^MR||Li^Wei||19800101|M\rPV1|1|O\r\x1c\x0d");
  }
  void TearDown() override { gateway_.reset(); }

  // Sends the message with `openssl s_client` presenting `certificate` (none when empty); what it printed.
  std::string send(const std::string& certificate, const std::string& options = "") {
    std::string command = "(cat " + dir_.file("message.bin") + "; sleep 4) | timeout 20 openssl s_client -quiet "
                          "-connect 127.0.0.1:" + std::to_string(gateway_->mllpPort("sh-tls")) + " -CAfile " +
                          dir_.file("ca.pem") + " " + options;
    if (!certificate.empty())
      command += " -cert " + dir_.file(certificate + ".pem") + " -key " + dir_.file(certificate + ".key");
    return gwtest::commandOutput(command);
  }
  int stored() {
    gw::Database& db = gateway_->context().db;
    return gwtest::storedMessages(db) + gwtest::storedMessages(db, "failed") + gwtest::storedMessages(db, "rejected");
  }
  long refused(const std::string& reason) {
    const std::string text = gwtest::httpCall(gateway_->port(), "GET", "/metrics").body;
    const std::string series = R"(gateway_mllp_refused_total{hospital="sh-tls",reason=")" + reason + "\"} ";
    const auto at = text.find(series);
    return at == std::string::npos ? -1 : std::stol(text.substr(at + series.size()));
  }

  gwtest::TempDir dir_;
  std::unique_ptr<gw::Gateway> gateway_;
};

TEST_F(MllpTls, ThePinnedCertificateSendsAndIsAcknowledgedAfterTheCommit) {
  const std::string out = send("his");
  EXPECT_NE(out.find("MSA|AA|TLS-1"), std::string::npos) << out;
  EXPECT_EQ(stored(), 1);
}

TEST_F(MllpTls, EveryOtherClientIsRefusedBeforeAnyHl7IsRead) {
  struct Case {
    std::string certificate, options, reason;
  };
  const std::vector<Case> cases = {
      {"", "", "tls"},                 // no client certificate
      {"rogue", "", "tls"},            // the right subject, from a CA the listener does not trust
      {"expired", "", "tls"},          // the right CA and subject, expired
      {"other", "", "certificate"},    // the right CA, another hospital's subject
      {"his", "-tls1_1", "tls"},       // the right certificate over TLS 1.1
  };
  long tls = 0, certificate = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.certificate + " " + c.options);
    const std::string out = send(c.certificate, c.options);
    EXPECT_EQ(out.find("MSA|"), std::string::npos) << out;
    (c.reason == "tls" ? tls : certificate) += 1;
    for (int i = 0; i < 50 && refused(c.reason) != (c.reason == "tls" ? tls : certificate); ++i)
      std::this_thread::sleep_for(50ms);
    EXPECT_EQ(refused(c.reason), c.reason == "tls" ? tls : certificate);
  }
  EXPECT_EQ(stored(), 0);
}

}  // namespace
