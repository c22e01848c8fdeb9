// The wording of every "missing" and "wrong type" fault in one place.
#include "RequiredElements.hpp"

namespace gw::fhirclaim {

std::string RequiredElements::key(const std::string& path) {
  auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

void RequiredElements::fault(const std::string& path, const std::string& what) {
  problems_.push_back({location_ + "." + path, label_ + ": " + what});
}

bool RequiredElements::present(const JsonObject& parent, const std::string& path) {
  const std::string name = key(path);
  if (parent && parent->has(name) && !parent->isNull(name)) return true;
  fault(path, "missing required element " + path);
  return false;
}

bool RequiredElements::string(const JsonObject& parent, const std::string& path) {
  if (!present(parent, path)) return false;
  const auto& value = parent->get(key(path));
  if (value.isString() && !value.toString().empty()) return true;
  fault(path, "element " + path + " is not a non-empty string");
  return false;
}

bool RequiredElements::object(const JsonObject& parent, const std::string& path) {
  if (!present(parent, path)) return false;
  if (parent->isObject(key(path))) return true;
  fault(path, "element " + path + " is not a JSON object");
  return false;
}

bool RequiredElements::boolean(const JsonObject& parent, const std::string& path) {
  if (!present(parent, path)) return false;
  if (parent->get(key(path)).isBoolean()) return true;
  fault(path, "element " + path + " is not a boolean");
  return false;
}

bool RequiredElements::positiveInteger(const JsonObject& parent, const std::string& path) {
  if (!present(parent, path)) return false;
  const auto& value = parent->get(key(path));
  if (value.isInteger() && !value.isBoolean() && value.convert<long long>() > 0) return true;
  fault(path, "element " + path + " is not a positive integer");
  return false;
}

bool RequiredElements::array(const JsonObject& parent, const std::string& path) {
  if (!present(parent, path)) return false;
  JsonArray items = parent->getArray(key(path));
  if (items && items->size() > 0) return true;
  fault(path, "missing required element " + path + " (at least one entry)");
  return false;
}

bool RequiredElements::code(const JsonObject& parent, const std::string& path,
                            std::initializer_list<const char*> allowed) {
  if (!string(parent, path)) return false;
  const std::string value = stringAt(parent, key(path));
  std::string choices;
  for (const char* code : allowed) {
    if (value == code) return true;
    choices += choices.empty() ? code : std::string("|") + code;
  }
  fault(path, "element " + path + " is '" + value + "', not one of " + choices);
  return false;
}

void RequiredElements::claimCore(const JsonObject& resource) {
  code(resource, "status", {"active", "cancelled", "draft", "entered-in-error"});
  object(resource, "type");
  code(resource, "use", {"claim", "preauthorization", "predetermination"});
  object(resource, "patient");
  string(resource, "created");
}

std::vector<std::pair<std::string, JsonObject>> RequiredElements::objects(const JsonObject& parent,
                                                                          const std::string& name) {
  std::vector<std::pair<std::string, JsonObject>> found;
  if (!parent || !parent->has(name)) return found;
  JsonArray array = arrayAt(parent, name);
  if (!array) {
    fault(name, "element " + name + " is not a JSON array");
    return found;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    std::string path = name + "[" + std::to_string(i) + "]";
    JsonObject object = array->getObject(i);
    if (object) found.emplace_back(path, object);
    else fault(path, "element " + path + " is not a JSON object");
  }
  return found;
}

}  // namespace gw::fhirclaim
