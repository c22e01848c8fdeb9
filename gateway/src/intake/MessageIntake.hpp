// Hospital message intake: the screen (in AdapterInstance), idempotency, decode, one durable transaction, then the ACK.
#pragma once

#include <cstdint>
#include <string>

#include "audit/AuditLog.hpp"
#include "config/GatewayConfig.hpp"
#include "http/Metrics.hpp"
#include "plugin/RoutingSnapshot.hpp"
#include "store/Database.hpp"
#include "store/GroupCommit.hpp"

namespace gw {

struct IntakeRequest {
  std::string hospital;  // already authenticated
  std::string contentType;
  std::string body;
  std::string source;  // the client's address, for the audit log
};

struct IntakeResponse {
  int httpStatus = 200;
  std::string contentType;
  std::string body;     // the acknowledgement in the sender's format (or a JSON error)
  std::string outcome;  // AA, AE or AR
  std::string reason;   // why, when not AA
  bool duplicate = false;
  std::int64_t messageRow = 0;  // the inbound_message row, 0 when nothing was stored
};

struct ReplayResult {
  bool found = false;
  std::string status;  // the row's status afterwards
  std::string reason;
};

class MessageIntake {
 public:
  MessageIntake(Database& db, GroupCommit& commits, AuditLog& audit, Metrics& metrics)
      : db_(db), commits_(commits), audit_(audit), metrics_(metrics) {}

  // Never throws for bad input: every outcome is an acknowledgement. A store failure is answered
  // AE with 503 and nothing is acknowledged as accepted. Each answer is counted for the hospital in
  // gateway_intake_messages_total, whichever transport brought the message.
  IntakeResponse receive(const IntakeRequest& request, const GatewayConfig& config, const RoutingSnapshot& routes);

  // Runs a stored failed message again through the hospital's current adapter.
  ReplayResult replay(std::int64_t messageRow, const GatewayConfig& config, const RoutingSnapshot& routes,
                      const std::string& actor);

 private:
  // receive() without counting (a replay is not a hospital's message).
  IntakeResponse process(const IntakeRequest& request, const GatewayConfig& config, const RoutingSnapshot& routes);

  Database& db_;
  GroupCommit& commits_;
  AuditLog& audit_;
  Metrics& metrics_;
};

}  // namespace gw
