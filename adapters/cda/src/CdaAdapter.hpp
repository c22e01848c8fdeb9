// CdaAdapter.hpp: the "cda" hospital adapter: Chinese hospital-platform HL7 v3 interactions, WS/T 500
// CDA documents and C-CDA documents in, one FHIR R4 transaction Bundle out, and the HL7 v3
// MCCI_IN000002UV01 acknowledgement. XML is parsed only through gw::kit::HardenedXml.
#pragma once

#include "PartnerOptions.hpp"

#include <gw/plugin.hpp>

#include <string_view>

namespace gw::cda {

class CdaAdapter : public gw::sdk::Adapter {
 public:
  static gw::sdk::AdapterInfo info();
  explicit CdaAdapter(const gw::sdk::Partner& partner);

  gw::sdk::Output identify(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output decode(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output acknowledge(std::string_view request, std::string_view contentType, gw_ack_outcome outcome,
                              std::string_view errorLocation, std::string_view text) override;
  // ABI 1.1: answers from the ids decode kept (no second parse) and lists an accepted message's warnings
  // as acknowledgementDetail of typeCode W.
  gw::sdk::Output acknowledgeReply(const gw::sdk::AckRequest& request) override;

 private:
  PartnerOptions options_;
};

}  // namespace gw::cda
