// Json.hpp: a small ordered JSON value for writing FHIR resources: keys keep the order they were
// set in (resourceType first, as people expect to read FHIR), numbers keep their source text
// (FHIR decimals carry their precision), and empty values ("", [], {}, null, and objects and arrays
// holding only those) are never written, so an optional element left out leaves no "" or {} behind.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gw::kit {

class Json {
 public:
  enum class Kind { Null, Bool, Number, String, Array, Object };

  Json() = default;
  static Json string(std::string text);
  static Json number(std::string digits);  // already a valid JSON number
  static Json boolean(bool value);
  static Json array();
  static Json object();

  Kind kind() const { return kind_; }
  bool isEmpty() const;  // null, "", or an array or object with nothing but empty values in it

  // Object access: sets (replacing) or reads a member; `set` ignores empty values so that
  // optional HL7 fields never produce "" or {} in the output, and makes a null value an object.
  Json& set(const std::string& key, Json value);
  Json& set(const std::string& key, const std::string& text);
  const Json* get(const std::string& key) const;
  Json* get(const std::string& key);
  // Appends `item` to the array member `key`, creating it; empty items are ignored.
  Json& append(const std::string& key, Json item);
  // Array access: appends unless the value is empty.
  Json& push(Json value);
  // Building by element path (identifier[0].value): the member `key`, created (null) when missing, and
  // item `index`, created with null items before it. A value of another kind becomes an empty object
  // (member) or array (item) first.
  Json& member(const std::string& key);
  Json& item(std::size_t index);
  std::size_t size() const { return kind_ == Kind::Array ? items_.size() : members_.size(); }
  const std::vector<Json>& items() const { return items_; }
  const std::string& text() const { return text_; }

  std::string dump() const;

 private:
  void write(std::string& out) const;
  Kind kind_ = Kind::Null;
  std::string text_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

}  // namespace gw::kit
