// Poco::JSON with the settings every FHIR read and write in this adapter shares.
#include "FhirJson.hpp"

#include <gw/plugin.hpp>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>

#include <sstream>

namespace gw::fhirclaim {

namespace {
// FHIR resources nest about fifteen levels (Bundle, entry, resource, item, detail, subDetail, extension…);
// a cap well above that keeps the recursive walks over the tree bounded.
constexpr std::size_t kMaxDepth = 64;
}  // namespace

JsonObject parseObject(std::string_view text) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  parser.setDepth(kMaxDepth);
  Poco::Dynamic::Var root;
  try {
    root = parser.parse(std::string(text));
  } catch (const Poco::Exception& e) {
    throw gw::sdk::Error(GW_ERR_INVALID, "not JSON: " + e.displayText());
  }
  if (root.type() != typeid(Poco::JSON::Object::Ptr)) throw gw::sdk::Error(GW_ERR_INVALID, "not a JSON object");
  return root.extract<Poco::JSON::Object::Ptr>();
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

std::string resourceLabel(const JsonObject& resource) {
  std::string type = stringAt(resource, "resourceType");
  std::string id = stringAt(resource, "id");
  return id.empty() ? type : type + "/" + id;
}

std::string freshId() { return Poco::UUIDGenerator::defaultGenerator().createRandom().toString(); }

std::string nowInstant() { return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%S.%iZ"); }

}  // namespace gw::fhirclaim
