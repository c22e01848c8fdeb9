// The admin plugin routes over loopback: the listing, reload, and the translate dry run's answers.
#include <gtest/gtest.h>

#include "PluginFixtures.hpp"
#include <Poco/Data/Session.h>

#include "app/Gateway.hpp"

namespace {

using namespace gwtest;

class AdminPluginRoutes : public ::testing::Test {
 protected:
  AdminPluginRoutes() {
    Poco::File(dir_.file("plugins")).createDirectories();
    installPlugin(GW_ECHO_V1, dir_.file("plugins/echo.so"));
    installPlugin(fixture("abi_major"), dir_.file("plugins/abi_major.so"));
    gateway_ = std::make_unique<gw::Gateway>(
        pluginConfig(dir_, hospital("sh-intl", "echo", "      tag: t\n") + hospital("sh-none", "hl7v2")));
    gateway_->start();
  }
  HttpResult admin(const std::string& method, const std::string& path, const std::string& body = "") {
    return httpCall(gateway_->port(), method, path, body, {{"X-API-Key", kAdminKey}});
  }
  TempDir dir_;
  std::unique_ptr<gw::Gateway> gateway_;
};

TEST_F(AdminPluginRoutes, ListingShowsLoadedRefusedAndUnrouted) {
  auto r = admin("GET", "/v1/admin/plugins");
  ASSERT_EQ(r.status, 200) << r.body;
  for (const std::string& expected : std::vector<std::string>
       {R"("name":"echo")", R"("abi":"1.1")", R"("file":")" + dir_.file("plugins/echo.so") + "\"",
        R"("code":"abi_major")", R"("partner":"sh-none","reason":"adapter 'hl7v2' is not loaded")",
        R"("adapters":[{"kind":"hospital","name":"echo","version":"1.0.0"}])", R"("calls_in_flight":0)",
        R"("sha256":")"})
    EXPECT_NE(r.body.find(expected), std::string::npos) << expected << "\n" << r.body;
  EXPECT_EQ(httpCall(gateway_->port(), "GET", "/v1/admin/plugins").status, 401);
}

TEST_F(AdminPluginRoutes, ReloadRescansAndAnswersTheListing) {
  Poco::File(dir_.file("plugins/abi_major.so")).remove();
  auto r = admin("POST", "/v1/admin/plugins/reload");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("refused":[])"), std::string::npos) << r.body;
  EXPECT_EQ(httpCall(gateway_->port(), "POST", "/v1/admin/plugins/reload").status, 401);
}

TEST_F(AdminPluginRoutes, TranslateAnswersTheBundleOrTheAdaptersErrorAndStoresNothing) {
  auto ok = admin("POST", "/v1/admin/partners/sh-intl/translate", kEchoMessage);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.headers["Content-Type"], "application/fhir+json");
  EXPECT_NE(ok.body.find(R"("resourceType":"Bundle")"), std::string::npos);
  auto bad = admin("POST", "/v1/admin/partners/sh-intl/translate", "<Echo><patient mrn='1'/></Echo>");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find(R"("location":"Echo/@id")"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("the Echo element has no id attribute"), std::string::npos) << bad.body;
  EXPECT_EQ(admin("POST", "/v1/admin/partners/nobody/translate", kEchoMessage).status, 404);
  auto unrouted = admin("POST", "/v1/admin/partners/sh-none/translate", kEchoMessage);
  EXPECT_EQ(unrouted.status, 503);
  EXPECT_NE(unrouted.body.find("adapter 'hl7v2' is not loaded"), std::string::npos) << unrouted.body;
  // A dry run: nothing reached the store.
  int messages = -1, resources = -1;
  Poco::Data::Session session = gateway_->context().db.session();
  session << "SELECT COUNT(*) FROM inbound_message", Poco::Data::Keywords::into(messages), Poco::Data::Keywords::now;
  session << "SELECT COUNT(*) FROM fhir_resource", Poco::Data::Keywords::into(resources), Poco::Data::Keywords::now;
  EXPECT_EQ(messages, 0);
  EXPECT_EQ(resources, 0);
}

TEST_F(AdminPluginRoutes, MetricsCountLoadedRefusedAndUnrouted) {
  auto r = httpCall(gateway_->port(), "GET", "/metrics");
  EXPECT_NE(r.body.find("gateway_plugins_loaded 1\n"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("gateway_plugin_files_refused 1\n"), std::string::npos);
  EXPECT_NE(r.body.find("gateway_partners_unrouted 1\n"), std::string::npos);
  auto ready = httpCall(gateway_->port(), "GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_NE(ready.body.find(R"("plugins":"ok")"), std::string::npos) << ready.body;
}

}  // namespace

namespace {

using namespace gwtest;

// SIGHUP calls Gateway::reload: partners added to the file are routed, and the folder is rescanned.
TEST(GatewayReload, RoutesPartnersAddedToTheFileAndRescansTheFolder) {
  TempDir dir;
  Poco::File(dir.file("plugins")).createDirectories();
  gw::Gateway gateway(pluginConfig(dir, hospital("sh-intl", "echo")));
  EXPECT_EQ(gateway.plugins().snapshot()->unroutedReason("sh-intl"), "adapter 'echo' is not loaded");
  installPlugin(GW_ECHO_V1, dir.file("plugins/echo.so"));
  pluginConfig(dir, hospital("sh-intl", "echo") + hospital("bj-union", "echo", "      tag: union\n"));
  std::string errors;
  ASSERT_TRUE(gateway.reload(dir.file("gateway.yaml"), errors)) << errors;
  auto added = gateway.plugins().snapshot()->partner("bj-union");
  ASSERT_TRUE(added) << gateway.plugins().snapshot()->unroutedReason("bj-union");
  EXPECT_NE(added->decode(kEchoMessage, "application/xml").output.find(R"("code":"union")"), std::string::npos);
  EXPECT_TRUE(gateway.plugins().snapshot()->partner("sh-intl"));
}

}  // namespace
