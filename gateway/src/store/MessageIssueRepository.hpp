// Rows of message_issue: one per issue of a message's OperationOutcome (severity, code, field), so that the
// data quality of a hospital can be counted per field over a period. No values: those stay with the message.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <string>
#include <vector>

#include "store/Database.hpp"

namespace gw {

struct MessageIssue {
  std::string severity;  // warning | error | fatal | information
  std::string code;      // the OperationOutcome issue type, e.g. invalid, value, code-invalid
  std::string field;     // what the issue's expression names, e.g. PID-7; "" for the message as a whole
  std::string text;      // its diagnostics (may quote the message: never stored in message_issue, never logged)
};

struct IssueCount {
  std::string hospital, field, severity, code;
  std::int64_t issues = 0;    // how many issues
  std::int64_t messages = 0;  // in how many messages
};

class MessageIssueRepository {
 public:
  explicit MessageIssueRepository(Database& db) : db_(db) {}

  // The message's issues become `issues` (a retried message replaces what its earlier attempt had).
  void replace(Poco::Data::Session& s, std::int64_t messageRow, const std::string& hospital,
               const std::string& receivedAt, const std::vector<MessageIssue>& issues);
  // Counts per hospital, field, severity and code of messages received in [from, to) (UTC timestamps as
  // stored; "" leaves that end open); empty `hospital` means every hospital. Most frequent first.
  std::vector<IssueCount> counts(Poco::Data::Session& s, const std::string& hospital, const std::string& from,
                                 const std::string& to);

 private:
  Database& db_;
};

}  // namespace gw
