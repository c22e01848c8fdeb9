#include "config/ClaimsConfigReader.hpp"

#include <gw/kit/Money.hpp>

#include <regex>

namespace gw {

namespace {

bool isIsoDate(const std::string& text) {
  static const std::regex date("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$");
  return std::regex_match(text, date);
}

std::optional<std::string> date(YamlReader& r, const YAML::Node& map, const std::string& path, const std::string& key,
                                bool required) {
  auto value = r.text(map, path, key, required);
  if (value && !isIsoDate(*value)) {
    r.error(map[key], YamlReader::join(path, key), "must be a date YYYY-MM-DD, got '" + *value + "'");
    return std::nullopt;
  }
  return value;
}

std::optional<Share> share(YamlReader& r, const YAML::Node& map, const std::string& path, const std::string& key) {
  auto value = r.text(map, path, key, true);
  if (!value) return std::nullopt;
  // Read exactly, as millionths: a share is money's multiplier, so never a binary fraction.
  auto perMillion = kit::minorUnits(std::string_view(*value), 6);
  if (perMillion && *perMillion >= 0 && *perMillion <= Share::kWhole) return Share{*perMillion};
  r.error(map[key], YamlReader::join(path, key),
          "must be a fraction from 0 to 1 with at most six decimals (the group's share), got '" + *value + "'");
  return std::nullopt;
}

std::optional<IdentifierToken> token(YamlReader& r, const YAML::Node& node, const std::string& path) {
  auto value = r.scalar(node, path);
  if (!value) return std::nullopt;
  auto bar = value->find('|');
  if (bar == std::string::npos || bar == 0 || bar + 1 == value->size()) {
    r.error(node, path, "must be system|value, got '" + *value + "'");
    return std::nullopt;
  }
  return IdentifierToken{value->substr(0, bar), value->substr(bar + 1)};
}

}  // namespace

void readContract(YamlReader& r, const YAML::Node& node, const std::string& path, HospitalContract& out) {
  if (!r.mapping(node, path, {"billing", "currency", "shares"})) return;
  if (auto v = r.choice(node, path, "billing", false, {"discharge", "manual"})) out.billing = *v;
  if (auto v = r.text(node, path, "currency", false)) {
    if (std::regex_match(*v, std::regex("^[A-Z]{3}$")))
      out.currency = *v;
    else
      r.error(node["currency"], path + ".currency", "must be an ISO 4217 code such as CNY, got '" + *v + "'");
  }
  YAML::Node shares = node["shares"];
  const std::string sp = path + ".shares";
  if (!shares.IsDefined()) {
    r.error(node, sp, "required key is missing");
    return;
  }
  if (!r.sequence(shares, sp)) return;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const std::string p = sp + "[" + std::to_string(i) + "]";
    if (!r.mapping(shares[i], p, {"from", "to", "group", "categories"})) continue;
    SharePeriod period;
    if (auto v = date(r, shares[i], p, "from", true)) period.from = *v;
    if (auto v = date(r, shares[i], p, "to", false)) period.to = *v;
    if (!period.to.empty() && period.to < period.from) r.error(shares[i]["to"], p + ".to", "ends before it starts");
    if (auto v = share(r, shares[i], p, "group")) period.groupShare = *v;
    if (YAML::Node categories = shares[i]["categories"]; categories.IsDefined() && r.sequence(categories, p + ".categories")) {
      for (std::size_t j = 0; j < categories.size(); ++j) {
        const std::string cp = p + ".categories[" + std::to_string(j) + "]";
        if (!r.mapping(categories[j], cp, {"name", "codes", "group"})) continue;
        ShareCategory category;
        if (auto v = r.text(categories[j], cp, "name", true)) category.name = *v;
        if (auto v = share(r, categories[j], cp, "group")) category.groupShare = *v;
        YAML::Node codes = categories[j]["codes"];
        if (!codes.IsDefined()) {
          r.error(categories[j], cp + ".codes", "required key is missing");
        } else if (r.sequence(codes, cp + ".codes")) {
          for (std::size_t k = 0; k < codes.size(); ++k)
            if (auto v = r.scalar(codes[k], cp + ".codes[" + std::to_string(k) + "]")) category.codes.push_back(*v);
        }
        period.categories.push_back(category);
      }
    }
    for (const auto& earlier : out.periods) {
      bool overlaps = (earlier.to.empty() || period.from <= earlier.to) && (period.to.empty() || earlier.from <= period.to);
      if (overlaps) r.error(shares[i], p, "overlaps the period from " + earlier.from);
    }
    out.periods.push_back(period);
  }
}

void readPayer(YamlReader& r, const YAML::Node& node, const std::string& path, InsurerPayer& out) {
  if (!r.mapping(node, path, {"identifiers", "names", "lease_seconds", "max_page", "ack_days"})) return;
  if (YAML::Node ids = node["identifiers"]; ids.IsDefined() && r.sequence(ids, path + ".identifiers"))
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (auto t = token(r, ids[i], path + ".identifiers[" + std::to_string(i) + "]")) out.identifiers.push_back(*t);
  if (YAML::Node names = node["names"]; names.IsDefined() && r.sequence(names, path + ".names"))
    for (std::size_t i = 0; i < names.size(); ++i)
      if (auto v = r.scalar(names[i], path + ".names[" + std::to_string(i) + "]")) out.names.push_back(*v);
  if (out.identifiers.empty() && out.names.empty())
    r.error(node, path, "needs identifiers or names to recognise this insurer in hospital messages");
  if (auto v = r.integer(node, path, "lease_seconds", false, 1, 86400)) out.leaseSeconds = static_cast<int>(*v);
  if (auto v = r.integer(node, path, "max_page", false, 1, 10000)) out.maxPage = static_cast<int>(*v);
  if (auto v = r.integer(node, path, "ack_days", false, 1, 365)) out.ackDays = static_cast<int>(*v);
}

void readMemberships(YamlReader& r, const YAML::Node& node, const std::set<std::string>& insurers,
                     std::vector<Membership>& out) {
  if (!r.sequence(node, "memberships")) return;
  std::set<std::string> plans;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string p = "memberships[" + std::to_string(i) + "]";
    const YAML::Node entry = node[i];
    if (!r.mapping(entry, p, {"plan", "insurer", "policy", "subscriber", "from", "to", "members"})) continue;
    Membership m;
    if (auto v = r.text(entry, p, "plan", true)) {
      if (!plans.insert(*v).second) r.error(entry["plan"], p + ".plan", "plan '" + *v + "' is listed twice");
      m.plan = *v;
    }
    if (auto v = r.text(entry, p, "insurer", true)) {
      if (!insurers.count(*v)) r.error(entry["insurer"], p + ".insurer", "no insurer has id '" + *v + "'");
      m.insurer = *v;
    }
    if (auto v = r.text(entry, p, "policy", true)) m.policy = *v;
    if (entry["subscriber"].IsDefined()) {
      if (auto t = token(r, entry["subscriber"], p + ".subscriber")) m.subscriber = *t;
    } else {
      r.error(entry, p + ".subscriber", "required key is missing");
    }
    if (auto v = date(r, entry, p, "from", true)) m.from = *v;
    if (auto v = date(r, entry, p, "to", false)) m.to = *v;
    YAML::Node members = entry["members"];
    if (!members.IsDefined()) {
      r.error(entry, p + ".members", "required key is missing");
    } else if (r.sequence(members, p + ".members")) {
      for (std::size_t j = 0; j < members.size(); ++j) {
        const std::string mp = p + ".members[" + std::to_string(j) + "]";
        if (!r.mapping(members[j], mp, {"identifier", "relationship"})) continue;
        MembershipMember member;
        if (members[j]["identifier"].IsDefined()) {
          if (auto t = token(r, members[j]["identifier"], mp + ".identifier")) member.identifier = *t;
        } else {
          r.error(members[j], mp + ".identifier", "required key is missing");
        }
        if (auto v = r.choice(members[j], mp, "relationship", true, {"spouse", "child", "parent", "common", "other"}))
          member.relationship = *v;
        m.members.push_back(member);
      }
    }
    out.push_back(m);
  }
}

}  // namespace gw
