#include "intake/MessageIntake.hpp"

#include <Poco/Data/DataException.h>
#include <Poco/Logger.h>

#include "claims/DischargeBilling.hpp"
#include "common/ReasonText.hpp"
#include "common/StoreValues.hpp"
#include "http/ApiKey.hpp"
#include "intake/BundleWriter.hpp"
#include "intake/OperationOutcomeText.hpp"
#include "store/InboundMessageRepository.hpp"
#include "store/MessageIssueRepository.hpp"

namespace gw {

namespace {


const char* outcomeCode(gw_ack_outcome outcome) {
  return outcome == GW_ACK_ACCEPT ? "AA" : outcome == GW_ACK_ERROR ? "AE" : "AR";
}

// The HTTP status that goes with an adapter's failure status.
int httpStatusFor(gw_status status) {
  switch (status) {
    case GW_ERR_INVALID: return 400;
    case GW_ERR_UNSUPPORTED: return 422;
    default: return 500;
  }
}

std::string jsonError(const std::string& code, const std::string& message) {
  std::string escaped;
  for (char c : message) {
    if (c == '"' || c == '\\') escaped += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) escaped += c;
  }
  return R"({"error":{"code":")" + code + R"(","message":")" + escaped + R"("}})";
}

// The OperationOutcome issue type of a refusal answered with this HTTP status.
const char* issueCodeFor(int httpStatus) {
  switch (httpStatus) {
    case 400: return "invalid";
    case 403: return "forbidden";
    case 409: return "duplicate";
    case 413: return "too-costly";
    case 422: return "not-supported";
    default: return httpStatus >= 500 ? "transient" : "processing";
  }
}

bool isUniqueViolation(const std::exception& e) {
  const std::string text = e.what();
  return text.find("UNIQUE") != std::string::npos || text.find("unique") != std::string::npos ||
         text.find("duplicate key") != std::string::npos;
}

}  // namespace

IntakeResponse MessageIntake::receive(const IntakeRequest& request, const GatewayConfig& config,
                                      const RoutingSnapshot& routes) {
  IntakeResponse response = process(request, config, routes);
  metrics_.observeMessage(request.hospital, response.duplicate ? "duplicate" : response.outcome);
  return response;
}

IntakeResponse MessageIntake::process(const IntakeRequest& request, const GatewayConfig& config,
                                      const RoutingSnapshot& routes) {
  Poco::Logger& log = Poco::Logger::get("gateway.intake");
  const std::string actor = "hospital:" + request.hospital;
  InboundMessageRepository messages(db_);
  IntakeResponse response;

  InboundMessage row;
  row.hospital = request.hospital;
  row.receivedAt = utcTimestamp();
  row.contentType = request.contentType;
  row.body = request.body;
  row.bodySha256 = sha256Hex(request.body);
  row.messageId = "sha256:" + row.bodySha256;  // until the adapter names the sender's id

  std::shared_ptr<const AdapterInstance> adapter = routes.partner(request.hospital);
  AdapterCallResult decoded;  // what the adapter made of the message (its reply and warnings included)
  std::string refusedField;   // where the message is wrong, for the stored OperationOutcome

  // The acknowledgement for an outcome, through the adapter when there is one. `request` is empty
  // when the bytes must not be parsed again (refused by the screen).
  // What an adapter or the screen says about the message quotes its values: those reasons go through
  // withoutValues before they reach the acknowledgement, the dead letter, the audit log and the logs.
  auto acknowledge = [&](gw_ack_outcome outcome, const std::string& location, const std::string& text,
                         int httpStatus, bool parseable) {
    response.outcome = outcomeCode(outcome);
    response.reason = text;
    response.httpStatus = httpStatus;
    refusedField = location;
    if (adapter) {
      // An accepted message's acknowledgement carries the warnings decode reported (ABI 1.1).
      AdapterCallResult ack = adapter->acknowledge(parseable ? std::string_view(request.body) : std::string_view(),
                                                   request.contentType, outcome, location, text,
                                                   parseable ? std::string_view(decoded.reply) : std::string_view(),
                                                   outcome == GW_ACK_ACCEPT ? std::string_view(decoded.issues)
                                                                            : std::string_view());
      if (ack.ok()) {
        response.body = ack.output;
        response.contentType = ack.contentType.empty() ? request.contentType : ack.contentType;
        return;
      }
      log.warning("%s: the adapter could not acknowledge (%s)", request.hospital, withoutValues(ack.error));
    }
    response.contentType = "application/json";
    response.body = jsonError(response.outcome == "AR" ? "rejected" : "error", text);
  };

  // Keeps a message that was not accepted, so that an operator can see and replay it, with an
  // OperationOutcome of why: the adapter's own list of problems, else the reason answered.
  auto keep = [&](const std::string& status) {
    row.status = status;
    row.reason = response.reason;
    row.adapter = adapter ? adapter->adapterName() + " " + adapter->adapterVersion() : "";
    row.ack = response.body;
    row.ackContentType = response.contentType;
    row.issues = !decoded.ok() && !decoded.issues.empty()
                     ? decoded.issues
                     : operationOutcome("error", issueCodeFor(response.httpStatus), refusedField, response.reason);
    try {
      commits_.run([&](Poco::Data::Session& s) {
        auto existing = messages.find(s, row.hospital, row.messageId);
        if (existing && existing->status == "accepted") return;  // never overwrite an accepted message
        if (existing) {
          row.id = existing->id;
          messages.updateOutcome(s, row);
        } else {
          row.id = messages.insert(s, row);
        }
        MessageIssueRepository(db_).replace(s, row.id, row.hospital, row.receivedAt, issuesOf(row.issues));
        audit_.append(s, {actor, "message." + status, "inbound_message/" + std::to_string(row.id),
                          status == "rejected" ? "rejected" : "failed", response.reason, request.source});
      });
      response.messageRow = row.id;
    } catch (const std::exception& e) {
      db_.countError();
      log.error("%s: could not keep a %s message: %s", request.hospital, status, std::string(e.what()));
    }
  };

  if (!adapter) {
    acknowledge(GW_ACK_ERROR, "", "hospital '" + request.hospital + "' cannot be served now: " +
                                      routes.unroutedReason(request.hospital), 503, false);
    keep("failed");
    return response;
  }

  // Decoded first (behind the host's screen of partner bytes): a decode names the sender's message id, so
  // a message that decodes needs no identify call (another parse of the whole message). One that does not
  // decode is identified on its own, so a repeat of a settled message still gets its original answer below.
  // The adapter's worker crashed or hung on the message (twice: a poison message, not run again), or the
  // plugin is quarantined: AE, kept as a dead letter with why. The answer is written without the message,
  // which is what broke the adapter.
  auto workerFailed = [&](const AdapterCallResult& call) {
    if (call.workerFault.empty()) return false;
    acknowledge(GW_ACK_ERROR, "", "the adapter could not process the message: " + call.workerFault,
                call.workerUnavailable ? 503 : 500, false);
    keep("failed");
    return true;
  };
  decoded = adapter->decode(request.body, request.contentType);
  if (workerFailed(decoded)) return response;
  if (decoded.screenedOut) {
    acknowledge(GW_ACK_REJECT, "", withoutValues(decoded.error), 400, false);
    keep("rejected");
    return response;
  }
  if (decoded.ok() && !decoded.messageId.empty()) {
    row.messageId = decoded.messageId;
  } else {
    AdapterCallResult identity = adapter->identify(request.body, request.contentType);
    if (workerFailed(identity)) return response;
    if (!identity.ok() && identity.status != GW_ERR_UNSUPPORTED) {
      // The envelope itself cannot be read (no message id, no type): the message is rejected as a whole.
      acknowledge(GW_ACK_REJECT, identity.errorLocation, withoutValues(identity.error), httpStatusFor(identity.status),
                  true);
      keep("rejected");
      return response;
    }
    if (!identity.messageId.empty()) row.messageId = identity.messageId;
    if (decoded.reply.empty()) decoded.reply = identity.reply;
  }

  // Idempotency: a repeat of a settled message gets its original acknowledgement, and nothing is written.
  auto settled = [&](const InboundMessage& earlier) -> bool {
    if (earlier.status == "failed") return false;  // retried: process again
    response.duplicate = true;
    response.messageRow = earlier.id;
    if (earlier.bodySha256 != row.bodySha256) {
      acknowledge(GW_ACK_REJECT, "", "message id '" + row.messageId + "' was already used for different content",
                  409, true);
      audit_.append({actor, "message.reject", "inbound_message/" + std::to_string(earlier.id), "rejected",
                     "message id reused with different content", request.source});
      return true;
    }
    response.outcome = earlier.status == "accepted" ? "AA" : "AR";
    response.reason = earlier.reason;
    response.httpStatus = earlier.status == "accepted" ? 200 : 422;
    response.body = earlier.ack;
    response.contentType = earlier.ackContentType;
    return true;
  };
  {
    Poco::Data::Session s = db_.session();
    if (auto earlier = messages.find(s, row.hospital, row.messageId); earlier && settled(*earlier)) return response;
  }

  if (!decoded.ok()) {
    const bool unsupported = decoded.status == GW_ERR_UNSUPPORTED;
    acknowledge(unsupported ? GW_ACK_REJECT : GW_ACK_ERROR, decoded.errorLocation, withoutValues(decoded.error),
                httpStatusFor(decoded.status), true);
    keep(unsupported ? "rejected" : "failed");
    return response;
  }

  acknowledge(GW_ACK_ACCEPT, "", "", 200, true);
  row.status = "accepted";
  row.adapter = adapter->adapterName() + " " + adapter->adapterVersion();
  row.bundle = decoded.output;
  row.ack = response.body;
  row.ackContentType = response.contentType;
  row.issues = decoded.issues;
  // Thrown inside the shared transaction when a concurrent duplicate settled the same message first.
  struct AlreadySettled {};
  try {
    // Parsing and checking the Bundle needs no store: done here, the shared writer only writes.
    PreparedBundle bundle =
        BundleWriter::prepare(decoded.output, request.hospital, config.practitioners, IdentifierOwnership(config),
                              config.server.maxResourcesPerMessage);
    const auto issues = issuesOf(row.issues);
    BundleWriteResult written;
    commits_.run([&](Poco::Data::Session& s) {
      auto earlier = messages.find(s, row.hospital, row.messageId);
      if (earlier && earlier->status != "failed") throw AlreadySettled{};
      // The same bytes kept earlier before their id could be read (no adapter then): settle that row.
      if (!earlier) earlier = messages.find(s, row.hospital, "sha256:" + row.bodySha256);
      if (earlier && earlier->status == "accepted") earlier.reset();
      if (earlier) {
        row.id = earlier->id;  // a failed earlier attempt: this one settles it
        messages.updateOutcome(s, row);
      } else {
        row.id = messages.insert(s, row);
      }
      written = BundleWriter(db_).write(s, std::move(bundle), row.id);
      MessageIssueRepository(db_).replace(s, row.id, row.hospital, row.receivedAt, issues);
      std::string detail = std::to_string(written.resources.size()) + " resources";
      if (!issues.empty()) detail += ", " + std::to_string(issues.size()) + " warnings";
      if (!written.unmappedPractitioners.empty())
        detail += ", " + std::to_string(written.unmappedPractitioners.size()) + " unmapped practitioners";
      audit_.append(s, {actor, "message.accept", "inbound_message/" + std::to_string(row.id), "ok", detail,
                        request.source});
      billEndedEncounters(db_, s, config, request.hospital, written, audit_);
    });
    response.messageRow = row.id;
    return response;
  } catch (const AlreadySettled&) {
    Poco::Data::Session s = db_.session();
    if (auto earlier = messages.find(s, row.hospital, row.messageId); earlier && settled(*earlier)) return response;
    acknowledge(GW_ACK_ERROR, "", "the message changed state while it was being stored; send it again", 503, true);
    return response;
  } catch (const BundleTooLarge& e) {
    acknowledge(GW_ACK_REJECT, "", e.what(), 413, true);
    keep("rejected");
    return response;
  } catch (const OwnershipError& e) {
    // Not the sender's record: refused for good, whatever it retries.
    acknowledge(GW_ACK_REJECT, "", e.what(), 403, true);
    keep("rejected");
    return response;
  } catch (const BundleError& e) {
    acknowledge(GW_ACK_ERROR, "", "the adapter's output cannot be stored: " + withoutValues(e.what()), 500, true);
    keep("failed");
    return response;
  } catch (const std::exception& e) {
    if (isUniqueViolation(e)) {
      // A concurrent duplicate in another gateway committed first: answer as a repeat of it.
      Poco::Data::Session s = db_.session();
      if (auto earlier = messages.find(s, row.hospital, row.messageId); earlier && settled(*earlier)) return response;
    }
    db_.countError();
    log.error("%s: store failure, message not accepted: %s", request.hospital, std::string(e.what()));
    acknowledge(GW_ACK_ERROR, "", "the gateway could not store the message; send it again later", 503, true);
    response.messageRow = 0;
    return response;
  }
}

ReplayResult MessageIntake::replay(std::int64_t messageRow, const GatewayConfig& config,
                                   const RoutingSnapshot& routes, const std::string& actor) {
  ReplayResult result;
  InboundMessageRepository messages(db_);
  std::optional<InboundMessage> stored;
  {
    Poco::Data::Session s = db_.session();
    stored = messages.byId(s, messageRow);
  }
  if (!stored) return result;
  result.found = true;
  if (stored->status == "accepted") {
    result.status = "accepted";
    result.reason = "already accepted; nothing to replay";
    return result;
  }
  IntakeRequest request{stored->hospital, stored->contentType, stored->body, ""};
  // The same path as a hospital's retry: a failed row is processed again and settled in place.
  if (stored->status == "rejected") {
    stored->status = "failed";
    commits_.run([&](Poco::Data::Session& s) { messages.updateOutcome(s, *stored); });
  }
  IntakeResponse response = process(request, config, routes);
  audit_.append({actor, "message.replay", "inbound_message/" + std::to_string(messageRow),
                 response.outcome == "AA" ? "ok" : "failed", response.reason});
  Poco::Data::Session s = db_.session();
  auto after = messages.byId(s, messageRow);
  result.status = after ? after->status : "unknown";
  result.reason = response.reason;
  return result;
}

}  // namespace gw
