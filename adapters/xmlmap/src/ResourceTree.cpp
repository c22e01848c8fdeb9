// ResourceTree.cpp: see ResourceTree.hpp.
#include "ResourceTree.hpp"

#include <cstdio>

namespace gw::xmlmap {

ResourceTree ResourceTree::string(std::string text) {
  ResourceTree t;
  t.kind_ = Kind::String;
  t.text_ = std::move(text);
  return t;
}

ResourceTree ResourceTree::literal(std::string jsonText) {
  ResourceTree t;
  t.kind_ = Kind::Literal;
  t.text_ = std::move(jsonText);
  return t;
}

ResourceTree ResourceTree::object() {
  ResourceTree t;
  t.kind_ = Kind::Object;
  return t;
}

bool ResourceTree::empty() const {
  switch (kind_) {
    case Kind::Absent: return true;
    case Kind::String:
    case Kind::Literal: return false;
    case Kind::Object:
      for (const auto& m : members_)
        if (!m.second.empty()) return false;
      return true;
    case Kind::Array:
      for (const auto& i : items_)
        if (!i.empty()) return false;
      return true;
  }
  return true;
}

ResourceTree& ResourceTree::member(const std::string& key) {
  if (kind_ != Kind::Object) *this = object();
  for (auto& m : members_)
    if (m.first == key) return m.second;
  members_.emplace_back(key, ResourceTree());
  return members_.back().second;
}

ResourceTree& ResourceTree::item(std::size_t index) {
  if (kind_ != Kind::Array) {
    *this = ResourceTree();
    kind_ = Kind::Array;
  }
  if (items_.size() <= index) items_.resize(index + 1);
  return items_[index];
}

const ResourceTree* ResourceTree::find(const std::string& key) const {
  for (const auto& m : members_)
    if (m.first == key) return &m.second;
  return nullptr;
}

std::string ResourceTree::dump() const {
  std::string out;
  dumpTo(out);
  return out;
}

void ResourceTree::dumpTo(std::string& out) const {
  switch (kind_) {
    case Kind::Absent: out += "null"; break;
    case Kind::String: out += jsonQuoted(text_); break;
    case Kind::Literal: out += text_; break;
    case Kind::Object: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : members_) {
        if (value.empty()) continue;
        if (!first) out += ',';
        first = false;
        out += jsonQuoted(key);
        out += ':';
        value.dumpTo(out);
      }
      out += '}';
      break;
    }
    case Kind::Array: {
      out += '[';
      bool first = true;
      for (const auto& value : items_) {
        if (value.empty()) continue;
        if (!first) out += ',';
        first = false;
        value.dumpTo(out);
      }
      out += ']';
      break;
    }
  }
}

std::string jsonQuoted(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace gw::xmlmap
