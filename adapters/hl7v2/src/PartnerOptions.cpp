// PartnerOptions.cpp: reads the partner's options JSON (see PartnerOptions.hpp).
#include "PartnerOptions.hpp"

#include <gw/plugin.hpp>

#include <Poco/Exception.h>

#include <regex>

namespace gw::hl7v2 {

PartnerOptions PartnerOptions::fromJson(const std::string& partnerId, const std::string& optionsJson) {
  using gw::sdk::Error;
  Poco::JSON::Object::Ptr root = kit::parseOptions(optionsJson);
  PartnerOptions o;
  static_cast<kit::PartnerOptions&>(o) = kit::PartnerOptions::read(partnerId, *root);
  try {
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
  } catch (const Poco::Exception& e) {  // a value of the wrong JSON type
    throw Error(GW_ERR_CONFIG, "options: " + e.displayText());
  }
  return o;
}

}  // namespace gw::hl7v2
