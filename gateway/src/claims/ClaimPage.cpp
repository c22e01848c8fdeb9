#include "claims/ClaimPage.hpp"

#include <gw/kit/Profile.hpp>

#include <gw/kit/Text.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "common/StoreValues.hpp"
#include "store/Sql.hpp"

namespace gw {

namespace {

// How far references are followed from a Claim: Claim → Coverage → Organization is two steps.
constexpr int kDepth = 2;

// Reads a JSON string literal starting at text[i] == '"'; leaves i after its closing quote. Appends the
// decoded value to `out` when given (escapes \uXXXX as UTF-8, surrogate pairs joined).
void readString(std::string_view text, std::size_t& i, std::string* out) {
  ++i;
  while (i < text.size()) {
    const char c = text[i++];
    if (c == '"') return;
    if (c != '\\') {
      if (out) out->push_back(c);
      continue;
    }
    if (i >= text.size()) return;
    const char e = text[i++];
    if (!out) {
      if (e == 'u') i += 4;
      continue;
    }
    switch (e) {
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        auto hex = [&](std::size_t at) -> unsigned {
          unsigned v = 0;
          for (std::size_t k = at; k < at + 4 && k < text.size(); ++k) {
            const char h = text[k];
            v = v * 16 + static_cast<unsigned>(h >= '0' && h <= '9'   ? h - '0'
                                               : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                               : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                                      : 0);
          }
          return v;
        };
        unsigned code = hex(i);
        i += 4;
        if (code >= 0xD800 && code < 0xDC00 && i + 6 <= text.size() && text[i] == '\\' && text[i + 1] == 'u') {
          const unsigned low = hex(i + 2);
          if (low >= 0xDC00 && low < 0xE000) {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        if (code < 0x80) {
          out->push_back(static_cast<char>(code));
        } else if (code < 0x800) {
          out->push_back(static_cast<char>(0xC0 | (code >> 6)));
          out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
          out->push_back(static_cast<char>(0xE0 | (code >> 12)));
          out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
          out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
          out->push_back(static_cast<char>(0xF0 | (code >> 18)));
          out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
          out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
          out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
        break;
      }
      default: out->push_back(e);  // " \ /
    }
  }
}

}  // namespace

std::vector<std::string> referencesInJson(std::string_view json) {
  // One pass over the text: a string is a key when an object is open and the previous token was '{' or
  // ','; a "reference" key with a string value below the top level is a link (as ResourceRepository::linksOf).
  std::vector<std::string> out;
  std::vector<char> open;  // '{' or '['
  bool expectKey = false;
  bool referenceValue = false;  // the value being read belongs to a nested "reference" key
  std::size_t i = 0;
  while (i < json.size()) {
    const char c = json[i];
    switch (c) {
      case '{':
        open.push_back('{');
        expectKey = true;
        referenceValue = false;
        ++i;
        break;
      case '[':
        open.push_back('[');
        expectKey = false;
        referenceValue = false;
        ++i;
        break;
      case '}':
      case ']':
        if (!open.empty()) open.pop_back();
        expectKey = false;
        referenceValue = false;
        ++i;
        break;
      case ',':
        expectKey = !open.empty() && open.back() == '{';
        referenceValue = false;
        ++i;
        break;
      case ':':
        expectKey = false;
        ++i;
        break;
      case '"':
        if (expectKey) {
          std::string key;
          readString(json, i, &key);
          referenceValue = key == "reference" && open.size() >= 2;
          expectKey = false;
        } else if (referenceValue) {
          std::string target;
          readString(json, i, &target);
          if (target.find('/') != std::string::npos && target.rfind("urn:", 0) != 0) out.push_back(std::move(target));
          referenceValue = false;
        } else {
          readString(json, i, nullptr);
        }
        break;
      default:
        ++i;
    }
  }
  return out;
}

std::string claimPageBundle(Database& db, Poco::Data::Session& s, const std::string& insurer,
                            const std::vector<std::string>& claimIds) {
  const std::string at = utcTimestamp();
  const auto numbered = runSql(db, s, "INSERT INTO outbox_page (insurer, created_at) VALUES (?, ?) RETURNING page",
                               {insurer, at});
  const std::int64_t page = numbered.empty() ? 0 : integer(numbered.front(), 0);
  // Positions in multi-row inserts of at most 200 rows (3 parameters each).
  for (std::size_t from = 0; from < claimIds.size(); from += 200) {
    const std::size_t to = std::min(claimIds.size(), from + 200);
    std::string sql = "INSERT INTO outbox_page_claim (page, position, claim_id) VALUES ";
    std::vector<SqlParameter> parameters;
    for (std::size_t i = from; i < to; ++i) {
      sql += i == from ? "(?, ?, ?)" : ", (?, ?, ?)";
      parameters.push_back(page);
      parameters.push_back(static_cast<std::int64_t>(i + 1));
      parameters.push_back(claimIds[i]);
    }
    runSql(db, s, sql, parameters);
  }

  // The stored JSON of each resource goes into the page as it is (no parse, no stringify). References
  // are followed breadth first, as before: one level at a time, each level read with one query per type.
  std::string bundle = "{\"resourceType\":\"Bundle\",\"id\":";
  kit::appendJsonQuoted(bundle, newId());
  bundle += ",\"identifier\":{\"system\":";
  kit::appendJsonQuoted(bundle, kit::profile::kOutboxPageSystem);
  bundle += ",\"value\":";
  kit::appendJsonQuoted(bundle, std::to_string(page));
  bundle += "},\"type\":\"collection\",\"entry\":[";
  bool first = true;
  std::unordered_set<std::string> included;
  std::vector<std::string> level;
  for (const auto& id : claimIds) level.push_back("Claim/" + id);
  for (int depth = 0; !level.empty(); ++depth) {
    // The bodies of this level's resources, by reference.
    std::map<std::string, std::vector<std::string>> idsByType;
    for (const auto& reference : level) {
      if (included.count(reference)) continue;
      const auto slash = reference.find('/');
      idsByType[reference.substr(0, slash)].push_back(reference.substr(slash + 1));
    }
    std::unordered_map<std::string, std::string> bodies;
    for (const auto& [type, ids] : idsByType) {
      forEachInList(ids, [&](const std::vector<std::string>& chunk) {
        std::vector<SqlParameter> parameters{type};
        parameters.insert(parameters.end(), chunk.begin(), chunk.end());
        for (auto& row : runSql(db, s,
                                // CROSS JOIN: SQLite must go from the current row to its one version. From
                                // the IN list on fhir_resource it walked every version of a resource (an
                                // Organization shared by every claim has one per claim).
                                "SELECT c.id, r.body FROM fhir_current c CROSS JOIN fhir_resource r "
                                "WHERE r.resource_type = c.resource_type AND r.id = c.id AND r.version = c.version "
                                "AND c.resource_type = ? AND c.id IN (" + placeholders(chunk.size()) + ")",
                                parameters))
          bodies[type + "/" + text(row, 0)] = std::move(*row.at(1));
      });
    }
    std::vector<std::string> next;
    for (const auto& reference : level) {
      if (!included.insert(reference).second) continue;
      auto stored = bodies.find(reference);
      if (stored == bodies.end()) continue;  // the adapter names whatever a Claim needs and is missing
      bundle += first ? "{\"fullUrl\":" : ",{\"fullUrl\":";
      first = false;
      kit::appendJsonQuoted(bundle, reference);
      bundle += ",\"resource\":";
      bundle += stored->second;
      bundle += '}';
      if (depth >= kDepth) continue;
      for (auto& link : referencesInJson(stored->second))
        if (!included.count(link)) next.push_back(std::move(link));
    }
    level = std::move(next);
  }
  bundle += "]}";
  return bundle;
}

}  // namespace gw

namespace gw {

std::map<std::string, std::string> claimsAtPagePositions(Database& db, Poco::Data::Session& s,
                                                         const std::string& insurer,
                                                         const std::vector<std::string>& pagePositions) {
  std::map<std::int64_t, std::vector<std::string>> asked;  // page → the "<page>/<position>" texts that name it
  for (const auto& pagePosition : pagePositions) {
    const auto slash = pagePosition.find('/');
    if (slash == std::string::npos) continue;
    try {
      std::size_t used = 0;
      const std::int64_t page = std::stoll(pagePosition.substr(0, slash), &used);
      if (used != slash) continue;
      asked[page].push_back(pagePosition);
    } catch (const std::exception&) {
    }
  }
  std::map<std::string, std::string> found;
  for (const auto& [page, texts] : asked) {
    std::map<int, std::string> claims;  // position → claim
    for (const auto& row : runSql(db, s,
                                  "SELECT c.position, c.claim_id FROM outbox_page_claim c JOIN outbox_page p ON "
                                  "p.page = c.page WHERE c.page = ? AND p.insurer = ?",
                                  {page, insurer}))
      claims[static_cast<int>(integer(row, 0))] = text(row, 1);
    for (const auto& pagePosition : texts) {
      try {
        const auto claim = claims.find(std::stoi(pagePosition.substr(pagePosition.find('/') + 1)));
        if (claim != claims.end()) found[pagePosition] = claim->second;
      } catch (const std::exception&) {
      }
    }
  }
  return found;
}

}  // namespace gw
