// XPathText.hpp: an XPath of the mapping file as written and as libxml2 is given it.
// libxml2 before 2.14 refuses a location step that starts with a non-ASCII letter right after a
// single '/' (xmlXPathCompLocationPath accepts only IS_ASCII_LETTER, '_', '.', '@' and '*' there), so
// `/就诊记录/消息头` is "invalid expression at character 2" while `消息头/机构` and `//机构` parse. A
// step that starts with a non-ASCII letter after a single '/' is given the child axis its abbreviation
// stands for (`/child::就诊记录/child::消息头`, XPath 1.0 §2.5), which the parser accepts: needed only
// where '/' starts an absolute path, the same step elsewhere. String literals are left as they are.
#pragma once

#include <string>
#include <vector>

namespace gw::xmlmap {

struct XPathText {
  std::string written;     // as in the mapping file: for messages and error locations
  std::string expression;  // what libxml2 compiles
  std::vector<std::size_t> childAxisAt;  // offsets in `written` where "child::" was inserted

  static XPathText from(const std::string& written);
  // The position in `written`, in characters from 1, of byte `offset` of `expression` (libxml2
  // reports errors as byte offsets into what it compiled).
  std::size_t writtenCharacter(std::size_t offset) const;
};

}  // namespace gw::xmlmap
