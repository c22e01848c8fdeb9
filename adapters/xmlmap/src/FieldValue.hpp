// FieldValue.hpp: one mapped field's value at one context node: its source (XPath, constant,
// reference, money), then value map, date format and JSON type, in that order.
#pragma once

#include "MappingSpec.hpp"
#include "XPathEvaluator.hpp"

#include <gw/kit/Issues.hpp>
#include <gw/kit/Json.hpp>

#include <libxml/tree.h>

#include <map>
#include <string>

namespace gw::xmlmap {

using kit::Json;

struct FieldScope {
  const MappingSpec& spec;
  XPathEvaluator& xpath;
  xmlNode* context;                                     // the root element, or the group's node
  const std::map<std::string, std::string>& fullUrls;  // resource id → fullUrl, for references
  kit::Issues& issues;                                  // defects of fields that are not `required`
};

// The value to write, or an absent tree when the field has no value (and may have none). Throws
// gw::sdk::Error(GW_ERR_INVALID) with the XPath as location for a missing required value. A code not in its
// value map, a date not in its format or a number that is not one is refused in a `required` field; in any
// other it is a defect for scope.issues (lenient: left out and reported; strict: refused).
Json fieldValue(const FieldSpec& field, const FieldScope& scope);

// The location of `expression` evaluated at `context`, for error reports.
std::string locationOf(const std::string& expression, xmlNode* context);

// Where a field's value comes from, for error messages only: the element path of a context node walks the
// siblings of each of its ancestors, so it is worked out when an error is raised, never per field (per field,
// a message of 14,000 charges cost 19 s).
struct SourceLocation {
  const std::string* expression = nullptr;  // an XPath (relative to `context` unless absolute), or none
  xmlNode* context = nullptr;
  std::string fixed;                         // otherwise, this text (e.g. "resource 'patient'")
  std::string text() const { return expression ? locationOf(*expression, context) : fixed; }
};

}  // namespace gw::xmlmap
