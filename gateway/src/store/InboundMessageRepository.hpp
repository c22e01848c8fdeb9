// Rows of inbound_message: every message a hospital pushed, with its outcome and acknowledgement.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Database.hpp"

namespace gw {

struct InboundMessage {
  std::int64_t id = 0;
  std::string hospital;
  std::string messageId;
  std::string receivedAt;
  std::string contentType;
  std::string body;
  std::string bodySha256;
  std::string status;  // accepted | failed | rejected
  std::string reason;
  std::string adapter;
  std::string bundle;  // canonical FHIR JSON, when translated
  std::string ack;
  std::string ackContentType;
  std::string issues;  // an OperationOutcome: the warnings of an accepted message, the reasons of a refused one
};

class InboundMessageRepository {
 public:
  explicit InboundMessageRepository(Database& db) : db_(db) {}

  // Inserts in the caller's session (normally inside a Transaction); returns the new row id.
  std::int64_t insert(Poco::Data::Session& s, const InboundMessage& message);
  std::optional<InboundMessage> find(Poco::Data::Session& s, const std::string& hospital,
                                     const std::string& messageId);
  std::optional<InboundMessage> byId(Poco::Data::Session& s, std::int64_t id);
  // Newest first; empty `hospital` means every hospital.
  std::vector<InboundMessage> list(Poco::Data::Session& s, const std::string& status, const std::string& hospital,
                                   int limit);
  // Sets the message id (known once an adapter could read it), status, reason, adapter, bundle, ack and issues.
  void updateOutcome(Poco::Data::Session& s, const InboundMessage& message);

 private:
  Database& db_;
};

}  // namespace gw
