// HardenedXml's cost per byte is bounded (issue 13, item 8): a broken document stops at its first error,
// and what libxml2 2.9 handles in quadratic time (attributes of one tag, namespaces in scope, distinct
// names) or keeps in a large tree (elements) is refused at a limit. Asserted on what libxml2 allocates
// and on the refusal, never on time; the CPU figures are in BENCHMARKS.md (tests/bench/ParseCostBench).
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

#include <atomic>
#include <cstring>
#include <string>

#include <gw/kit/HardenedXml.hpp>

namespace {

using gw::kit::HardenedXml;
using gw::kit::XmlLimits;
using gw::kit::XmlRejectionKind;

// Counts the bytes libxml2 asks for (malloc, realloc, strdup) while it lives; allocation goes on to the
// C library as before, so memory from before and after may be freed by either side.
class LibXml2Allocations {
 public:
  LibXml2Allocations() {
    xmlInitParser();  // the library's one-time set-up is not the input's cost
    xmlMemGet(&free_, &malloc_, &realloc_, &strdup_);
    bytes().store(0);
    xmlMemSetup(free_, countedMalloc, countedRealloc, countedStrdup);
  }
  ~LibXml2Allocations() { xmlMemSetup(free_, malloc_, realloc_, strdup_); }
  LibXml2Allocations(const LibXml2Allocations&) = delete;
  LibXml2Allocations& operator=(const LibXml2Allocations&) = delete;

  std::size_t total() const { return bytes().load(); }

 private:
  static std::atomic<std::size_t>& bytes() {
    static std::atomic<std::size_t> counted{0};
    return counted;
  }
  static void* countedMalloc(std::size_t size) {
    bytes() += size;
    return std::malloc(size);
  }
  static void* countedRealloc(void* block, std::size_t size) {
    bytes() += size;
    return std::realloc(block, size);
  }
  static char* countedStrdup(const char* text) {
    bytes() += std::strlen(text) + 1;
    return ::strdup(text);
  }

  xmlFreeFunc free_ = nullptr;
  xmlMallocFunc malloc_ = nullptr;
  xmlReallocFunc realloc_ = nullptr;
  xmlStrdupFunc strdup_ = nullptr;
};

std::string repeated(const std::string& head, const std::string& unit, std::size_t bytes) {
  std::string out = head;
  while (out.size() < bytes) out += unit;
  return out;
}

// Refused as `kind` with `word` in the reason, and libxml2 allocated at most `perInputByte` bytes per
// input byte on the way (the old code: 64 KB of "<!--" made it copy 530 MB of error text).
testing::AssertionResult refusedWithin(const std::string& bytes, gw::kit::XmlRejectionKind kind, const std::string& word,
                                       std::size_t perInputByte, const gw::kit::XmlLimits& limits = gw::kit::XmlLimits{}) {
  LibXml2Allocations allocations;
  const auto result = gw::kit::HardenedXml::parse(bytes, limits);
  const std::size_t allocated = allocations.total();
  if (result.ok()) return testing::AssertionFailure() << "accepted (" << allocated << " bytes allocated)";
  const auto& rejection = result.rejection();
  if (rejection.kind != kind || rejection.reason.find(word) == std::string::npos) {
    return testing::AssertionFailure() << "refused as " << gw::kit::xmlRejectionKindName(rejection.kind) << ": "
                                       << rejection.reason;
  }
  if (allocated > perInputByte * bytes.size()) {
    return testing::AssertionFailure() << "libxml2 allocated " << allocated << " bytes for " << bytes.size()
                                       << " bytes of input";
  }
  return testing::AssertionSuccess();
}

TEST(XmlParseCost, RepeatedCommentOpenersStopAtTheFirstError) {
  // Each "<!--" inside the first comment is a "--" error that libxml2 raised with a copy of the comment.
  EXPECT_TRUE(refusedWithin(repeated("", "<!--", 64 * 1024), gw::kit::XmlRejectionKind::malformed,
                            "Double hyphen within comment", 8));
  EXPECT_TRUE(refusedWithin(repeated("<a><!--", "--", 64 * 1024), gw::kit::XmlRejectionKind::malformed,
                            "Double hyphen within comment", 8));
  // The constructs that end with the input stay linear as well.
  const std::string text(256 * 1024, 'a');
  EXPECT_TRUE(refusedWithin("<a><!--" + text, gw::kit::XmlRejectionKind::malformed, "Comment not terminated", 8));
  EXPECT_TRUE(refusedWithin("<a><![CDATA[" + text, gw::kit::XmlRejectionKind::malformed, "CData section not finished", 8));
  EXPECT_TRUE(refusedWithin("<a><?pi " + text, gw::kit::XmlRejectionKind::malformed, "PI pi never end", 8));
}

TEST(XmlParseCost, ManyAttributesOnOneTagAreRefusedBeforeLibxml2ReadsThem) {
  std::string tag = "<MSH";
  for (int i = 0; i < 300; ++i) tag += " a" + std::to_string(i) + "='1'";
  EXPECT_TRUE(refusedWithin(tag + "/>", gw::kit::XmlRejectionKind::tooManyAttributes, "<MSH> has more than 256 attributes", 0));
  // Declarations are attributes too.
  std::string declarations = "<a";
  for (int i = 0; i < 300; ++i) declarations += " xmlns:p" + std::to_string(i) + "='urn:x'";
  EXPECT_TRUE(refusedWithin(declarations + "/>", gw::kit::XmlRejectionKind::tooManyAttributes, "256 attributes", 0));
}

// `ascii` in UTF-16 (little- or big-endian, with a byte order mark) or UTF-32 little-endian without one.
std::string utf16(const std::string& ascii, bool bigEndian) {
  std::string out = bigEndian ? "\xFE\xFF" : "\xFF\xFE";
  for (char c : ascii) out += bigEndian ? std::string{'\0', c} : std::string{c, '\0'};
  return out;
}
std::string utf32le(const std::string& ascii) {
  std::string out;
  for (char c : ascii) out += std::string{c, '\0', '\0', '\0'};
  return out;
}

TEST(XmlParseCost, WideEncodingsAreCountedThroughTheirUtf8Form) {
  std::string tag = "<MSH";
  for (int i = 0; i < 300; ++i) tag += " a" + std::to_string(i) + "='1'";
  for (const std::string& wide : {utf16(tag + "/>", false), utf16(tag + "/>", true), utf32le(tag + "/>")})
    EXPECT_TRUE(refusedWithin(wide, gw::kit::XmlRejectionKind::tooManyAttributes, "<MSH> has more than 256 attributes", 0));
  // A UTF-16 message within the limits is still read.
  auto small = HardenedXml::parse(utf16("<?xml version='1.0' encoding='UTF-16'?><MSH a='1'>text</MSH>", false));
  ASSERT_TRUE(small.ok()) << small.rejection().reason;
  EXPECT_STREQ(reinterpret_cast<const char*>(small.document().root()->name), "MSH");
}

TEST(XmlParseCost, NamespaceDeclarationsInScopeAreCounted) {
  std::string nested;
  for (int depth = 0; depth < 30; ++depth) {
    nested += "<a";
    for (int i = 0; i < 10; ++i) nested += " xmlns:p" + std::to_string(depth * 10 + i) + "=\"urn:x\"";
    nested += ">";
  }
  EXPECT_TRUE(refusedWithin(nested, gw::kit::XmlRejectionKind::tooManyNamespaces,
                            "more than 256 namespace declarations in scope at <a> (line 1)", 0));
  // Closed elements take their declarations out of scope.
  std::string siblings = "<r>";
  for (int i = 0; i < 300; ++i) siblings += "<a xmlns:p=\"urn:x\"><p:b/></a>";
  EXPECT_TRUE(gw::kit::HardenedXml::parse(siblings + "</r>").ok());
}

TEST(XmlParseCost, ElementCountIsCappedBeforeLibxml2ReadsThem) {
  EXPECT_TRUE(refusedWithin(repeated("<a>", "<b/>", 4 * 250'001), gw::kit::XmlRejectionKind::tooManyElements,
                            "more than 250000 elements", 0));
  gw::kit::XmlLimits limits;
  limits.maxElements = 3;
  EXPECT_TRUE(gw::kit::HardenedXml::parse("<a><b/><c/></a>", limits).ok());
  EXPECT_FALSE(gw::kit::HardenedXml::parse("<a><b/><c/><d/></a>", limits).ok());
}

TEST(XmlParseCost, OverLongNamesAreRefusedBeforeLibxml2ReadsThem) {
  const std::string longName(40'000, 'n');
  EXPECT_TRUE(refusedWithin("<" + longName + "/>", gw::kit::XmlRejectionKind::nameTooLong,
                            "a name of 40000 bytes, over the limit of 1000", 0));
  EXPECT_TRUE(refusedWithin("<a " + longName + "='1'/>", gw::kit::XmlRejectionKind::nameTooLong, "(line 1)", 0));
  // Chinese element names take three bytes a character: a long one is still far below the limit.
  std::string chinese;
  for (int i = 0; i < 50; ++i) chinese += "就诊";
  EXPECT_TRUE(gw::kit::HardenedXml::parse("<" + chinese + "/>").ok());
}

TEST(XmlParseCost, DistinctNamesAreCapped) {
  std::string names = "<a>";
  for (int i = 0; i < 10'001; ++i) names += "<b" + std::to_string(i) + "/>";
  EXPECT_TRUE(refusedWithin(names + "</a>", gw::kit::XmlRejectionKind::tooManyNames,
                            "more than 10000 distinct element and attribute names", 64));
  std::string targets = "<a>";
  for (int i = 0; i < 10'001; ++i) targets += "<?t" + std::to_string(i) + "?>";
  EXPECT_TRUE(refusedWithin(targets + "</a>", gw::kit::XmlRejectionKind::tooManyNames, "processing instruction", 64));
}

TEST(XmlParseCost, AttributesInsideTextAreNotCounted) {
  // Fake tags inside comments, CDATA, PIs and quoted values are text; '>' may sit in a quoted value.
  std::string fake = "<x";
  for (int i = 0; i < 300; ++i) fake += " a" + std::to_string(i) + "='1'";
  fake += ">";
  const std::string document = "<?xml version=\"1.0\"?>\n<!DOCTYPE a SYSTEM \"a>b.dtd\">\n<!--" + fake +
                               "-->\n<a t=\"x>y\" u='<'>" + "<![CDATA[" + fake + "]]><?pi " + fake + "?></a>";
  const auto unescaped = gw::kit::HardenedXml::parse(document);
  // '<' is not allowed in an attribute value: libxml2 refuses it, the scan does not count past it.
  ASSERT_FALSE(unescaped.ok());
  EXPECT_EQ(unescaped.rejection().kind, gw::kit::XmlRejectionKind::malformed) << unescaped.rejection().reason;
  std::string valid = document;
  valid.replace(valid.find("u='<'"), 5, "u='&lt;'");
  const auto result = gw::kit::HardenedXml::parse(valid);
  EXPECT_TRUE(result.ok()) << result.rejection().reason;
  // The tag that is refused is the real one after them, on its own line.
  std::string real = "<real";
  for (int i = 0; i < 257; ++i) real += " a" + std::to_string(i) + "='1'";
  valid.insert(valid.rfind("</a>"), "\n" + real + "/>");
  EXPECT_TRUE(refusedWithin(valid, gw::kit::XmlRejectionKind::tooManyAttributes, "<real> has more than 256 attributes (line 5)", 0));
}

}  // namespace
