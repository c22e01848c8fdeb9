// XPathEvaluator.hpp: XPath 1.0 over one parsed document, with the mapping's namespace prefixes.
// libxml2's errors are captured per context (never printed) and become exceptions with its message.
#pragma once

#include "XPathHandles.hpp"
#include "XPathText.hpp"

#include <libxml/tree.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gw::xmlmap {

// The first error libxml2 reported for one expression: `what` is empty when there was none.
struct XPathProblem {
  std::string what;
  int offset = -1;  // in bytes of what libxml2 compiled, when it names one
  std::string describe(const XPathText& xpath) const;
};

class XPathEvaluator {
 public:
  XPathEvaluator(xmlDoc* document, const std::map<std::string, std::string>& namespaces);
  XPathEvaluator(const XPathEvaluator&) = delete;  // the context points at lastError_
  XPathEvaluator& operator=(const XPathEvaluator&) = delete;

  // The string value (XPath string()) of `expression` at `context`, trimmed of surrounding white
  // space. Throws std::runtime_error with libxml2's message when evaluation fails.
  std::string text(const XPathText& xpath, xmlNode* context);
  // XPath boolean() of the result: a non-empty node set, a non-empty string, a non-zero number.
  bool test(const XPathText& xpath, xmlNode* context);
  // The nodes `expression` selects at `context`, in document order; a non-node-set result throws.
  std::vector<xmlNode*> nodes(const XPathText& xpath, xmlNode* context);

  // Empty when `expression` compiles and evaluates on an empty document with these namespaces
  // (catching syntax errors, unknown functions and undeclared prefixes) and, when `nodeSet`, selects
  // nodes rather than computing a value; else what is wrong.
  // Positions in the message are characters of the XPath as written.
  static std::optional<std::string> check(const XPathText& xpath, const std::map<std::string, std::string>& namespaces,
                                          bool nodeSet = false);

 private:
  XPathObjectHandle evaluate(const XPathText& xpath, xmlNode* context);

  XPathContextHandle context_;
  XPathProblem lastError_;
};

// An XPath-like path of `node` for error locations, e.g. /VisitRecord/Charges/Charge[2].
std::string nodeLocation(xmlNode* node);

}  // namespace gw::xmlmap
