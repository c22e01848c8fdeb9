// MappingLoader.cpp: see MappingLoader.hpp.
#include "MappingLoader.hpp"

#include "AckTemplate.hpp"
#include "FhirPathCheck.hpp"
#include "TextRules.hpp"
#include "XPathEvaluator.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace gw::xmlmap {

namespace {

using Keys = std::vector<std::string>;

class Reader {
 public:
  Reader(std::string file, std::string partnerId) : file_(std::move(file)), partnerId_(std::move(partnerId)) {}

  void error(const YAML::Node& at, const std::string& key, const std::string& message) {
    std::string out = file_;
    if (at.IsDefined() && at.Mark().line >= 0)
      out += ":" + std::to_string(at.Mark().line + 1) + ":" + std::to_string(at.Mark().column + 1);
    out += ": ";
    if (!key.empty()) out += "'" + key + "': ";
    issues_.push_back(out + message);
  }
  void errorAt(int line, int column, const std::string& message) {
    issues_.push_back(file_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message);
  }
  bool failed() const { return !issues_.empty(); }
  std::string report() const {
    std::string out;
    for (const auto& i : issues_) out += (out.empty() ? "" : "\n") + i;
    return out;
  }

  // A mapping whose keys are all in `allowed` (the rest reported, with the list of known keys).
  bool mapping(const YAML::Node& node, const std::string& path, const Keys& allowed) {
    if (!node.IsMap()) {
      error(node, path, "must be a mapping");
      return false;
    }
    std::set<std::string> seen;
    for (const auto& entry : node) {
      std::string key = entry.first.Scalar();
      if (!seen.insert(key).second) error(entry.first, join(path, key), "key given twice");
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        error(entry.first, join(path, key), "unknown key (expected one of: " + list + ")");
      }
    }
    return true;
  }

  std::optional<std::string> text(const YAML::Node& map, const std::string& path, const std::string& key,
                                  bool required) {
    YAML::Node node = map[key];
    if (!node.IsDefined() || node.IsNull()) {
      if (required) error(map, path, "missing required key '" + key + "'");
      return std::nullopt;
    }
    if (!node.IsScalar()) {
      error(node, join(path, key), "must be a text value");
      return std::nullopt;
    }
    return node.Scalar();
  }

  // A constant with ${partner} replaced.
  std::optional<std::string> constant(const YAML::Node& map, const std::string& path, const std::string& key) {
    auto value = text(map, path, key, false);
    if (!value) return value;
    return withPartner(*value);
  }

  std::string withPartner(std::string text) const {
    for (std::size_t pos; (pos = text.find("${partner}")) != std::string::npos;) text.replace(pos, 10, partnerId_);
    return text;
  }

  std::optional<XPathText> xpath(const YAML::Node& map, const std::string& path, const std::string& key,
                                 bool required, const std::map<std::string, std::string>& namespaces,
                                 bool nodeSet = false) {
    auto written = text(map, path, key, required);
    if (!written) return std::nullopt;
    XPathText xpath = XPathText::from(*written);
    if (auto problem = XPathEvaluator::check(xpath, namespaces, nodeSet)) {
      error(map[key], join(path, key), "bad XPath '" + *written + "': " + *problem);
      return std::nullopt;
    }
    return xpath;
  }

  std::optional<DateFormat> dateFormat(const YAML::Node& map, const std::string& path, const std::string& key) {
    auto format = text(map, path, key, false);
    if (!format) return std::nullopt;
    try {
      return DateFormat(*format);
    } catch (const std::invalid_argument& e) {
      error(map[key], join(path, key), e.what());
      return std::nullopt;
    }
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

 private:
  std::string file_;
  std::string partnerId_;
  std::vector<std::string> issues_;
};

void readMatch(Reader& r, const YAML::Node& match, MappingSpec& spec) {
  if (!r.mapping(match, "match", {"root", "namespace"})) return;
  if (auto root = r.text(match, "match", "root", true)) spec.rootName = *root;
  if (match["namespace"].IsDefined()) spec.rootNamespace = match["namespace"].IsNull() ? "" : match["namespace"].Scalar();
}

void readMessage(Reader& r, const YAML::Node& message, MappingSpec& spec) {
  if (!r.mapping(message, "message", {"id", "event", "event_value", "timestamp", "timestamp_format"})) return;
  if (auto id = r.xpath(message, "message", "id", true, spec.namespaces)) spec.messageId = *id;
  spec.eventXPath = r.xpath(message, "message", "event", false, spec.namespaces);
  if (auto value = r.text(message, "message", "event_value", false)) spec.eventConstant = *value;
  if (spec.eventXPath && !spec.eventConstant.empty())
    r.error(message["event_value"], "message.event_value", "give either event (an XPath) or event_value, not both");
  spec.timestampXPath = r.xpath(message, "message", "timestamp", false, spec.namespaces);
  spec.timestampFormat = r.dateFormat(message, "message", "timestamp_format");
  if (spec.timestampXPath && !spec.timestampFormat)
    r.error(message["timestamp"], "message.timestamp", "needs timestamp_format (e.g. '%Y%m%d%H%M%S')");
}

void readDefaults(Reader& r, const YAML::Node& defaults, MappingSpec& spec) {
  if (!r.mapping(defaults, "defaults", {"timezone", "currency"})) return;
  if (auto tz = r.text(defaults, "defaults", "timezone", false)) {
    if (!isUtcOffset(*tz)) r.error(defaults["timezone"], "defaults.timezone", "'" + *tz + "' is not an offset such as +08:00");
    spec.timezone = *tz;
  }
  if (auto currency = r.text(defaults, "defaults", "currency", false)) {
    if (!isCurrencyCode(*currency))
      r.error(defaults["currency"], "defaults.currency", "'" + *currency + "' is not an ISO 4217 code such as CNY");
    spec.currency = *currency;
  }
}

void readValueMaps(Reader& r, const YAML::Node& maps, MappingSpec& spec) {
  if (!maps.IsMap()) {
    r.error(maps, "value_maps", "must be a mapping of map names to code tables");
    return;
  }
  for (const auto& entry : maps) {
    std::string name = entry.first.Scalar();
    std::string path = "value_maps." + name;
    if (!entry.second.IsMap()) {
      r.error(entry.second, path, "must be a mapping of source codes to FHIR codes");
      continue;
    }
    auto& table = spec.valueMaps[name];
    for (const auto& code : entry.second) {
      if (!code.second.IsScalar()) r.error(code.second, path + "." + code.first.Scalar(), "must be a text value");
      else table[code.first.Scalar()] = r.withPartner(code.second.Scalar());
    }
  }
}

FieldSpec readField(Reader& r, const YAML::Node& node, const std::string& path, const ResourceSpec& resource,
                    const MappingSpec& spec) {
  FieldSpec f;
  f.line = node.Mark().line + 1;
  if (!r.mapping(node, path,
                 {"path", "xpath", "value", "reference", "money", "map", "date", "datetime", "timezone", "type",
                  "default", "required", "when"}))
    return f;
  if (auto text = r.text(node, path, "path", true)) {
    try {
      f.path = ElementPath::parse(*text);
      if (f.path.resourceType != resource.type)
        r.error(node["path"], path + ".path",
                "path root '" + f.path.resourceType + "' is not this resource's type '" + resource.type + "'");
      else if (auto problem = checkAgainstFhirR4(f.path))
        r.error(node["path"], path + ".path", "'" + f.path.text + "': " + *problem);
      else
        f.fhirRequired = isRequiredInFhirR4(f.path);
    } catch (const std::invalid_argument& e) {
      r.error(node["path"], path + ".path", e.what());
    }
  }
  f.source.xpath = r.xpath(node, path, "xpath", false, spec.namespaces);
  f.source.constant = r.constant(node, path, "value");
  f.source.reference = r.text(node, path, "reference", false);
  if (YAML::Node money = node["money"]; money.IsDefined()) {
    std::string mpath = path + ".money";
    if (r.mapping(money, mpath, {"amount", "currency", "currency_xpath"})) {
      f.source.moneyAmount = r.xpath(money, mpath, "amount", true, spec.namespaces);
      if (auto c = r.text(money, mpath, "currency", false)) f.moneyCurrency = *c;
      f.moneyCurrencyXPath = r.xpath(money, mpath, "currency_xpath", false, spec.namespaces);
    }
  }
  int sources = 0;
  for (const char* key : {"xpath", "value", "reference", "money"}) sources += node[key].IsDefined() ? 1 : 0;
  if (sources != 1) r.error(node, path, "give exactly one of xpath, value, reference, money");
  f.valueMap = r.text(node, path, "map", false);
  if (f.valueMap && !spec.valueMaps.count(*f.valueMap))
    r.error(node["map"], path + ".map", "no value map named '" + *f.valueMap + "' under value_maps");
  f.date = r.dateFormat(node, path, "date");
  f.dateTime = r.dateFormat(node, path, "datetime");
  if (f.date && f.dateTime) r.error(node["datetime"], path + ".datetime", "give either date or datetime, not both");
  f.timezone = r.text(node, path, "timezone", false);
  if (f.timezone && !isUtcOffset(*f.timezone))
    r.error(node["timezone"], path + ".timezone", "'" + *f.timezone + "' is not an offset such as +08:00");
  if (auto type = r.text(node, path, "type", false)) {
    if (*type == "string") f.type = ValueType::String;
    else if (*type == "decimal") f.type = ValueType::Decimal;
    else if (*type == "integer") f.type = ValueType::Integer;
    else if (*type == "boolean") f.type = ValueType::Boolean;
    else r.error(node["type"], path + ".type", "'" + *type + "' is not one of: string, decimal, integer, boolean");
  }
  f.defaultValue = r.text(node, path, "default", false);
  f.required = r.text(node, path, "required", false);
  f.when = r.xpath(node, path, "when", false, spec.namespaces);
  return f;
}

void readResources(Reader& r, const YAML::Node& list, MappingSpec& spec) {
  if (!list.IsSequence() || list.size() == 0) {
    r.error(list, "resources", "must be a list of resources");
    return;
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node node = list[i];
    std::string path = "resources[" + std::to_string(i) + "]";
    if (!r.mapping(node, path, {"id", "type", "foreach", "when", "fields"})) continue;
    ResourceSpec res;
    if (auto id = r.text(node, path, "id", true)) {
      res.id = *id;
      if (!ids.insert(res.id).second) r.error(node["id"], path + ".id", "resource id '" + res.id + "' given twice");
    }
    if (auto type = r.text(node, path, "type", true)) {
      res.type = *type;
      if (!isKnownResourceType(res.type)) r.error(node["type"], path + ".type", "unknown FHIR resource type '" + res.type + "'");
    }
    res.forEach = r.xpath(node, path, "foreach", false, spec.namespaces, true);
    res.when = r.xpath(node, path, "when", false, spec.namespaces);
    YAML::Node fields = node["fields"];
    if (!fields.IsDefined()) {
      r.error(node, path, "missing required key 'fields'");
    } else if (!fields.IsSequence()) {
      r.error(fields, path + ".fields", "must be a list of fields");
    } else {
      for (std::size_t k = 0; k < fields.size(); ++k)
        res.fields.push_back(readField(r, fields[k], path + ".fields[" + std::to_string(k) + "]", res, spec));
    }
    spec.resources.push_back(std::move(res));
  }
  // References point at resources that exist once per message (a repeated group has many).
  for (std::size_t i = 0; i < spec.resources.size(); ++i)
    for (std::size_t k = 0; k < spec.resources[i].fields.size(); ++k) {
      const auto& f = spec.resources[i].fields[k];
      if (!f.source.reference) continue;
      auto target = std::find_if(spec.resources.begin(), spec.resources.end(),
                                 [&](const ResourceSpec& s) { return s.id == *f.source.reference; });
      YAML::Node at = list[i]["fields"][k]["reference"];
      std::string where = "resources[" + std::to_string(i) + "].fields[" + std::to_string(k) + "].reference";
      if (target == spec.resources.end()) r.error(at, where, "no resource with id '" + *f.source.reference + "'");
      else if (target->forEach) r.error(at, where, "'" + *f.source.reference + "' is a repeated group (foreach) and cannot be referenced");
    }
}

void readAck(Reader& r, const YAML::Node& ack, MappingSpec& spec) {
  if (!r.mapping(ack, "ack", {"content_type", "template"})) return;
  if (auto type = r.text(ack, "ack", "content_type", true)) spec.ack.contentType = *type;
  if (auto text = r.text(ack, "ack", "template", true)) {
    spec.ack.templateText = *text;
    if (auto problem = checkAckTemplate(*text)) r.error(ack["template"], "ack.template", *problem);
  }
}

}  // namespace

MappingSpec loadMappingText(const std::string& yamlText, const std::string& fileName, const std::string& partnerId) {
  Reader r(fileName, partnerId);
  YAML::Node root;
  try {
    root = YAML::Load(yamlText);
  } catch (const YAML::Exception& e) {
    r.errorAt(e.mark.line + 1, e.mark.column + 1, "not valid YAML: " + e.msg);
    throw MappingError(r.report());
  }
  if (!root.IsMap()) {
    r.errorAt(1, 1, "the mapping file must be a YAML mapping with match, message, resources and ack");
    throw MappingError(r.report());
  }
  MappingSpec spec;
  spec.file = fileName;
  r.mapping(root, "", {"match", "namespaces", "message", "defaults", "value_maps", "resources", "ack"});
  for (const char* section : {"match", "message", "resources", "ack"})
    if (!root[section].IsDefined()) r.errorAt(1, 1, std::string("missing required section '") + section + "'");
  if (YAML::Node ns = root["namespaces"]; ns.IsDefined()) {
    if (!ns.IsMap()) r.error(ns, "namespaces", "must be a mapping of prefixes to namespace URIs");
    else
      for (const auto& entry : ns) {
        if (!entry.second.IsScalar() || entry.second.Scalar().empty())
          r.error(entry.second, "namespaces." + entry.first.Scalar(), "must be a namespace URI");
        else
          spec.namespaces[entry.first.Scalar()] = entry.second.Scalar();
      }
  }
  if (root["match"].IsDefined()) readMatch(r, root["match"], spec);
  if (root["defaults"].IsDefined()) readDefaults(r, root["defaults"], spec);
  if (root["value_maps"].IsDefined()) readValueMaps(r, root["value_maps"], spec);
  if (root["message"].IsDefined()) readMessage(r, root["message"], spec);
  if (root["resources"].IsDefined()) readResources(r, root["resources"], spec);
  if (root["ack"].IsDefined()) readAck(r, root["ack"], spec);
  if (r.failed()) throw MappingError(r.report());
  return spec;
}

MappingSpec loadMapping(const std::string& file, const std::string& partnerId) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw MappingError(file + ": cannot read the mapping file");
  std::ostringstream text;
  text << in.rdbuf();
  return loadMappingText(text.str(), file, partnerId);
}

}  // namespace gw::xmlmap
