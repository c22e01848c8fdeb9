#include "common/Json.hpp"

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace gw {

Poco::JSON::Object::Ptr parseJsonObject(const std::string& text, const std::string& what) {
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    Poco::Dynamic::Var value = parser.parse(text);
    if (value.type() != typeid(Poco::JSON::Object::Ptr)) throw JsonError(what + " is not a JSON object");
    return value.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    throw JsonError(what + " is not valid JSON: " + e.message());
  }
}

std::string toJson(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(object, out);
  return out.str();
}

std::string referenceAt(const Poco::JSON::Object::Ptr& object, const std::string& key) {
  Poco::JSON::Object::Ptr reference = object ? object->getObject(key) : nullptr;
  return reference ? reference->optValue<std::string>("reference", "") : "";
}

Poco::JSON::Object::Ptr referenceTo(const std::string& target) {
  Poco::JSON::Object::Ptr reference = jsonObject();
  reference->set("reference", target);
  return reference;
}

}  // namespace gw
