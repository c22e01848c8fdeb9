// A WS/T 500 住院病案首页 (C0032) through the real gateway with the real cda plugin, on both backends:
// stored as FHIR, answered with an MCCI_IN000002UV01 AA, and its fee categories billed once each
// (the "of which" amounts are not billed again). The sample has no declared licence and is read from the
// shared sample set beside the checkout; the test skips when it is absent.
#include <gtest/gtest.h>

#include <Poco/File.h>

#include "TestSupport.hpp"
#include "claims/Money.hpp"
#include "app/Gateway.hpp"
#include "common/Json.hpp"

namespace {

using Poco::JSON::Object;

const std::string kFrontPage =
    std::string(GW_TEST_DATA_DIR) + "/../../../shared/samples/cda/cn_wst500_c032_inpatient_front_page.xml";

class CdaIntakeFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!Poco::File(kFrontPage).exists()) GTEST_SKIP() << "shared CDA samples not found (" << kFrontPage << "): skipped";
    store_ = std::make_unique<gwtest::TestStore>(GetParam(), dir_);
    GW_REQUIRE_STORE(*store_);
    Poco::File(dir_.file("plugins")).createDirectories();
    Poco::File(std::string(GW_PLUGIN_DIR) + "/cda.so").copyTo(dir_.file("plugins/cda.so"));
    std::string text =
        "server:\n  listen: 127.0.0.1:0\n  admin_key_sha256: " + gwtest::sha256(gwtest::kAdminKey) +
        "\n  group_key_sha256: " + gwtest::sha256("group-key") + "\n" + store_->yaml() +
        "plugins:\n  folder: " + dir_.file("plugins") + "\n  cache_folder: " + dir_.file("cache") +
        "\nhospitals:\n  - id: bj-union\n    key_sha256: " + gwtest::sha256("bj-key") +
        "\n    adapter: cda\n    contract:\n      billing: manual\n      currency: CNY\n      shares:\n"
        "        - {from: 1990-01-01, group: 0.6}\n";
    gateway_ = std::make_unique<gw::Gateway>(gw::parseConfig(text, dir_.file("gateway.yaml")));
    gateway_->start();
  }
  void TearDown() override {
    gateway_.reset();
    store_.reset();
  }
  gwtest::HttpResult call(const std::string& method, const std::string& path, const std::string& key,
                          const std::string& body = "", const std::string& type = "application/json") {
    return gwtest::httpCall(gateway_->port(), method, path, body, {{"X-API-Key", key}}, type);
  }

  gwtest::TempDir dir_;
  std::unique_ptr<gwtest::TestStore> store_;
  std::unique_ptr<gw::Gateway> gateway_;
};

TEST_P(CdaIntakeFlow, FrontPageIsStoredAcknowledgedAndBilledOncePerFeeCategory) {
  auto posted = call("POST", "/v1/hospitals/bj-union/messages", "bj-key", gwtest::readFile(kFrontPage),
                     "application/hl7-v3+xml");
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.headers["Content-Type"].rfind("application/xml", 0), 0u) << posted.headers["Content-Type"];
  EXPECT_NE(posted.body.find("<acknowledgement typeCode=\"AA\">"), std::string::npos) << posted.body;
  EXPECT_NE(posted.body.find("extension=\"RN001\""), std::string::npos) << posted.body;

  auto found = gw::parseJsonObject(
      call("GET", "/v1/fhir/Encounter?identifier=urn:oid:2.16.156.10011.1.12%7C371000", "group-key").body, "search");
  ASSERT_EQ(found->getValue<int>("total"), 1);
  const std::string encounter = found->getArray("entry")->getObject(0)->getObject("resource")->getValue<std::string>("id");

  auto billed = call("POST", "/v1/admin/encounters/" + encounter + "/bill", gwtest::kAdminKey);
  ASSERT_EQ(billed.status, 200) << billed.body;
  auto bill = gw::parseJsonObject(billed.body, "bill");
  EXPECT_EQ(bill->getValue<std::string>("coverage"), "self-pay");  // Chinese coverage names no payer organisation
  EXPECT_EQ(bill->getValue<int>("items"), 24);                      // 28 fee items, 4 of them "of which"
  EXPECT_EQ(bill->getValue<std::string>("total"), "55192.96 CNY");

  // The revenue split of the front page's fees: 60% to the group, item by item, adding up exactly.
  auto settlement = gw::parseJsonObject(
      call("GET", "/v1/settlements?hospital=bj-union&from=2013-01-01&to=2013-12-31", "group-key").body, "settlement");
  auto line = settlement->getArray("by_payer_class")->getObject(0);
  EXPECT_EQ(line->getValue<std::string>("payer_class"), "self_pay");
  EXPECT_EQ(line->getValue<std::string>("billed"), "55192.96");
  // Exact, in 分: the parts add up to the amount, and the group's is within half a 分 per item of 60%.
  const auto minor = [&](const char* column) { return *gw::toMinorUnits(line->get(column), "CNY"); };
  EXPECT_LE(std::llabs(minor("group_billed") * 10 - 5519296 * 6), 24 * 5);
  EXPECT_EQ(minor("group_billed") + minor("hospital_billed"), 5519296);
  // Self-pay: the patient owes all of it and no insurer pays.
  EXPECT_EQ(line->getValue<std::string>("patient_responsibility"), "55192.96");
  EXPECT_EQ(line->getValue<std::string>("paid"), "0.00");
}

INSTANTIATE_TEST_SUITE_P(Backends, CdaIntakeFlow, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
