// PartnerOptions.hpp: the partner's options for the cda adapter (declared as config fields in the
// plugin descriptor, validated by the host, handed over as JSON at create).
#pragma once

#include <gw/kit/PartnerOptions.hpp>

#include <map>
#include <string>

namespace gw::cda {

struct PartnerOptions : kit::PartnerOptions {
  std::map<std::string, std::string> oidSystems;  // OID -> identifier/code system URI, over the built-in table

  // Throws gw::sdk::Error(GW_ERR_CONFIG) naming the option when a value is unusable.
  static PartnerOptions fromJson(const std::string& partnerId, const std::string& optionsJson);
};

}  // namespace gw::cda
