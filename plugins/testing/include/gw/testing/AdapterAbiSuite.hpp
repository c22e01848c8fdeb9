// The adapter ABI suite: one parameterised GoogleTest suite that checks any adapter .so through the C ABI only,
// as the host drives it (dlopen, gw_plugin_entry, create, the calls, free_output, destroy). An adapter's test
// program instantiates it with what is particular to the adapter:
//
//   gw::testkit::AdapterAbiCase hl7v2Case() {
//     auto c = gw::testkit::AdapterAbiCase::hospital(HL7V2_PLUGIN_PATH, "hl7v2");
//     c.partner = {"sh-intl", "{}", R"({"currency":"RMB!"})", "currency"};
//     c.sample = {HL7V2_TEST_DATA_DIR "/hl7v2-er7/msconv_dft_p03_01.hl7", "application/hl7-v2"};
//     ...
//     return c;
//   }
//   GW_ADAPTER_ABI_SUITE(Hl7v2, hl7v2Case());
//
// What it checks: the plugin exports gw_plugin_entry only; the descriptor is well formed and says what the case
// says; create accepts the good options and refuses bad ones (and options that are not a JSON object) with
// GW_ERR_CONFIG and a reason, leaving no instance; decode turns the sample into a FHIR Bundle (for a hospital
// adapter, the transaction Bundle of docs/fhir-profile.md), alike each time and from many threads at once;
// garbage, empty, huge, binary and truncated input get an error status with a reason, never a crash; identify
// reads the sample's envelope; acknowledge answers each outcome (AA, AE, AR), an acceptance unlike a refusal;
// encode turns the canonical input into partner bytes and refuses what is not canonical JSON. A call the case
// says the adapter does not offer is checked to answer GW_ERR_UNSUPPORTED instead.
#pragma once

#include <gw/plugin_abi.h>

#include "gw/testing/AdapterInstance.hpp"
#include "gw/testing/LoadedPlugin.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace gw::testkit {

// One option the descriptor declares, as `gatewayctl plugin inspect` shows it.
struct DeclaredOption {
  std::string name;
  gw_field_type type = GW_FIELD_STRING;
  bool required = false;
  std::optional<std::string> defaultValue;  // none: the descriptor's default_value is NULL
};

// The partner the instance is created for, and the options create must accept and refuse.
struct PartnerCase {
  std::string id = "test-partner";
  std::string goodOptions = "{}";
  std::string badOptions;        // create must answer GW_ERR_CONFIG ...
  std::string badOptionsReason;  // ... with an error that contains this (the option's name)
};

// Input the adapter must accept: a partner's message for decode, identify and acknowledge, or the host's
// canonical JSON for encode. The members with "= {}" may be left out of a brace list.
struct Sample {
  std::string path;              // a file read whole, or "" for `content`
  std::string contentType;       // as the partner sends it (unused for encode)
  std::string messageId = {};    // the id the calls must report; "" = any non-empty id for a hospital message
  std::string event = {};        // the event identify must report; "" = not checked
  std::string content = {};      // the bytes themselves, when there is no file
};

// Which optional callbacks the adapter offers; one it does not must answer GW_ERR_UNSUPPORTED (or be NULL).
struct ExpectedCalls {
  bool identify = true;
  bool decode = true;
  bool encode = true;
  bool acknowledge = true;
};

struct AdapterAbiCase {
  // A hospital adapter (identify, decode, acknowledge) and an insurer adapter (those and encode, of claim pages).
  static AdapterAbiCase hospital(std::string pluginPath, std::string pluginName);
  static AdapterAbiCase insurer(std::string pluginPath, std::string pluginName);

  std::string pluginPath;                 // the built .so
  std::string pluginName;                 // gw_plugin.name, and the name of the adapter tested
  gw_adapter_kind kind = GW_KIND_HOSPITAL;
  ExpectedCalls calls;
  std::vector<std::string> contentTypes;  // exactly the adapter's content types, in order
  std::vector<DeclaredOption> options;    // options it must declare just so (it may declare more)
  PartnerCase partner;
  Sample sample;       // decode, identify and acknowledge
  Sample encodeInput;  // encode: a canonical claim page for an insurer adapter
};

// The plugin's name, for failure messages (GoogleTest would print the struct's bytes).
void PrintTo(const AdapterAbiCase& adapterCase, std::ostream* out);

// Names each instantiation after its adapter. It is defined beside the suite's tests: an instantiation
// that names it links their object file out of the static library, which it would otherwise leave out.
std::string adapterAbiCaseName(const ::testing::TestParamInfo<AdapterAbiCase>& info);

class AdapterAbi : public ::testing::TestWithParam<AdapterAbiCase> {
 protected:
  // Loads the plugin and creates an instance with the good options (tests check instance().ok()).
  void SetUp() override;
  void TearDown() override;

  const gw_plugin& plugin() const { return *library_->plugin(); }
  const gw_adapter& adapter() const { return *adapter_; }
  const AdapterInstance& instance() const { return *instance_; }
  bool isHospital() const { return GetParam().kind == GW_KIND_HOSPITAL; }
  // Decodes the sample on the instance. For an adapter the case says does not decode, checks that decode
  // answers GW_ERR_UNSUPPORTED instead and returns false: there is nothing more to test.
  bool decodesSample(CallResult& decoded) const;

 private:
  std::unique_ptr<LoadedPlugin> library_;
  const gw_adapter* adapter_ = nullptr;
  std::unique_ptr<AdapterInstance> instance_;
};

}  // namespace gw::testkit

// Instantiates the suite for the given AdapterAbiCase values; `prefix` names the instantiation.
#define GW_ADAPTER_ABI_SUITE(prefix, ...)                                                                  \
  using ::gw::testkit::AdapterAbi;                                                                        \
  INSTANTIATE_TEST_SUITE_P(prefix, AdapterAbi, ::testing::Values(__VA_ARGS__), ::gw::testkit::adapterAbiCaseName)
