// BundleMapper.cpp: see BundleMapper.hpp.
#include "BundleMapper.hpp"

#include <gw/kit/Profile.hpp>

#include "FieldValue.hpp"

#include <gw/kit/BundleBuilder.hpp>
#include <gw/plugin.hpp>

#include <Poco/UUID.h>
#include <Poco/UUIDGenerator.h>

namespace gw::xmlmap {

namespace {

using gw::sdk::Error;

// One resource to produce: a spec at one context node.
struct Planned {
  const ResourceSpec* spec;
  xmlNode* context;
  std::string key;
  std::string fullUrl;
};

// Conditional update on the first identifier that has both system and value (fhir-profile.md).
std::string conditionalUrl(const std::string& type, const Json& resource) {
  const Json* ids = resource.get("identifier");
  if (!ids) return "";
  for (const auto& id : ids->items()) {
    const Json* system = id.get("system");
    const Json* value = id.get("value");
    if (system && value && !system->isEmpty() && !value->isEmpty())
      return type + "?identifier=" + kit::encodeQueryValue(system->text()) + "|" + kit::encodeQueryValue(value->text());
  }
  return "";
}

}  // namespace

void BundleMapper::checkRoot(xmlNode* root) const {
  std::string name = reinterpret_cast<const char*>(root->name);
  std::string ns = root->ns && root->ns->href ? reinterpret_cast<const char*>(root->ns->href) : "";
  bool nameMatches = name == spec_.rootName;
  bool nsMatches = !spec_.rootNamespace || *spec_.rootNamespace == ns;
  if (nameMatches && nsMatches) return;
  std::string found = "<" + name + ">" + (ns.empty() ? " (no namespace)" : " in namespace " + ns);
  std::string expected = "<" + spec_.rootName + ">";
  if (spec_.rootNamespace)
    expected += spec_.rootNamespace->empty() ? " (no namespace)" : " in namespace " + *spec_.rootNamespace;
  throw Error(GW_ERR_UNSUPPORTED, "root element " + found + " is not what the mapping reads: " + expected,
              "/" + name);
}

Envelope BundleMapper::envelope(XPathEvaluator& xpath, xmlNode* root) const {
  Envelope e;
  e.messageId = xpath.text(spec_.messageId, root);
  if (e.messageId.empty())
    throw Error(GW_ERR_INVALID, "the message has no message id", locationOf(spec_.messageId.written, root));
  e.event = spec_.eventXPath ? xpath.text(*spec_.eventXPath, root) : spec_.eventConstant;
  return e;
}

std::string BundleMapper::bundle(XPathEvaluator& xpath, xmlNode* root, const Envelope& envelope,
                                 kit::Issues& issues) const {
  const std::string seed = partnerId_ + "|" + envelope.messageId + "|";
  auto fullUrlOf = [&](const std::string& key) {
    Poco::UUID uuid = Poco::UUIDGenerator::defaultGenerator().createFromName(Poco::UUID::uri(), seed + key);
    return "urn:uuid:" + uuid.toString();
  };

  // Every fullUrl is known before any resource is built, so references may point forward.
  std::vector<Planned> planned;
  std::map<std::string, std::string> singles;
  for (const auto& spec : spec_.resources) {
    std::vector<xmlNode*> contexts = spec.forEach ? xpath.nodes(*spec.forEach, root) : std::vector{root};
    std::size_t n = 0;
    for (xmlNode* context : contexts) {
      if (spec.when && !xpath.test(*spec.when, context)) continue;
      std::string key = spec.forEach ? spec.id + "/" + std::to_string(++n) : spec.id;
      planned.push_back({&spec, context, key, fullUrlOf(key)});
      if (!spec.forEach) singles[spec.id] = planned.back().fullUrl;
    }
  }

  Json entries;
  std::size_t index = 0;
  for (const auto& p : planned) {
    Json resource = Json::object();
    resource.set("resourceType", Json::string(p.spec->type));
    FieldScope scope{spec_, xpath, p.context, singles, issues};
    for (const auto& field : p.spec->fields) {
      Json value = fieldValue(field, scope);
      if (!value.isEmpty()) field.path.locate(resource) = std::move(value);
    }
    Json& entry = entries.item(index++);
    entry.set("fullUrl", Json::string(p.fullUrl));
    std::string conditional = conditionalUrl(p.spec->type, resource);
    entry.set("resource", std::move(resource));
    Json& request = entry.member("request");
    request.set("method", Json::string(conditional.empty() ? "POST" : "PUT"));
    request.set("url", Json::string(conditional.empty() ? p.spec->type : conditional));
  }

  Json bundle = Json::object();
  bundle.set("resourceType", Json::string("Bundle"));
  Json& identifier = bundle.member("identifier");
  identifier.set("system", Json::string(kit::profile::partnerSystem(partnerId_, "message")));
  identifier.set("value", Json::string(envelope.messageId));
  bundle.set("type", Json::string("transaction"));
  if (spec_.timestampXPath) {
    std::string sent = xpath.text(*spec_.timestampXPath, root);
    if (!sent.empty()) {
      try {
        std::string instant = spec_.timestampFormat->toDateTime(sent, spec_.timezone);
        if (instant.find('T') != std::string::npos) bundle.set("timestamp", Json::string(instant));
      } catch (const std::invalid_argument& e) {
        // The message's time identifies nothing: lenient, Bundle.timestamp is left out and reported.
        issues.defect(locationOf(spec_.timestampXPath->written, root), "value",
                      std::string("message timestamp: ") + e.what(), sent);
      }
    }
  }
  bundle.set("entry", std::move(entries));
  return bundle.dump();
}

}  // namespace gw::xmlmap
