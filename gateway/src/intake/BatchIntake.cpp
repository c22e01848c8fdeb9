#include "intake/BatchIntake.hpp"

#include "intake/Er7FallbackAck.hpp"

namespace gw {

std::string BatchOutcome::summary() const {
  return std::to_string(acks.size()) + " messages: " + std::to_string(accepted) + " AA, " + std::to_string(errors) +
         " AE, " + std::to_string(rejected) + " AR";
}

BatchOutcome receiveHl7Batch(MessageIntake& intake, const IntakeRequest& request, const GatewayConfig& config,
                             const RoutingSnapshot& routes) {
  const Hl7Batch batch = splitHl7Batch(request.body);
  BatchOutcome out;
  for (const std::string& message : batch.messages) {
    IntakeResponse answer = intake.receive({request.hospital, request.contentType, message, request.source}, config,
                                           routes);
    (answer.outcome == "AA" ? out.accepted : answer.outcome == "AR" ? out.rejected : out.errors) += 1;
    // The batch is ER7: an answer in another form (no adapter, an XML adapter) becomes the gateway's own ACK.
    const bool er7 = answer.body.rfind("MSH", 0) == 0;
    out.acks.push_back(er7 ? answer.body
                           : er7FallbackAck(message, answer.outcome == "AA" ? "AA" : answer.outcome == "AR" ? "AR" : "AE",
                                            answer.reason));
  }
  out.ackBatch = hl7BatchAck(batch, out.acks);
  return out;
}

}  // namespace gw
