#include "gw/kit/JsonReader.hpp"

#include <gw/plugin.hpp>

#include <Poco/Exception.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace gw::kit {

JsonObject parseObject(const std::string& text) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(/*preserveObjectOrder=*/true));
  parser.setDepth(kMaxJsonDepth);
  Poco::Dynamic::Var root;
  try {
    root = parser.parse(text);
  } catch (const Poco::Exception& e) {
    throw gw::sdk::Error(GW_ERR_INVALID, "not JSON: " + e.displayText());
  }
  if (root.type() != typeid(JsonObject)) throw gw::sdk::Error(GW_ERR_INVALID, "not a JSON object");
  return root.extract<JsonObject>();
}

JsonObject newObject() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string render(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

std::string stringAt(const JsonObject& object, const std::string& key) {
  if (!object || !object->has(key)) return {};
  const Poco::Dynamic::Var& value = object->get(key);
  return value.isString() ? value.toString() : std::string();
}

JsonObject objectAt(const JsonObject& object, const std::string& key) {
  return object && object->has(key) ? object->getObject(key) : JsonObject();
}

JsonArray arrayAt(const JsonObject& object, const std::string& key) {
  return object && object->has(key) ? object->getArray(key) : JsonArray();
}

JsonObject objectIn(const JsonArray& array, std::size_t index) {
  return array && index < array->size() ? array->getObject(static_cast<unsigned>(index)) : JsonObject();
}

}  // namespace gw::kit
