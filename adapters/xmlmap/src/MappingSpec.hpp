// MappingSpec.hpp: a loaded mapping file: what MappingLoader reads from YAML and BundleMapper
// runs. Every XPath here has been compiled (and tried) at load time; a field's `line` says where in
// the mapping file it came from, so an unmapped code at decode time can point back to it.
#pragma once

#include "DateFormat.hpp"
#include "ElementPath.hpp"
#include "XPathText.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gw::xmlmap {

// Where a field's value comes from: exactly one of these is set.
struct FieldSource {
  std::optional<XPathText> xpath;
  std::optional<std::string> constant;   // `value:` (with ${partner} replaced)
  std::optional<std::string> reference;  // `reference:` the id of another resource
  std::optional<XPathText> moneyAmount;  // `money: {amount: …}`
};

enum class ValueType { String, Decimal, Integer, Boolean };

struct FieldSpec {
  ElementPath path;
  FieldSource source;
  std::optional<std::string> valueMap;      // name in MappingSpec::valueMaps
  std::optional<DateFormat> date;           // → FHIR date
  std::optional<DateFormat> dateTime;       // → FHIR dateTime
  std::optional<std::string> timezone;      // overrides the mapping's default for this field
  ValueType type = ValueType::String;
  std::optional<std::string> defaultValue;  // when the XPath gives nothing
  std::optional<std::string> required;      // the error to report when there is no value
  bool fhirRequired = false;                // the element must be present in FHIR R4 (Encounter.class)
  std::optional<XPathText> when;            // write the field only when this gives a value
  std::string moneyCurrency;                // `money: {currency: CNY}` (else the default currency)
  std::optional<XPathText> moneyCurrencyXPath;
  int line = 0;
};

struct ResourceSpec {
  std::string id;    // the entry key and what `reference:` names
  std::string type;  // FHIR resource type
  std::optional<XPathText> forEach;  // a repeated group: one resource per selected node
  std::optional<XPathText> when;     // produce the resource only when this gives a value
  std::vector<FieldSpec> fields;
};

struct AckSpec {
  std::string contentType;
  std::string templateText;
};

struct MappingSpec {
  std::string file;  // the mapping file, for messages
  std::string rootName;
  std::optional<std::string> rootNamespace;  // "" means: no namespace; absent means: any
  std::map<std::string, std::string> namespaces;  // prefix → URI, for every XPath
  XPathText messageId;
  std::optional<XPathText> eventXPath;
  std::string eventConstant;
  std::optional<XPathText> timestampXPath;
  std::optional<DateFormat> timestampFormat;
  std::string timezone = "+08:00";
  std::string currency = "CNY";
  std::map<std::string, std::map<std::string, std::string>> valueMaps;
  std::vector<ResourceSpec> resources;
  AckSpec ack;
};

}  // namespace gw::xmlmap
