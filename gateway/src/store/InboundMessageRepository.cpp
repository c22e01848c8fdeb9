#include "store/InboundMessageRepository.hpp"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>

namespace gw {

using Poco::Data::BLOB;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

namespace {

const char* kColumns =
    "id, hospital, message_id, received_at, content_type, body, body_sha256, status, COALESCE(reason, ''), "
    "COALESCE(adapter, ''), COALESCE(bundle, ''), ack, COALESCE(ack_content_type, '')";

BLOB toBlob(const std::string& text) { return BLOB(reinterpret_cast<const unsigned char*>(text.data()), text.size()); }
std::string fromBlob(const BLOB& blob) {
  return std::string(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
}

std::vector<InboundMessage> readRows(Poco::Data::Statement& statement) {
  std::vector<InboundMessage> out;
  statement.execute();
  Poco::Data::RecordSet rows(statement);
  for (bool more = rows.moveFirst(); more; more = rows.moveNext()) {
    InboundMessage m;
    m.id = rows.value(0).convert<Poco::Int64>();
    m.hospital = rows.value(1).convert<std::string>();
    m.messageId = rows.value(2).convert<std::string>();
    m.receivedAt = rows.value(3).convert<std::string>();
    m.contentType = rows.value(4).convert<std::string>();
    m.body = fromBlob(rows.value(5).extract<BLOB>());
    m.bodySha256 = rows.value(6).convert<std::string>();
    m.status = rows.value(7).convert<std::string>();
    m.reason = rows.value(8).convert<std::string>();
    m.adapter = rows.value(9).convert<std::string>();
    m.bundle = rows.value(10).convert<std::string>();
    if (!rows.value(11).isEmpty()) m.ack = fromBlob(rows.value(11).extract<BLOB>());
    m.ackContentType = rows.value(12).convert<std::string>();
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

std::int64_t InboundMessageRepository::insert(Poco::Data::Session& s, const InboundMessage& m) {
  InboundMessage copy = m;
  BLOB body = toBlob(m.body);
  BLOB ack = toBlob(m.ack);
  Poco::Int64 id = 0;
  s << db_.sql(
           "INSERT INTO inbound_message (hospital, message_id, received_at, content_type, body, body_sha256, status, "
           "reason, adapter, bundle, ack, ack_content_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
      use(copy.hospital), use(copy.messageId), use(copy.receivedAt), use(copy.contentType), use(body),
      use(copy.bodySha256), use(copy.status), use(copy.reason), use(copy.adapter), use(copy.bundle), use(ack),
      use(copy.ackContentType), into(id), now;
  return id;
}

std::optional<InboundMessage> InboundMessageRepository::find(Poco::Data::Session& s, const std::string& hospital,
                                                             const std::string& messageId) {
  std::string h = hospital, m = messageId;
  Poco::Data::Statement statement(s);
  statement << db_.sql(std::string("SELECT ") + kColumns +
                       " FROM inbound_message WHERE hospital = ? AND message_id = ?"),
      use(h), use(m);
  auto rows = readRows(statement);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<InboundMessage> InboundMessageRepository::byId(Poco::Data::Session& s, std::int64_t id) {
  Poco::Int64 key = id;
  Poco::Data::Statement statement(s);
  statement << db_.sql(std::string("SELECT ") + kColumns + " FROM inbound_message WHERE id = ?"), use(key);
  auto rows = readRows(statement);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<InboundMessage> InboundMessageRepository::list(Poco::Data::Session& s, const std::string& status,
                                                           const std::string& hospital, int limit) {
  std::string st = status, h = hospital;
  int n = limit;
  Poco::Data::Statement statement(s);
  statement << db_.sql(std::string("SELECT ") + kColumns +
                       " FROM inbound_message WHERE status = ? AND (? = '' OR hospital = ?) ORDER BY id DESC LIMIT ?"),
      use(st), use(h), use(h), use(n);
  return readRows(statement);
}

void InboundMessageRepository::updateOutcome(Poco::Data::Session& s, const InboundMessage& m) {
  InboundMessage copy = m;
  BLOB ack = toBlob(m.ack);
  Poco::Int64 id = m.id;
  s << db_.sql("UPDATE inbound_message SET message_id = ?, status = ?, reason = ?, adapter = ?, bundle = ?, ack = ?, "
               "ack_content_type = ? WHERE id = ?"),
      use(copy.messageId), use(copy.status), use(copy.reason), use(copy.adapter), use(copy.bundle), use(ack),
      use(copy.ackContentType), use(id), now;
}

}  // namespace gw
