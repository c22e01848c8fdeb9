// PluginAbiTest.cpp: loads the built xmlmap.so with dlopen and drives it through the C ABI only:
// descriptor, create with the mapping option (and a broken mapping: GW_ERR_CONFIG with file:line),
// identify, decode, acknowledge, free_output, destroy.
#include <gw/plugin_abi.h>

#include "LoadedPlugin.hpp"

#include <gtest/gtest.h>

#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace {

using gwtest::freshResult;
using LibraryHandle = gwtest::LibraryHandle;

const gw_adapter* loadAdapter(LibraryHandle& library) {
  return gwtest::loadOnlyAdapter(library, XMLMAP_PLUGIN_PATH, "xmlmap");
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST(PluginAbi, DescribesTheAdapterAndItsOptions) {
  LibraryHandle library;
  const gw_adapter* adapter = loadAdapter(library);
  ASSERT_NE(adapter, nullptr);
  EXPECT_STREQ(adapter->name, "xmlmap");
  EXPECT_EQ(adapter->kind, static_cast<uint32_t>(GW_KIND_HOSPITAL));
  EXPECT_STREQ(adapter->content_types[0], "application/xml");
  EXPECT_STREQ(adapter->content_types[1], "text/xml");
  EXPECT_EQ(adapter->content_types[2], nullptr);
  ASSERT_EQ(adapter->config_field_count, 2u);
  EXPECT_STREQ(adapter->config_fields[0].name, "mapping");
  EXPECT_EQ(adapter->config_fields[0].required, 1u);
  EXPECT_STREQ(adapter->config_fields[1].name, "base_dir");
}

TEST(PluginAbi, DecodesAndAcknowledgesThroughTheCAbi) {
  LibraryHandle library;
  const gw_adapter* adapter = loadAdapter(library);
  ASSERT_NE(adapter, nullptr);
  gw_instance* instance = nullptr;
  gw_result created = freshResult();
  std::string options = std::string(R"({"mapping":"visitrecord.yaml","base_dir":")") + XMLMAP_MAPPINGS_DIR + "\"}";
  ASSERT_EQ(adapter->create("sh-intl", GW_KIND_HOSPITAL, options.c_str(), &instance, &created), GW_OK) << created.error;

  std::string message = readFile(std::string(XMLMAP_MAPPINGS_DIR) + "/samples/visitrecord-inpatient-family-plan.xml");
  gw_bytes bytes{reinterpret_cast<const uint8_t*>(message.data()), message.size()};

  gw_result identified = freshResult();
  ASSERT_EQ(adapter->identify(instance, bytes, "application/xml", &identified), GW_OK) << identified.error;
  EXPECT_STREQ(identified.message_id, "VR-20240305-000123");
  EXPECT_STREQ(identified.event, "DISCHARGE");

  gw_result decoded = freshResult();
  ASSERT_EQ(adapter->decode(instance, bytes, "application/xml", &decoded), GW_OK) << decoded.error;
  std::string json(reinterpret_cast<const char*>(decoded.output), decoded.output_size);
  EXPECT_STREQ(decoded.content_type, "application/fhir+json");
  EXPECT_NE(json.find("\"resourceType\":\"ChargeItem\""), std::string::npos);
  adapter->free_output(instance, decoded.output);

  gw_result ack = freshResult();
  ASSERT_EQ(adapter->acknowledge(instance, bytes, "application/xml", GW_ACK_ACCEPT, "", "", &ack), GW_OK) << ack.error;
  std::string ackText(reinterpret_cast<const char*>(ack.output), ack.output_size);
  EXPECT_NE(ackText.find("<Status>AA</Status>"), std::string::npos) << ackText;
  adapter->free_output(instance, ack.output);

  std::string other = "<HL7Message><MSH/></HL7Message>";
  gw_bytes otherBytes{reinterpret_cast<const uint8_t*>(other.data()), other.size()};
  gw_result refused = freshResult();
  EXPECT_EQ(adapter->decode(instance, otherBytes, "application/xml", &refused), GW_ERR_UNSUPPORTED);
  EXPECT_NE(std::string(refused.error).find("<HL7Message>"), std::string::npos) << refused.error;
  EXPECT_EQ(refused.output, nullptr);

  adapter->destroy(instance);
}

TEST(PluginAbi, CreateRefusesABrokenMappingWithItsFileAndLine) {
  LibraryHandle library;
  const gw_adapter* adapter = loadAdapter(library);
  ASSERT_NE(adapter, nullptr);
  char name[] = "/tmp/xmlmap-abi-XXXXXX";
  int fd = mkstemp(name);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(name) << "match:\n  root: X\n  rooot: Y\n";
  gw_instance* instance = nullptr;
  gw_result result = freshResult();
  std::string options = std::string(R"({"mapping":")") + name + "\"}";
  EXPECT_EQ(adapter->create("sh-intl", GW_KIND_HOSPITAL, options.c_str(), &instance, &result), GW_ERR_CONFIG);
  EXPECT_NE(std::string(result.error).find(std::string(name) + ":3:3: 'match.rooot': unknown key"), std::string::npos)
      << result.error;
  std::remove(name);
}
