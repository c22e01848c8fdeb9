// FHIR JSON text to Poco::JSON trees and back: key order preserved (resourceType stays first), a depth
// cap so hostile nesting cannot exhaust the stack, compact output, and the few typed reads the checks need.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>

namespace gw::fhirclaim {

using JsonObject = Poco::JSON::Object::Ptr;
using JsonArray = Poco::JSON::Array::Ptr;

// Parses `text` as one JSON object. Throws gw::sdk::Error(GW_ERR_INVALID) with "not JSON: …" when the
// text does not parse and "not a JSON object" when it parses to something else.
JsonObject parseObject(std::string_view text);

// A new, empty object that keeps keys in insertion order.
JsonObject newObject();

// Compact JSON text, UTF-8 kept as is.
std::string render(const Poco::Dynamic::Var& value);

// The string at `key`, or "" when absent or not a string.
std::string stringAt(const JsonObject& object, const std::string& key);

// The object or array at `key`, or null when absent or of another JSON type.
JsonObject objectAt(const JsonObject& object, const std::string& key);
JsonArray arrayAt(const JsonObject& object, const std::string& key);

// "Type/id" of a resource, or "Type" when it has no id.
std::string resourceLabel(const JsonObject& resource);

// A fresh random id (a UUID) and the current time as a FHIR instant, for Bundles this adapter writes.
std::string freshId();
std::string nowInstant();

}  // namespace gw::fhirclaim
