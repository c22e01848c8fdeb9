#include "plugin/PartnerOptions.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Path.h>

#include <limits>
#include <sstream>

#include "config/YamlReader.hpp"
#include "plugin/DescriptorCheck.hpp"

namespace gw {

namespace {

using Value = Poco::Dynamic::Var;

std::optional<Value> readList(YamlReader& r, const YAML::Node& node, const std::string& at) {
  if (!r.sequence(node, at)) return std::nullopt;
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (std::size_t i = 0; i < node.size(); ++i) {
    auto item = r.scalar(node[i], at + "[" + std::to_string(i) + "]");
    if (!item) return std::nullopt;
    list->add(*item);
  }
  return Value(list);
}

std::optional<Value> readMap(YamlReader& r, const YAML::Node& node, const std::string& at) {
  if (!node.IsMap()) {
    r.error(node, at, "must be a mapping of strings to strings");
    return std::nullopt;
  }
  Poco::JSON::Object::Ptr map = new Poco::JSON::Object;
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    auto value = r.scalar(entry.second, at + "." + key);
    if (!value) return std::nullopt;
    map->set(key, *value);
  }
  return Value(map);
}

// A declared default, given by the plugin as text (JSON for list and map fields).
std::optional<Value> defaultValue(const gw_config_field& field, std::string& problem) {
  const std::string text = field.default_value;
  switch (field.type) {
    case GW_FIELD_STRING:
      return Value(text);
    case GW_FIELD_INT:
      try {
        std::size_t used = 0;
        long long number = std::stoll(text, &used);
        if (used == text.size()) return Value(static_cast<Poco::Int64>(number));
      } catch (const std::exception&) {
      }
      problem = "the adapter's default '" + text + "' is not a whole number";
      return std::nullopt;
    case GW_FIELD_BOOL:
      if (text == "true" || text == "false") return Value(text == "true");
      problem = "the adapter's default '" + text + "' is not true or false";
      return std::nullopt;
    default:
      try {
        return Poco::JSON::Parser().parse(text);
      } catch (const Poco::Exception&) {
        problem = "the adapter's default '" + text + "' is not JSON";
        return std::nullopt;
      }
  }
}

}  // namespace

std::optional<std::string> partnerOptionsJson(const gw_adapter& adapter, const PartnerConfig& partner,
                                              const std::string& path, const std::string& file,
                                              std::vector<ConfigIssue>& issues) {
  const std::size_t before = issues.size();
  const std::string at = path + ".options";
  YamlReader r(file, issues);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < adapter.config_field_count; ++i) names.push_back(adapter.config_fields[i].name);
  const YAML::Node& options = partner.options;
  Poco::JSON::Object json;
  if (r.mapping(options, at, names)) {
    for (std::size_t i = 0; i < adapter.config_field_count; ++i) {
      const gw_config_field& field = adapter.config_fields[i];
      const std::string key = YamlReader::join(at, field.name);
      const YAML::Node node = options[field.name];
      std::optional<Value> value;
      if (!node.IsDefined() || node.IsNull()) {
        if (field.type == GW_FIELD_STRING && std::string(field.name) == kBaseDirField) {
          // Host convention: relative paths in options are relative to the configuration file's folder.
          value = Value(Poco::Path(file).parent().toString());
        } else if (field.default_value != nullptr) {
          std::string problem;
          value = defaultValue(field, problem);
          if (!value) r.error(options, key, problem);
        } else if (field.required) {
          r.error(options, key, "required key is missing (adapter '" + std::string(adapter.name) + "')");
        }
      } else {
        switch (field.type) {
          case GW_FIELD_STRING:
            if (auto v = r.text(options, at, field.name, false)) value = Value(*v);
            break;
          case GW_FIELD_INT:
            if (auto v = r.integer(options, at, field.name, false, std::numeric_limits<std::int64_t>::min(),
                                   std::numeric_limits<std::int64_t>::max()))
              value = Value(static_cast<Poco::Int64>(*v));
            break;
          case GW_FIELD_BOOL:
            if (auto v = r.boolean(options, at, field.name, false)) value = Value(*v);
            break;
          case GW_FIELD_LIST:
            value = readList(r, node, key);
            break;
          default:
            value = readMap(r, node, key);
            break;
        }
      }
      if (value) json.set(field.name, *value);
    }
  }
  // An absent `options:` block has no position of its own: point at the partner's block instead.
  for (std::size_t i = before; i < issues.size(); ++i) {
    if (issues[i].line == 0) {
      issues[i].line = partner.line;
      issues[i].column = partner.column;
    }
  }
  if (issues.size() != before) return std::nullopt;
  // ABI 1.1: the partner's validation setting travels with its options (a 1.0 adapter would not expect it).
  if (adapter.struct_size >= kAdapterStructSizeV1_1) json.set(kValidationOption, partner.lenient ? "lenient" : "strict");
  std::ostringstream text;
  Poco::JSON::Stringifier::condense(json, text);
  return text.str();
}

}  // namespace gw
