// Builds the claims of an ended encounter: resolves coverage (own policy, then a family plan, else
// self-pay), prices each unbilled charge, splits it between the group and the hospital by contract,
// and writes Claim (or Invoice) resources, claim rows and outbox entries in the caller's transaction.
#pragma once

#include <Poco/Data/Session.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "config/GatewayConfig.hpp"
#include "store/Database.hpp"

namespace gw {

// The encounter cannot be billed (the message names why); nothing was written.
class ClaimBuildError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ClaimBuildResult {
  std::string status = "billed";    // billed | already_billed (claims: the existing ones) | nothing_to_bill
  std::string coverage;             // own | family | self-pay | none (nothing billed now)
  std::vector<std::string> claims;  // Claim ids, primary first
  std::string invoice;              // Invoice id when self-pay
  int items = 0;
  std::int64_t totalMinor = 0;
  std::string currency;
};


class ClaimBuilder {
 public:
  explicit ClaimBuilder(Database& db) : db_(db) {}

  ClaimBuildResult build(Poco::Data::Session& session, const GatewayConfig& config, const std::string& encounterId);

 private:
  Database& db_;
};

}  // namespace gw
