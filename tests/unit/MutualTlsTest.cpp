// Mutual TLS with real partner certificates, over loopback (issue 13, item 7): a CA-signed client
// certificate works whatever address the partner connects from, it authenticates exactly the partner
// it is bound to, and TLS 1.2 offers only forward-secret suites. Certificates are made by the
// openssl command line for each test run.
#include <gtest/gtest.h>

#include <Poco/File.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>

#include <cstdio>
#include <cstdlib>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"

namespace {

class MutualTls : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string d = dir_.path();
    // A CA, a server certificate for 127.0.0.1, and two partner certificates named for the partner.
    const std::string script =
        "set -e; cd " + d + "\n"
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=test-ca\n"
        "for name in server demo-hospital other-hospital; do\n"
        "  openssl req -newkey rsa:2048 -nodes -keyout $name.key -out $name.csr -subj /CN=$name\n"
        "done\n"
        "printf 'subjectAltName=IP:127.0.0.1\\n' > server.ext\n"
        "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 "
        "-extfile server.ext\n"
        "for name in demo-hospital other-hospital; do\n"
        "  openssl x509 -req -in $name.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $name.pem -days 2\n"
        "done\n"
        "openssl x509 -in demo-hospital.pem -noout -fingerprint -sha256 | cut -d= -f2 > demo-hospital.sha256\n";
    gwtest::writeFile(dir_.file("make-certs.sh"), script);
    ASSERT_EQ(std::system(("bash " + dir_.file("make-certs.sh") + " >/dev/null 2>&1").c_str()), 0);
    std::string fingerprint = gwtest::readFile(dir_.file("demo-hospital.sha256"));
    fingerprint.erase(fingerprint.find_last_not_of("\r\n") + 1);

    Poco::File(dir_.file("plugins")).createDirectories();
    Poco::File(std::string(GW_PLUGIN_DIR) + "/echo.so").copyTo(dir_.file("plugins/echo.so"));
    gwtest::writeFile(
        dir_.file("gateway.yaml"),
        "server:\n  listen: 127.0.0.1:0\n  tls:\n    enabled: true\n    certificate: " + d + "/server.pem\n"
        "    private_key: " + d + "/server.key\n    ca: " + d + "/ca.pem\n    require_client_certificate: true\n"
        "store:\n  sqlite:\n    path: " + d + "/gw.db\nplugins:\n  folder: " + d + "/plugins\n  cache_folder: " + d +
        "/cache\nhospitals:\n"
        "  - {id: demo-hospital, key_sha256: " + gwtest::sha256("demo-key") + ", adapter: echo, "
        "client_certificate_sha256: \"" + fingerprint + "\"}\n"
        "  - {id: other-hospital, key_sha256: " + gwtest::sha256("other-key") + ", adapter: echo}\n");
    gateway_ = std::make_unique<gw::Gateway>(gw::loadConfig(dir_.file("gateway.yaml")));
    gateway_->start();
  }
  void TearDown() override { gateway_.reset(); }

  // POSTs a message as `hospital` with `key`, presenting the client certificate `certificate`.
  int post(const std::string& certificate, const std::string& hospital, const std::string& key) {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, dir_.file(certificate + ".key"),
                               dir_.file(certificate + ".pem"), dir_.file("ca.pem"), Poco::Net::Context::VERIFY_RELAXED);
    Poco::Net::HTTPSClientSession session("127.0.0.1", gateway_->port(), context);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/v1/hospitals/" + hospital + "/messages",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    const std::string body = "<Echo id=\"M-" + certificate + "-" + hospital + "\"><patient mrn=\"M\" family=\"Li\" "
                             "given=\"W\"/></Echo>";
    request.set("X-API-Key", key);
    request.setContentType("application/xml");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    try {
      session.sendRequest(request) << body;
      Poco::Net::HTTPResponse response;
      std::string answer;
      Poco::StreamCopier::copyToString(session.receiveResponse(response), answer);
      return static_cast<int>(response.getStatus());
    } catch (const Poco::Exception&) {
      return 0;  // no answer
    }
  }
  std::string handshake(const std::string& options) {
    return gwtest::commandOutput("echo | openssl s_client -connect 127.0.0.1:" + std::to_string(gateway_->port()) +
                                 " -CAfile " + dir_.file("ca.pem") + " -cert " + dir_.file("demo-hospital.pem") +
                                 " -key " + dir_.file("demo-hospital.key") + " " + options);
  }

  gwtest::TempDir dir_;
  std::unique_ptr<gw::Gateway> gateway_;
};

TEST_F(MutualTls, APartnersCaSignedCertificateIsAcceptedFromAnyAddress) {
  EXPECT_EQ(post("demo-hospital", "demo-hospital", "demo-key"), 200);
}

TEST_F(MutualTls, ACertificateAuthenticatesExactlyThePartnerItIsBoundTo) {
  // Another CA-signed certificate with the right key: not the bound certificate.
  EXPECT_EQ(post("other-hospital", "demo-hospital", "demo-key"), 403);
  // The bound certificate with another partner's key, on that partner's route.
  EXPECT_EQ(post("demo-hospital", "other-hospital", "other-key"), 403);
  // A partner with no certificate bound still needs a CA-signed one (TLS) and its key.
  EXPECT_EQ(post("other-hospital", "other-hospital", "other-key"), 200);
  Poco::Data::Session s = gateway_->context().db.session();
  int refused = 0;
  s << "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.fail' AND outcome = 'denied'",
      Poco::Data::Keywords::into(refused), Poco::Data::Keywords::now;
  EXPECT_EQ(refused, 2);
}

TEST_F(MutualTls, Tls12OffersOnlyForwardSecretSuites) {
  const std::string forwardSecret = handshake("-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256");
  EXPECT_NE(forwardSecret.find("Cipher is ECDHE-RSA-AES128-GCM-SHA256"), std::string::npos) << forwardSecret;
  for (const char* cipher : {"AES128-GCM-SHA256", "AES256-SHA256", "ECDHE-RSA-AES128-SHA"}) {
    const std::string staticRsa = handshake(std::string("-tls1_2 -cipher ") + cipher);
    EXPECT_EQ(staticRsa.find(std::string("Cipher is ") + cipher), std::string::npos) << staticRsa;
  }
}

}  // namespace
