// V3Xml.hpp: reading HL7 v3 / CDA trees parsed by gw::kit::HardenedXml: elements by local name in the
// urn:hl7-org:v3 namespace (or none, as fragments and sloppy senders have it), attributes trimmed,
// xsi:type resolved, ids in both the CDA form (<id root extension>) and the datatypes R2 form
// (<id><item root extension/></id>) used by the Chinese hospital-platform messages.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

namespace gw::cda {

using Node = const xmlNode*;

struct V3Id {
  std::string root, extension;
  int line = 0;
};

// Element children/descendants whose local name is `name`, in the v3 namespace or in none.
Node child(Node n, std::string_view name);
std::vector<Node> children(Node n, std::string_view name);
std::vector<Node> descendants(Node n, std::string_view name);
// Follows a path of child names; null when any step is missing.
Node path(Node n, std::initializer_list<std::string_view> names);
// The nearest ancestor with the local name, or null.
Node ancestor(Node n, std::string_view name);

std::string localName(Node n);
std::string attr(Node n, const char* name);  // trimmed; "" when absent
std::string text(Node n);                    // the element's text, trimmed
std::string xsiType(Node n);                 // "CD", "MO", "PQ"… without prefix; "" when absent
int lineOf(Node n);

// Every id under the element's <id> children (both id forms), placeholders included.
std::vector<V3Id> ids(Node n);
// A code's display name: @displayName, or the R2 child <displayName value="…"/>.
std::string displayName(Node code);
// A name in CDA (<name>text</name>, or given/family parts) or R2 (LIST_EN/DSET_EN item/part@value) form.
struct PersonName {
  std::string text, family;
  std::vector<std::string> given;
  bool empty() const { return text.empty() && family.empty() && given.empty(); }
};
PersonName personName(Node name);

// Placeholders that real senders put where a value belongs ("-", "XXXXX", "患者ID", "医务人员编号"…).
bool isPlaceholder(const std::string& value);

std::string trim(std::string_view s);

}  // namespace gw::cda
