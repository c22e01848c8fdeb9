// The one way the gateway and its adapters parse XML from partners: libxml2 with every feature that
// can read files, reach the network or blow up memory turned off, and a reason for every refusal.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <variant>

#include "gw/kit/XmlDocument.hpp"
#include "gw/kit/XmlRejection.hpp"

namespace gw::kit {

struct XmlLimits {
  std::size_t maxBytes = 4 * 1024 * 1024;
  // libxml2 2.9.14 also stops by itself past 257 levels (xmlParserMaxDepth 256 counts the open
  // elements above the new one; XML_PARSE_HUGE, which we never set, would lift it to 2048), so a
  // larger value here still ends there; both are reported as tooDeep.
  int maxDepth = 256;
  // HL7 v2.xml and CDA carry data in text, and attributes hold codes and names; base64 payloads (ED)
  // are element text. An attribute this long is not a partner message, so refuse it by name rather
  // than hand adapters a 150 KB "LongName".
  std::size_t maxAttributeBytes = 64 * 1024;
  // libxml2 2.9 spends quadratic time on the attributes of one start tag and on prefixed names under
  // many namespace declarations; partner messages carry a handful of each.
  std::size_t maxAttributesPerElement = 256;
  std::size_t maxNamespacesInScope = 256;
  // Each element costs libxml2 at least 120 bytes of tree (twice that with its text): the tree of
  // 4 MiB of `<a/>` would be 30 times the input. HL7 v2 XML runs at about 20 bytes per element.
  std::size_t maxElements = 250 * 1000;
  // libxml2 2.9 interns every name in a dictionary whose lookups slow down linearly past a few
  // thousand distinct names (its hash table stops growing); messages use a few hundred.
  std::size_t maxDistinctNames = 10 * 1000;
  // Element and attribute names (prefix included) are a few dozen bytes; libxml2 accepts 50,000.
  std::size_t maxNameBytes = 1000;
};

class XmlParseResult {
 public:
  explicit XmlParseResult(XmlDocument document) : value_(std::move(document)) {}
  explicit XmlParseResult(XmlRejection rejection) : value_(std::move(rejection)) {}

  bool ok() const noexcept { return std::holds_alternative<XmlDocument>(value_); }
  explicit operator bool() const noexcept { return ok(); }
  // Each throws std::bad_variant_access when asked for the other outcome.
  XmlDocument& document() { return std::get<XmlDocument>(value_); }
  const XmlRejection& rejection() const { return std::get<XmlRejection>(value_); }

 private:
  std::variant<XmlDocument, XmlRejection> value_;
};

class HardenedXml {
 public:
  // Thread-safe; errors are captured per call and never printed. Accepts a DOCTYPE that only names
  // an external DTD (it is never loaded); refuses internal subsets, entity declarations, references
  // to undeclared entities, and everything XmlLimits bounds.
  static XmlParseResult parse(std::string_view bytes, const XmlLimits& limits = XmlLimits{});
};

}  // namespace gw::kit
