// The fhir_claim insurer adapter: FHIR R4 claim pages out (encode), ClaimResponses in (identify,
// decode), OperationOutcome acknowledgements back (acknowledge). Read-only after construction, so the
// host may call it from many threads at once.
#pragma once

#include "ClaimPage.hpp"

#include <gw/plugin.hpp>

namespace gw::fhirclaim {

class FhirClaimAdapter : public gw::sdk::Adapter {
 public:
  static gw::sdk::AdapterInfo info();

  // Reads the partner's options; a wrong type is GW_ERR_CONFIG naming the option.
  explicit FhirClaimAdapter(const gw::sdk::Partner& partner);

  gw::sdk::Output identify(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output decode(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output encode(std::string_view canonicalJson) override;
  gw::sdk::Output acknowledge(std::string_view request, std::string_view contentType, gw_ack_outcome outcome,
                              std::string_view errorLocation, std::string_view text) override;

  const PageOptions& options() const { return options_; }

 private:
  PageOptions options_;
};

}  // namespace gw::fhirclaim
