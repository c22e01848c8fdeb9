// Claim-side configuration: each hospital's revenue-share contract, each insurer's payer details,
// and family-plan memberships.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gw {

// "system|value", as in FHIR token searches.
struct IdentifierToken {
  std::string system;
  std::string value;
};

// The group's share of an amount, exact: millionths from the configured fraction ("0.3" → 300000).
struct Share {
  static constexpr std::int64_t kWhole = 1'000'000;
  std::int64_t perMillion = 0;
};

// A group share for the items whose code matches one of `codes` ("80*" matches by prefix).
struct ShareCategory {
  std::string name;
  std::vector<std::string> codes;
  Share groupShare;
};

// The split in force from `from` to `to` (inclusive ISO dates; `to` empty = open-ended).
struct SharePeriod {
  std::string from;
  std::string to;
  Share groupShare;  // the default: the group's share of each item's amount
  std::vector<ShareCategory> categories;
};

struct HospitalContract {
  std::string billing = "discharge";  // discharge | manual: when claims are built
  std::string currency = "CNY";
  std::vector<SharePeriod> periods;
  bool configured() const { return !periods.empty(); }
};

struct InsurerPayer {
  std::vector<IdentifierToken> identifiers;  // Organization identifiers in partner messages that mean this insurer
  std::vector<std::string> names;            // or Organization names (compared case-insensitively)
  int leaseSeconds = 300;
  int maxPage = 100;
  int ackDays = 3;  // a claim offered this long without an acknowledgement is overdue (aging report, metrics)
};

struct MembershipMember {
  IdentifierToken identifier;
  std::string relationship;  // spouse | child | parent | other (FHIR subscriber-relationship)
};

// A family plan: one member signs (the subscriber), the family is covered.
struct Membership {
  std::string plan;
  std::string insurer;  // an insurer id
  std::string policy;
  IdentifierToken subscriber;
  std::string from;
  std::string to;
  std::vector<MembershipMember> members;
};

}  // namespace gw
