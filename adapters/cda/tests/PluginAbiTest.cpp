// PluginAbiTest.cpp: loads the built cda.so with dlopen and drives it through the C ABI only:
// descriptor, create with options, identify, decode, acknowledge, a malformed document, free_output, destroy.
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
  return gwtest::loadOnlyAdapter(library, CDA_PLUGIN_PATH, "cda");
}

// A C-CDA sample (CC0, copied in tests/data/cda), so this test runs without the shared sample set.
std::string readSample(const std::string& name) {
  std::ifstream in(std::string(CDA_TEST_DATA_DIR) + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

gw_bytes bytesOf(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

}  // namespace

TEST(CdaPluginAbi, DescribesTheAdapterAndItsOptions) {
  LibraryHandle library;
  const gw_adapter* adapter = loadAdapter(library);
  ASSERT_NE(adapter, nullptr);
  EXPECT_STREQ(adapter->name, "cda");
  EXPECT_EQ(adapter->kind, static_cast<uint32_t>(GW_KIND_HOSPITAL));
  std::string types;
  for (auto t = adapter->content_types; *t; ++t) types += std::string(*t) + " ";
  for (const char* t : {"application/xml", "text/xml", "application/hl7-v3+xml", "application/cda+xml"})
    EXPECT_NE(types.find(std::string(t) + " "), std::string::npos) << t;
  ASSERT_EQ(adapter->config_field_count, 3u);
  EXPECT_STREQ(adapter->config_fields[2].name, "oid_systems");
  EXPECT_EQ(adapter->config_fields[2].type, static_cast<uint32_t>(GW_FIELD_MAP));
}

TEST(CdaPluginAbi, DecodesAndAcknowledgesThroughTheCAbi) {
  LibraryHandle library;
  const gw_adapter* adapter = loadAdapter(library);
  ASSERT_NE(adapter, nullptr);
  gw_instance* instance = nullptr;
  gw_result created = freshResult();
  ASSERT_EQ(adapter->create("bj-union", GW_KIND_HOSPITAL, "{\"currency\":\"CNY\"}", &instance, &created), GW_OK)
      << created.error;

  std::string document = readSample("hl7_ccda_discharge_summary.xml");
  gw_result identified = freshResult();
  ASSERT_EQ(adapter->identify(instance, bytesOf(document), "application/cda+xml", &identified), GW_OK) << identified.error;
  EXPECT_STREQ(identified.message_id, "TT988");
  EXPECT_STREQ(identified.event, "18842-5");

  gw_result decoded = freshResult();
  ASSERT_EQ(adapter->decode(instance, bytesOf(document), "application/cda+xml", &decoded), GW_OK) << decoded.error;
  std::string json(reinterpret_cast<const char*>(decoded.output), decoded.output_size);
  EXPECT_STREQ(decoded.content_type, "application/fhir+json");
  EXPECT_NE(json.find("\"resourceType\":\"DocumentReference\""), std::string::npos);
  adapter->free_output(instance, decoded.output);

  gw_result ack = freshResult();
  ASSERT_EQ(adapter->acknowledge(instance, bytesOf(document), "application/cda+xml", GW_ACK_ACCEPT, "", "", &ack), GW_OK)
      << ack.error;
  std::string ackText(reinterpret_cast<const char*>(ack.output), ack.output_size);
  EXPECT_NE(ackText.find("<acknowledgement typeCode=\"AA\">"), std::string::npos) << ackText;
  EXPECT_NE(ackText.find("extension=\"TT988\""), std::string::npos) << ackText;
  EXPECT_STREQ(ack.content_type, "application/xml");
  adapter->free_output(instance, ack.output);

  std::string broken = "<? xml version=\"1.0\"?><ClinicalDocument xmIns=\"urn:hl7-org:v3\"/>";
  gw_result refused = freshResult();
  EXPECT_EQ(adapter->decode(instance, bytesOf(broken), "application/xml", &refused), GW_ERR_INVALID);
  EXPECT_NE(std::string(refused.error).find("not well-formed"), std::string::npos) << refused.error;
  EXPECT_STREQ(refused.error_location, "line 1, column 3");
  EXPECT_EQ(refused.output, nullptr);

  adapter->destroy(instance);
}

TEST(CdaPluginAbi, CreateRefusesBadOptionsWithAConfigError) {
  LibraryHandle library;
  const gw_adapter* adapter = loadAdapter(library);
  ASSERT_NE(adapter, nullptr);
  gw_instance* instance = nullptr;
  gw_result result = freshResult();
  EXPECT_EQ(adapter->create("bj-union", GW_KIND_HOSPITAL, "{\"oid_systems\":{\"x\":\"urn:a:b\"}}", &instance, &result),
            GW_ERR_CONFIG);
  EXPECT_NE(std::string(result.error).find("oid_systems"), std::string::npos) << result.error;
}
