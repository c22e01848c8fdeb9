// Poco::JSON helpers: parsing with GW_ERR_INVALID, compact rendering, typed reads and FHIR datatypes.
#include "X12Json.hpp"

#include <gw/plugin.hpp>

#include <Poco/JSON/Parser.h>

#include <sstream>

namespace gw::x12 {

JsonObject parseObject(std::string_view text) {
  Poco::Dynamic::Var parsed;
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // true: keep key order
    parsed = parser.parse(std::string(text));
  } catch (const Poco::Exception& e) {
    throw gw::sdk::Error(GW_ERR_INVALID, "not JSON: " + e.displayText());
  }
  if (parsed.type() != typeid(JsonObject)) throw gw::sdk::Error(GW_ERR_INVALID, "not a JSON object");
  return parsed.extract<JsonObject>();
}

JsonObject newObject() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string render(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

std::string stringAt(const JsonObject& object, const std::string& key) {
  if (!object || !object->has(key)) return {};
  const auto& value = object->get(key);
  return value.isString() ? value.toString() : std::string();
}

JsonObject objectAt(const JsonObject& object, const std::string& key) {
  if (!object || !object->has(key)) return {};
  return object->getObject(key);
}

JsonArray arrayAt(const JsonObject& object, const std::string& key) {
  if (!object || !object->has(key)) return {};
  return object->getArray(key);
}

JsonObject objectIn(const JsonArray& array, std::size_t index) {
  if (!array || index >= array->size()) return {};
  return array->getObject(static_cast<unsigned>(index));
}

std::string numberAt(const JsonObject& object, const std::string& key) {
  if (!object || !object->has(key) || object->isNull(key)) return {};
  const auto& value = object->get(key);
  if (value.isString()) return value.toString();
  return value.isNumeric() ? render(value) : std::string();
}

std::string firstCode(const JsonObject& concept) { return stringAt(objectIn(arrayAt(concept, "coding"), 0), "code"); }

std::string x12Date(const std::string& fhirDate) {
  if (fhirDate.size() < 10) return {};
  return fhirDate.substr(0, 4) + fhirDate.substr(5, 2) + fhirDate.substr(8, 2);
}

JsonObject concept(const std::string& system, const std::string& code, const std::string& display) {
  JsonObject coding = newObject();
  coding->set("system", system);
  coding->set("code", code);
  if (!display.empty()) coding->set("display", display);
  JsonArray codings = new Poco::JSON::Array;
  codings->add(coding);
  JsonObject result = newObject();
  result->set("coding", codings);
  return result;
}

JsonObject money(const std::string& amount, const std::string& currency) {
  JsonObject result = newObject();
  result->set("value", Poco::Dynamic::Var(std::stod(amount)));
  result->set("currency", currency);
  return result;
}

JsonObject referenceTo(const std::string& reference) {
  JsonObject result = newObject();
  result->set("reference", reference);
  return result;
}

}  // namespace gw::x12
