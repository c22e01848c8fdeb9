// PartnerOptions.cpp: reads the partner's options JSON (see PartnerOptions.hpp). The partner id,
// currency and timezone are the kit's (every adapter accepts and refuses the same values); only
// oid_systems is read here.
#include "PartnerOptions.hpp"

#include <gw/plugin.hpp>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>

#include <regex>

namespace gw::cda {

namespace {

using gw::sdk::Error;

std::map<std::string, std::string> readOidSystems(const Poco::JSON::Object& root) {
  std::map<std::string, std::string> out;
  if (!root.has("oid_systems")) return out;
  auto map = root.getObject("oid_systems");
  if (!map) throw Error(GW_ERR_CONFIG, "option oid_systems: expected a mapping of OIDs to system URIs");
  static const std::regex oidPattern("[0-2](\\.(0|[1-9][0-9]*))+");
  static const std::regex uriPattern("[A-Za-z][A-Za-z0-9+.-]*:[^ ]+");
  for (const auto& oid : map->getNames()) {
    std::string system = map->getValue<std::string>(oid);
    if (!std::regex_match(oid, oidPattern)) throw Error(GW_ERR_CONFIG, "option oid_systems: key '" + oid + "' is not an OID");
    if (!std::regex_match(system, uriPattern))
      throw Error(GW_ERR_CONFIG, "option oid_systems." + oid + ": '" + system + "' is not a URI");
    out[oid] = system;
  }
  return out;
}

}  // namespace

PartnerOptions PartnerOptions::fromJson(const std::string& partnerId, const std::string& optionsJson) {
  Poco::JSON::Object::Ptr root = kit::parseOptions(optionsJson);
  PartnerOptions o;
  static_cast<kit::PartnerOptions&>(o) = kit::PartnerOptions::read(partnerId, *root);
  try {
    o.oidSystems = readOidSystems(*root);
  } catch (const Poco::Exception& e) {  // a value of the wrong JSON type
    throw Error(GW_ERR_CONFIG, "options: " + e.displayText());
  }
  return o;
}

}  // namespace gw::cda
