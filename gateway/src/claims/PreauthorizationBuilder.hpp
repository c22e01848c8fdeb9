// Builds a pre-authorisation request: a FHIR Claim with use = preauthorization for planned care (an admission
// or a surgery) at a partner hospital, with its planned services and estimated costs, addressed to the
// patient's primary insurer (Coverage.hpp), written with its claim row and put in that insurer's outbox as
// kind "preauthorization", in the caller's transaction. The insurer pulls it like claims and answers with a
// ClaimResponse (RemittanceApplier): approved with a guarantee of payment, partially approved, pended or
// denied.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/JSON/Object.h>

#include <string>

#include "claims/ClaimBuilder.hpp"
#include "config/GatewayConfig.hpp"
#include "store/Database.hpp"

namespace gw {

struct PreauthorizationResult {
  std::string id;        // the Claim id
  std::string insurer;   // configured insurer id
  std::string coverage;  // own | family
  std::int64_t totalMinor = 0;
  std::string currency;
};

class PreauthorizationBuilder {
 public:
  explicit PreauthorizationBuilder(Database& db) : db_(db) {}

  // `request` is the API body (README, "Pre-authorisation"); a request that cannot be made throws
  // ClaimBuildError naming what is wrong, and nothing is written.
  PreauthorizationResult build(Poco::Data::Session& session, const GatewayConfig& config,
                               const Poco::JSON::Object::Ptr& request);

 private:
  Database& db_;
};

}  // namespace gw
