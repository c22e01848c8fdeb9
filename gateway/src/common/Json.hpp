// Small Poco::JSON conveniences shared by the store, the intake and the claims code.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <stdexcept>
#include <string>

namespace gw {

class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses a JSON object keeping its key order; throws JsonError naming `what` otherwise.
Poco::JSON::Object::Ptr parseJsonObject(const std::string& text, const std::string& what);
std::string toJson(const Poco::JSON::Object::Ptr& object);
// A new object that keeps insertion order when written.
inline Poco::JSON::Object::Ptr jsonObject() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }
// object[key].reference, or "" when absent.
std::string referenceAt(const Poco::JSON::Object::Ptr& object, const std::string& key);
// {"reference": target}
Poco::JSON::Object::Ptr referenceTo(const std::string& target);
// {"coding": [{"system": system, "code": code}]}
Poco::JSON::Object::Ptr codeableConcept(const std::string& system, const std::string& code);

}  // namespace gw
