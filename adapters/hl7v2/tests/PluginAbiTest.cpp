// PluginAbiTest.cpp: loads the built hl7v2.so with dlopen and drives it through the C ABI only:
// descriptor, create with options, identify, decode, acknowledge, free_output, destroy.
#include <gw/plugin_abi.h>

#include "LoadedPlugin.hpp"

#include <gtest/gtest.h>

#include <dlfcn.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace {

using gwtest::freshResult;
using LibraryHandle = gwtest::LibraryHandle;

const gw_adapter* loadAdapter(LibraryHandle& library) {
  return gwtest::loadOnlyAdapter(library, HL7V2_PLUGIN_PATH, "hl7v2");
}

std::string readSample(const std::string& relative) {
  std::ifstream in(std::string(HL7V2_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST(PluginAbi, DescribesTheAdapterAndItsOptions) {
  LibraryHandle library;
  const gw_adapter* adapter = loadAdapter(library);
  ASSERT_NE(adapter, nullptr);
  EXPECT_STREQ(adapter->name, "hl7v2");
  EXPECT_EQ(adapter->kind, static_cast<uint32_t>(GW_KIND_HOSPITAL));
  std::string types;
  for (auto t = adapter->content_types; *t; ++t) types += std::string(*t) + " ";
  for (const char* t : {"application/hl7-v2+xml", "application/xml", "text/xml", "application/hl7-v2",
                        "x-application/hl7-v2+er7", "text/plain"})
    EXPECT_NE(types.find(std::string(t) + " "), std::string::npos) << t;
  ASSERT_EQ(adapter->config_field_count, 3u);
  EXPECT_STREQ(adapter->config_fields[0].name, "currency");
  EXPECT_STREQ(adapter->config_fields[0].default_value, "CNY");
  EXPECT_EQ(adapter->config_fields[2].type, static_cast<uint32_t>(GW_FIELD_MAP));
}

TEST(PluginAbi, DecodesAndAcknowledgesThroughTheCAbi) {
  LibraryHandle library;
  const gw_adapter* adapter = loadAdapter(library);
  ASSERT_NE(adapter, nullptr);
  gw_instance* instance = nullptr;
  gw_result created = freshResult();
  ASSERT_EQ(adapter->create("sh-intl", GW_KIND_HOSPITAL, "{\"currency\":\"CNY\"}", &instance, &created), GW_OK)
      << created.error;

  std::string message = readSample("hl7v2-er7/msconv_dft_p03_01.hl7");
  gw_bytes bytes{reinterpret_cast<const uint8_t*>(message.data()), message.size()};

  gw_result identified = freshResult();
  ASSERT_EQ(adapter->identify(instance, bytes, "application/hl7-v2", &identified), GW_OK) << identified.error;
  EXPECT_STREQ(identified.message_id, "MSG00001");
  EXPECT_STREQ(identified.event, "DFT^P03");

  gw_result decoded = freshResult();
  ASSERT_EQ(adapter->decode(instance, bytes, "application/hl7-v2", &decoded), GW_OK) << decoded.error;
  std::string json(reinterpret_cast<const char*>(decoded.output), decoded.output_size);
  EXPECT_STREQ(decoded.content_type, "application/fhir+json");
  EXPECT_NE(json.find("\"resourceType\":\"ChargeItem\""), std::string::npos);
  adapter->free_output(instance, decoded.output);

  gw_result ack = freshResult();
  ASSERT_EQ(adapter->acknowledge(instance, bytes, "application/hl7-v2", GW_ACK_ACCEPT, "", "", &ack), GW_OK);
  std::string ackText(reinterpret_cast<const char*>(ack.output), ack.output_size);
  EXPECT_NE(ackText.find("MSA|AA|MSG00001"), std::string::npos) << ackText;
  EXPECT_STREQ(ack.content_type, "application/hl7-v2");
  adapter->free_output(instance, ack.output);

  std::string unsupported = readSample("hl7v2-xml/hapi_omd_o03_diet_order.xml");
  gw_bytes other{reinterpret_cast<const uint8_t*>(unsupported.data()), unsupported.size()};
  gw_result refused = freshResult();
  EXPECT_EQ(adapter->decode(instance, other, "application/xml", &refused), GW_ERR_UNSUPPORTED);
  EXPECT_NE(std::string(refused.error).find("OMD^O03"), std::string::npos) << refused.error;
  EXPECT_STREQ(refused.error_location, "MSH-9");
  EXPECT_EQ(refused.output, nullptr);

  adapter->destroy(instance);
}

TEST(PluginAbi, CreateRefusesBadOptionsWithAConfigError) {
  LibraryHandle library;
  const gw_adapter* adapter = loadAdapter(library);
  ASSERT_NE(adapter, nullptr);
  gw_instance* instance = nullptr;
  gw_result result = freshResult();
  EXPECT_EQ(adapter->create("sh-intl", GW_KIND_HOSPITAL, "{\"currency\":\"RMB!\"}", &instance, &result), GW_ERR_CONFIG);
  EXPECT_NE(std::string(result.error).find("currency"), std::string::npos);
}
