// Poco::JSON in the few shapes this adapter reads and writes: the kit's reader (the host's page, typed reads
// that answer "" when a value is absent) and the FHIR pieces (Money, CodeableConcept, Reference) it writes.
#pragma once

#include <gw/kit/JsonReader.hpp>

#include <string>

namespace gw::x12 {

using kit::arrayAt;
using kit::JsonArray;
using kit::JsonObject;
using kit::newObject;
using kit::objectAt;
using kit::objectIn;
using kit::parseObject;
using kit::render;
using kit::stringAt;

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
