// The tests of the adapter ABI suite (see AdapterAbiSuite.hpp); each adapter's program instantiates them.
#include "gw/testing/AdapterAbiSuite.hpp"

#include <gw/kit/AbiNames.hpp>

#include "gw/testing/ExportedSymbols.hpp"
#include "gw/testing/TestFiles.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace gw::testkit {

namespace {

bool hasText(const char* text) { return text != nullptr && *text != '\0'; }

// The NULL-terminated list of a descriptor as strings.
std::vector<std::string> listOf(const char* const* list) {
  std::vector<std::string> out;
  for (; list && *list; ++list) out.emplace_back(*list);
  return out;
}

std::string describe(const DeclaredOption& option) {
  return option.name + ": " + gw::kit::fieldTypeName(option.type) + (option.required ? ", required" : "") +
         (option.defaultValue ? ", default " + *option.defaultValue : "");
}

DeclaredOption declared(const gw_config_field& field) {
  DeclaredOption option;
  option.name = field.name ? field.name : "";
  option.type = static_cast<gw_field_type>(field.type);
  option.required = field.required != 0;
  if (field.default_value) option.defaultValue = field.default_value;
  return option;
}

// Why a default (text, as the host reads it) is not a value of its option's type; "" when it is one.
std::string defaultProblem(uint32_t type, const std::string& text) {
  if (type == GW_FIELD_INT && !std::regex_match(text, std::regex("-?[0-9]+"))) return "not an integer";
  if (type == GW_FIELD_BOOL && text != "true" && text != "false") return "neither true nor false";
  if (type == GW_FIELD_LIST || type == GW_FIELD_MAP) {
    try {
      Poco::Dynamic::Var value = Poco::JSON::Parser().parse(text);
      if (type == GW_FIELD_LIST && value.type() != typeid(Poco::JSON::Array::Ptr)) return "not a JSON array";
      if (type == GW_FIELD_MAP && value.type() != typeid(Poco::JSON::Object::Ptr)) return "not a JSON object";
    } catch (const std::exception& e) {
      return std::string("not JSON: ") + e.what();
    }
  }
  return "";
}

// Input no adapter can read, whatever its format: each must be refused with a reason.
std::vector<std::pair<std::string, std::string>> unreadableInputs() {
  std::string binary;
  for (int i = 0; i < 64 * 1024; ++i) binary += static_cast<char>((i * 167 + 13) % 256);
  std::string nestedXml;
  for (int i = 0; i < 200 * 1000; ++i) nestedXml += "<a>";
  return {{"empty", ""},
          {"binary, with NUL bytes", binary},
          {"invalid UTF-8", "\xC3\x28\xA0\xA1\xE2\x28\xA1\xF0\x28\x8C\xBC\xFF\xFE"},
          {"plain text", "this is not a message from any partner\n"},
          {"XML nested 200,000 deep (600 KB)", nestedXml},
          {"JSON nested 1,000,000 deep (1 MB)", std::string(1000 * 1000, '[')},
          {"3 MB of one letter", std::string(3 * 1024 * 1024, 'A')}};
}

std::string bytesOf(const Sample& sample) { return sample.path.empty() ? sample.content : readFile(sample.path); }

// What decoding one message again must give again: a hospital adapter's whole Bundle (docs/fhir-profile.md: the
// same message always gives the same Bundle), another adapter's entries (its Bundle may carry a fresh id and time).
std::string decodedContent(const CallResult& decoded, bool hospital) {
  if (hospital || decoded.status != GW_OK) return decoded.output;
  try {
    Poco::JSON::Object::Ptr bundle = Poco::JSON::Parser().parse(decoded.output).extract<Poco::JSON::Object::Ptr>();
    std::ostringstream entries;
    Poco::JSON::Stringifier::condense(bundle->get("entry"), entries);
    return entries.str();
  } catch (const std::exception& e) {
    return std::string("not a JSON object: ") + e.what();
  }
}

// Where two long texts part, for a failure message that does not print both whole.
std::string difference(const std::string& actual, const std::string& expected) {
  std::size_t at = 0;
  while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) ++at;
  const std::size_t from = at < 40 ? 0 : at - 40;
  return "they differ at byte " + std::to_string(at) + " of " + std::to_string(actual.size()) + " (expected " +
         std::to_string(expected.size()) + "): ..." + actual.substr(from, 80) + "... instead of ..." +
         expected.substr(from, 80) + "...";
}

// An error an adapter answers for bad input: a status that says so, a reason, and nothing to free.
void expectRefusal(const CallResult& result) {
  EXPECT_TRUE(result.status == GW_ERR_INVALID || result.status == GW_ERR_UNSUPPORTED) << result;
  EXPECT_FALSE(result.error.empty()) << "an error needs a reason: " << result;
  EXPECT_FALSE(result.outputGiven) << "an error hands back no output: " << result;
}

// What a call the adapter does not offer answers: GW_ERR_UNSUPPORTED with a reason.
void expectNotOffered(const CallResult& result) {
  EXPECT_EQ(result.status, GW_ERR_UNSUPPORTED) << result;
  EXPECT_FALSE(result.error.empty()) << result;
  EXPECT_FALSE(result.outputGiven) << result;
}

}  // namespace

AdapterAbiCase AdapterAbiCase::hospital(std::string pluginPath, std::string pluginName) {
  AdapterAbiCase c;
  c.pluginPath = std::move(pluginPath);
  c.pluginName = std::move(pluginName);
  c.kind = GW_KIND_HOSPITAL;
  c.calls.encode = false;
  return c;
}

AdapterAbiCase AdapterAbiCase::insurer(std::string pluginPath, std::string pluginName) {
  AdapterAbiCase c = hospital(std::move(pluginPath), std::move(pluginName));
  c.kind = GW_KIND_INSURER;
  c.calls.encode = true;
  return c;
}

void PrintTo(const AdapterAbiCase& adapterCase, std::ostream* out) {
  *out << adapterCase.pluginName << " (" << adapterCase.pluginPath << ")";
}

std::string adapterAbiCaseName(const ::testing::TestParamInfo<AdapterAbiCase>& info) {
  std::string name = info.param.pluginName;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name.empty() ? "case" + std::to_string(info.index) : name;
}

void AdapterAbi::SetUp() {
  const AdapterAbiCase& param = GetParam();
  library_ = std::make_unique<LoadedPlugin>(param.pluginPath);
  ASSERT_NE(library_->plugin(), nullptr) << library_->error();
  adapter_ = library_->adapter(param.pluginName);
  ASSERT_NE(adapter_, nullptr) << param.pluginPath << " carries no adapter named " << param.pluginName;
  ASSERT_TRUE(adapter_->create && adapter_->free_output && adapter_->destroy)
      << "create, free_output and destroy may not be NULL";
  instance_ = std::make_unique<AdapterInstance>(*adapter_, param.partner.id, param.kind, param.partner.goodOptions);
}

bool AdapterAbi::decodesSample(CallResult& decoded) const {
  decoded = instance().decode(bytesOf(GetParam().sample), GetParam().sample.contentType);
  if (GetParam().calls.decode) return true;
  expectNotOffered(decoded);
  return false;
}

void AdapterAbi::TearDown() {
  instance_.reset();  // destroy before the library is closed
  library_.reset();
}

TEST_P(AdapterAbi, DescribesAWellFormedPluginForThisAbi) {
  const gw_plugin& p = plugin();
  EXPECT_GE(p.struct_size, sizeof(gw_plugin));
  EXPECT_EQ(p.abi_major, GW_ABI_MAJOR);
  EXPECT_LE(p.abi_minor, GW_ABI_MINOR);
  EXPECT_STREQ(p.name, GetParam().pluginName.c_str());
  EXPECT_TRUE(hasText(p.version));
  ASSERT_GE(p.adapter_count, 1u);
  ASSERT_NE(p.adapters, nullptr);
  std::set<std::string> names;
  for (std::size_t i = 0; i < p.adapter_count; ++i) {
    ASSERT_NE(p.adapters[i], nullptr) << "adapter #" << i;
    ASSERT_TRUE(hasText(p.adapters[i]->name)) << "adapter #" << i;
    EXPECT_TRUE(names.insert(p.adapters[i]->name).second) << p.adapters[i]->name << " is declared twice";
  }
}

TEST_P(AdapterAbi, ExportsOnlyTheEntrySymbol) {
  EXPECT_EQ(exportedSymbols(GetParam().pluginPath), std::vector<std::string>{GW_PLUGIN_ENTRY_SYMBOL});
}

TEST_P(AdapterAbi, DescribesItsAdapterAsTheCaseSays) {
  const AdapterAbiCase& param = GetParam();
  const gw_adapter& a = adapter();
  EXPECT_GE(a.struct_size, sizeof(gw_adapter));
  EXPECT_TRUE(hasText(a.version));
  EXPECT_EQ(a.kind, static_cast<uint32_t>(param.kind));
  std::vector<std::string> formats = listOf(a.formats);
  EXPECT_FALSE(formats.empty()) << "an adapter names at least one format";
  for (const auto& format : formats) EXPECT_FALSE(format.empty());
  std::vector<std::string> types = listOf(a.content_types);
  EXPECT_EQ(types, param.contentTypes);
  static const std::regex mediaType("[a-z0-9.+-]+/[a-z0-9.+-]+");
  for (const auto& type : types) EXPECT_TRUE(std::regex_match(type, mediaType)) << "not a media type: " << type;
  EXPECT_EQ(std::set<std::string>(types.begin(), types.end()).size(), types.size()) << "a content type is listed twice";
  EXPECT_TRUE(a.identify != nullptr || !param.calls.identify) << "identify is expected but NULL";
  EXPECT_TRUE(a.decode != nullptr || !param.calls.decode) << "decode is expected but NULL";
  EXPECT_TRUE(a.encode != nullptr || !param.calls.encode) << "encode is expected but NULL";
  EXPECT_TRUE(a.acknowledge != nullptr || !param.calls.acknowledge) << "acknowledge is expected but NULL";
  if (param.calls.decode) {
    EXPECT_NE(std::find(types.begin(), types.end(), param.sample.contentType), types.end())
        << "the sample's content type " << param.sample.contentType << " is not declared";
  }
}

TEST_P(AdapterAbi, DeclaresItsOptionsWellFormedAndAsTheCaseSays) {
  const gw_adapter& a = adapter();
  if (a.config_field_count > 0) {
    ASSERT_NE(a.config_fields, nullptr);
  }
  static const std::regex optionName("[a-z][a-z0-9_]*");
  std::set<std::string> names;
  for (std::size_t i = 0; i < a.config_field_count; ++i) {
    const gw_config_field& field = a.config_fields[i];
    ASSERT_TRUE(hasText(field.name)) << "option #" << i;
    SCOPED_TRACE(std::string("option ") + field.name);
    EXPECT_TRUE(std::regex_match(field.name, optionName)) << "a YAML key partners can write";
    EXPECT_TRUE(names.insert(field.name).second) << "declared twice";
    EXPECT_TRUE(field.type >= GW_FIELD_STRING && field.type <= GW_FIELD_MAP) << "type " << field.type;
    EXPECT_LE(field.required, 1u);
    EXPECT_TRUE(hasText(field.description)) << "gatewayctl plugin inspect shows operators the description";
    if (field.default_value) {
      EXPECT_EQ(defaultProblem(field.type, field.default_value), "") << "default " << field.default_value;
      EXPECT_FALSE(field.required) << "a required option has no use for a default";
    }
  }
  for (const auto& option : GetParam().options) {
    const gw_config_field* found = nullptr;
    for (std::size_t i = 0; i < a.config_field_count && !found; ++i)
      if (option.name == a.config_fields[i].name) found = &a.config_fields[i];
    ASSERT_NE(found, nullptr) << "no option " << option.name;
    EXPECT_EQ(describe(declared(*found)), describe(option));
  }
}

TEST_P(AdapterAbi, CreatesAnInstanceFromGoodOptions) {
  const CallResult& created = instance().created();
  EXPECT_EQ(created.status, GW_OK) << created;
  EXPECT_TRUE(instance().ok());
  EXPECT_EQ(created.error, "");
  EXPECT_FALSE(created.outputGiven);
}

TEST_P(AdapterAbi, RefusesBadOptionsWithAConfigErrorAndNoInstance) {
  const PartnerCase& partner = GetParam().partner;
  ASSERT_FALSE(partner.badOptions.empty()) << "the case names no options that create must refuse";
  AdapterInstance refused(adapter(), partner.id, GetParam().kind, partner.badOptions);
  EXPECT_EQ(refused.created().status, GW_ERR_CONFIG) << refused.created();
  EXPECT_FALSE(refused.ok());
  EXPECT_FALSE(refused.instanceLeftByRefusal()) << "a refusing create leaves *instance alone";
  EXPECT_FALSE(refused.created().outputGiven);
  EXPECT_NE(refused.created().error.find(partner.badOptionsReason), std::string::npos) << refused.created();
  EXPECT_FALSE(refused.created().error.empty());
}

TEST_P(AdapterAbi, RefusesOptionsThatAreNotAJsonObject) {
  for (const char* options : {"{", "[]", "\"currency\"", "{\"currency\":", "null"}) {
    SCOPED_TRACE(options);
    AdapterInstance refused(adapter(), GetParam().partner.id, GetParam().kind, options);
    EXPECT_EQ(refused.created().status, GW_ERR_CONFIG) << refused.created();
    EXPECT_FALSE(refused.created().error.empty());
    EXPECT_FALSE(refused.ok());
    EXPECT_FALSE(refused.instanceLeftByRefusal());
  }
}

TEST_P(AdapterAbi, DecodesTheSampleToAFhirBundle) {
  ASSERT_TRUE(instance().ok()) << instance().created();
  const Sample& sample = GetParam().sample;
  CallResult decoded;
  if (!decodesSample(decoded)) return;
  ASSERT_EQ(decoded.status, GW_OK) << decoded;
  EXPECT_EQ(decoded.error, "");
  EXPECT_EQ(decoded.contentType, "application/fhir+json");
  ASSERT_TRUE(decoded.outputGiven);
  Poco::JSON::Object::Ptr bundle;
  ASSERT_NO_THROW(bundle = Poco::JSON::Parser().parse(decoded.output).extract<Poco::JSON::Object::Ptr>())
      << decoded.output.substr(0, 200);
  ASSERT_TRUE(bundle);
  EXPECT_EQ(bundle->optValue<std::string>("resourceType", ""), "Bundle");
  Poco::JSON::Array::Ptr entries = bundle->getArray("entry");
  ASSERT_TRUE(entries && entries->size() > 0) << "a Bundle with no entry";
  if (!sample.messageId.empty()) {
    EXPECT_EQ(decoded.messageId, sample.messageId);
  }
  if (!isHospital()) return;

  // docs/fhir-profile.md, "Bundle shape".
  EXPECT_FALSE(decoded.messageId.empty()) << "a hospital message has an id";
  EXPECT_EQ(bundle->optValue<std::string>("type", ""), "transaction");
  Poco::JSON::Object::Ptr identifier = bundle->getObject("identifier");
  ASSERT_TRUE(identifier) << "Bundle.identifier names the message";
  EXPECT_EQ(identifier->optValue<std::string>("system", ""), "urn:gw:" + GetParam().partner.id + ":message");
  EXPECT_EQ(identifier->optValue<std::string>("value", ""), decoded.messageId);
  for (std::size_t i = 0; i < entries->size(); ++i) {
    SCOPED_TRACE("entry " + std::to_string(i));
    Poco::JSON::Object::Ptr entry = entries->getObject(i);
    ASSERT_TRUE(entry);
    Poco::JSON::Object::Ptr resource = entry->getObject("resource");
    ASSERT_TRUE(resource);
    const std::string type = resource->optValue<std::string>("resourceType", "");
    EXPECT_FALSE(type.empty());
    EXPECT_FALSE(resource->has("id")) << "references between entries use the fullUrls";
    EXPECT_EQ(entry->optValue<std::string>("fullUrl", "").rfind("urn:uuid:", 0), 0u);
    Poco::JSON::Object::Ptr request = entry->getObject("request");
    ASSERT_TRUE(request);
    const std::string method = request->optValue<std::string>("method", "");
    const std::string url = request->optValue<std::string>("url", "");
    if (method == "PUT") {
      EXPECT_EQ(url.rfind(type + "?identifier=", 0), 0u) << url;
    } else {
      EXPECT_TRUE(method == "POST" && url == type) << method << " " << url;
    }
  }
}

TEST_P(AdapterAbi, DecodesTheSameInputToTheSameOutput) {
  ASSERT_TRUE(instance().ok()) << instance().created();
  CallResult first;
  if (!decodesSample(first)) return;
  ASSERT_EQ(first.status, GW_OK) << first;
  const Sample& sample = GetParam().sample;
  const std::string input = bytesOf(sample);
  const std::string expected = decodedContent(first, isHospital());
  // A second instance for the same partner too: nothing may depend on the instance's history or address.
  AdapterInstance other(adapter(), GetParam().partner.id, GetParam().kind, GetParam().partner.goodOptions);
  ASSERT_TRUE(other.ok()) << other.created();
  const AdapterInstance* decoders[] = {&instance(), &other};
  for (const AdapterInstance* decoder : decoders) {
    const std::string again = decodedContent(decoder->decode(input, sample.contentType), isHospital());
    EXPECT_TRUE(again == expected) << difference(again, expected);
  }
}

TEST_P(AdapterAbi, DecodesConcurrentlyOnOneInstance) {
  ASSERT_TRUE(instance().ok()) << instance().created();
  CallResult expected;
  if (!decodesSample(expected)) return;
  ASSERT_EQ(expected.status, GW_OK) << expected;
  const Sample& sample = GetParam().sample;
  const std::string input = bytesOf(sample);
  const std::string expectedContent = decodedContent(expected, isHospital());
  // The host calls one instance from many threads; results are compared here, never asserted in a thread.
  constexpr int kThreads = 4, kRounds = 5;
  std::vector<std::vector<CallResult>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) results[t].push_back(instance().decode(input, sample.contentType));
    });
  for (auto& thread : threads) thread.join();
  for (const auto& perThread : results)
    for (const auto& result : perThread) {
      EXPECT_EQ(result.status, GW_OK) << result;
      const std::string content = decodedContent(result, isHospital());
      EXPECT_TRUE(content == expectedContent) << difference(content, expectedContent);
    }
}

TEST_P(AdapterAbi, RefusesUnreadableInputWithAReason) {
  ASSERT_TRUE(instance().ok()) << instance().created();
  const AdapterAbiCase& param = GetParam();
  for (const auto& [what, input] : unreadableInputs()) {
    SCOPED_TRACE(what);
    if (param.calls.decode) expectRefusal(instance().decode(input, param.sample.contentType));
    if (param.calls.identify) expectRefusal(instance().identify(input, param.sample.contentType));
  }
}

TEST_P(AdapterAbi, AnswersATruncatedSampleWithABundleOrAReason) {
  ASSERT_TRUE(instance().ok()) << instance().created();
  const Sample& sample = GetParam().sample;
  const std::string input = bytesOf(sample);
  ASSERT_GT(input.size(), 8u);
  for (std::size_t size : {input.size() / 3, input.size() / 2, input.size() - 4}) {
    SCOPED_TRACE("the first " + std::to_string(size) + " of " + std::to_string(input.size()) + " bytes");
    CallResult decoded = instance().decode(input.substr(0, size), sample.contentType);
    if (!GetParam().calls.decode) {
      expectNotOffered(decoded);
      return;
    }
    if (decoded.status != GW_OK) {
      expectRefusal(decoded);
      continue;
    }
    EXPECT_EQ(decoded.contentType, "application/fhir+json");
    ASSERT_TRUE(decoded.outputGiven);
    EXPECT_NO_THROW(Poco::JSON::Parser().parse(decoded.output));
  }
}

TEST_P(AdapterAbi, IdentifiesTheSampleFromItsEnvelope) {
  ASSERT_TRUE(instance().ok()) << instance().created();
  const Sample& sample = GetParam().sample;
  const std::string input = bytesOf(sample);
  CallResult identified = instance().identify(input, sample.contentType);
  if (!GetParam().calls.identify) {
    expectNotOffered(identified);
    return;
  }
  ASSERT_EQ(identified.status, GW_OK) << identified;
  EXPECT_FALSE(identified.outputGiven) << "identify hands back no output";
  if (!sample.messageId.empty()) {
    EXPECT_EQ(identified.messageId, sample.messageId);
  }
  if (isHospital()) {
    EXPECT_FALSE(identified.messageId.empty());
  }
  if (!sample.event.empty()) {
    EXPECT_EQ(identified.event, sample.event);
  }
  if (GetParam().calls.decode) {
    CallResult decoded = instance().decode(input, sample.contentType);
    EXPECT_EQ(decoded.messageId, identified.messageId) << "identify and decode name the same message";
  }
}

TEST_P(AdapterAbi, AcknowledgesEachOutcomeAndTellsAcceptanceApart) {
  ASSERT_TRUE(instance().ok()) << instance().created();
  const Sample& sample = GetParam().sample;
  const std::string input = bytesOf(sample);
  const CallResult accepted = instance().acknowledge(input, sample.contentType, GW_ACK_ACCEPT);
  if (!GetParam().calls.acknowledge) {
    expectNotOffered(accepted);
    return;
  }
  const CallResult failed =
      instance().acknowledge(input, sample.contentType, GW_ACK_ERROR, "line 1", "the message is not valid");
  const CallResult rejected = instance().acknowledge(input, sample.contentType, GW_ACK_REJECT, "", "not supported");
  for (const CallResult* ack : {&accepted, &failed, &rejected}) {
    EXPECT_EQ(ack->status, GW_OK) << *ack;
    EXPECT_FALSE(ack->output.empty()) << "an acknowledgement has bytes";
    EXPECT_FALSE(ack->contentType.empty()) << "an acknowledgement has a content type";
  }
  // AE and AR may read alike: some formats have one code for both (an X12 999 answers R to either).
  EXPECT_NE(accepted.output, failed.output) << "AA and AE look the same";
  EXPECT_NE(accepted.output, rejected.output) << "AA and AR look the same";
}

// ABI 1.1: decode's warnings are an OperationOutcome, and acknowledge_reply answers with what decode returned.
TEST_P(AdapterAbi, AcknowledgesThroughTheAbi11CallWithWhatDecodeReturned) {
  ASSERT_TRUE(instance().ok()) << instance().created();
  CallResult decoded;
  if (!decodesSample(decoded)) return;
  ASSERT_EQ(decoded.status, GW_OK) << decoded;
  if (!decoded.issues.empty()) {
    EXPECT_EQ(decoded.issues.rfind(R"({"resourceType":"OperationOutcome")", 0), 0u) << decoded.issues;
  }
  const Sample& sample = GetParam().sample;
  const CallResult ack =
      instance().acknowledgeReply(bytesOf(sample), sample.contentType, decoded.reply, GW_ACK_ACCEPT, decoded.issues);
  if (!GetParam().calls.acknowledge) return;  // an adapter without acknowledgements has nothing to answer
  if (ack.status == GW_ERR_UNSUPPORTED && ack.error == "the adapter does not offer acknowledge_reply") return;
  EXPECT_EQ(ack.status, GW_OK) << ack;
  EXPECT_FALSE(ack.output.empty()) << "an acknowledgement has bytes";
}

TEST_P(AdapterAbi, AcknowledgesARequestItCannotReadOrSaysWhyNot) {
  ASSERT_TRUE(instance().ok()) << instance().created();
  const AdapterAbiCase& param = GetParam();
  // The host acknowledges refused bytes with an empty request, and falls back to its own answer on an error.
  for (const auto& [what, input] : unreadableInputs()) {
    SCOPED_TRACE(what);
    for (gw_ack_outcome outcome : {GW_ACK_ERROR, GW_ACK_REJECT}) {
      CallResult ack = instance().acknowledge(input, param.sample.contentType, outcome, "", "unreadable");
      if (!param.calls.acknowledge) {
        expectNotOffered(ack);
      } else if (ack.status == GW_OK) {
        EXPECT_FALSE(ack.output.empty());
        EXPECT_FALSE(ack.contentType.empty());
      } else {
        expectRefusal(ack);
      }
    }
  }
}

TEST_P(AdapterAbi, EncodesCanonicalJsonOrAnswersUnsupported) {
  ASSERT_TRUE(instance().ok()) << instance().created();
  const Sample& canonical = GetParam().encodeInput;
  if (!GetParam().calls.encode) {
    expectNotOffered(instance().encode("{\"resourceType\":\"Bundle\"}"));
    return;
  }
  ASSERT_FALSE(canonical.path.empty() && canonical.content.empty())
      << "the case says the adapter encodes but gives no encodeInput";
  CallResult encoded = instance().encode(bytesOf(canonical));
  ASSERT_EQ(encoded.status, GW_OK) << encoded;
  EXPECT_FALSE(encoded.output.empty());
  EXPECT_FALSE(encoded.contentType.empty());
  EXPECT_FALSE(encoded.messageId.empty()) << "what the partner will acknowledge needs an id";
  if (!canonical.messageId.empty()) {
    EXPECT_EQ(encoded.messageId, canonical.messageId);
  }
  for (const char* notCanonical : {"", "not JSON", "[]", "{}", "{\"resourceType\":\"Patient\"}"}) {
    SCOPED_TRACE(notCanonical);
    expectRefusal(instance().encode(notCanonical));
  }
  SCOPED_TRACE("JSON nested 1,000,000 deep");
  expectRefusal(instance().encode(std::string(1000 * 1000, '[')));
}

}  // namespace gw::testkit
