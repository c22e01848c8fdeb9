// FieldLimitLookup.cpp: which version's table serves a message, and the lookup in it (see FieldLimits.hpp).
#include "FieldLimits.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace gw::hl7v2 {

namespace {

using Number = std::array<int, 3>;  // 2.5.1 → {2, 5, 1}; 2.5 → {2, 5, 0}

// The leading dotted numbers of `text` (at most three); false when it does not start with a digit.
bool versionNumber(const std::string& text, Number& out) {
  out = {0, 0, 0};
  std::size_t i = 0;
  for (std::size_t part = 0; part < out.size(); ++part) {
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return part > 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
      out[part] = std::min(out[part] * 10 + (text[i++] - '0'), 999);
    if (i >= text.size() || text[i] != '.') return true;
    ++i;
  }
  return true;
}

const generated::VersionTable* tableFor(const std::string& version) {
  using generated::kVersionTableCount;
  using generated::kVersionTables;
  Number wanted;
  if (!versionNumber(version, wanted)) wanted = {2, 5, 0};
  const generated::VersionTable* chosen = &kVersionTables[0];  // older than every table: the oldest
  for (std::size_t i = 0; i < kVersionTableCount; ++i) {
    Number known;
    versionNumber(kVersionTables[i].version, known);
    if (known <= wanted) chosen = &kVersionTables[i];
  }
  return chosen;
}

}  // namespace

std::string limitsVersion(const std::string& version) { return tableFor(version)->version; }

const FieldLimit* fieldLimit(const std::string& version, const std::string& segment, int field) {
  const generated::VersionTable* table = tableFor(version);
  const FieldLimit* end = table->rows + table->count;
  const FieldLimit* found = std::lower_bound(table->rows, end, std::make_pair(segment.c_str(), field),
                                             [](const FieldLimit& row, const std::pair<const char*, int>& key) {
                                               int order = std::strcmp(row.segment, key.first);
                                               return order < 0 || (order == 0 && row.field < key.second);
                                             });
  if (found == end || segment != found->segment || found->field != field) return nullptr;
  return found;
}

}  // namespace gw::hl7v2
