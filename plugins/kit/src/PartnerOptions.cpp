#include "gw/kit/PartnerOptions.hpp"

#include <gw/plugin.hpp>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <regex>

namespace gw::kit {

using gw::sdk::Error;

PartnerOptions PartnerOptions::read(const std::string& partnerId, const Poco::JSON::Object& options) {
  PartnerOptions o;
  if (partnerId.empty()) throw Error(GW_ERR_CONFIG, "the partner id is empty");
  static const std::regex idPattern("[A-Za-z0-9][A-Za-z0-9._-]*");
  if (!std::regex_match(partnerId, idPattern))
    throw Error(GW_ERR_CONFIG, "partner id '" + partnerId + "' cannot be used in an identifier system URN");
  o.partnerId = partnerId;
  try {
    if (options.has("currency")) {
      o.currency = options.getValue<std::string>("currency");
      static const std::regex currencyPattern("[A-Z]{3}");
      if (!std::regex_match(o.currency, currencyPattern))
        throw Error(GW_ERR_CONFIG, "option currency: '" + o.currency + "' is not an ISO 4217 code such as CNY");
    }
    if (options.has("timezone")) {
      o.timezone = options.getValue<std::string>("timezone");
      static const std::regex zonePattern("[+-](0[0-9]|1[0-3]):[0-5][0-9]|\\+14:00|Z");
      if (!std::regex_match(o.timezone, zonePattern))
        throw Error(GW_ERR_CONFIG, "option timezone: '" + o.timezone + "' is not an offset such as +08:00");
    }
    if (options.has(kValidationOption)) {
      const std::string validation = options.getValue<std::string>(kValidationOption);
      if (validation != "lenient" && validation != "strict")
        throw Error(GW_ERR_CONFIG, "option validation: '" + validation + "' is neither lenient nor strict");
      o.lenient = validation == "lenient";
    }
  } catch (const Poco::Exception& e) {  // a value of the wrong JSON type
    throw Error(GW_ERR_CONFIG, "options: " + e.displayText());
  }
  return o;
}

Poco::JSON::Object::Ptr parseOptions(const std::string& optionsJson) {
  Poco::JSON::Object::Ptr root;
  try {
    root = Poco::JSON::Parser().parse(optionsJson.empty() ? "{}" : optionsJson).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception& e) {
    throw Error(GW_ERR_CONFIG, std::string("options are not a JSON object: ") + e.what());
  }
  if (!root) throw Error(GW_ERR_CONFIG, "options are not a JSON object");
  return root;
}

}  // namespace gw::kit
