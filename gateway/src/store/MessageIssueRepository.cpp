#include "store/MessageIssueRepository.hpp"

#include "store/Sql.hpp"

namespace gw {

void MessageIssueRepository::replace(Poco::Data::Session& s, std::int64_t messageRow, const std::string& hospital,
                                     const std::string& receivedAt, const std::vector<MessageIssue>& issues) {
  runSql(db_, s, "DELETE FROM message_issue WHERE message_row = ?", {std::int64_t{messageRow}});
  for (const MessageIssue& issue : issues) {
    runSql(db_, s,
           "INSERT INTO message_issue (message_row, hospital, received_at, severity, code, field) "
           "VALUES (?, ?, ?, ?, ?, ?)",
           {std::int64_t{messageRow}, hospital, receivedAt, issue.severity, issue.code, issue.field});
  }
}

std::vector<IssueCount> MessageIssueRepository::counts(Poco::Data::Session& s, const std::string& hospital,
                                                       const std::string& from, const std::string& to) {
  auto rows = runSql(db_, s,
                     "SELECT hospital, field, severity, code, COUNT(*), COUNT(DISTINCT message_row) FROM message_issue "
                     "WHERE (? = '' OR hospital = ?) AND (? = '' OR received_at >= ?) AND (? = '' OR received_at < ?) "
                     "GROUP BY hospital, field, severity, code ORDER BY COUNT(*) DESC, hospital, field",
                     {hospital, hospital, from, from, to, to});
  std::vector<IssueCount> out;
  for (const SqlRow& row : rows) {
    out.push_back({text(row, 0), text(row, 1), text(row, 2), text(row, 3), integer(row, 4), integer(row, 5)});
  }
  return out;
}

}  // namespace gw
