// PartnerOptions.hpp: the partner's options for this adapter (declared as config fields in the
// plugin descriptor, validated by the host, handed over as JSON at create): the kit's common ones
// (partner id, currency, timezone) and the assigning authorities' OIDs.
#pragma once

#include <gw/kit/PartnerOptions.hpp>

#include <map>
#include <string>

namespace gw::hl7v2 {

struct PartnerOptions : kit::PartnerOptions {
  std::map<std::string, std::string> authorityOids;  // assigning authority name -> OID

  // Throws gw::sdk::Error(GW_ERR_CONFIG) naming the option when a value is unusable.
  static PartnerOptions fromJson(const std::string& partnerId, const std::string& optionsJson);
};

}  // namespace gw::hl7v2
