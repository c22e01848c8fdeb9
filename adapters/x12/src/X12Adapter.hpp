// The x12 insurer adapter: claim pages out as 837P/837I interchanges (encode), 835 remittances and 999
// acknowledgements in as ClaimResponse Bundles (identify, decode), 999 replies back (acknowledge).
// Read-only after construction, so the host may call it from many threads at once.
#pragma once

#include "X12Options.hpp"

#include <gw/plugin.hpp>

namespace gw::x12 {

class X12Adapter : public gw::sdk::Adapter {
 public:
  static gw::sdk::AdapterInfo info();

  explicit X12Adapter(const gw::sdk::Partner& partner);

  gw::sdk::Output identify(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output decode(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output encode(std::string_view canonicalJson) override;
  gw::sdk::Output acknowledge(std::string_view request, std::string_view contentType, gw_ack_outcome outcome,
                              std::string_view errorLocation, std::string_view text) override;

  const X12Options& options() const { return options_; }

 private:
  X12Options options_;
  bool lenient_;  // the partner's validation (kit::PartnerOptions): lenient leaves an unreadable charge out
};

// The current UTC time as "CCYYMMDDHHMM", the form ISA/GS/BHT dates and times are cut from.
std::string utcStamp();

}  // namespace gw::x12
