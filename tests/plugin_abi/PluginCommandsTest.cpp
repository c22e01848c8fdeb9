// gatewayctl plugin inspect and translate: the daemon's checks and reasons, from the command line.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>

#include "PluginFixtures.hpp"

namespace {

using namespace gwtest;

struct CommandResult {
  int exit = -1;
  std::string output;  // stdout and stderr together
};

CommandResult gatewayctl(const std::string& arguments) {
  CommandResult result;
  FILE* pipe = popen((std::string(GW_GATEWAYCTL) + " " + arguments + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.output.append(buffer, n);
  int status = pclose(pipe);
  result.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST(PluginInspect, PrintsTheEchoDescriptor) {
  auto r = gatewayctl(std::string("plugin inspect ") + GW_ECHO_V1);
  EXPECT_EQ(r.exit, 0) << r.output;
  for (const char* expected :
       {"plugin: echo 1.0.0 (ABI 1.1)", "adapter: echo 1.0.0 (hospital)", "formats: echo-xml",
        "content types: application/xml, text/xml", "option tag: string, optional, default \"\"",
        "create with default options: ok"})
    EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
}

struct InspectCase {
  std::string fixture;
  std::string expected;
};
void PrintTo(const InspectCase& c, std::ostream* out) { *out << c.fixture; }

class PluginInspectRefuses : public ::testing::TestWithParam<InspectCase> {};

TEST_P(PluginInspectRefuses, PrintsTheSpecificReasonAndExitsOne) {
  auto r = gatewayctl("plugin inspect " + fixture(GetParam().fixture));
  EXPECT_EQ(r.exit, 1) << r.output;
  EXPECT_NE(r.output.find(GetParam().expected), std::string::npos) << r.output;
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, PluginInspectRefuses,
    ::testing::Values(InspectCase{"no_entry", "refused (no_entry): no entry symbol"},
                      InspectCase{"abi_major", "refused (abi_major): built for plugin ABI 2.0"},
                      InspectCase{"abi_minor", "refused (abi_minor): built for plugin ABI 1.2, newer"},
                      InspectCase{"struct_too_small", "refused (struct_size): gw_plugin.struct_size is 16"},
                      InspectCase{"adapter_struct_too_small", "refused (struct_size): adapter #0: gw_adapter.struct_size"},
                      InspectCase{"unresolved_symbol",
                                  "refused (unresolved_symbol): unresolved symbol: "},
                      InspectCase{"create_fails",
                                  "create with default options: failed (GW_ERR_CONFIG): no mapping table for partner"},
                      InspectCase{"create_throws", "failed (GW_ERR_INTERNAL): cannot open mapping file /nonexistent"}),
    [](const ::testing::TestParamInfo<InspectCase>& info) { return info.param.fixture; });

TEST(PluginInspect, RefusesAFileThatIsNotElfAndATruncatedOne) {
  TempDir dir;
  writeFile(dir.file("text.so"), "not a plugin\n");
  auto r = gatewayctl("plugin inspect " + dir.file("text.so"));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.output.find("refused (not_elf)"), std::string::npos) << r.output;
  const std::string whole = readFile(GW_ECHO_V1);
  writeFile(dir.file("half.so"), whole.substr(0, whole.size() / 2));
  r = gatewayctl("plugin inspect " + dir.file("half.so"));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.output.find("refused (truncated)"), std::string::npos) << r.output;
}

class Translate : public ::testing::Test {
 protected:
  Translate() {
    Poco::File(dir_.file("plugins")).createDirectories();
    installPlugin(GW_ECHO_V1, dir_.file("plugins/echo.so"));
    writeFile(dir_.file("message.xml"), kEchoMessage);
  }
  TempDir dir_;
};

TEST_F(Translate, DecodesToCanonicalJsonWithThePartnersOptions) {
  writeFile(dir_.file("options.yaml"), "tag: from-cli\n");
  auto r = gatewayctl("translate --plugins " + dir_.file("plugins") + " --adapter echo --partner sh-intl --options " +
                      dir_.file("options.yaml") + " " + dir_.file("message.xml"));
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find(R"("system":"urn:gw:sh-intl:mr","value":"123")"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(R"("tag":[{"code":"from-cli"}])"), std::string::npos) << r.output;
}

TEST_F(Translate, EncodesWithEncode) {
  writeFile(dir_.file("bundle.json"), R"({"resourceType":"Bundle"})");
  auto r = gatewayctl("translate --plugins " + dir_.file("plugins") + " --adapter echo --encode " +
                      dir_.file("bundle.json"));
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find(R"({"resourceType":"Bundle"})"), std::string::npos) << r.output;
}

TEST_F(Translate, RejectsABadMessageWithTheAdaptersReason) {
  writeFile(dir_.file("bad.xml"), "<Echo><patient mrn='1'/></Echo>");
  auto r = gatewayctl("translate --plugins " + dir_.file("plugins") + " --adapter echo " + dir_.file("bad.xml"));
  EXPECT_EQ(r.exit, 1) << r.output;
  EXPECT_NE(r.output.find("rejected (GW_ERR_INVALID at Echo/@id): the Echo element has no id attribute"),
            std::string::npos)
      << r.output;
}

TEST_F(Translate, RejectsOptionsTheAdapterDoesNotDeclareNamingFileLineAndKey) {
  writeFile(dir_.file("options.yaml"), "tag: a\ncolour: blue\n");
  auto r = gatewayctl("translate --plugins " + dir_.file("plugins") + " --adapter echo --options " +
                      dir_.file("options.yaml") + " " + dir_.file("message.xml"));
  EXPECT_EQ(r.exit, 1) << r.output;
  EXPECT_NE(r.output.find(dir_.file("options.yaml") + ":2:1: 'hospitals[0].options.colour': unknown key"),
            std::string::npos)
      << r.output;
}

TEST_F(Translate, SaysWhenTheAdapterIsNotLoadedAndWhenUsageIsWrong) {
  auto r = gatewayctl("translate --plugins " + dir_.file("plugins") + " --adapter hl7v2 " + dir_.file("message.xml"));
  EXPECT_EQ(r.exit, 1) << r.output;
  EXPECT_NE(r.output.find("adapter 'hl7v2' is not loaded"), std::string::npos) << r.output;
  EXPECT_EQ(gatewayctl("translate --adapter echo " + dir_.file("message.xml")).exit, 2);
}

}  // namespace
