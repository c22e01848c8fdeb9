// Reading JSON (the host's canonical FHIR, an insurer's response) into Poco::JSON trees: keys keep their order
// (resourceType stays first), nesting is capped so that hostile input cannot exhaust the stack of the recursive
// walks over the tree, and typed reads answer "" or null for what is absent or of another type.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstddef>
#include <string>

namespace gw::kit {

using JsonObject = Poco::JSON::Object::Ptr;
using JsonArray = Poco::JSON::Array::Ptr;

// FHIR resources nest about fifteen levels (Bundle, entry, resource, item, detail, subDetail, extension...).
constexpr std::size_t kMaxJsonDepth = 64;

// Parses `text` as one JSON object. Throws gw::sdk::Error(GW_ERR_INVALID) with "not JSON: ..." when the text
// does not parse or nests deeper than kMaxJsonDepth, and "not a JSON object" when it is another JSON value.
// (A std::string, so that a caller holding one, as the gateway does for every stored resource, parses it
// without a copy.)
JsonObject parseObject(const std::string& text);

// A new, empty object that keeps keys in insertion order.
JsonObject newObject();

// Compact JSON text, UTF-8 kept as it is.
std::string render(const Poco::Dynamic::Var& value);

// The string at `key`, or "" when absent or not a string.
std::string stringAt(const JsonObject& object, const std::string& key);
// The object or array at `key` (or at `index`), or null when absent or of another JSON type.
JsonObject objectAt(const JsonObject& object, const std::string& key);
JsonArray arrayAt(const JsonObject& object, const std::string& key);
JsonObject objectIn(const JsonArray& array, std::size_t index);

}  // namespace gw::kit
