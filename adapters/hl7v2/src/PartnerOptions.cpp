// PartnerOptions.cpp: reads the partner's options JSON (see PartnerOptions.hpp).
#include "PartnerOptions.hpp"

#include <gw/plugin.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <regex>

namespace gw::hl7v2 {

PartnerOptions PartnerOptions::fromJson(const std::string& partnerId, const std::string& optionsJson) {
  try {
    return read(partnerId, optionsJson);
  } catch (const Poco::Exception& e) {  // a value of the wrong JSON type
    throw gw::sdk::Error(GW_ERR_CONFIG, "options: " + e.displayText());
  }
}

PartnerOptions PartnerOptions::read(const std::string& partnerId, const std::string& optionsJson) {
  using gw::sdk::Error;
  PartnerOptions o;
  if (partnerId.empty()) throw Error(GW_ERR_CONFIG, "the partner id is empty");
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
    static const std::regex currencyPattern("[A-Z]{3}");
    if (!std::regex_match(o.currency, currencyPattern))
      throw Error(GW_ERR_CONFIG, "option currency: '" + o.currency + "' is not an ISO 4217 code such as CNY");
  }
  if (root->has("timezone")) {
    o.timezone = root->getValue<std::string>("timezone");
    static const std::regex zonePattern("[+-](0[0-9]|1[0-3]):[0-5][0-9]|\\+14:00|Z");
    if (!std::regex_match(o.timezone, zonePattern))
      throw Error(GW_ERR_CONFIG, "option timezone: '" + o.timezone + "' is not an offset such as +08:00");
  }
  if (root->has("assigning_authority_oids")) {
    auto map = root->getObject("assigning_authority_oids");
    if (!map) throw Error(GW_ERR_CONFIG, "option assigning_authority_oids: expected a mapping of names to OIDs");
    static const std::regex oidPattern("[0-2](\\.(0|[1-9][0-9]*))+");
    for (const auto& name : map->getNames()) {
      std::string oid = map->getValue<std::string>(name);
      if (!std::regex_match(oid, oidPattern))
        throw Error(GW_ERR_CONFIG, "option assigning_authority_oids." + name + ": '" + oid + "' is not an OID");
      o.authorityOids[name] = oid;
    }
  }
  return o;
}

}  // namespace gw::hl7v2
