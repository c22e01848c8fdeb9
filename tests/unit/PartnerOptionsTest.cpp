// A partner's `options` checked against an adapter's declared config fields, with file:line:column and the key.
#include <gtest/gtest.h>

#include "config/GatewayConfig.hpp"
#include "plugin/PartnerOptions.hpp"

namespace {

const gw_config_field kFields[] = {
    {"endpoint", GW_FIELD_STRING, 1, nullptr, "where to send orders"},
    {"retries", GW_FIELD_INT, 0, "3", "how often to retry"},
    {"strict", GW_FIELD_BOOL, 0, "false", ""},
    {"codes", GW_FIELD_LIST, 0, nullptr, ""},
    {"wards", GW_FIELD_MAP, 0, "{}", ""},
};

gw_adapter adapterWithFields() {
  gw_adapter adapter{};
  adapter.struct_size = sizeof adapter;
  adapter.name = "orders";
  adapter.version = "1.0.0";
  adapter.kind = GW_KIND_HOSPITAL;
  adapter.config_fields = kFields;
  adapter.config_field_count = sizeof kFields / sizeof kFields[0];
  return adapter;
}

struct Checked {
  std::optional<std::string> json;
  std::string errors;
};

// The options of the only hospital in a file whose partner block starts on line 2.
Checked check(const std::string& optionsYaml) {
  std::string text = "hospitals:\n  - id: h1\n    key_sha256: " + std::string(64, 'a') + "\n    adapter: orders\n";
  if (!optionsYaml.empty()) text += "    options:\n" + optionsYaml;
  gw::GatewayConfig config = gw::parseConfig(text, "/etc/gw/gateway.yaml");
  std::vector<gw::ConfigIssue> issues;
  gw_adapter adapter = adapterWithFields();
  Checked out;
  out.json = gw::partnerOptionsJson(adapter, config.hospitals.at(0), "hospitals[0]", config.file, issues);
  if (!issues.empty()) out.errors = gw::ConfigError(issues).what();
  return out;
}

TEST(PartnerOptions, ValidOptionsBecomeAJsonObjectWithDefaultsApplied) {
  auto c = check("      endpoint: https://his.example/orders\n      codes: [A, B]\n      strict: yes\n");
  ASSERT_TRUE(c.json) << c.errors;
  EXPECT_EQ(*c.json,
            R"({"codes":["A","B"],"endpoint":"https://his.example/orders","retries":3,"strict":true,)"
            R"("validation":"lenient","wards":{}})");
}

TEST(PartnerOptions, UnknownKeyIsRefusedWithItsPosition) {
  auto c = check("      endpoint: x\n      colour: blue\n");
  EXPECT_FALSE(c.json);
  EXPECT_NE(c.errors.find("/etc/gw/gateway.yaml:7:7: 'hospitals[0].options.colour': unknown key"), std::string::npos)
      << c.errors;
}

TEST(PartnerOptions, WrongTypeIsRefusedWithItsPosition) {
  auto c = check("      endpoint: x\n      retries: many\n      wards: [a]\n");
  EXPECT_FALSE(c.json);
  EXPECT_NE(c.errors.find(":7:16: 'hospitals[0].options.retries': must be a whole number, got 'many'"),
            std::string::npos)
      << c.errors;
  EXPECT_NE(c.errors.find(":8:14: 'hospitals[0].options.wards': must be a mapping"), std::string::npos) << c.errors;
}

TEST(PartnerOptions, MissingRequiredKeyPointsAtThePartnersBlock) {
  auto c = check("");
  EXPECT_FALSE(c.json);
  EXPECT_NE(c.errors.find("/etc/gw/gateway.yaml:2:5: 'hospitals[0].options.endpoint': required key is missing"),
            std::string::npos)
      << c.errors;
}

}  // namespace

namespace {

const gw_config_field kMappingFields[] = {
    {"mapping", GW_FIELD_STRING, 1, nullptr, "mapping file"},
    {"base_dir", GW_FIELD_STRING, 0, nullptr, "folder for relative paths"},
};

std::optional<std::string> mappingOptions(const std::string& optionsYaml) {
  std::string text = "hospitals:\n  - id: h1\n    key_sha256: " + std::string(64, 'a') +
                     "\n    adapter: xmlmap\n    options:\n" + optionsYaml;
  gw::GatewayConfig config = gw::parseConfig(text, "/etc/gw/gateway.yaml");
  gw_adapter adapter{};
  adapter.struct_size = sizeof adapter;
  adapter.name = "xmlmap";
  adapter.config_fields = kMappingFields;
  adapter.config_field_count = 2;
  std::vector<gw::ConfigIssue> issues;
  return gw::partnerOptionsJson(adapter, config.hospitals.at(0), "hospitals[0]", config.file, issues);
}

}  // namespace

TEST(PartnerOptions, BaseDirDefaultsToTheConfigurationFilesFolder) {
  EXPECT_EQ(mappingOptions("      mapping: mappings/visit.yaml\n").value_or(""),
            R"({"base_dir":"/etc/gw/","mapping":"mappings/visit.yaml","validation":"lenient"})");
  EXPECT_EQ(mappingOptions("      mapping: m.yaml\n      base_dir: /srv/maps\n").value_or(""),
            R"({"base_dir":"/srv/maps","mapping":"m.yaml","validation":"lenient"})");
}

// The partner's `validation` reaches an ABI 1.1 adapter in its options; a 1.0 adapter, which would not
// expect the key, never sees it.
TEST(PartnerOptions, ThePartnersValidationReachesAnAbi11AdapterOnly) {
  const std::string text = "hospitals:\n  - id: h1\n    key_sha256: " + std::string(64, 'a') +
                           "\n    adapter: orders\n    validation: strict\n    options:\n      endpoint: x\n";
  gw::GatewayConfig config = gw::parseConfig(text, "/etc/gw/gateway.yaml");
  std::vector<gw::ConfigIssue> issues;
  gw_adapter adapter = adapterWithFields();
  auto json = gw::partnerOptionsJson(adapter, config.hospitals.at(0), "hospitals[0]", config.file, issues);
  ASSERT_TRUE(json);
  EXPECT_NE(json->find(R"("validation":"strict")"), std::string::npos) << *json;
  adapter.struct_size = offsetof(gw_adapter, flags);  // as a plugin built against ABI 1.0
  json = gw::partnerOptionsJson(adapter, config.hospitals.at(0), "hospitals[0]", config.file, issues);
  ASSERT_TRUE(json);
  EXPECT_EQ(json->find("validation"), std::string::npos) << *json;
}
