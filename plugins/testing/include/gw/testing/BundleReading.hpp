// Reading an adapter's output in tests: the JSON parsed with Poco (not with the kit's writer that made it),
// and lookups in a FHIR Bundle by resource type, identifier and entry.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace gw::testkit {

// Parses `text` as a JSON object; throws (a Poco exception) when it is not one.
Poco::JSON::Object::Ptr parseJson(const std::string& text);

// The member `key` of `object` as text (numbers and booleans as written); "" when either is absent.
std::string str(const Poco::JSON::Object::Ptr& object, const std::string& key);

// The resources of a Bundle of the given type, in entry order.
std::vector<Poco::JSON::Object::Ptr> resources(const Poco::JSON::Object::Ptr& bundle, const std::string& type);

// "system|value" of every identifier of a resource.
std::vector<std::string> identifiers(const Poco::JSON::Object::Ptr& resource);

// The fullUrl and the request of the entry holding `resource` (the same object, not an equal one); "" or null
// when no entry holds it.
std::string fullUrlOf(const Poco::JSON::Object::Ptr& bundle, const Poco::JSON::Object::Ptr& resource);
Poco::JSON::Object::Ptr requestOf(const Poco::JSON::Object::Ptr& bundle, const Poco::JSON::Object::Ptr& resource);

}  // namespace gw::testkit
