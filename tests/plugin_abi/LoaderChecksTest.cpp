// Each broken fixture is refused (or fails cleanly) with its specific reason while the echo plugin keeps serving.
#include <gtest/gtest.h>

#include <memory>

#include "PluginFixtures.hpp"
#include "plugin/PluginHost.hpp"

namespace {

using namespace gwtest;

class LoaderChecks : public ::testing::Test {
 protected:
  LoaderChecks() { Poco::File(dir_.file("plugins")).createDirectories(); }

  // Starts with echo alone (partner "sh-echo"), plus the extra hospitals given.
  void start(const std::string& extraHospitals = "") {
    installPlugin(GW_ECHO_V1, dir_.file("plugins/echo.so"));
    config_ = std::make_shared<const gw::GatewayConfig>(
        pluginConfig(dir_, hospital("sh-echo", "echo", "      tag: t\n") + extraHospitals));
    host_ = std::make_unique<gw::PluginHost>(config_->plugins);
    host_->configure(config_);
    expectEchoServes();
  }

  void expectEchoServes() {
    auto instance = host_->snapshot()->partner("sh-echo");
    ASSERT_TRUE(instance) << host_->snapshot()->unroutedReason("sh-echo");
    auto result = instance->decode(kEchoMessage, "application/xml");
    EXPECT_TRUE(result.ok()) << result.error;
    EXPECT_NE(result.output.find("urn:gw:sh-echo:mr"), std::string::npos) << result.output;
  }

  const gw::PluginRefusal* refusal(const std::string& file) {
    for (const auto& r : host_->snapshot()->refusals())
      if (r.file == dir_.file("plugins/" + file)) return &r;
    return nullptr;
  }

  TempDir dir_;
  std::shared_ptr<const gw::GatewayConfig> config_;
  std::unique_ptr<gw::PluginHost> host_;
};

struct RefusalCase {
  std::string fixture;
  std::string code;
  std::string reason;  // a part of the reason
};

void PrintTo(const RefusalCase& c, std::ostream* out) { *out << c.fixture; }

class RefusedFixture : public LoaderChecks, public ::testing::WithParamInterface<RefusalCase> {};

TEST_P(RefusedFixture, IsRefusedWithItsReasonWhileEchoServes) {
  start();
  const RefusalCase& c = GetParam();
  installPlugin(fixture(c.fixture), dir_.file("plugins/" + c.fixture + ".so"));
  host_->rescan();
  const gw::PluginRefusal* refused = refusal(c.fixture + ".so");
  ASSERT_NE(refused, nullptr) << c.fixture << " was not refused";
  EXPECT_EQ(refused->code, c.code) << refused->reason;
  EXPECT_NE(refused->reason.find(c.reason), std::string::npos) << refused->reason;
  ASSERT_EQ(host_->snapshot()->plugins().size(), 1u);
  EXPECT_EQ(host_->snapshot()->plugins()[0]->name(), "echo");
  expectEchoServes();
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, RefusedFixture,
    ::testing::Values(RefusalCase{"no_entry", "no_entry", "does not export gw_plugin_entry"},
                      RefusalCase{"abi_major", "abi_major", "built for plugin ABI 2.0, this gateway speaks ABI 1.1"},
                      RefusalCase{"abi_minor", "abi_minor", "ABI 1.2, newer than this gateway's ABI 1.1"},
                      RefusalCase{"struct_too_small", "struct_size", "gw_plugin.struct_size is 16"},
                      RefusalCase{"adapter_struct_too_small", "struct_size", "gw_adapter.struct_size is 24"},
                      RefusalCase{"duplicate_plugin_name", "duplicate_plugin", "plugin name 'echo' is already taken"},
                      RefusalCase{"duplicate_adapter_name", "duplicate_adapter",
                                  "adapter name 'echo' is already taken"},
                      RefusalCase{"unresolved_symbol", "unresolved_symbol", "gw_fixture_function_nobody_defines"}),
    [](const ::testing::TestParamInfo<RefusalCase>& info) { return info.param.fixture; });

TEST_F(LoaderChecks, NotAnElfFileIsRefused) {
  start();
  installPluginBytes("#!/bin/sh\necho this is not a plugin\n", dir_.file("plugins/script.so"));
  host_->rescan();
  ASSERT_NE(refusal("script.so"), nullptr);
  EXPECT_EQ(refusal("script.so")->code, "not_elf");
  expectEchoServes();
}

TEST_F(LoaderChecks, TruncatedSharedObjectIsRefusedBeforeItIsMapped) {
  start();
  const std::string whole = readFile(GW_ECHO_V2);
  installPluginBytes(whole.substr(0, whole.size() / 2), dir_.file("plugins/half.so"));
  host_->rescan();
  ASSERT_NE(refusal("half.so"), nullptr);
  EXPECT_EQ(refusal("half.so")->code, "truncated") << refusal("half.so")->reason;
  expectEchoServes();
}

TEST_F(LoaderChecks, CreateFailingUnroutesOnlyItsPartnerWithTheAdaptersMessage) {
  installPlugin(fixture("create_fails"), dir_.file("plugins/create_fails.so"));
  start(hospital("p-fail", "create-fails"));
  EXPECT_EQ(host_->snapshot()->partner("p-fail"), nullptr);
  EXPECT_NE(host_->snapshot()->unroutedReason("p-fail").find("no mapping table for partner p-fail"), std::string::npos)
      << host_->snapshot()->unroutedReason("p-fail");
}

TEST_F(LoaderChecks, CreateThrowingUnroutesOnlyItsPartnerWithTheExceptionsMessage) {
  installPlugin(fixture("create_throws"), dir_.file("plugins/create_throws.so"));
  start(hospital("p-throw", "create-throws"));
  EXPECT_EQ(host_->snapshot()->partner("p-throw"), nullptr);
  EXPECT_NE(host_->snapshot()->unroutedReason("p-throw").find("cannot open mapping file /nonexistent"),
            std::string::npos)
      << host_->snapshot()->unroutedReason("p-throw");
}

TEST_F(LoaderChecks, DecodeThrowingAnswersAnInternalErrorAndTheProcessGoesOn) {
  installPlugin(fixture("decode_throws"), dir_.file("plugins/decode_throws.so"));
  start(hospital("p-decode", "decode-throws"));
  auto instance = host_->snapshot()->partner("p-decode");
  ASSERT_TRUE(instance) << host_->snapshot()->unroutedReason("p-decode");
  auto result = instance->decode("<x/>", "application/xml");
  EXPECT_EQ(result.status, GW_ERR_INTERNAL);
  EXPECT_EQ(result.error, "segment table overflow while decoding");
  expectEchoServes();
}

TEST_F(LoaderChecks, CreateFailingWithMoreThanTheErrorFieldHoldsReportsEveryProblem) {
  installPlugin(fixture("create_fails_long"), dir_.file("plugins/create_fails_long.so"));
  start(hospital("p-long", "create-fails-long"));
  const std::string reason = host_->snapshot()->unroutedReason("p-long");
  EXPECT_GT(reason.size(), 4000u);
  for (const char* line : {"mapping.yaml:1:3:", "mapping.yaml:30:3:", "mapping.yaml:60:3:"})
    EXPECT_NE(reason.find(line), std::string::npos) << line << " missing from: " << reason;
}

TEST_F(LoaderChecks, AnAbi10PluginLoadsWithoutTheAbi11OptionAndIsAcknowledgedThroughItsOwnCallback) {
  installPlugin(fixture("abi_1_0"), dir_.file("plugins/abi_1_0.so"));
  start(hospital("p-old", "abi-1-0"));
  auto instance = host_->snapshot()->partner("p-old");
  ASSERT_TRUE(instance) << host_->snapshot()->unroutedReason("p-old");
  EXPECT_FALSE(instance->speaksAbi11());
  EXPECT_EQ(instance->flags(), 0u);
  auto decoded = instance->decode("<x/>", "application/xml");
  ASSERT_TRUE(decoded.ok()) << decoded.error;
  EXPECT_EQ(decoded.output.find("validation"), std::string::npos) << decoded.output;
  EXPECT_TRUE(decoded.issues.empty());
  auto ack = instance->acknowledge("<x/>", "application/xml", GW_ACK_ACCEPT, "", "", "reply", "{}");
  ASSERT_TRUE(ack.ok()) << ack.error;
  EXPECT_EQ(ack.output, "ack 1.0");
}

TEST_F(LoaderChecks, AnAdapterThatParsesHardenedGetsOnlyTheLinearPreScan) {
  installPlugin(fixture("hardened_xml"), dir_.file("plugins/hardened_xml.so"));
  start(hospital("p-hardened", "hardened-xml"));
  auto hardened = host_->snapshot()->partner("p-hardened");
  auto echo = host_->snapshot()->partner("sh-echo");
  ASSERT_TRUE(hardened && echo);
  EXPECT_EQ(hardened->flags() & GW_ADAPTER_HARDENED_XML, GW_ADAPTER_HARDENED_XML);
  // A DTD internal subset is for the full hardened parse: the flagged adapter's own parser refuses it; the
  // host refuses it before echo, which parses by hand.
  const std::string subset = R"(<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>)";
  EXPECT_TRUE(hardened->decode(subset, "application/xml").ok());
  EXPECT_TRUE(echo->decode(subset, "application/xml").screenedOut);
  // What libxml2 would spend quadratic time on is refused before either adapter sees it.
  std::string wide = "<a";
  for (int i = 0; i < 300; ++i) wide += " b" + std::to_string(i) + "='1'";
  auto refused = hardened->decode(wide + "/>", "application/xml");
  EXPECT_TRUE(refused.screenedOut);
  EXPECT_NE(refused.error.find("more than 256 attributes"), std::string::npos) << refused.error;
}

TEST_F(LoaderChecks, AnAbi11PluginIsGivenThePartnersValidationSetting) {
  start();
  auto echo = host_->snapshot()->partner("sh-echo");
  ASSERT_TRUE(echo);
  EXPECT_TRUE(echo->speaksAbi11());
  EXPECT_NE(echo->optionsJson().find(R"("validation":"lenient")"), std::string::npos) << echo->optionsJson();
}

TEST_F(LoaderChecks, NullCallbackAnswersUnsupportedNamingIt) {
  installPlugin(fixture("minimal"), dir_.file("plugins/minimal.so"));
  start(hospital("p-minimal", "minimal"));
  auto instance = host_->snapshot()->partner("p-minimal");
  ASSERT_TRUE(instance) << host_->snapshot()->unroutedReason("p-minimal");
  auto result = instance->decode("<x/>", "application/xml");
  EXPECT_EQ(result.status, GW_ERR_UNSUPPORTED);
  EXPECT_EQ(result.error, "adapter 'minimal' does not offer decode");
  EXPECT_EQ(instance->encode("{}").status, GW_ERR_UNSUPPORTED);
}

TEST_F(LoaderChecks, PartnerNamingAnAdapterThatIsNotLoadedIsUnroutedAndSaysSo) {
  start(hospital("p-none", "hl7v2"));
  EXPECT_EQ(host_->snapshot()->unroutedReason("p-none"), "adapter 'hl7v2' is not loaded");
}

TEST_F(LoaderChecks, InvalidPartnerOptionsUnrouteThatPartnerNamingFileLineColumnAndKey) {
  start(hospital("p-bad", "echo", "      tag: ok\n      colour: blue\n"));
  const std::string reason = host_->snapshot()->unroutedReason("p-bad");
  EXPECT_NE(reason.find(dir_.file("gateway.yaml") + ":24:7: 'hospitals[1].options.colour': unknown key"),
            std::string::npos)
      << reason;
}

TEST_F(LoaderChecks, ABrokenNewVersionOfAFileKeepsThePreviousVersionServing) {
  start();
  const std::string whole = readFile(GW_ECHO_V2);
  installPluginBytes(whole.substr(0, whole.size() / 3), dir_.file("plugins/echo.so"));
  host_->rescan();
  ASSERT_NE(refusal("echo.so"), nullptr);
  EXPECT_NE(refusal("echo.so")->reason.find("still serving the previous version"), std::string::npos);
  expectEchoServes();
}

TEST_F(LoaderChecks, ACopyIsLoadedFromTheContentAddressedCacheNotFromTheFolder) {
  start();
  auto library = host_->snapshot()->plugins().at(0);
  EXPECT_EQ(library->cachedCopy(), dir_.file("cache/" + library->sha256() + ".so"));
  EXPECT_EQ(library->sourceFile(), dir_.file("plugins/echo.so"));
  EXPECT_TRUE(gw::isMapped(library->cachedCopy()));
  EXPECT_FALSE(gw::isMapped(dir_.file("plugins/echo.so")));
}

}  // namespace
