#include "gw/testing/BundleReading.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

namespace gw::testkit {

namespace {

// The entry (of `bundle`) whose resource is `resource`, or null.
Poco::JSON::Object::Ptr entryOf(const Poco::JSON::Object::Ptr& bundle, const Poco::JSON::Object::Ptr& resource) {
  Poco::JSON::Array::Ptr entries = bundle ? bundle->getArray("entry") : nullptr;
  for (std::size_t i = 0; entries && i < entries->size(); ++i) {
    Poco::JSON::Object::Ptr entry = entries->getObject(i);
    if (entry && entry->getObject("resource").get() == resource.get()) return entry;
  }
  return nullptr;
}

}  // namespace

Poco::JSON::Object::Ptr parseJson(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

std::string str(const Poco::JSON::Object::Ptr& object, const std::string& key) {
  if (!object || !object->has(key)) return "";
  const Poco::Dynamic::Var& value = object->get(key);
  return value.isEmpty() ? "" : value.toString();
}

std::vector<Poco::JSON::Object::Ptr> resources(const Poco::JSON::Object::Ptr& bundle, const std::string& type) {
  std::vector<Poco::JSON::Object::Ptr> out;
  Poco::JSON::Array::Ptr entries = bundle ? bundle->getArray("entry") : nullptr;
  for (std::size_t i = 0; entries && i < entries->size(); ++i) {
    Poco::JSON::Object::Ptr entry = entries->getObject(i);
    Poco::JSON::Object::Ptr resource = entry ? entry->getObject("resource") : nullptr;
    if (str(resource, "resourceType") == type) out.push_back(resource);
  }
  return out;
}

std::vector<std::string> identifiers(const Poco::JSON::Object::Ptr& resource) {
  std::vector<std::string> out;
  Poco::JSON::Array::Ptr ids = resource ? resource->getArray("identifier") : nullptr;
  for (std::size_t i = 0; ids && i < ids->size(); ++i)
    out.push_back(str(ids->getObject(i), "system") + "|" + str(ids->getObject(i), "value"));
  return out;
}

std::string fullUrlOf(const Poco::JSON::Object::Ptr& bundle, const Poco::JSON::Object::Ptr& resource) {
  return str(entryOf(bundle, resource), "fullUrl");
}

Poco::JSON::Object::Ptr requestOf(const Poco::JSON::Object::Ptr& bundle, const Poco::JSON::Object::Ptr& resource) {
  Poco::JSON::Object::Ptr entry = entryOf(bundle, resource);
  return entry ? entry->getObject("request") : nullptr;
}

}  // namespace gw::testkit
