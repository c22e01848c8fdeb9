// PartnerOptions.cpp: reads the partner's options JSON (see PartnerOptions.hpp).
#include "PartnerOptions.hpp"

#include <gw/plugin.hpp>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <regex>

namespace gw::cda {

namespace {

using gw::sdk::Error;

PartnerOptions read(const std::string& partnerId, const std::string& optionsJson) {
  PartnerOptions o;
  static const std::regex idPattern("[A-Za-z0-9][A-Za-z0-9._-]*");
  if (!std::regex_match(partnerId, idPattern))
    throw Error(GW_ERR_CONFIG, "partner id '" + partnerId + "' cannot be used in an identifier system URN");
  o.partnerId = partnerId;
  Poco::JSON::Object::Ptr root;
  try {
    root = Poco::JSON::Parser().parse(optionsJson.empty() ? "{}" : optionsJson).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception& e) {
    throw Error(GW_ERR_CONFIG, std::string("options are not a JSON object: ") + e.what());
  }
  if (root->has("currency")) {
    o.currency = root->getValue<std::string>("currency");
    if (!std::regex_match(o.currency, std::regex("[A-Z]{3}")))
      throw Error(GW_ERR_CONFIG, "option currency: '" + o.currency + "' is not an ISO 4217 code such as CNY");
  }
  if (root->has("timezone")) {
    o.timezone = root->getValue<std::string>("timezone");
    if (!std::regex_match(o.timezone, std::regex("[+-](0[0-9]|1[0-3]):[0-5][0-9]|\\+14:00|Z")))
      throw Error(GW_ERR_CONFIG, "option timezone: '" + o.timezone + "' is not an offset such as +08:00");
  }
  if (root->has("oid_systems")) {
    auto map = root->getObject("oid_systems");
    if (!map) throw Error(GW_ERR_CONFIG, "option oid_systems: expected a mapping of OIDs to system URIs");
    static const std::regex oidPattern("[0-2](\\.(0|[1-9][0-9]*))+");
    static const std::regex uriPattern("[A-Za-z][A-Za-z0-9+.-]*:[^ ]+");
    for (const auto& oid : map->getNames()) {
      std::string system = map->getValue<std::string>(oid);
      if (!std::regex_match(oid, oidPattern))
        throw Error(GW_ERR_CONFIG, "option oid_systems: key '" + oid + "' is not an OID");
      if (!std::regex_match(system, uriPattern))
        throw Error(GW_ERR_CONFIG, "option oid_systems." + oid + ": '" + system + "' is not a URI");
      o.oidSystems[oid] = system;
    }
  }
  return o;
}

}  // namespace

PartnerOptions PartnerOptions::fromJson(const std::string& partnerId, const std::string& optionsJson) {
  try {
    return read(partnerId, optionsJson);
  } catch (const Poco::Exception& e) {  // a value of the wrong JSON type
    throw Error(GW_ERR_CONFIG, "options: " + e.displayText());
  }
}

}  // namespace gw::cda
