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

}  // namespace gw
