#include "store/Sql.hpp"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>

#include "store/SqliteStatementCache.hpp"

namespace gw {

namespace {

void bindAll(sqlite3* connection, sqlite3_stmt* statement, const std::vector<SqlParameter>& parameters) {
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const int position = static_cast<int>(i) + 1;
    int rc = SQLITE_OK;
    if (auto* number = std::get_if<std::int64_t>(&parameters[i])) {
      rc = sqlite3_bind_int64(statement, position, *number);
    } else if (auto* value = std::get_if<std::string>(&parameters[i])) {
      rc = sqlite3_bind_text(statement, position, value->data(), static_cast<int>(value->size()), SQLITE_STATIC);
    } else {
      const std::string& bytes = std::get<SqlBlob>(parameters[i]).bytes;
      rc = sqlite3_bind_blob(statement, position, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) Poco::Data::SQLite::Utility::throwException(connection, rc);
  }
}

std::vector<SqlRow> stepAll(sqlite3* connection, sqlite3_stmt* statement) {
  std::vector<SqlRow> rows;
  for (;;) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) return rows;
    if (rc != SQLITE_ROW) Poco::Data::SQLite::Utility::throwException(connection, rc);
    SqlRow row(static_cast<std::size_t>(sqlite3_column_count(statement)));
    for (std::size_t c = 0; c < row.size(); ++c) {
      const int column = static_cast<int>(c);
      if (sqlite3_column_type(statement, column) == SQLITE_NULL) continue;
      // Text and numbers come as their text; an empty value may come as a null pointer.
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
      row[c] = bytes ? std::string(bytes, size) : std::string();
    }
    rows.push_back(std::move(row));
  }
}

// Resets a statement taken from the cache when it goes out of use, whatever happened.
struct ResetOnExit {
  sqlite3_stmt* statement;
  ~ResetOnExit() {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
  }
};

struct FinalizeOnExit {
  sqlite3_stmt* statement;
  ~FinalizeOnExit() { sqlite3_finalize(statement); }
};

std::vector<SqlRow> runOnSqlite(Poco::Data::Session& session, const std::string& sql,
                                const std::vector<SqlParameter>& parameters) {
  sqlite3* connection = Poco::Data::SQLite::Utility::dbHandle(session);
  SqliteStatementCache* cache = SqliteStatementCache::onThisThread();
  if (cache && cache->connection() == connection) {
    sqlite3_stmt* statement = cache->statement(sql);
    ResetOnExit reset{statement};
    bindAll(connection, statement, parameters);
    return stepAll(connection, statement);
  }
  sqlite3_stmt* statement = nullptr;
  const int rc = sqlite3_prepare_v2(connection, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr);
  if (rc != SQLITE_OK) Poco::Data::SQLite::Utility::throwException(connection, rc, sql);
  FinalizeOnExit finalize{statement};
  bindAll(connection, statement, parameters);
  return stepAll(connection, statement);
}

std::vector<SqlRow> runOnPoco(Poco::Data::Session& session, const std::string& sql,
                              const std::vector<SqlParameter>& parameters) {
  using Poco::Data::Keywords::bind;
  Poco::Data::Statement statement(session);
  statement << sql;
  for (const auto& parameter : parameters) {
    if (auto* number = std::get_if<std::int64_t>(&parameter))
      statement, bind(static_cast<Poco::Int64>(*number));
    else if (auto* value = std::get_if<std::string>(&parameter))
      statement, bind(*value);
    else
      statement, bind(Poco::Data::BLOB(reinterpret_cast<const unsigned char*>(std::get<SqlBlob>(parameter).bytes.data()),
                                       std::get<SqlBlob>(parameter).bytes.size()));
  }
  statement.execute();
  std::vector<SqlRow> rows;
  if (statement.columnsExtracted() == 0) return rows;
  Poco::Data::RecordSet records(statement);
  for (bool more = records.moveFirst(); more; more = records.moveNext()) {
    SqlRow row(records.columnCount());
    for (std::size_t c = 0; c < row.size(); ++c) {
      const Poco::Dynamic::Var& value = records.value(c);
      if (value.isEmpty()) continue;
      if (value.type() == typeid(Poco::Data::BLOB)) {
        const auto& blob = value.extract<Poco::Data::BLOB>();
        row[c] = std::string(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
      } else {
        row[c] = value.convert<std::string>();
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::vector<SqlRow> runSql(Database& db, Poco::Data::Session& session, const std::string& portableSql,
                           const std::vector<SqlParameter>& parameters) {
  const std::string sql = db.sql(portableSql);
  try {
    return db.backend() == StoreBackend::sqlite ? runOnSqlite(session, sql, parameters)
                                                : runOnPoco(session, sql, parameters);
  } catch (const Poco::Exception& e) {
    throw StoreError(e.displayText());
  }
}

std::string placeholders(std::size_t count) {
  std::string out;
  out.reserve(count * 3);
  for (std::size_t i = 0; i < count; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace gw
