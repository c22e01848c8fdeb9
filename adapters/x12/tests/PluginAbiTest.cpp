// The built plugin, loaded the way the host loads it (dlopen + gw_plugin_entry), driven through the C ABI.
#include "X12TestSupport.hpp"

#include <gw/plugin_abi.h>

#include "LoadedPlugin.hpp"

#include <dlfcn.h>
#include <gmock/gmock.h>

#include <cstring>

using namespace gw::x12::test;
using ::testing::HasSubstr;

namespace {

using gwtest::freshResult;

gw_bytes bytesOf(const std::string& text) { return {reinterpret_cast<const uint8_t*>(text.data()), text.size()}; }

class X12Plugin : public ::testing::Test {
 protected:
  void SetUp() override {
    plugin_ = gwtest::loadPlugin(library_, GW_X12_PLUGIN, "x12");
    ASSERT_TRUE(plugin_);
    ASSERT_EQ(plugin_->adapter_count, 1u);
    adapter_ = plugin_->adapters[0];
    gw_result result = freshResult();
    ASSERT_EQ(adapter_->create("keyins", GW_KIND_INSURER, optionsJson().c_str(), &instance_, &result), GW_OK)
        << result.error;
  }
  void TearDown() override {
    if (instance_) adapter_->destroy(instance_);
  }
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

TEST_F(X12Plugin, DescribesAnInsurerAdapterNamedX12) {
  EXPECT_EQ(plugin_->abi_major, GW_ABI_MAJOR);
  EXPECT_STREQ(plugin_->name, "x12");
  EXPECT_STREQ(adapter_->name, "x12");
  EXPECT_EQ(adapter_->kind, static_cast<uint32_t>(GW_KIND_INSURER));
  EXPECT_STREQ(adapter_->content_types[0], "application/edi-x12");
  EXPECT_STREQ(adapter_->content_types[1], "text/plain");
  EXPECT_EQ(adapter_->content_types[2], nullptr);
  bool npiRequired = false;
  for (std::size_t i = 0; i < adapter_->config_field_count; ++i)
    if (std::string(adapter_->config_fields[i].name) == "billing_provider_npi") npiRequired = adapter_->config_fields[i].required;
  EXPECT_TRUE(npiRequired);
}

TEST_F(X12Plugin, CreateWithoutBillingIdentityIsAConfigError) {
  gw_instance* other = nullptr;
  gw_result result = freshResult();
  EXPECT_EQ(adapter_->create("keyins", GW_KIND_INSURER, R"({"sender_id":"A","receiver_id":"B"})", &other, &result),
            GW_ERR_CONFIG);
  EXPECT_THAT(result.error, HasSubstr("billing_provider_npi"));
  EXPECT_EQ(other, nullptr);
}

TEST_F(X12Plugin, EncodesDecodesAndAcknowledgesThroughTheAbi) {
  gw_result encoded = freshResult();
  ASSERT_EQ(adapter_->encode(instance_, bytesOf(fixture("claim-page.json")), &encoded), GW_OK) << encoded.error;
  EXPECT_STREQ(encoded.content_type, "application/edi-x12");
  EXPECT_STREQ(encoded.message_id, "000000042");
  EXPECT_EQ(take(encoded).substr(0, 4), "ISA*");

  gw_result decoded = freshResult();
  std::string remittance = sample("lfh_835_5010_managed_care.835");
  ASSERT_EQ(adapter_->decode(instance_, bytesOf(remittance), "application/edi-x12", &decoded), GW_OK) << decoded.error;
  EXPECT_STREQ(decoded.event, "835");
  EXPECT_THAT(take(decoded), HasSubstr("\"Claim/5554555444\""));

  gw_result identified = freshResult();
  ASSERT_EQ(adapter_->identify(instance_, bytesOf(remittance), "text/plain", &identified), GW_OK);
  EXPECT_STREQ(identified.message_id, "000000907");

  gw_result ack = freshResult();
  ASSERT_EQ(adapter_->acknowledge(instance_, bytesOf(remittance), "application/edi-x12", GW_ACK_ACCEPT, "", "ok", &ack),
            GW_OK);
  EXPECT_THAT(take(ack), HasSubstr("AK2*835*112233"));
}

TEST_F(X12Plugin, ErrorsCrossTheAbiWithStatusAndLocation) {
  std::string broken = sample("lfh_835_5010_managed_care.835");
  broken.replace(broken.find("SE*26*"), 6, "SE*40*");
  gw_result result = freshResult();
  EXPECT_EQ(adapter_->decode(instance_, bytesOf(broken), "application/edi-x12", &result), GW_ERR_INVALID);
  EXPECT_STREQ(result.error, "segment 28 (SE): SE01 says 40 segments, counted 26");
  EXPECT_STREQ(result.error_location, "segment 28 (SE)");
  EXPECT_EQ(result.output, nullptr);
}
