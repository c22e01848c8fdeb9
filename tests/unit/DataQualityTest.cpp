// Lenient and strict validation seen from a hospital and an operator, with the real hl7v2 plugin loaded from
// disk, on both store backends: a message with a malformed birth date is accepted with a warning in its ACK
// (lenient) or refused naming the field (strict); both are kept as OperationOutcomes, counted per field by
// GET /v1/admin/data-quality and shown per message by GET /v1/admin/messages/{id}/issues.
#include <gtest/gtest.h>

#include <Poco/File.h>

#include <algorithm>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"
#include <gw/kit/JsonReader.hpp>

namespace {

class DataQuality : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = std::make_unique<gwtest::TestStore>(GetParam(), dir_);
    GW_REQUIRE_STORE(*store_);
    Poco::File(dir_.file("plugins")).createDirectories();
    Poco::File(std::string(GW_PLUGIN_DIR) + "/hl7v2.so").copyTo(dir_.file("plugins/hl7v2.so"));
    gwtest::writeFile(dir_.file("gateway.yaml"),
                      "server:\n  listen: 127.0.0.1:0\n  threads: 4\n  admin_key_sha256: " +
                          gwtest::sha256(gwtest::kAdminKey) + "\n" + store_->yaml() +
                          "plugins:\n  folder: " + dir_.file("plugins") + "\n  cache_folder: " + dir_.file("cache") +
                          "\nhospitals:\n"
                          "  - {id: sh-intl, key_sha256: " + gwtest::sha256("sh-key") + ", adapter: hl7v2}\n"
                          "  - {id: bj-union, key_sha256: " + gwtest::sha256("bj-key") +
                          ", adapter: hl7v2, validation: strict}\n");
    gateway_ = std::make_unique<gw::Gateway>(gw::loadConfig(dir_.file("gateway.yaml")));
    gateway_->start();
  }
  void TearDown() override {
    gateway_.reset();
    store_.reset();
  }
  gwtest::HttpResult post(const std::string& hospital, const std::string& key, const std::string& body) {
    return gwtest::httpCall(gateway_->port(), "POST", "/v1/hospitals/" + hospital + "/messages", body,
                            {{"X-API-Key", key}}, "application/hl7-v2");
  }
  gwtest::HttpResult admin(const std::string& path) {
    return gwtest::httpCall(gateway_->port(), "GET", path, "", {{"X-API-Key", gwtest::kAdminKey}});
  }
  // The data-quality rows of a hospital as "field severity issues".
  std::vector<std::string> fields(const std::string& query) {
    auto r = admin("/v1/admin/data-quality?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    auto rows = gw::kit::arrayAt(gw::kit::parseObject(r.body), "fields");
    for (std::size_t i = 0; rows && i < rows->size(); ++i) {
      auto row = gw::kit::objectIn(rows, i);
      out.push_back(gw::kit::stringAt(row, "field") + " " + gw::kit::stringAt(row, "severity") + " " +
                    std::to_string(row->getValue<int>("issues")));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  gwtest::TempDir dir_;
  std::unique_ptr<gwtest::TestStore> store_;
  std::unique_ptr<gw::Gateway> gateway_;
};

// Mirth's ORM^O01 (v2.4): PID-7 "Aug 15, 1942" is not a date, PV1-44 neither; PID-2, PV1-10 and PV1-14 are longer
// than v2.4 allows. Strict refuses at the first of them.
TEST_P(DataQuality, LenientAcceptsAMessyOrderWithWarningsAndStrictRefusesIt) {
  const std::string order = gwtest::readFile(std::string(GW_TEST_DATA_DIR) + "/hl7v2-er7/mirth_orm_o01.txt");

  auto lenient = post("sh-intl", "sh-key", order);
  ASSERT_EQ(lenient.status, 200) << lenient.body;
  EXPECT_EQ(lenient.headers["X-Gateway-Outcome"], "AA");
  EXPECT_NE(lenient.body.find("MSA|AA|12345678"), std::string::npos) << lenient.body;
  EXPECT_NE(lenient.body.find("ERR|PID^1^7^102&warning: "), std::string::npos) << lenient.body;
  EXPECT_NE(lenient.body.find("ERR|PV1^1^44^102&warning: "), std::string::npos) << lenient.body;

  auto strict = post("bj-union", "bj-key", order);
  EXPECT_EQ(strict.status, 400) << strict.body;
  EXPECT_EQ(strict.headers["X-Gateway-Outcome"], "AE");
  EXPECT_NE(strict.body.find("ERR|PID^1^2^102&"), std::string::npos) << strict.body;

  EXPECT_EQ(fields("hospital=sh-intl"), (std::vector<std::string>{"PID-2 warning 1", "PID-7 warning 1", "PV1-10 warning 1",
                                                                  "PV1-14 warning 1", "PV1-44 warning 1"}));
  EXPECT_EQ(fields("hospital=bj-union"), (std::vector<std::string>{"PID-2 error 1"}));
  EXPECT_EQ(fields("hospital=sh-intl&to=2000-01-01").size(), 0u);
  EXPECT_EQ(fields("hospital=sh-intl&from=2000-01-01T00:00:00Z").size(), 5u);
  EXPECT_EQ(admin("/v1/admin/data-quality?from=yesterday").status, 400);

  // One message's OperationOutcome keeps the value as sent, for the operator who fixes the feed.
  auto listed = admin("/v1/admin/messages?status=accepted&hospital=sh-intl");
  auto messages = gw::kit::arrayAt(gw::kit::parseObject(listed.body), "messages");
  ASSERT_TRUE(messages && messages->size() == 1) << listed.body;
  const auto id = gw::kit::objectIn(messages, 0)->getValue<Poco::Int64>("id");
  auto issues = admin("/v1/admin/messages/" + std::to_string(id) + "/issues");
  ASSERT_EQ(issues.status, 200) << issues.body;
  EXPECT_EQ(issues.headers["Content-Type"], "application/fhir+json");
  EXPECT_NE(issues.body.find(R"("expression":["PID-7"])"), std::string::npos) << issues.body;
  EXPECT_NE(issues.body.find(R"("valueString":"Aug 15, 1942")"), std::string::npos) << issues.body;
  EXPECT_EQ(admin("/v1/admin/messages/999999/issues").status, 404);
}

// The time it takes is measured by scripts/bench.sh, not here.
TEST_P(DataQuality, TheScreenRefusesTwoHundredThousandAttributesOnTheIntakeAndTheTranslateRoute) {
  std::string hostile = "<HL7Message><MSH";
  for (int i = 0; i < 200000; ++i) hostile += " a" + std::to_string(i) + "=\"\"";
  hostile += "/></HL7Message>";
  ASSERT_GT(hostile.size(), 2000000u);

  auto intake = gwtest::httpCall(gateway_->port(), "POST", "/v1/hospitals/sh-intl/messages", hostile,
                                 {{"X-API-Key", "sh-key"}}, "application/xml");
  EXPECT_EQ(intake.status, 400) << intake.body;
  EXPECT_EQ(intake.headers["X-Gateway-Outcome"], "AR");
  EXPECT_NE(intake.body.find("more than 256 attributes"), std::string::npos) << intake.body;

  auto translated = gwtest::httpCall(gateway_->port(), "POST", "/v1/admin/partners/sh-intl/translate", hostile,
                                     {{"X-API-Key", gwtest::kAdminKey}}, "application/xml");
  EXPECT_EQ(translated.status, 400) << translated.body;
  EXPECT_NE(translated.body.find("screened_out"), std::string::npos) << translated.body;
  EXPECT_NE(translated.body.find("more than 256 attributes"), std::string::npos) << translated.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, DataQuality, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
