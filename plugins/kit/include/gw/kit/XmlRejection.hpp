// Why HardenedXml refused a document: a kind for code and metrics, a reason for the sender's engineer.
#pragma once

#include <string>

namespace gw::kit {

enum class XmlRejectionKind {
  empty,              // no bytes, or only white space
  tooLarge,           // over XmlLimits::maxBytes; not parsed at all
  notXml,             // does not start like XML (e.g. an ER7 message sent to an XML endpoint)
  dtdInternalSubset,  // <!DOCTYPE x [ ... ]> declaring anything
  entityDeclaration,  // <!ENTITY name "text">: expansion bombs start here
  externalEntity,     // <!ENTITY name SYSTEM "file:///etc/passwd">: XXE
  entityReference,    // &name; for an entity nobody declared (its text would live in an unloaded DTD)
  tooDeep,            // element nesting deeper than XmlLimits::maxDepth
  attributeTooLarge,  // one attribute value over XmlLimits::maxAttributeBytes
  tooManyAttributes,  // one start tag with more than XmlLimits::maxAttributesPerElement attributes
  tooManyNamespaces,  // more than XmlLimits::maxNamespacesInScope namespace declarations in scope
  tooManyElements,    // more than XmlLimits::maxElements elements in the document
  tooManyNames,       // more than XmlLimits::maxDistinctNames distinct element, attribute and PI names
  nameTooLong,        // an element or attribute name over XmlLimits::maxNameBytes
  invalidEncoding,    // bytes that are not valid in the document's encoding, or an unknown encoding
  malformed,          // any other well-formedness error, with libxml2's own message
};

// A stable snake_case name ("too_deep"), for logs and metric labels.
const char* xmlRejectionKindName(XmlRejectionKind kind);

struct XmlRejection {
  XmlRejectionKind kind = XmlRejectionKind::malformed;
  std::string reason;  // one sentence that names the problem, with its line (and column) when known
  int line = 0;        // 1-based; 0 when the problem has no position (size, emptiness)
  int column = 0;      // 1-based; 0 when unknown
};

}  // namespace gw::kit
