// The append-only, hash-chained audit log: every patient-data read and write, auth failure and change.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <string>
#include <vector>

#include "store/Database.hpp"

namespace gw {

struct AuditEvent {
  AuditEvent(std::string actor_, std::string action_, std::string resource_, std::string outcome_,
             std::string detail_, std::string source_ = "")
      : actor(std::move(actor_)), action(std::move(action_)), resource(std::move(resource_)),
        outcome(std::move(outcome_)), detail(std::move(detail_)), source(std::move(source_)) {}

  std::string actor;     // "hospital:sh-intl", "admin", "group", "insurer:acme"
  std::string action;    // "message.accept", "message.reject", "auth.fail", "fhir.read", "plugin.load", …
  std::string resource;  // "Patient/123", "inbound_message/42", a plugin file; never patient names
  std::string outcome;   // "ok", "denied", "rejected", "failed"
  std::string detail;    // a short reason; no message bodies, no patient data
  std::string source;    // the client's address for requests ("127.0.0.1"); empty for the gateway's own acts
};

struct AuditVerification {
  bool intact = true;
  std::int64_t rows = 0;
  std::int64_t firstBrokenSeq = 0;  // 0 when intact
  std::string problem;
};

class AuditLog {
 public:
  AuditLog(Database& db, bool enabled) : db_(db), enabled_(enabled) {}

  // Appends inside the caller's transaction, so the audit row commits (or not) with the change it records.
  void append(Poco::Data::Session& session, const AuditEvent& event);
  // Appends `events` in order, chained, inside the caller's transaction: one read of the chain's end and one
  // multi-row insert per 100 rows (a page of pulled or acknowledged claims).
  void appendAll(Poco::Data::Session& session, const std::vector<AuditEvent>& events);
  // Appends in a transaction of its own (for events with no other write, e.g. an auth failure).
  void append(const AuditEvent& event);

  // Walks the chain in order and recomputes every hash.
  AuditVerification verify();

  // The hash of a row given the previous row's hash (exposed for tests and external verifiers).
  static std::string chainHash(const std::string& previousHash, const std::string& at, const AuditEvent& event);

 private:
  Database& db_;
  bool enabled_;
};

}  // namespace gw
