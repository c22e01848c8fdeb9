// An HL7 v2 batch through the intake: each message on its own (its own transaction, outcome, idempotency and
// dead letter), answered with an acknowledgement batch. The same for every transport that takes batches.
#pragma once

#include <string>
#include <vector>

#include "intake/Hl7Batch.hpp"
#include "intake/MessageIntake.hpp"

namespace gw {

struct BatchOutcome {
  std::vector<std::string> acks;  // each message's ER7 acknowledgement, in the batch's order
  std::string ackBatch;           // the acknowledgement batch
  int accepted = 0, errors = 0, rejected = 0;  // AA (first time or repeated), AE, AR
  // "18 messages: 17 AA, 0 AE, 1 AR", for a header and the log.
  std::string summary() const;
};

// `request.body` is the whole batch.
BatchOutcome receiveHl7Batch(MessageIntake& intake, const IntakeRequest& request, const GatewayConfig& config,
                             const RoutingSnapshot& routes);

}  // namespace gw
