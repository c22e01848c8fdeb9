// Joins collected problems into one error message that fits gw_result.error.
#include "Problems.hpp"

namespace gw::fhirclaim {

namespace {
// gw_result.error holds 1024 bytes; past a few faults the partner needs the count, not the list.
constexpr std::size_t kListed = 8;
}  // namespace

void throwIfAny(const Problems& problems) {
  if (problems.empty()) return;
  std::string message;
  for (std::size_t i = 0; i < problems.size() && i < kListed; ++i) {
    if (i > 0) message += "; ";
    message += problems[i].message;
  }
  if (problems.size() > kListed) message += "; and " + std::to_string(problems.size() - kListed) + " more";
  throw gw::sdk::Error(GW_ERR_INVALID, message, problems.front().location);
}

}  // namespace gw::fhirclaim
