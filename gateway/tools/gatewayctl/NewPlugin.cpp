// gatewayctl new-plugin NAME DIR: scaffolds a buildable out-of-tree hospital adapter project on the adapter kit:
// it parses with the kit's hardened XML parser, builds its Bundle with the kit's Json and BundleBuilder as
// docs/fhir-profile.md says (conditional PUT by identifier, name-based urn:uuid fullUrls, urn:gw:<partner>:...
// systems), reads the kit's partner options, and is built with find_package(GatewayPluginSdk) and
// gw_add_adapter, with its own test and the SDK's adapter ABI suite.
#include <Poco/File.h>
#include <Poco/Path.h>

#include <cctype>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>

#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

namespace {

// The names a template uses: @NAME@ (the adapter, e.g. acme_his), @CLASS@ (AcmeHisAdapter) and @MACRO@ (ACME_HIS,
// the prefix of the test's compile definitions).
std::map<std::string, std::string> namesFor(const std::string& name) {
  std::string type, macro;
  bool upper = true;
  for (char c : name) {
    macro += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == '_') {
      upper = true;
      continue;
    }
    type += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return {{"@NAME@", name}, {"@CLASS@", type + "Adapter"}, {"@MACRO@", macro}};
}

std::string fill(std::string text, const std::map<std::string, std::string>& names) {
  for (const auto& [placeholder, value] : names)
    for (std::size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
      text.replace(at, placeholder.size(), value);
  return text;
}

const char* kCMakeLists = R"TPL(# The @NAME@ gateway adapter, built against the installed plugin SDK:
#   cmake -S . -B build -DCMAKE_PREFIX_PATH=/path/to/sdk && cmake --build build && ctest --test-dir build
cmake_minimum_required(VERSION 3.22)
project(@NAME@_adapter VERSION 0.1.0 LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)

enable_testing()
# The tests need GoogleTest, and the SDK brings its adapter test kit (GatewayPluginSdk::testing) only with it.
find_package(GTest REQUIRED)
find_package(GatewayPluginSdk 1.0 REQUIRED)

# The adapter's code as the library gw_@NAME@ (src/ but Plugin.cpp), the plugin @NAME@.so (src/Plugin.cpp), and the
# test program gw_@NAME@_tests (tests/), registered with CTest.
gw_add_adapter(@NAME@
  TEST_DEFINITIONS
    @MACRO@_PLUGIN="$<TARGET_FILE:@NAME@>"
    @MACRO@_SAMPLES="${CMAKE_CURRENT_SOURCE_DIR}/tests/samples")
)TPL";

const char* kAdapterHeader = R"TPL(// The @NAME@ adapter: a hospital's XML messages to FHIR R4 transaction Bundles, and their acknowledgements.
// Start here: replace the example format,
//   <Message id="…" type="…" time="2024-03-05T10:00:00"><Patient mrn="…" family="…" given="…"/></Message>,
// with the hospital's, and keep every failure a gw::sdk::Error with the status the gateway answers by
// (GW_ERR_INVALID for a bad message, GW_ERR_UNSUPPORTED for one this adapter does not take).
#pragma once

#include <gw/kit/PartnerOptions.hpp>
#include <gw/plugin.hpp>

#include <string_view>

class @CLASS@ : public gw::sdk::Adapter {
 public:
  static gw::sdk::AdapterInfo info();
  // Reads the partner's options; an unusable one is GW_ERR_CONFIG naming it.
  explicit @CLASS@(const gw::sdk::Partner& partner);

  gw::sdk::Output identify(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output decode(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output acknowledge(std::string_view request, std::string_view contentType, gw_ack_outcome outcome,
                              std::string_view errorLocation, std::string_view text) override;

 private:
  gw::kit::PartnerOptions options_;
};
)TPL";

const char* kAdapterSource = R"TPL(#include "@CLASS@.hpp"

#include <gw/kit/BundleBuilder.hpp>
#include <gw/kit/HardenedXml.hpp>
#include <gw/kit/Json.hpp>
#include <gw/kit/LibXml2Handles.hpp>
#include <gw/kit/Text.hpp>

#include <cstring>
#include <regex>
#include <string>

namespace {

using gw::kit::Json;
using gw::sdk::Error;

// Who sent the message and what it is: what identify reads and every acknowledgement names.
struct Envelope {
  std::string id, type, time;
};

std::string nameOf(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

// The attribute `name` of `element`; "" when absent.
std::string attribute(xmlNode* element, const char* name) {
  gw::kit::XmlStringHandle value(xmlGetProp(element, reinterpret_cast<const xmlChar*>(name)));
  return value ? reinterpret_cast<const char*>(value.get()) : "";
}

// An attribute the format requires: GW_ERR_INVALID naming it when it is missing or empty.
std::string required(xmlNode* element, const char* name, const std::string& where) {
  std::string value = attribute(element, name);
  if (value.empty()) throw Error(GW_ERR_INVALID, where + " has no " + name, where + "/@" + name);
  return value;
}

xmlNode* child(xmlNode* parent, const char* name) {
  for (xmlNode* node = parent->children; node; node = node->next)
    if (node->type == XML_ELEMENT_NODE && nameOf(node) == name) return node;
  return nullptr;
}

// The partner's bytes, read only through the kit's hardened parser: no DTDs, entities or network, and bounded
// sizes, so a hostile message costs little and is refused with its reason.
gw::kit::XmlDocument parse(std::string_view input, std::string_view contentType) {
  if (!gw::kit::isXmlMediaType(contentType))
    throw Error(GW_ERR_UNSUPPORTED, "content type '" + std::string(contentType) + "' is not XML");
  gw::kit::XmlParseResult parsed = gw::kit::HardenedXml::parse(input);
  if (!parsed) {
    const gw::kit::XmlRejection& why = parsed.rejection();
    throw Error(GW_ERR_INVALID, why.reason, why.line > 0 ? "line " + std::to_string(why.line) : "");
  }
  if (nameOf(parsed.document().root()) != "Message")
    throw Error(GW_ERR_UNSUPPORTED, "<" + nameOf(parsed.document().root()) + "> is not a message of this format", "/");
  return std::move(parsed.document());
}

Envelope envelopeOf(const gw::kit::XmlDocument& document) {
  return {required(document.root(), "id", "Message"), required(document.root(), "type", "Message"),
          attribute(document.root(), "time")};
}

// A local time of the message (2024-03-05T10:00:00) as a FHIR instant, in the partner's offset.
std::string instant(const std::string& time, const std::string& offset) {
  if (time.empty()) return "";
  static const std::regex local("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}");
  if (!std::regex_match(time, local))
    throw Error(GW_ERR_INVALID, "Message time '" + time + "' is not a local time such as 2024-03-05T10:00:00",
                "Message/@time");
  return time + offset;
}

Json codeableConcept(const std::string& system, const std::string& code) {
  Json coding = Json::object();
  coding.set("system", system);
  coding.set("code", code);
  Json concept = Json::object();
  concept.append("coding", coding);
  return concept;
}

}  // namespace

gw::sdk::AdapterInfo @CLASS@::info() {
  return {"@NAME@",
          "0.1.0",
          GW_KIND_HOSPITAL,
          {"@NAME@-xml"},
          {"application/xml", "text/xml"},
          {{"timezone", GW_FIELD_STRING, 0, "+08:00", "UTC offset of message times sent without one"}}};
}

@CLASS@::@CLASS@(const gw::sdk::Partner& partner)
    : options_(gw::kit::PartnerOptions::read(partner.id, *gw::kit::parseOptions(partner.optionsJson))) {}

gw::sdk::Output @CLASS@::identify(std::string_view input, std::string_view contentType) {
  const Envelope envelope = envelopeOf(parse(input, contentType));
  return {"", "", envelope.id, envelope.type};
}

gw::sdk::Output @CLASS@::decode(std::string_view input, std::string_view contentType) {
  const gw::kit::XmlDocument document = parse(input, contentType);
  const Envelope envelope = envelopeOf(document);
  xmlNode* patientElement = child(document.root(), "Patient");
  if (!patientElement) throw Error(GW_ERR_INVALID, "the message has no Patient", "Message/Patient");
  const std::string mrn = required(patientElement, "mrn", "Message/Patient");

  // The partner's own medical record numbers (docs/fhir-profile.md, "Identifier systems").
  const std::string mrSystem = "urn:gw:" + options_.partnerId + ":mr";
  Json identifier = Json::object();
  identifier.set("type", codeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR"));
  identifier.set("system", mrSystem);
  identifier.set("value", mrn);
  Json name = Json::object();
  name.set("family", attribute(patientElement, "family"));
  name.append("given", Json::string(attribute(patientElement, "given")));
  Json patient = Json::object();
  patient.set("resourceType", "Patient");
  patient.append("identifier", identifier);
  patient.append("name", name);

  // fullUrls are name-based on partner, message id and key: the same message always gives the same Bundle. The
  // Patient is an upsert on its record number, as the same patient arrives again and again.
  gw::kit::BundleBuilder bundle(options_.partnerId + "|" + envelope.id);
  bundle.add("Patient/" + mrSystem + "|" + mrn, std::move(patient),
             "Patient?identifier=" + gw::kit::encodeQueryValue(mrSystem) + "|" + gw::kit::encodeQueryValue(mrn));
  Json messageId = Json::object();
  messageId.set("system", "urn:gw:" + options_.partnerId + ":message");
  messageId.set("value", envelope.id);
  return {bundle.build(messageId, instant(envelope.time, options_.timezone)).dump(), "application/fhir+json",
          envelope.id, envelope.type};
}

gw::sdk::Output @CLASS@::acknowledge(std::string_view request, std::string_view contentType,
                                     gw_ack_outcome outcome, std::string_view errorLocation,
                                     std::string_view text) {
  // A request is often refused because it cannot be read: its answer then names no message.
  std::string id;
  try {
    id = envelopeOf(parse(request, contentType)).id;
  } catch (const Error&) {
  }
  const char* code = outcome == GW_ACK_ACCEPT ? "AA" : outcome == GW_ACK_ERROR ? "AE" : "AR";
  std::string reason(text);
  if (!errorLocation.empty()) reason += " (" + std::string(errorLocation) + ")";
  return {"<Ack id=\"" + gw::kit::xmlEscaped(id) + "\" code=\"" + code + "\">" + gw::kit::xmlEscaped(reason) +
              "</Ack>\n",
          "application/xml", id, ""};
}
)TPL";

const char* kPlugin = R"TPL(// The one exported symbol of @NAME@.so: the plugin, its version and its adapter.
#include "@CLASS@.hpp"

GW_PLUGIN("@NAME@", "0.1.0", @CLASS@)
)TPL";

const char* kAdapterTest = R"TPL(// What the @NAME@ adapter makes of its sample and of messages it cannot take, on the adapter's class; the
// built plugin is checked through the C ABI by the SDK's ABI suite (PluginAbiTest.cpp).
#include "@CLASS@.hpp"

#include <gw/testing/BundleReading.hpp>
#include <gw/testing/TestFiles.hpp>
#include <gw/testing/ThrownError.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace gw::testkit;

namespace {

@CLASS@ adapterFor(const std::string& partner, const std::string& options = "{}") {
  return @CLASS@(gw::sdk::Partner{partner, GW_KIND_HOSPITAL, options});
}

std::string sample() { return readFile(std::string(@MACRO@_SAMPLES) + "/message.xml"); }

}  // namespace

TEST(@CLASS@, DecodesTheSampleToItsPatientUpsertedByMedicalRecordNumber) {
  gw::sdk::Output out = adapterFor("test-hospital").decode(sample(), "application/xml");
  EXPECT_EQ(out.contentType, "application/fhir+json");
  EXPECT_EQ(out.messageId, "M-1");
  EXPECT_EQ(out.event, "ADMIT");
  auto bundle = parseJson(out.bytes);
  EXPECT_EQ(str(bundle, "type"), "transaction");
  EXPECT_EQ(str(bundle->getObject("identifier"), "system"), "urn:gw:test-hospital:message");
  EXPECT_EQ(str(bundle, "timestamp"), "2024-03-05T10:00:00+08:00");
  auto patients = resources(bundle, "Patient");
  ASSERT_EQ(patients.size(), 1u);
  EXPECT_EQ(identifiers(patients[0]), std::vector<std::string>{"urn:gw:test-hospital:mr|MRN-1"});
  auto name = patients[0]->getArray("name")->getObject(0);
  EXPECT_EQ(str(name, "family"), "李");
  EXPECT_EQ(name->getArray("given")->getElement<std::string>(0), "伟");
  EXPECT_EQ(str(requestOf(bundle, patients[0]), "method"), "PUT");
  EXPECT_EQ(str(requestOf(bundle, patients[0]), "url"), "Patient?identifier=urn:gw:test-hospital:mr|MRN-1");
  EXPECT_EQ(fullUrlOf(bundle, patients[0]).rfind("urn:uuid:", 0), 0u);
}

TEST(@CLASS@, NamesSystemsFullUrlsAndTimesAfterThePartner) {
  auto ours = parseJson(adapterFor("test-hospital").decode(sample(), "application/xml").bytes);
  auto theirs = parseJson(adapterFor("other-hospital", R"({"timezone":"-05:00"})").decode(sample(), "application/xml").bytes);
  auto patient = resources(theirs, "Patient").at(0);
  EXPECT_EQ(identifiers(patient), std::vector<std::string>{"urn:gw:other-hospital:mr|MRN-1"});
  EXPECT_EQ(str(theirs, "timestamp"), "2024-03-05T10:00:00-05:00");
  EXPECT_NE(fullUrlOf(theirs, patient), fullUrlOf(ours, resources(ours, "Patient").at(0)));
}

TEST(@CLASS@, RefusesAPatientWithoutARecordNumberSayingWhere) {
  gw::sdk::Error error = errorOf([] {
    adapterFor("test-hospital").decode(R"(<Message id="M-2" type="ADMIT"><Patient family="李"/></Message>)",
                                       "application/xml");
  });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_EQ(error.location(), "Message/Patient/@mrn");
  EXPECT_EQ(std::string(error.what()), "Message/Patient has no mrn");
}

TEST(@CLASS@, RefusesXmlThatIsNotWellFormedWithItsLine) {
  gw::sdk::Error error =
      errorOf([] { adapterFor("test-hospital").decode("<Message id=\"M-3\">\n<Patient", "application/xml"); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_EQ(error.location(), "line 2");
  EXPECT_NE(std::string(error.what()), "");
}
)TPL";

const char* kAbiTest = R"TPL(// The built @NAME@.so through the C ABI only, as the gateway drives it: the SDK's adapter ABI suite.
#include <gw/testing/AdapterAbiSuite.hpp>

#include <string>

namespace {

gw::testkit::AdapterAbiCase abiCase() {
  auto c = gw::testkit::AdapterAbiCase::hospital(@MACRO@_PLUGIN, "@NAME@");
  c.contentTypes = {"application/xml", "text/xml"};
  c.options = {{"timezone", GW_FIELD_STRING, false, "+08:00"}};
  c.partner = {"test-hospital", "{}", R"({"timezone":"noon"})", "timezone"};
  c.sample = {std::string(@MACRO@_SAMPLES) + "/message.xml", "application/xml", "M-1", "ADMIT"};
  return c;
}

}  // namespace

GW_ADAPTER_ABI_SUITE(@CLASS@, abiCase());
)TPL";

const char* kSample = R"TPL(<?xml version="1.0" encoding="UTF-8"?>
<Message id="M-1" type="ADMIT" time="2024-03-05T10:00:00">
  <Patient mrn="MRN-1" family="李" given="伟"/>
</Message>
)TPL";

const char* kReadme = R"TPL(# @NAME@ adapter

A gateway hospital adapter, scaffolded by `gatewayctl new-plugin` on the SDK's adapter kit: it parses with
`gw::kit::HardenedXml`, builds its FHIR Bundle with `gw::kit::Json` and `gw::kit::BundleBuilder` (conditional
PUT by identifier, name-based `urn:uuid` fullUrls, `urn:gw:<partner>:...` identifier systems) and reads the
kit's partner options. Build it against the installed plugin SDK
(`cmake --install <gateway build> --component sdk --prefix /opt/gateway-sdk`) and GoogleTest:

    cmake -S . -B build -DCMAKE_PREFIX_PATH=/opt/gateway-sdk
    cmake --build build && ctest --test-dir build

- `src/@CLASS@.cpp`: the adapter; replace the example format with the hospital's.
- `tests/@CLASS@Test.cpp`: what the adapter makes of its sample and of bad messages.
- `tests/PluginAbiTest.cpp`: the SDK's adapter ABI suite on the built plugin, as the gateway drives it.

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
  const auto names = namesFor(name);
  const std::string type = names.at("@CLASS@");
  write(dir, "CMakeLists.txt", fill(kCMakeLists, names));
  write(dir, "README.md", fill(kReadme, names));
  write(dir, "src/" + type + ".hpp", fill(kAdapterHeader, names));
  write(dir, "src/" + type + ".cpp", fill(kAdapterSource, names));
  write(dir, "src/Plugin.cpp", fill(kPlugin, names));
  write(dir, "tests/" + type + "Test.cpp", fill(kAdapterTest, names));
  write(dir, "tests/PluginAbiTest.cpp", fill(kAbiTest, names));
  write(dir, "tests/samples/message.xml", kSample);
  std::cout << "created the " << name << " adapter project in " << dir.toString() << "; see its README.md\n";
  return 0;
}

}  // namespace gwctl
