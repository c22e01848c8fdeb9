// Parses with RapidJSON's SAX reader into Poco::JSON trees. RapidJSON hands over each number as its text
// (kParseNumbersAsStringsFlag), so decimals stay exact (JsonDecimal.hpp), and it parses several times faster
// than Poco's own parser, which matters for the ~1 MB claim pages the insurer adapters read.
#include "gw/kit/JsonReader.hpp"

#include "gw/kit/JsonDecimal.hpp"

#include <gw/plugin.hpp>

#include <Poco/JSON/Stringifier.h>
#include <Poco/NumberParser.h>

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <sstream>
#include <vector>

namespace gw::kit {

namespace {

// Builds the tree from SAX events; returning false stops the parse (nesting past the cap).
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  bool Null() { return add(Poco::Dynamic::Var()); }
  bool Bool(bool b) { return add(b); }
  bool String(const char* text, rapidjson::SizeType length, bool) { return add(std::string(text, length)); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) { return add(number(std::string(text, length))); }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    key_.assign(text, length);
    return true;
  }
  bool StartObject() {
    JsonObject object = newObject();
    if (!add(object)) return false;
    objects_.push_back(object);
    arrays_.push_back(nullptr);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() {
    JsonArray array = new Poco::JSON::Array;
    if (!add(array)) return false;
    objects_.push_back(nullptr);
    arrays_.push_back(array);
    return true;
  }
  bool EndArray(rapidjson::SizeType) { return close(); }

  const Poco::Dynamic::Var& root() const { return root_; }
  bool tooDeep() const { return tooDeep_; }

 private:
  // Whole numbers as Poco's parser gives them (Int64, else UInt64); the rest keeps its text.
  static Poco::Dynamic::Var number(const std::string& text) {
    if (text.find_first_of(".eE") == std::string::npos) {
      Poco::Int64 whole = 0;
      Poco::UInt64 large = 0;
      if (Poco::NumberParser::tryParse64(text, whole)) return whole;
      if (Poco::NumberParser::tryParseUnsigned64(text, large)) return large;
    }
    return JsonDecimal{text};
  }

  bool add(const Poco::Dynamic::Var& value) {
    if (objects_.empty()) {
      root_ = value;
    } else if (objects_.back()) {
      objects_.back()->set(key_, value);
    } else {
      arrays_.back()->add(value);
    }
    const bool container = value.type() == typeid(JsonObject) || value.type() == typeid(JsonArray);
    if (container && objects_.size() >= kMaxJsonDepth) {
      tooDeep_ = true;
      return false;
    }
    return true;
  }
  bool close() {
    objects_.pop_back();
    arrays_.pop_back();
    return true;
  }

  Poco::Dynamic::Var root_;
  std::string key_;
  // The open containers, innermost last: an object or an array at each level (the other is null).
  std::vector<JsonObject> objects_;
  std::vector<JsonArray> arrays_;
  bool tooDeep_ = false;
};

}  // namespace

JsonObject parseObject(const std::string& text) {
  // A raw NUL is never valid JSON, and the reader's stream would take it for the end of the text.
  if (auto nul = text.find('\0'); nul != std::string::npos)
    throw gw::sdk::Error(GW_ERR_INVALID, "not JSON: a NUL byte (at byte " + std::to_string(nul) + ")");
  TreeBuilder builder;
  rapidjson::Reader reader;
  rapidjson::StringStream stream(text.c_str());
  // Iterative: no recursion however deep the input; full-precision numbers as text; UTF-8 checked.
  constexpr unsigned kFlags =
      rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseValidateEncodingFlag;
  rapidjson::ParseResult result = reader.Parse<kFlags>(stream, builder);
  if (builder.tooDeep())
    throw gw::sdk::Error(GW_ERR_INVALID, "not JSON: nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  if (result.IsError())
    throw gw::sdk::Error(GW_ERR_INVALID, std::string("not JSON: ") + rapidjson::GetParseError_En(result.Code()) +
                                             " (at byte " + std::to_string(result.Offset()) + ")");
  if (builder.root().type() != typeid(JsonObject)) throw gw::sdk::Error(GW_ERR_INVALID, "not a JSON object");
  return builder.root().extract<JsonObject>();
}

JsonObject newObject() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string render(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

std::string stringAt(const JsonObject& object, const std::string& key) {
  if (!object || !object->has(key)) return {};
  const Poco::Dynamic::Var& value = object->get(key);
  return value.isString() ? value.toString() : std::string();
}

JsonObject objectAt(const JsonObject& object, const std::string& key) {
  return object && object->has(key) ? object->getObject(key) : JsonObject();
}

JsonArray arrayAt(const JsonObject& object, const std::string& key) {
  return object && object->has(key) ? object->getArray(key) : JsonArray();
}

JsonObject objectIn(const JsonArray& array, std::size_t index) {
  return array && index < array->size() ? array->getObject(static_cast<unsigned>(index)) : JsonObject();
}

}  // namespace gw::kit
