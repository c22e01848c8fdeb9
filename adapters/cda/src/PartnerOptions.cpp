// PartnerOptions.cpp: reads the partner's options JSON (see PartnerOptions.hpp). The partner id,
// currency and timezone follow the hl7v2 adapter's rules through its reader, so both adapters accept
// and refuse the same values; only oid_systems is read here.
#include "PartnerOptions.hpp"

#include <gw/plugin.hpp>

#include "../../hl7v2/src/PartnerOptions.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <regex>

namespace gw::cda {

namespace {

using gw::sdk::Error;

std::map<std::string, std::string> readOidSystems(const std::string& optionsJson) {
  std::map<std::string, std::string> out;
  auto root = Poco::JSON::Parser().parse(optionsJson.empty() ? "{}" : optionsJson).extract<Poco::JSON::Object::Ptr>();
  if (!root->has("oid_systems")) return out;
  auto map = root->getObject("oid_systems");
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
  gw::hl7v2::PartnerOptions common = gw::hl7v2::PartnerOptions::fromJson(partnerId, optionsJson);
  PartnerOptions o;
  o.partnerId = common.partnerId;
  o.currency = common.currency;
  o.timezone = common.timezone;
  try {
    o.oidSystems = readOidSystems(optionsJson);
  } catch (const Poco::Exception& e) {  // a value of the wrong JSON type
    throw Error(GW_ERR_CONFIG, "options: " + e.displayText());
  }
  return o;
}

}  // namespace gw::cda
