// The built plugin, loaded the way the host loads it (dlopen + gw_plugin_entry), driven through the C ABI.
#include "FhirClaimTestSupport.hpp"

#include <gw/plugin_abi.h>

#include "LoadedPlugin.hpp"

#include <dlfcn.h>
#include <gmock/gmock.h>

#include <cstring>
#include <string>

using namespace gw::fhirclaim;
using namespace gw::fhirclaim::test;
using ::testing::HasSubstr;

namespace {

using gwtest::freshResult;

gw_bytes bytesOf(const std::string& text) { return {reinterpret_cast<const uint8_t*>(text.data()), text.size()}; }

class FhirClaimPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    plugin_ = gwtest::loadPlugin(library_, GW_FHIR_CLAIM_PLUGIN, "fhir_claim");
    ASSERT_TRUE(plugin_);
    ASSERT_EQ(plugin_->adapter_count, 1u);
    adapter_ = plugin_->adapters[0];
    gw_result result = freshResult();
    ASSERT_EQ(adapter_->create("benefits-inc", GW_KIND_INSURER, R"({"include_resources":true})", &instance_, &result),
              GW_OK)
        << result.error;
  }
  void TearDown() override {
    if (instance_) adapter_->destroy(instance_);
  }

  // The output of a successful call as text, released through free_output.
  std::string take(gw_result& result) {
    std::string text(reinterpret_cast<const char*>(result.output), result.output_size);
    adapter_->free_output(instance_, result.output);
    return text;
  }

  gwtest::LibraryHandle library_;
  const gw_plugin* plugin_ = nullptr;
  const gw_adapter* adapter_ = nullptr;
  gw_instance* instance_ = nullptr;
};

}  // namespace

TEST_F(FhirClaimPlugin, DescribesAnInsurerAdapterNamedFhirClaim) {
  EXPECT_EQ(plugin_->abi_major, GW_ABI_MAJOR);
  EXPECT_EQ(plugin_->abi_minor, GW_ABI_MINOR);
  EXPECT_GE(plugin_->struct_size, sizeof(gw_plugin));
  EXPECT_STREQ(adapter_->name, "fhir_claim");
  EXPECT_EQ(adapter_->kind, static_cast<uint32_t>(GW_KIND_INSURER));
  ASSERT_EQ(adapter_->config_field_count, 2u);
  EXPECT_STREQ(adapter_->config_fields[0].name, "include_resources");
  EXPECT_EQ(adapter_->config_fields[0].type, static_cast<uint32_t>(GW_FIELD_BOOL));
  EXPECT_STREQ(adapter_->config_fields[0].default_value, "true");
  EXPECT_STREQ(adapter_->config_fields[1].name, "profile");
  EXPECT_STREQ(adapter_->content_types[0], "application/fhir+json");
  EXPECT_TRUE(adapter_->identify && adapter_->decode && adapter_->encode && adapter_->acknowledge);
}

TEST_F(FhirClaimPlugin, ExportsOnlyTheEntrySymbol) {
  // The adapter's own functions stay inside the .so (the version script keeps gw_plugin_entry only), so
  // two plugins built from different versions of this code cannot bind to each other's copies.
  // The name is gw::fhirclaim::renderClaimPage(std::string_view, PageOptions const&) as g++ mangles it
  // (`nm libgw_fhir_claim.a` lists it).
  EXPECT_EQ(dlsym(library_.get(),
                  "_ZN2gw9fhirclaim15renderClaimPageESt17basic_string_viewIcSt11char_traitsIcEERKNS0_11PageOptionsE"),
            nullptr);
}

TEST_F(FhirClaimPlugin, EncodesThroughTheCAbi) {
  std::string input = render(sampleClaimBundle());
  gw_result result = freshResult();
  ASSERT_EQ(adapter_->encode(instance_, bytesOf(input), &result), GW_OK) << result.error;
  EXPECT_STREQ(result.content_type, "application/fhir+json");
  JsonObject page = parseObject(take(result));
  EXPECT_EQ(stringAt(page, "id"), result.message_id);
  EXPECT_EQ(entryLabels(page).front(), "Claim/860150");
  EXPECT_EQ(entryLabels(page).size(), 10u);
}

TEST_F(FhirClaimPlugin, ReportsEncodeErrorsThroughTheCAbi) {
  JsonObject bundle = sampleClaimBundle();
  objectAt(resourceIn(bundle, "Claim", "860150"), "patient")->set("reference", "Patient/123");
  std::string input = render(bundle);
  gw_result result = freshResult();
  EXPECT_EQ(adapter_->encode(instance_, bytesOf(input), &result), GW_ERR_INVALID);
  EXPECT_STREQ(result.error, "Claim/860150: reference Patient/123 (patient) is not in the bundle");
  EXPECT_STREQ(result.error_location, "Bundle.entry[1].resource.patient");
  EXPECT_EQ(result.output, nullptr);
}

TEST_F(FhirClaimPlugin, DecodesThroughTheCAbi) {
  std::string input = readText(std::string(GW_TEST_DATA_DIR) + "/fhir-r4/ClaimResponse-R3500.json");
  gw_result result = freshResult();
  ASSERT_EQ(adapter_->decode(instance_, bytesOf(input), "application/fhir+json", &result), GW_OK) << result.error;
  EXPECT_STREQ(result.message_id, "R3500");
  EXPECT_STREQ(result.event, "ClaimResponse");
  JsonObject bundle = parseObject(take(result));
  EXPECT_EQ(stringAt(resourceIn(bundle, "ClaimResponse", "R3500"), "outcome"), "complete");
}

TEST_F(FhirClaimPlugin, IdentifiesAndAcknowledgesThroughTheCAbi) {
  std::string input = render(fixture("ClaimResponse-ack-bundle.json"));
  gw_result identified = freshResult();
  ASSERT_EQ(adapter_->identify(instance_, bytesOf(input), "application/fhir+json", &identified), GW_OK);
  EXPECT_STREQ(identified.message_id, "ack-20261124-0001");
  EXPECT_STREQ(identified.event, "Bundle/ClaimResponse");
  EXPECT_EQ(identified.output, nullptr);

  gw_result ack = freshResult();
  ASSERT_EQ(
      adapter_->acknowledge(instance_, bytesOf(input), "application/fhir+json", GW_ACK_ACCEPT, "", "stored", &ack),
      GW_OK);
  EXPECT_THAT(take(ack), HasSubstr(R"("severity":"information")"));
}

TEST_F(FhirClaimPlugin, RefusesOptionsOfTheWrongTypeAtCreate) {
  gw_instance* refused = nullptr;
  gw_result result = freshResult();
  EXPECT_EQ(adapter_->create("benefits-inc", GW_KIND_INSURER, R"({"profile":42})", &refused, &result), GW_ERR_CONFIG);
  EXPECT_THAT(result.error, HasSubstr("profile"));
  EXPECT_EQ(refused, nullptr);
}
