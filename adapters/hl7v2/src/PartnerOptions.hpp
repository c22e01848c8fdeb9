// PartnerOptions.hpp: the partner's options for this adapter (declared as config fields in the
// plugin descriptor, validated by the host, handed over as JSON at create).
#pragma once

#include <map>
#include <string>

namespace gw::hl7v2 {

struct PartnerOptions {
  std::string partnerId;
  std::string currency = "CNY";     // for amounts that do not carry their own currency
  std::string timezone = "+08:00";  // for times sent without an offset (FHIR requires one)
  std::map<std::string, std::string> authorityOids;  // assigning authority name -> OID

  // Throws gw::sdk::Error(GW_ERR_CONFIG) naming the option when a value is unusable.
  static PartnerOptions fromJson(const std::string& partnerId, const std::string& optionsJson);

 private:
  static PartnerOptions read(const std::string& partnerId, const std::string& optionsJson);
};

}  // namespace gw::hl7v2
