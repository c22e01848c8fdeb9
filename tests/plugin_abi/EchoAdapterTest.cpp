// The echo example through the host's AdapterInstance: identify, decode, acknowledge, encode and its errors.
#include <gtest/gtest.h>

#include "PluginFixtures.hpp"
#include "plugin/PluginHost.hpp"

namespace {

using namespace gwtest;

class EchoAdapter : public ::testing::Test {
 protected:
  EchoAdapter() {
    Poco::File(dir_.file("plugins")).createDirectories();
    installPlugin(GW_ECHO_V1, dir_.file("plugins/echo.so"));
    config_ = std::make_shared<const gw::GatewayConfig>(
        pluginConfig(dir_, hospital("sh-intl", "echo", "      tag: release-1\n")));
    host_ = std::make_unique<gw::PluginHost>(config_->plugins);
    host_->configure(config_);
    echo_ = host_->snapshot()->partner("sh-intl");
  }
  TempDir dir_;
  std::shared_ptr<const gw::GatewayConfig> config_;
  std::unique_ptr<gw::PluginHost> host_;
  std::shared_ptr<const gw::AdapterInstance> echo_;
};

TEST_F(EchoAdapter, IdentifyReadsTheMessageIdAndEvent) {
  ASSERT_TRUE(echo_);
  auto r = echo_->identify(kEchoMessage, "application/xml");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.messageId, "MSG-1");
  EXPECT_EQ(r.event, "ECHO");
}

TEST_F(EchoAdapter, DecodeBuildsAFhirBundleWithThePatientAndTheTagOption) {
  ASSERT_TRUE(echo_);
  auto r = echo_->decode(kEchoMessage, "text/xml; charset=utf-8");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.contentType, "application/fhir+json");
  EXPECT_EQ(r.output,
            R"({"resourceType":"Bundle","type":"collection","meta":{"tag":[{"code":"release-1"}]},"entry":[{"resource":)"
            R"({"resourceType":"Patient","identifier":[{"system":"urn:gw:sh-intl:mr","value":"123"}],)"
            R"("name":[{"family":"Li","given":["Wei"]}]}}]})");
  EXPECT_EQ(echo_->adapterName(), "echo");
  EXPECT_EQ(echo_->adapterVersion(), "1.0.0");
  EXPECT_EQ(echo_->pluginName(), "echo");
  EXPECT_EQ(echo_->partnerId(), "sh-intl");
}

TEST_F(EchoAdapter, MissingIdAndMalformedInputAreInvalidWithAMessage) {
  ASSERT_TRUE(echo_);
  auto r = echo_->decode(R"(<Echo><patient mrn="1"/></Echo>)", "application/xml");
  EXPECT_EQ(r.status, GW_ERR_INVALID);
  EXPECT_EQ(r.error, "the Echo element has no id attribute");
  EXPECT_EQ(r.errorLocation, "Echo/@id");
  r = echo_->decode("{\"not\":\"xml\"}", "application/xml");
  EXPECT_EQ(r.status, GW_ERR_INVALID);
  EXPECT_FALSE(r.error.empty());
  // Malformed XML never reaches echo (it parses by hand, without the kit): the host's screen refuses it.
  r = echo_->decode(R"(<Echo id="A"><patient mrn="1"/>)", "application/xml");
  EXPECT_EQ(r.status, GW_ERR_INVALID);
  EXPECT_TRUE(r.screenedOut);
  EXPECT_NE(r.error.find("Premature end of data"), std::string::npos) << r.error;
}

TEST_F(EchoAdapter, AcknowledgeAnswersEachOutcomeInTheEchoFormat) {
  ASSERT_TRUE(echo_);
  auto aa = echo_->acknowledge(kEchoMessage, "application/xml", GW_ACK_ACCEPT, "", "stored");
  ASSERT_TRUE(aa.ok()) << aa.error;
  EXPECT_EQ(aa.output, R"(<EchoAck id="MSG-1" outcome="AA">stored</EchoAck>)");
  EXPECT_EQ(aa.contentType, "application/xml");
  EXPECT_EQ(echo_->acknowledge(kEchoMessage, "application/xml", GW_ACK_ERROR, "", "a < b").output,
            R"(<EchoAck id="MSG-1" outcome="AE">a &lt; b</EchoAck>)");
  EXPECT_EQ(echo_->acknowledge(kEchoMessage, "application/xml", GW_ACK_REJECT, "", "no").output,
            R"(<EchoAck id="MSG-1" outcome="AR">no</EchoAck>)");
}

TEST_F(EchoAdapter, EncodeReturnsTheJsonUnchangedAsXmlContent) {
  ASSERT_TRUE(echo_);
  auto r = echo_->encode(R"({"resourceType":"Patient"})");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.output, R"({"resourceType":"Patient"})");
  EXPECT_EQ(r.contentType, "application/xml");
}

}  // namespace
