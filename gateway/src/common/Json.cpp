#include "common/Json.hpp"

#include <gw/kit/JsonReader.hpp>
#include <gw/plugin.hpp>

namespace gw {

Poco::JSON::Object::Ptr parseJsonObject(const std::string& text, const std::string& what) {
  // The kit's reader: the one depth cap (adapters and gateway refuse the same nesting).
  try {
    return kit::parseObject(text);
  } catch (const sdk::Error& e) {
    throw JsonError(what + " is " + e.what());
  }
}

std::string toJson(const Poco::JSON::Object::Ptr& object) { return kit::render(object); }

std::string referenceAt(const Poco::JSON::Object::Ptr& object, const std::string& key) {
  Poco::JSON::Object::Ptr reference = object ? object->getObject(key) : nullptr;
  return reference ? reference->optValue<std::string>("reference", "") : "";
}

Poco::JSON::Object::Ptr referenceTo(const std::string& target) {
  Poco::JSON::Object::Ptr reference = jsonObject();
  reference->set("reference", target);
  return reference;
}

Poco::JSON::Object::Ptr codeableConcept(const std::string& system, const std::string& code) {
  Poco::JSON::Object::Ptr coding = jsonObject();
  coding->set("system", system);
  coding->set("code", code);
  Poco::JSON::Array::Ptr codings = new Poco::JSON::Array;
  codings->add(coding);
  Poco::JSON::Object::Ptr concept = jsonObject();
  concept->set("coding", codings);
  return concept;
}

}  // namespace gw
