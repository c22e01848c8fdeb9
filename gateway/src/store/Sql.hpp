// One SQL statement with positional parameters, run in the caller's session: on SQLite through the
// calling thread's prepared-statement cache when it has one for that connection (the group-commit
// writer does), else prepared once; on PostgreSQL through Poco Data.
#pragma once

#include <Poco/Data/Session.h>

#include <algorithm>
#include <cstddef>
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

// "?, ?, ?": `count` placeholders for an IN list or a VALUES row.
std::string placeholders(std::size_t count);

// Runs `query(values)` for each chunk of at most 256 of `values`, each chunk padded with its last value to
// a power of two, so that IN lists of any length use a few distinct statements (the SQLite writer keeps
// every statement it prepared). Padding repeats a value, which an IN list ignores.
template <typename Query>
void forEachInList(const std::vector<std::string>& values, Query query) {
  constexpr std::size_t kChunk = 256;
  for (std::size_t from = 0; from < values.size(); from += kChunk) {
    const std::size_t to = std::min(values.size(), from + kChunk);
    std::vector<std::string> chunk(values.begin() + static_cast<std::ptrdiff_t>(from),
                                   values.begin() + static_cast<std::ptrdiff_t>(to));
    std::size_t padded = 1;
    while (padded < chunk.size()) padded *= 2;
    chunk.resize(padded, chunk.back());
    query(chunk);
  }
}

// Column `i` of `row` as text or a number; NULL gives "" or 0.
inline std::string text(const SqlRow& row, std::size_t i) { return row.at(i).value_or(""); }
inline std::int64_t integer(const SqlRow& row, std::size_t i) {
  return row.at(i) ? std::stoll(*row.at(i)) : 0;
}

}  // namespace gw
