// ResourceTree.hpp: the FHIR JSON a mapping builds, addressed by element paths such as
// identifier[0].value. Keys keep the order they were first set in, decimals keep their source
// text (FHIR decimals carry their precision), and array holes and empty objects are dropped on
// output, so a mapping can skip an optional element without leaving [null] or {} behind.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gw::xmlmap {

class ResourceTree {
 public:
  enum class Kind { Absent, String, Literal, Object, Array };  // Literal: number or boolean text

  static ResourceTree string(std::string text);
  static ResourceTree literal(std::string jsonText);
  static ResourceTree object();

  Kind kind() const { return kind_; }
  bool empty() const;  // absent, or an object/array with nothing present in it

  // The member `key` of an object (created), or item `index` of an array (created, holes absent).
  ResourceTree& member(const std::string& key);
  ResourceTree& item(std::size_t index);
  const ResourceTree* find(const std::string& key) const;
  void set(const std::string& key, ResourceTree value) { member(key) = std::move(value); }
  const std::vector<ResourceTree>& items() const { return items_; }
  const std::string& text() const { return text_; }  // of a string or literal

  // Compact JSON with holes and empty containers left out.
  std::string dump() const;

 private:
  void dumpTo(std::string& out) const;

  Kind kind_ = Kind::Absent;
  std::string text_;
  std::vector<std::pair<std::string, ResourceTree>> members_;
  std::vector<ResourceTree> items_;
};

// Text as a JSON string literal, quotes included.
std::string jsonQuoted(const std::string& text);

}  // namespace gw::xmlmap
