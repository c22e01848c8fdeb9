// One SQL statement with positional parameters, run in the caller's session: on SQLite through the
// calling thread's prepared-statement cache when it has one for that connection (the group-commit
// writer does), else prepared once; on PostgreSQL through Poco Data.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "store/Database.hpp"

namespace gw {

// A statement failed; the message is the database's own (Poco's what() names only the exception class).
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SqlBlob {
  std::string bytes;
};
using SqlParameter = std::variant<std::int64_t, std::string, SqlBlob>;

// A result row: each column as text (integers in decimal, blobs as their bytes); NULL is nullopt.
using SqlRow = std::vector<std::optional<std::string>>;

// Runs portable SQL (see Database::sql) with `parameters` for its `?` placeholders; returns its rows.
// Throws StoreError with the database's message.
std::vector<SqlRow> runSql(Database& db, Poco::Data::Session& session, const std::string& portableSql,
                           const std::vector<SqlParameter>& parameters = {});

// Column `i` of `row` as text or a number; NULL gives "" or 0.
inline std::string text(const SqlRow& row, std::size_t i) { return row.at(i).value_or(""); }
inline std::int64_t integer(const SqlRow& row, std::size_t i) {
  return row.at(i) ? std::stoll(*row.at(i)) : 0;
}

}  // namespace gw
