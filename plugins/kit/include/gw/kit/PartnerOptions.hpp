// The partner options every adapter reads the same way, so that one value is accepted or refused alike by all:
// the partner's id (it names identifier systems such as urn:gw:<partner>:mr), the currency of amounts that carry
// none, and the offset of times sent without one (FHIR requires an offset).
#pragma once

#include <Poco/JSON/Object.h>

#include <string>

namespace gw::kit {

// The option the host adds for every ABI 1.1 adapter (the partner's `validation`): an adapter that refuses
// unknown options must accept it.
inline const char* const kValidationOption = "validation";

struct PartnerOptions {
  std::string partnerId;
  std::string currency = "CNY";     // ISO 4217
  std::string timezone = "+08:00";  // an offset, or Z
  // The partner's `validation` (ABI 1.1: the host sets it): lenient turns a defect in a field that identifies
  // nothing into a warning (kit::Issues), strict refuses the message.
  bool lenient = true;

  // Reads `currency`, `timezone` and `validation` from `options` and checks `partnerId`; throws gw::sdk::Error(GW_ERR_CONFIG)
  // naming the option when a value is unusable.
  static PartnerOptions read(const std::string& partnerId, const Poco::JSON::Object& options);
};

// The options text as a JSON object ("" is {}); throws gw::sdk::Error(GW_ERR_CONFIG) when it is not one.
Poco::JSON::Object::Ptr parseOptions(const std::string& optionsJson);

}  // namespace gw::kit
