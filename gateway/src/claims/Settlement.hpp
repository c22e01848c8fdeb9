// The settlement of a hospital for a period: per payer class and currency, what was billed, what the insurers
// allowed and paid, what the patients owe, what was adjusted away, and how both the billed and the paid
// amounts split between the group and the hospital by contract. Exact: minor units, integer arithmetic.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <string>
#include <vector>

#include "store/Database.hpp"

namespace gw {

struct SettlementLine {
  std::string payerClass;  // insurer | self_pay
  std::string currency;
  std::int64_t items = 0;
  std::int64_t billed = 0;
  std::int64_t outstanding = 0;  // billed to an insurer that has not paid (or whose payment was reversed)
  std::int64_t allowed = 0;      // paid + patient responsibility, of what was adjudicated
  std::int64_t paid = 0;         // by the insurers (primary and secondary)
  std::int64_t patient = 0;      // the patients' responsibility (all of a self-pay item)
  std::int64_t adjustments = 0;  // adjudicated, neither paid nor the patient's: the insurers' adjustments
  std::int64_t groupBilled = 0, hospitalBilled = 0;  // the contract's split of what was billed
  std::int64_t groupPaid = 0, hospitalPaid = 0;      // the same split of what was actually paid
};

// Lines ordered by payer class, then currency; the columns of an insurer line always satisfy
// billed = outstanding + allowed + adjustments and allowed = paid + patient.
std::vector<SettlementLine> settlement(Database& db, Poco::Data::Session& session, const std::string& hospital,
                                       const std::string& from, const std::string& to);

// `amount` spread over `weights` in order so that the parts always add up to it: part i is the rounded share
// of the running total up to i minus that up to i − 1 (half away from zero).
std::vector<std::int64_t> apportion(std::int64_t amount, const std::vector<std::int64_t>& weights);

}  // namespace gw
