// Applies an insurer's remittance (a Bundle of ClaimResponse, as its adapter decoded it) to the
// claims: status (accepted, paid, partially paid, denied, reversed) with amounts and reasons; the
// patient's part goes to a held secondary claim or to self-pay. Each response is applied once (the same
// response again is answered as the first time, nothing changes), and a reversal undoes exactly the
// payment it reverses (see migration 009, the ledger).
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "config/GatewayConfig.hpp"
#include "store/Database.hpp"

namespace gw {

struct RemittanceOutcome {
  std::string claimId;     // empty when the response names no claim of ours
  std::string status;      // the claim's status afterwards, or "refused"
  std::string reason;
  bool duplicate = false;  // applied before: the first answer, nothing changed this time
};

class RemittanceApplier {
 public:
  explicit RemittanceApplier(Database& db) : db_(db) {}

  // Every ClaimResponse in `bundleJson` is applied (or refused with a reason) in the caller's transaction.
  std::vector<RemittanceOutcome> apply(Poco::Data::Session& session, const std::string& insurer,
                                       const std::string& bundleJson);

 private:
  RemittanceOutcome applyOne(Poco::Data::Session& session, const std::string& insurer,
                             const Poco::JSON::Object::Ptr& response);
  Database& db_;
};

}  // namespace gw
