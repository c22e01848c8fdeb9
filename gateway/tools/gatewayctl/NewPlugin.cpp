// gatewayctl new-plugin NAME DIR: scaffolds a buildable out-of-tree hospital adapter project that uses
// find_package(GatewayPluginSdk), with a test that loads the built plugin through the C ABI.
#include <Poco/File.h>
#include <Poco/Path.h>

#include <fstream>
#include <iostream>
#include <regex>

#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

namespace {

std::string fill(std::string text, const std::string& name) {
  for (std::size_t at = text.find("@NAME@"); at != std::string::npos; at = text.find("@NAME@", at))
    text.replace(at, 6, name);
  return text;
}

const char* kCMakeLists = R"TPL(# The @NAME@ gateway adapter: built against the installed plugin SDK.
#   cmake -S . -B build -DCMAKE_PREFIX_PATH=/path/to/sdk && cmake --build build && ctest --test-dir build
cmake_minimum_required(VERSION 3.22)
project(@NAME@_adapter VERSION 0.1.0 LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)

find_package(GatewayPluginSdk 1.0 REQUIRED)
gw_add_plugin(@NAME@ SOURCES src/@NAME@_adapter.cpp)

enable_testing()
find_package(GTest REQUIRED)
add_executable(@NAME@_test tests/@NAME@_test.cpp)
target_link_libraries(@NAME@_test PRIVATE GatewayPluginSdk::sdk GTest::gtest_main ${CMAKE_DL_LIBS})
target_compile_definitions(@NAME@_test PRIVATE PLUGIN_FILE="$<TARGET_FILE:@NAME@>"
                                               SAMPLE_FILE="${CMAKE_CURRENT_SOURCE_DIR}/tests/sample.xml")
add_dependencies(@NAME@_test @NAME@)
add_test(NAME @NAME@_test COMMAND @NAME@_test)
)TPL";

const char* kAdapter = R"TPL(// The @NAME@ adapter: a hospital's XML to a FHIR R4 Bundle. Start here: replace the toy format
// <Message id="…"><Patient mrn="…" family="…" given="…"/></Message> with the hospital's, and keep
// every exception a gw::sdk::Error with the right status (GW_ERR_INVALID for bad input).
#include <gw/plugin.hpp>

#include <string>
#include <string_view>

namespace {

// The value of attribute `name` in the first start tag `<element …>`; empty when absent. A real adapter
// parses XML properly (link the gateway's hardened parser); the gateway has already screened the bytes.
std::string attribute(std::string_view xml, std::string_view element, std::string_view name) {
  auto tag = xml.find("<" + std::string(element));
  if (tag == std::string_view::npos) return {};
  auto end = xml.find('>', tag);
  auto at = xml.find(std::string(name) + "=\"", tag);
  if (at == std::string_view::npos || at > end) return {};
  at += name.size() + 2;
  return std::string(xml.substr(at, xml.find('"', at) - at));
}

class Adapter : public gw::sdk::Adapter {
 public:
  static gw::sdk::AdapterInfo info() {
    return {"@NAME@", "0.1.0", GW_KIND_HOSPITAL, {"@NAME@-xml"}, {"application/xml"},
            {{"currency", GW_FIELD_STRING, 0, "CNY", "currency of amounts without one"}}};
  }
  explicit Adapter(const gw::sdk::Partner& partner) : partner_(partner.id) {}

  gw::sdk::Output identify(std::string_view input, std::string_view) override {
    std::string id = attribute(input, "Message", "id");
    if (id.empty()) throw gw::sdk::Error(GW_ERR_INVALID, "Message/@id is missing", "Message/@id");
    return {"", "", id, "MESSAGE"};
  }

  gw::sdk::Output decode(std::string_view input, std::string_view type) override {
    gw::sdk::Output id = identify(input, type);
    std::string mrn = attribute(input, "Patient", "mrn");
    if (mrn.empty()) throw gw::sdk::Error(GW_ERR_INVALID, "Patient/@mrn is missing", "Patient/@mrn");
    std::string bundle = R"({"resourceType":"Bundle","type":"transaction","identifier":{"system":"urn:gw:)" +
                         partner_ + R"(:message","value":")" + id.messageId + R"("},"entry":[{"fullUrl":"urn:uuid:)" +
                         "00000000-0000-4000-8000-000000000001" +
                         R"(","resource":{"resourceType":"Patient","identifier":[{"system":"urn:gw:)" + partner_ +
                         R"(:mr","value":")" + mrn + R"("}],"name":[{"family":")" +
                         attribute(input, "Patient", "family") + R"(","given":[")" +
                         attribute(input, "Patient", "given") +
                         R"("]}]},"request":{"method":"POST","url":"Patient"}}]})";
    return {bundle, "application/fhir+json", id.messageId, id.event};
  }

  gw::sdk::Output acknowledge(std::string_view request, std::string_view, gw_ack_outcome outcome, std::string_view,
                              std::string_view text) override {
    const char* code = outcome == GW_ACK_ACCEPT ? "AA" : outcome == GW_ACK_ERROR ? "AE" : "AR";
    return {"<Ack id=\"" + attribute(request, "Message", "id") + "\" code=\"" + code + "\">" + std::string(text) +
                "</Ack>",
            "application/xml", "", ""};
  }

 private:
  std::string partner_;
};

}  // namespace

GW_PLUGIN("@NAME@", "0.1.0", Adapter)
)TPL";

const char* kTest = R"TPL(// Loads the built @NAME@ plugin from disk, as the gateway does, and decodes the sample through the C ABI.
#include <gtest/gtest.h>
#include <gw/plugin_abi.h>

#include <dlfcn.h>

#include <fstream>
#include <sstream>
#include <string>

TEST(@NAME@, DecodesTheSampleThroughTheCAbi) {
  void* library = dlopen(PLUGIN_FILE, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(library, nullptr) << dlerror();
  auto entry = reinterpret_cast<gw_plugin_entry_fn>(dlsym(library, GW_PLUGIN_ENTRY_SYMBOL));
  ASSERT_NE(entry, nullptr);
  const gw_plugin* plugin = entry();
  ASSERT_EQ(plugin->abi_major, GW_ABI_MAJOR);
  const gw_adapter* adapter = plugin->adapters[0];
  gw_result result{};
  result.struct_size = sizeof result;
  gw_instance* instance = nullptr;
  ASSERT_EQ(adapter->create("test-hospital", GW_KIND_HOSPITAL, "{}", &instance, &result), GW_OK) << result.error;
  std::ifstream in(SAMPLE_FILE);
  std::stringstream sample;
  sample << in.rdbuf();
  const std::string bytes = sample.str();
  gw_result decoded{};
  decoded.struct_size = sizeof decoded;
  ASSERT_EQ(adapter->decode(instance, {reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()},
                            "application/xml", &decoded),
            GW_OK)
      << decoded.error;
  std::string json(reinterpret_cast<const char*>(decoded.output), decoded.output_size);
  EXPECT_NE(json.find("\"resourceType\":\"Bundle\""), std::string::npos);
  EXPECT_NE(json.find("\"value\":\"MRN-1\""), std::string::npos);
  EXPECT_STREQ(decoded.message_id, "M-1");
  adapter->free_output(instance, decoded.output);
  adapter->destroy(instance);
  dlclose(library);
}
)TPL";

const char* kSample = R"TPL(<Message id="M-1"><Patient mrn="MRN-1" family="李" given="伟"/></Message>
)TPL";

const char* kReadme = R"TPL(# @NAME@ adapter

A gateway hospital adapter, scaffolded by `gatewayctl new-plugin`. Build it against the installed
plugin SDK (`cmake --install <gateway build> --component sdk --prefix /opt/gateway-sdk`):

    cmake -S . -B build -DCMAKE_PREFIX_PATH=/opt/gateway-sdk
    cmake --build build && ctest --test-dir build

Then check it as the gateway will (`gatewayctl plugin inspect build/@NAME@.so`), dry-run a partner's
files (`gatewayctl translate --plugins build --adapter @NAME@ FILE…`), and drop `@NAME@.so` into the
gateway's plugin folder. The rules are in the SDK's `plugins/README.md`.
)TPL";

void write(const Poco::Path& dir, const std::string& relative, const std::string& text) {
  Poco::Path path = Poco::Path(dir).resolve(Poco::Path(relative));
  Poco::File(Poco::Path(path).parent()).createDirectories();
  std::ofstream out(path.toString(), std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.toString());
}

}  // namespace

int newPlugin(const std::vector<std::string>& args) {
  if (args.size() != 2) throw UsageError("expects NAME and DIR");
  const std::string& name = args[0];
  if (!std::regex_match(name, std::regex("^[a-z][a-z0-9_]{0,62}$")))
    throw UsageError("NAME must be lower-case letters, digits or '_' and start with a letter, got '" + name + "'");
  Poco::Path dir(args[1]);
  dir.makeDirectory();
  std::vector<std::string> present;
  if (Poco::File(dir).exists()) Poco::File(dir).list(present);
  if (!present.empty()) {
    std::cout << dir.toString() << " exists and is not empty: nothing written\n";
    return 1;
  }
  write(dir, "CMakeLists.txt", fill(kCMakeLists, name));
  write(dir, "src/" + name + "_adapter.cpp", fill(kAdapter, name));
  write(dir, "tests/" + name + "_test.cpp", fill(kTest, name));
  write(dir, "tests/sample.xml", kSample);
  write(dir, "README.md", fill(kReadme, name));
  std::cout << "created the " << name << " adapter project in " << dir.toString() << "; see its README.md\n";
  return 0;
}

}  // namespace gwctl
