// Who pays for a patient's care on a date: the patient's own active coverages whose payer is a configured
// insurer (any hospital's record of the same person counts), by order; else a family plan from `memberships`
// listing the patient as a dependant (its Coverage made once); else nobody (self-pay).
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "claims/ClaimStore.hpp"
#include "config/GatewayConfig.hpp"

namespace gw {

struct Payer {
  std::string insurer;     // configured insurer id
  std::string coverage;    // Coverage id
  std::string insurerOrg;  // Organization reference used as Claim.insurer
  int order = 1;
};

struct Payers {
  std::vector<Payer> payers;  // primary first; empty: self-pay
  std::string source;         // own | family | self-pay
};

Payers payersOn(ClaimStore& store, const GatewayConfig& config, const std::string& patientRef,
                const Poco::JSON::Object::Ptr& patient, const std::string& date);

// True when the period from `from` to `to` (ISO dates or date-times; empty = open) covers the ISO `date`.
bool covers(const std::string& from, const std::string& to, const std::string& date);

}  // namespace gw
