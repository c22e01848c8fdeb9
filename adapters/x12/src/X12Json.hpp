// Poco::JSON in the few shapes this adapter reads and writes: parsing the host's page, typed reads
// that answer "" when a value is absent, and FHIR pieces (Money, CodeableConcept, Reference) it writes.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>

namespace gw::x12 {

using JsonObject = Poco::JSON::Object::Ptr;
using JsonArray = Poco::JSON::Array::Ptr;

// One JSON object; GW_ERR_INVALID when `text` is not JSON or not an object.
JsonObject parseObject(std::string_view text);
// A new object that keeps keys in insertion order (resourceType first).
JsonObject newObject();
std::string render(const Poco::Dynamic::Var& value);

std::string stringAt(const JsonObject& object, const std::string& key);
JsonObject objectAt(const JsonObject& object, const std::string& key);
JsonArray arrayAt(const JsonObject& object, const std::string& key);
JsonObject objectIn(const JsonArray& array, std::size_t index);
// A number (or numeric text) at `key` as text exactly as written, or "" when absent.
std::string numberAt(const JsonObject& object, const std::string& key);

// The code of a CodeableConcept's first coding, or "".
std::string firstCode(const JsonObject& concept);
// A FHIR date or dateTime ("2026-03-02", "2026-03-02T09:00:00+08:00") as X12 CCYYMMDD; "" when shorter.
std::string x12Date(const std::string& fhirDate);

// {coding: [{system, code[, display]}]}
JsonObject concept(const std::string& system, const std::string& code, const std::string& display = {});
// {value, currency}; `amount` is X12 decimal text ("-50", "800.00").
JsonObject money(const std::string& amount, const std::string& currency);
JsonObject referenceTo(const std::string& reference);

}  // namespace gw::x12
