#include "store/InboundMessageRepository.hpp"

#include "store/Sql.hpp"

namespace gw {

namespace {

const char* kColumns =
    "id, hospital, message_id, received_at, content_type, body, body_sha256, status, COALESCE(reason, ''), "
    "COALESCE(adapter, ''), COALESCE(bundle, ''), ack, COALESCE(ack_content_type, ''), COALESCE(issues, '')";

std::vector<InboundMessage> messagesOf(const std::vector<SqlRow>& rows) {
  std::vector<InboundMessage> out;
  out.reserve(rows.size());
  for (const SqlRow& row : rows) {
    InboundMessage m;
    m.id = integer(row, 0);
    m.hospital = text(row, 1);
    m.messageId = text(row, 2);
    m.receivedAt = text(row, 3);
    m.contentType = text(row, 4);
    m.body = text(row, 5);
    m.bodySha256 = text(row, 6);
    m.status = text(row, 7);
    m.reason = text(row, 8);
    m.adapter = text(row, 9);
    m.bundle = text(row, 10);
    m.ack = text(row, 11);
    m.ackContentType = text(row, 12);
    m.issues = text(row, 13);
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<InboundMessage> first(std::vector<InboundMessage> messages) {
  if (messages.empty()) return std::nullopt;
  return std::move(messages.front());
}

}  // namespace

std::int64_t InboundMessageRepository::insert(Poco::Data::Session& s, const InboundMessage& m) {
  auto rows = runSql(db_, s,
                     "INSERT INTO inbound_message (hospital, message_id, received_at, content_type, body, body_sha256, "
                     "status, reason, adapter, bundle, ack, ack_content_type, issues) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     {m.hospital, m.messageId, m.receivedAt, m.contentType, SqlBlob{m.body}, m.bodySha256, m.status,
                      m.reason, m.adapter, m.bundle, SqlBlob{m.ack}, m.ackContentType, m.issues});
  return integer(rows.at(0), 0);
}

std::optional<InboundMessage> InboundMessageRepository::find(Poco::Data::Session& s, const std::string& hospital,
                                                             const std::string& messageId) {
  return first(messagesOf(runSql(db_, s,
                                 std::string("SELECT ") + kColumns +
                                     " FROM inbound_message WHERE hospital = ? AND message_id = ?",
                                 {hospital, messageId})));
}

std::optional<InboundMessage> InboundMessageRepository::byId(Poco::Data::Session& s, std::int64_t id) {
  return first(messagesOf(
      runSql(db_, s, std::string("SELECT ") + kColumns + " FROM inbound_message WHERE id = ?", {std::int64_t{id}})));
}

std::vector<InboundMessage> InboundMessageRepository::list(Poco::Data::Session& s, const std::string& status,
                                                           const std::string& hospital, int limit) {
  return messagesOf(runSql(
      db_, s,
      std::string("SELECT ") + kColumns +
          " FROM inbound_message WHERE status = ? AND (? = '' OR hospital = ?) ORDER BY id DESC LIMIT ?",
      {status, hospital, hospital, std::int64_t{limit}}));
}

void InboundMessageRepository::updateOutcome(Poco::Data::Session& s, const InboundMessage& m) {
  runSql(db_, s,
         "UPDATE inbound_message SET message_id = ?, status = ?, reason = ?, adapter = ?, bundle = ?, ack = ?, "
         "ack_content_type = ?, issues = ? WHERE id = ?",
         {m.messageId, m.status, m.reason, m.adapter, m.bundle, SqlBlob{m.ack}, m.ackContentType, m.issues,
          std::int64_t{m.id}});
}

}  // namespace gw
