// A linear pass over the raw bytes, before libxml2 runs, that counts what libxml2 handles in quadratic
// time: attributes of one start tag (libxml2 2.9 checks each new attribute against all earlier ones, and
// appends it to the element's property list by walking it) and namespace declarations in scope (every
// prefixed name is resolved by a walk of that stack). Over a limit, the document is refused here.
#pragma once

#include <optional>
#include <string_view>

#include "gw/kit/XmlRejection.hpp"

namespace gw::kit {

struct XmlLimits;

// The scan follows XML's markup (tags, quoted attribute values, comments, CDATA, processing
// instructions, a DOCTYPE without internal subset) in any ASCII-compatible encoding, and in UTF-16 and
// UTF-32 through their UTF-8 form. Where it cannot follow (malformed markup, an internal subset) it
// stops with no verdict: libxml2 refuses what is malformed at its first error, and the SAX hooks still
// bound elements and attributes.
std::optional<XmlRejection> scanMarkupCounts(std::string_view bytes, const XmlLimits& limits);

}  // namespace gw::kit
