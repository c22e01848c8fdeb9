// Json.cpp: the ordered JSON writer (see Json.hpp).
#include "gw/kit/Json.hpp"

#include "gw/kit/Text.hpp"

#include <cstdio>

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
    case Kind::Array: return items_.empty();
    case Kind::Object: return members_.empty();
    default: return false;
  }
}

Json& Json::set(const std::string& key, Json value) {
  if (value.isEmpty()) return *this;
  for (auto& m : members_)
    if (m.first == key) {
      m.second = std::move(value);
      return *this;
    }
  members_.emplace_back(key, std::move(value));
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
    case Kind::Array:
      out += '[';
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i) out += ',';
        items_[i].write(out);
      }
      out += ']';
      break;
    case Kind::Object:
      out += '{';
      for (std::size_t i = 0; i < members_.size(); ++i) {
        if (i) out += ',';
        appendJsonQuoted(out, members_[i].first);
        out += ':';
        members_[i].second.write(out);
      }
      out += '}';
      break;
  }
}

}  // namespace gw::kit
