// Json.cpp: the ordered JSON writer (see Json.hpp).
#include "gw/kit/Json.hpp"

#include "gw/kit/Text.hpp"

namespace gw::kit {

Json Json::string(std::string text) {
  Json j;
  j.kind_ = Kind::String;
  j.text_ = std::move(text);
  return j;
}

Json Json::number(std::string digits) {
  Json j;
  j.kind_ = Kind::Number;
  j.text_ = std::move(digits);
  return j;
}

Json Json::boolean(bool value) {
  Json j;
  j.kind_ = Kind::Bool;
  j.text_ = value ? "true" : "false";
  return j;
}

Json Json::array() {
  Json j;
  j.kind_ = Kind::Array;
  return j;
}

Json Json::object() {
  Json j;
  j.kind_ = Kind::Object;
  return j;
}

bool Json::isEmpty() const {
  switch (kind_) {
    case Kind::Null: return true;
    case Kind::String: return text_.empty();
    case Kind::Array:
      for (const auto& item : items_)
        if (!item.isEmpty()) return false;
      return true;
    case Kind::Object:
      for (const auto& member : members_)
        if (!member.second.isEmpty()) return false;
      return true;
    default: return false;
  }
}

Json& Json::set(const std::string& key, Json value) {
  if (!value.isEmpty()) member(key) = std::move(value);
  return *this;
}

Json& Json::set(const std::string& key, const std::string& text) { return set(key, string(text)); }

const Json* Json::get(const std::string& key) const {
  for (const auto& m : members_)
    if (m.first == key) return &m.second;
  return nullptr;
}

Json* Json::get(const std::string& key) {
  for (auto& m : members_)
    if (m.first == key) return &m.second;
  return nullptr;
}

Json& Json::append(const std::string& key, Json item) {
  if (item.isEmpty()) return *this;
  if (Json* existing = get(key)) {
    existing->push(std::move(item));
    return *this;
  }
  Json array = Json::array();
  array.push(std::move(item));
  return set(key, std::move(array));
}

Json& Json::push(Json value) {
  if (!value.isEmpty()) items_.push_back(std::move(value));
  return *this;
}

Json& Json::member(const std::string& key) {
  if (kind_ != Kind::Object) *this = object();
  if (Json* existing = get(key)) return *existing;
  members_.emplace_back(key, Json());
  return members_.back().second;
}

Json& Json::item(std::size_t index) {
  if (kind_ != Kind::Array) *this = array();
  if (items_.size() <= index) items_.resize(index + 1);
  return items_[index];
}

std::string Json::dump() const {
  std::string out;
  write(out);
  return out;
}

void Json::write(std::string& out) const {
  switch (kind_) {
    case Kind::Null: out += "null"; break;
    case Kind::Bool:
    case Kind::Number: out += text_; break;
    case Kind::String: appendJsonQuoted(out, text_); break;
    case Kind::Array: {
      out += '[';
      bool first = true;
      for (const auto& item : items_) {
        if (item.isEmpty()) continue;
        if (!first) out += ',';
        first = false;
        item.write(out);
      }
      out += ']';
      break;
    }
    case Kind::Object: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : members_) {
        if (value.isEmpty()) continue;
        if (!first) out += ',';
        first = false;
        appendJsonQuoted(out, key);
        out += ':';
        value.write(out);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace gw::kit
